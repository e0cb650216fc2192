// Issue 15 in the editor: last year's report of an open report is found among the open documents
// and the report files beside it (or in the workspace), and its changes re-check this year's.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { schemaErrors, TABLES_METHOD, TABLES_RESULT, type TablesResult } from '../../protocol/src';
import { ROOT, SEED_DIR, seeds, TestClient } from './harness';

const WEB = join(ROOT, 'test', 'fixtures', 'web-text');
/** The 平潭 web copies with the title the page shows above the article. */
const P2023 = '平潭综合实验区2023年度政府信息公开工作年度报告\n' + readFileSync(join(WEB, 'pingtan_2023.webcopy.txt'), 'utf8');
const P2024 = '平潭综合实验区2024年度政府信息公开工作年度报告\n' + readFileSync(join(WEB, 'pingtan_2024.webcopy.txt'), 'utf8');
/** 2023's 行政规范性文件 in force so that 2024's 440 follows (411 + 62 − 33). */
const P2023_FIXED = P2023.replace('行政规范性文件\t77\t132\t470', '行政规范性文件\t77\t132\t411');

const STOCK = 'stock-continuity';
const has = (p: PublishDiagnosticsParams, code: string) => p.diagnostics.some((d) => d.code === code);

describe('last year\'s report (cross-year rules in the server)', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(async () => {
    await client.stop();
  });

  test('both open: 2024 is compared with 2023; editing 2023 updates 2024\'s diagnostics', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'govreport-lastyear-'));
    const u2023 = pathToFileURL(join(dir, 'a.txt')).href;
    const u2024 = pathToFileURL(join(dir, 'b.txt')).href;
    await client.open(u2023, P2023);
    const first = client.next<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === u2024 && has(p, STOCK));
    await client.open(u2024, P2024);
    const d = (await first).diagnostics.find((x) => x.code === STOCK)!;
    // The status and the outline name the report taken as last year's.
    const status = await client.conn.sendRequest<Record<string, unknown>>('govreport/validate', { uri: u2024 });
    assert.deepEqual([status.lastYear, status.lastYearUri, status.lastYearLabel], ['found', u2023, 'a.txt']);
    const symbols = await client.conn.sendRequest<{ name: string; detail?: string }[]>('textDocument/documentSymbol', { textDocument: { uri: u2024 } });
    assert.deepEqual([symbols[0].name, symbols[0].detail], ['上年报告：a.txt', '跨年度检查的对照']);
    // The table view's cells carry last year's values: 行政规范性文件 现行有效 470 → 440.
    const tables = await client.conn.sendRequest<TablesResult>(TABLES_METHOD, { uri: u2024 });
    assert.deepEqual(schemaErrors(tables, TABLES_RESULT), []);
    assert.equal(tables.lastYear, 'a.txt');
    const inForce = tables.tables.flatMap((t) => t.rows.flat()).find((c) => c.key === 't2/b1/normative/in_force')!;
    assert.deepEqual([inForce.text, inForce.previous, inForce.change], ['440', '470', -30]);
    // Named by its file name (no workspace folder here); the related information has its URI.
    assert.equal(d.message, '行政规范性文件现行有效件数为 440，但上年报告（a.txt）现行有效 470 + 本年制发 62 − 本年废止 33 = 499');
    // Related information: last year's cell, in last year's document.
    assert.equal(d.relatedInformation![0].location.uri, u2023);
    assert.equal(d.relatedInformation![0].location.range.start.line, 18);
    // Last year's report corrected: this year's warning goes, without touching this year's.
    const fixed = client.next<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === u2024 && !has(p, STOCK));
    await client.change(u2023, P2023_FIXED);
    await fixed;
    // And back.
    const again = client.next<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === u2024 && has(p, STOCK));
    await client.change(u2023, P2023);
    await again;
    await client.close(u2024);
    await client.close(u2023);
  });

  test('last year\'s report on disk, not open: found beside this year\'s; a change on disk is followed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'govreport-lastyear-'));
    writeFileSync(join(dir, 'pingtan-2023.txt'), P2023);
    const u2023 = pathToFileURL(join(dir, 'pingtan-2023.txt')).href;
    const u2024 = pathToFileURL(join(dir, 'pingtan-2024.txt')).href;
    const found = client.next<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === u2024 && has(p, STOCK));
    await client.open(u2024, P2024);
    assert.equal((await found).diagnostics.find((x) => x.code === STOCK)!.relatedInformation![0].location.uri, u2023);
    writeFileSync(join(dir, 'pingtan-2023.txt'), P2023_FIXED);
    const fixed = client.next<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === u2024 && !has(p, STOCK));
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: u2023, type: 2 }] });
    await fixed;
    await client.close(u2024);
  });

  test('none found: the status says so; govreport.lastYear.folders restricts the search on disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'govreport-lastyear-'));
    mkdirSync(join(dir, 'old'));
    // 2023 beside 2024 (found there without the setting, as the test above shows).
    writeFileSync(join(dir, 'pingtan-2023.txt'), P2023);
    const u2024 = pathToFileURL(join(dir, 'pingtan-2024.txt')).href;
    // Only old/ is searched: the 2023 beside it is not taken.
    const only = await TestClient.start({ settings: { lastYear: { folders: [join(dir, 'old')] } } });
    try {
      const none = only.next<{ uri: string; lastYear: string }>('govreport/status', (p) => p.uri === u2024 && p.lastYear === 'none');
      await only.open(u2024, P2024);
      await none;
      const symbols = await only.conn.sendRequest<{ name: string }[]>('textDocument/documentSymbol', { textDocument: { uri: u2024 } });
      assert.equal(symbols[0].name, '未找到上年报告');
      // Put into old/: found there (the watcher tells the server).
      writeFileSync(join(dir, 'old', 'pingtan-2023.txt'), P2023);
      const u2023 = pathToFileURL(join(dir, 'old', 'pingtan-2023.txt')).href;
      const found = only.next<{ uri: string; lastYear: string; lastYearUri: string }>('govreport/status', (p) => p.uri === u2024 && p.lastYear === 'found');
      await only.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: u2023, type: 1 }] });
      assert.equal((await found).lastYearUri, u2023);
    } finally {
      await only.stop();
    }
  });

  test('while the index is built, or last year\'s file is read again, the outline, status and findings keep the answer', async (t) => {
    // VS Code keeps a document's outline per version: an outline answered "looking for last
    // year's report" stayed so until the document was edited, while the status and the findings
    // went on to name the report found (the e2e run, after its workspace suite deleted 3,000 files).
    const dir = mkdtempSync(join(tmpdir(), 'govreport-lastyear-'));
    writeFileSync(join(dir, 'pingtan-2023.txt'), P2023);
    // Many other bodies' reports beside it: the index takes a while to build.
    const others: string[] = [];
    for (let k = 0; k < 2000; k++) {
      const file = join(dir, `other-${k}.txt`);
      writeFileSync(file, `示例县第${k}镇人民政府2023年政府信息公开工作年度报告\n`);
      others.push(file);
    }
    const u2023 = pathToFileURL(join(dir, 'pingtan-2023.txt')).href;
    const u2024 = pathToFileURL(join(dir, 'pingtan-2024.txt')).href;
    const named = ['上年报告：pingtan-2023.txt', '跨年度检查的对照'];
    // A server of its own: the other tests' folders indexed would hold other pingtan-2023.txt.
    const client = await TestClient.start();
    t.after(() => client.stop());
    const outline = async () => {
      const symbols = await client.conn.sendRequest<{ name: string; detail?: string }[]>('textDocument/documentSymbol', { textDocument: { uri: u2024 } });
      return [symbols[0].name, symbols[0].detail];
    };
    // Asked at once, while the index is being built: answered when the search is over.
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: u2024, languageId: 'govreport', version: 1, text: P2024 } });
    assert.deepEqual(await outline(), named);
    const found = await client.conn.sendRequest<Record<string, unknown>>('govreport/validate', { uri: u2024 });
    assert.deepEqual([found.lastYear, found.lastYearUri], ['found', u2023]);

    // The other files deleted, and last year's touched on disk (saved as it was): the index and
    // the file are read again; meanwhile every answer is the one before, never "searching".
    const from = client.published.length;
    for (const f of others) rmSync(f);
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [...others.map((f) => ({ uri: pathToFileURL(f).href, type: 3 })), { uri: u2023, type: 2 }],
    });
    assert.deepEqual(await outline(), named);
    const during = await client.conn.sendRequest<Record<string, unknown>>('govreport/validate', { uri: u2024 });
    assert.deepEqual([during.lastYear, during.lastYearUri, during.warnings], ['found', u2023, found.warnings]);
    const line = P2024.split('\n').findIndex((l) => l.startsWith('行政规范性文件\t'));
    const position = { line, character: P2024.split('\n')[line].lastIndexOf('\t') + 1 };
    const hover = await client.conn.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: u2024 }, position });
    assert.match(hover?.contents.value ?? '', /上年（pingtan-2023\.txt）/);

    // Then changed on disk for real: the answer changes once it is read (2024's warning goes),
    // and no diagnostics of 2024 went without it before.
    writeFileSync(join(dir, 'pingtan-2023.txt'), P2023_FIXED);
    const fixed = client.next<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === u2024 && !has(p, STOCK));
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: u2023, type: 2 }] });
    const at = client.published.length;
    await fixed;
    assert.deepEqual(client.published.slice(from, at).filter((p) => p.uri === u2024 && !has(p, STOCK)).length, 0);
    assert.deepEqual(await outline(), named);
  });

  test('govreport.lastYear.enable false: no cross-year findings', async () => {
    const off = await TestClient.start({ settings: { lastYear: { enable: false } } });
    try {
      const dir = mkdtempSync(join(tmpdir(), 'govreport-lastyear-'));
      const u2023 = pathToFileURL(join(dir, 'a.txt')).href;
      const u2024 = pathToFileURL(join(dir, 'b.txt')).href;
      await off.open(u2023, P2023);
      const diags = await off.open(u2024, P2024);
      assert.equal(diags.some((x) => x.code === STOCK), false);
      // Nothing comes later either: a validation of something else settles first.
      const status = await off.conn.sendRequest<Record<string, unknown>>('govreport/validate', { uri: u2024 });
      assert.equal(status.warnings, 0);
      assert.deepEqual([status.lastYear, status.lastYearUri], ['off', null]);
    } finally {
      await off.stop();
    }
  });

  test('a workspace of many files: its index is read by the worker threads, last year\'s found as on the main thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'govreport-lastyear-'));
    // Enough report files for the workspace check's threads (and other bodies' reports, not taken).
    const others = seeds().map((f) => readFileSync(join(SEED_DIR, f), 'utf8'));
    for (let k = 0; k < 120; k++) writeFileSync(join(dir, `other-${String(k).padStart(3, '0')}.txt`), others[k % others.length]);
    writeFileSync(join(dir, 'pingtan-2023.txt'), P2023);
    const u2023 = pathToFileURL(join(dir, 'pingtan-2023.txt')).href;
    const u2024 = pathToFileURL(join(dir, 'pingtan-2024.txt')).href;
    /** `threads`: GOVREPORT_WORKSPACE_THREADS (undefined: as many as the server chooses). */
    const found = async (threads: string | undefined) => {
      const saved = process.env.GOVREPORT_WORKSPACE_THREADS;
      if (threads === undefined) delete process.env.GOVREPORT_WORKSPACE_THREADS;
      else process.env.GOVREPORT_WORKSPACE_THREADS = threads;
      let c: TestClient;
      try {
        // No idle warm-up: threads running are the index's.
        c = await TestClient.start({ workspaceFolders: [pathToFileURL(dir).href], settings: { workspace: { warmUp: false } } });
      } finally {
        if (saved === undefined) delete process.env.GOVREPORT_WORKSPACE_THREADS;
        else process.env.GOVREPORT_WORKSPACE_THREADS = saved;
      }
      try {
        const status = c.next<{ uri: string; lastYear: string; lastYearUri: string }>('govreport/status', (p) => p.uri === u2024 && p.lastYear === 'found');
        await c.open(u2024, P2024);
        const uri = (await status).lastYearUri;
        const stats = await c.conn.sendRequest<{ workspaceWorkers: number }>('govreport/debug/stats');
        return { uri, workers: stats.workspaceWorkers };
      } finally {
        await c.stop();
      }
    };
    try {
      const workers = await found(undefined);
      assert.equal(workers.uri, u2023);
      assert.ok(workers.workers >= 1, 'the index started the worker threads');
      const alone = await found('0');
      assert.deepEqual(alone, { uri: u2023, workers: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
