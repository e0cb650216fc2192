// govreport/validateWorkspace (issue 18): the server lists, reads and checks a folder's reports
// itself; its answer fits its schema; $/progress on the client's token; $/cancelRequest stops the
// work; a covered file closed gets its on-disk findings back; changes on disk
// (workspace/didChangeWatchedFiles) are checked again, one file at a time, a folder deleted with
// the files under it; PDFs are checked as Open as Report checks them; a client that asks for it
// gets the diagnostics in batches (govreport/diagnosticsBatch).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { ErrorCodes, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { check } from '../../core/src';
import { DIAGNOSTICS_BATCH_PARAMS, publishedUriOf, READ_PUBLISHED_REQUEST, schemaErrors, VALIDATE_WORKSPACE_METHOD, VALIDATE_WORKSPACE_RESULT, type ValidateWorkspaceResult } from '../../protocol/src';
import { ROOT, seedPath, seeds, TestClient } from './harness';

const SEED_DIR = join(ROOT, 'test', 'fixtures', 'seeds');
const WRONG_TOTAL = readFileSync(join(ROOT, 'test', 'e2e', 'workspace', 'wrong-total.report.txt'), 'utf8');
const SEED0 = readFileSync(seedPath('000'), 'utf8');
const FILE_CHANGED = 2;
const FILE_CREATED = 1;
const FILE_DELETED = 3;

/** A folder: every seed, a GB18030 copy of wrong-total, a note, a binary .txt, an excluded folder. */
function makeFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'govreport-ws-'));
  for (const name of seeds()) writeFileSync(join(dir, name), readFileSync(join(SEED_DIR, name)));
  // wrong-total.report.txt saved as GB18030 under a plain name: read only if decoded and detected.
  writeFileSync(join(dir, 'gb.txt'), readFileSync(join(ROOT, 'test', 'e2e', 'workspace', 'gb18030-2021.txt')));
  writeFileSync(join(dir, 'notes.txt'), '会议纪要\n这不是年报。\n');
  writeFileSync(join(dir, 'binary.txt'), Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0, 7]));
  mkdirSync(join(dir, 'archive'));
  writeFileSync(join(dir, 'archive', 'old.report.txt'), SEED0);
  mkdirSync(join(dir, 'node_modules'));
  writeFileSync(join(dir, 'node_modules', 'x.report.txt'), SEED0);
  return dir;
}

const uriOf = (dir: string, ...parts: string[]) => pathToFileURL(join(dir, ...parts)).href;

describe('govreport/validateWorkspace', () => {
  let client: TestClient;
  let dir: string;
  before(async () => {
    dir = makeFolder();
    client = await TestClient.start({ initializationOptions: { locale: 'en' } });
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const validate = (params: Record<string, unknown>) => client.conn.sendRequest<ValidateWorkspaceResult>(VALIDATE_WORKSPACE_METHOD, params);

  test('checks every report of the folder as the CLI reads it; skips what it cannot read, with why', async () => {
    const from = client.published.length;
    const result = await validate({ folders: [pathToFileURL(dir).href], exclude: '**/archive/**', workDoneToken: 'ws-1' });
    const published = new Map(client.published.slice(from).map((p) => [p.uri, p]));
    assert.deepEqual(schemaErrors(result, VALIDATE_WORKSPACE_RESULT), []);
    // The seeds and gb.txt; not notes.txt (not a report), binary.txt (skipped), archive/ (excluded), node_modules/.
    assert.equal(result.reports, seeds().length + 1);
    assert.equal(result.files, seeds().length + 3);
    assert.equal(result.cancelled, false);
    assert.deepEqual(result.skipped.map((s) => [s.uri, s.reason]), [[uriOf(dir, 'binary.txt'), 'binary']]);
    // The counts are the engine's (as the CLI counts them), and each file's diagnostics were pushed.
    let errors = 0;
    let warnings = 0;
    let infos = 0;
    for (const name of seeds()) {
      const f = check(readFileSync(join(SEED_DIR, name), 'utf8')).findings;
      errors += f.filter((x) => x.severity === 'error').length;
      warnings += f.filter((x) => x.severity === 'warning').length;
      infos += f.filter((x) => x.severity === 'information' || x.severity === 'hint').length;
      assert.equal(published.get(uriOf(dir, name))?.diagnostics.length, f.length, name);
    }
    const gb = published.get(uriOf(dir, 'gb.txt'))!.diagnostics;
    assert.ok(gb.some((d) => d.code === 'sum-mismatch'));
    assert.ok(gb.some((d) => d.code === 'file-encoding' && /GB18030/.test(String(d.message))));
    assert.equal(result.errors, errors + gb.filter((d) => d.severity === 1).length);
    assert.equal(result.warnings, warnings + gb.filter((d) => d.severity === 2).length);
    assert.equal(result.infos, infos + gb.filter((d) => d.severity === 3 || d.severity === 4).length);
    assert.ok(!published.has(uriOf(dir, 'notes.txt')));
    assert.ok(!published.has(uriOf(dir, 'archive', 'old.report.txt')));
    assert.ok(!published.has(uriOf(dir, 'node_modules', 'x.report.txt')));
    // $/progress on the client's token: begin … end.
    const kinds = client.progress.filter((p) => p.token === 'ws-1').map((p) => p.value.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds[kinds.length - 1], 'end');
    // The skipped file is named in the log, with its reason.
    assert.ok(client.logs.some((l) => l.includes('binary.txt') && /binary/.test(l)), client.logs.join('\n'));
  });

  test('bad parameters are InvalidParams', async () => {
    await assert.rejects(validate({ folders: 'x' }), (e: { code: number }) => e.code === ErrorCodes.InvalidParams);
    await assert.rejects(validate({ folders: [], extra: 1 }), (e: { code: number }) => e.code === ErrorCodes.InvalidParams);
  });

  test('a covered file closed in the editor gets its on-disk findings back, not nothing', async () => {
    const uri = uriOf(dir, 'gb.txt');
    // Opened with the text fixed in the editor (not saved): its own validation shows no sum-mismatch.
    const diags = await client.open(uri, WRONG_TOTAL.replace('2\t1\t0\t1\t5\t', '2\t1\t0\t1\t4\t'));
    assert.ok(!diags.some((d) => d.code === 'sum-mismatch'));
    const back = client.next<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === uri);
    await client.close(uri);
    const p = await back;
    assert.ok(p.diagnostics.some((d) => d.code === 'sum-mismatch'), JSON.stringify(p.diagnostics.map((d) => d.code)));
  });

  test('changes on disk: a changed file gets fresh findings, a deleted one none, a created one is checked', async () => {
    const seed = seeds()[0];
    const changedUri = uriOf(dir, seed);
    writeFileSync(join(dir, seed), WRONG_TOTAL);
    const fresh = client.next<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === changedUri && p.diagnostics.some((d) => d.code === 'sum-mismatch'));
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: changedUri, type: FILE_CHANGED }] });
    await fresh;

    const created = uriOf(dir, 'new.report.txt');
    writeFileSync(join(dir, 'new.report.txt'), WRONG_TOTAL);
    const checked = client.next<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === created && p.diagnostics.length > 0);
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: created, type: FILE_CREATED }] });
    await checked;

    // Excluded by the last check's globs: not checked (the next publication is of the deletion below).
    writeFileSync(join(dir, 'archive', 'new.report.txt'), WRONG_TOTAL);
    rmSync(join(dir, 'new.report.txt'));
    const cleared = client.next<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === created || p.uri.includes('archive'));
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: uriOf(dir, 'archive', 'new.report.txt'), type: FILE_CREATED },
        { uri: created, type: FILE_DELETED },
      ],
    });
    const p = await cleared;
    assert.equal(p.uri, created);
    assert.deepEqual(p.diagnostics, []);
  });

  test('$/cancelRequest stops the work: the answer says cancelled, with the files done so far', async () => {
    // A folder large enough to take many slices of work (hundreds of ms even with warm workers).
    const N = 1000;
    const big = mkdtempSync(join(tmpdir(), 'govreport-ws-big-'));
    try {
      for (let k = 0; k < N; k++) writeFileSync(join(big, `r${String(k).padStart(4, '0')}.txt`), SEED0);
      const token = 'ws-cancel';
      const { CancellationTokenSource } = await import('vscode-languageserver-protocol/node');
      const source = new CancellationTokenSource();
      // Cancelled once the work has begun (a progress report, kept to a few a second, need not
      // come before a fast machine is done).
      const begun = client.next<{ token: string; value: { kind: string } }>('$/progress', (p) => p.token === token && p.value.kind === 'begin', 30_000);
      const answer = client.conn.sendRequest<ValidateWorkspaceResult>(VALIDATE_WORKSPACE_METHOD, { folders: [pathToFileURL(big).href], workDoneToken: token }, source.token);
      await begun;
      source.cancel();
      const result = await answer;
      assert.equal(result.cancelled, true);
      assert.ok(result.reports < N, `${result.reports} reports`);
      assert.equal(client.progress.filter((p) => p.token === token).at(-1)?.value.kind, 'end');
    } finally {
      rmSync(big, { recursive: true, force: true });
    }
  });
});

describe('govreport/validateWorkspace: batches, published files, folders deleted', () => {
  let client: TestClient;
  let dir: string;
  const batches: { items: { uri: string; diagnostics: { code?: unknown; message: string; severity?: number }[] }[] }[] = [];
  const listeners: ((p: (typeof batches)[number]) => void)[] = [];
  /** The next batch that holds `uri`. */
  const nextBatchOf = (uri: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no batch with ${uri} within 30 s`)), 30_000);
      const l = (p: (typeof batches)[number]) => {
        if (!p.items.some((i) => i.uri === uri)) return;
        listeners.splice(listeners.indexOf(l), 1);
        clearTimeout(timer);
        resolve();
      };
      listeners.push(l);
    });
  /** Each file's latest diagnostics as the batches gave them. */
  const latest = () => new Map(batches.flatMap((b) => b.items).map((i) => [i.uri, i.diagnostics]));
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'govreport-ws-pub-'));
    mkdirSync(join(dir, 'texts', 'deep'), { recursive: true });
    writeFileSync(join(dir, 'texts', 'a.txt'), WRONG_TOTAL);
    writeFileSync(join(dir, 'texts', 'deep', 'b.txt'), WRONG_TOTAL);
    const pdfs = join(ROOT, 'test', 'fixtures', 'published');
    for (const name of ['generated-2021-changed.pdf', 'huaian_szf_2024.pdf', 'generated-encrypted.pdf']) writeFileSync(join(dir, name), readFileSync(join(pdfs, name)));
    writeFileSync(join(dir, 'old.doc'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    client = await TestClient.start({ initializationOptions: { locale: 'en', diagnosticsBatch: true } });
    client.conn.onNotification('govreport/diagnosticsBatch', (p: (typeof batches)[number]) => {
      batches.push(p);
      for (const l of [...listeners]) l(p);
    });
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a client that takes batches gets the diagnostics in batches, not a publication a file', async () => {
    const from = client.published.length;
    const result = await client.conn.sendRequest<ValidateWorkspaceResult>(VALIDATE_WORKSPACE_METHOD, { folders: [pathToFileURL(dir).href] });
    assert.equal(client.published.length, from, 'no publishDiagnostics for the workspace files');
    assert.ok(batches.length >= 1 && batches.length < result.reports, `${batches.length} batches for ${result.reports} reports`);
    for (const b of batches) assert.deepEqual(schemaErrors(b, DIAGNOSTICS_BATCH_PARAMS), []);
    const got = latest();
    for (const name of ['a.txt', 'deep/b.txt']) assert.ok(got.get(uriOf(dir, 'texts', name))?.some((d) => d.code === 'sum-mismatch'), name);
  });

  test('run again, a file changed on disk meanwhile: only its diagnostics are sent again', async () => {
    await client.conn.sendRequest(VALIDATE_WORKSPACE_METHOD, { folders: [pathToFileURL(dir).href] });
    const a = uriOf(dir, 'texts', 'a.txt');
    const from = batches.length;
    const again = await client.conn.sendRequest<ValidateWorkspaceResult>(VALIDATE_WORKSPACE_METHOD, { folders: [pathToFileURL(dir).href] });
    assert.equal(again.reports, 4);
    assert.deepEqual(batches.slice(from).flatMap((b) => b.items.map((i) => i.uri)), [], 'the client holds them already');
    try {
      writeFileSync(join(dir, 'texts', 'a.txt'), SEED0);
      const changed = batches.length;
      await client.conn.sendRequest(VALIDATE_WORKSPACE_METHOD, { folders: [pathToFileURL(dir).href] });
      const sent = batches.slice(changed).flatMap((b) => b.items);
      assert.deepEqual(sent.map((i) => i.uri), [a]);
      assert.ok(!sent[0].diagnostics.some((d) => d.code === 'sum-mismatch'));
    } finally {
      writeFileSync(join(dir, 'texts', 'a.txt'), WRONG_TOTAL);
      // Sent again: the client holds a.txt's diagnostics as on disk.
      const restored = batches.length;
      await client.conn.sendRequest(VALIDATE_WORKSPACE_METHOD, { folders: [pathToFileURL(dir).href] });
      assert.deepEqual(batches.slice(restored).flatMap((b) => b.items.map((i) => i.uri)), [a]);
    }
  });

  test('PDFs are checked as Open as Report checks them, their diagnostics on the read-only document', async () => {
    const result = await client.conn.sendRequest<ValidateWorkspaceResult>(VALIDATE_WORKSPACE_METHOD, { folders: [pathToFileURL(dir).href] });
    // Two texts, two PDFs; the encrypted PDF (unreadable, as the CLI says) and the .doc (a format
    // not read) skipped, with why.
    assert.equal(result.reports, 4, JSON.stringify(result));
    assert.deepEqual(result.skipped.map((s) => [s.uri.slice(s.uri.lastIndexOf('/') + 1), s.reason]).sort(), [['generated-encrypted.pdf', 'unreadable'], ['old.doc', 'unsupported-format']]);
    assert.ok(result.skipped.some((s) => /password/.test(s.message)), JSON.stringify(result.skipped));
    const changed = uriOf(dir, 'generated-2021-changed.pdf');
    const doc = publishedUriOf(changed)!;
    const inWorkspace = latest().get(doc);
    assert.ok(inWorkspace, `no diagnostics for ${doc}`);
    assert.ok(!latest().has(changed), 'nothing on the PDF file itself');
    // The one changed number, located in the PDF (page 2); the real 淮安 report checks clean.
    const sums = inWorkspace.filter((d) => d.code === 'sum-mismatch');
    assert.equal(sums.length, 1, JSON.stringify(inWorkspace.map((d) => d.code)));
    assert.ok(sums.every((d) => /page 2/.test(d.message)), sums.map((d) => d.message).join('\n'));
    assert.deepEqual(latest().get(publishedUriOf(uriOf(dir, 'huaian_szf_2024.pdf'))!), []);
    // The same as the document opened as a report shows (no last year's report to differ by).
    const read = await client.conn.sendRequest<{ text: string }>(READ_PUBLISHED_REQUEST.method, { uri: doc });
    const own = await client.open(doc, read.text);
    assert.deepEqual(inWorkspace.map((d) => [d.code, d.message]), own.map((d) => [d.code, d.message]));
    await client.close(doc);
  });

  test('a folder deleted on disk takes the results of the files under it', async () => {
    await client.conn.sendRequest(VALIDATE_WORKSPACE_METHOD, { folders: [pathToFileURL(dir).href] });
    const a = uriOf(dir, 'texts', 'a.txt');
    const b = uriOf(dir, 'texts', 'deep', 'b.txt');
    assert.ok(latest().get(a)!.length > 0 && latest().get(b)!.length > 0);
    rmSync(join(dir, 'texts'), { recursive: true });
    // The watcher tells of the folder alone.
    const cleared = nextBatchOf(b);
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(dir, 'texts'), type: FILE_DELETED }] });
    await cleared;
    assert.deepEqual(latest().get(a), []);
    assert.deepEqual(latest().get(b), []);
    // The PDFs under the folder's parent keep theirs.
    assert.ok(latest().get(publishedUriOf(uriOf(dir, 'generated-2021-changed.pdf'))!)!.length > 0);
  });
});

describe('govreport/validateWorkspace on worker threads', () => {
  /** Every seed, GB18030 text, and two reports of one body a year apart (last year's text goes along). */
  let dir: string;
  before(() => {
    dir = makeFolder();
    for (const y of ['2023', '2024']) writeFileSync(join(dir, `pingtan_${y}.txt`), readFileSync(join(ROOT, 'test', 'fixtures', 'web-text', `pingtan_${y}.webcopy.txt`)));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** A server started with `env`: the run's answer, each file's diagnostics, its live workers after. */
  async function runWith(env: Record<string, string>) {
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    let client: TestClient;
    try {
      client = await TestClient.start({ initializationOptions: { locale: 'en' } });
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
    try {
      const result = await client.conn.sendRequest<ValidateWorkspaceResult>(VALIDATE_WORKSPACE_METHOD, { folders: [pathToFileURL(dir).href], exclude: '**/archive/**' });
      const diagnostics = new Map(client.published.map((p) => [p.uri, p.diagnostics]));
      const stats = await client.conn.sendRequest<{ workspaceWorkers: number }>('govreport/debug/stats');
      return { result: { ...result, elapsedMs: 0 }, diagnostics, workers: stats.workspaceWorkers };
    } finally {
      await client.stop();
    }
  }

  test('the same results with workers as on the main thread alone; a worker that dies loses no file', async () => {
    const alone = await runWith({ GOVREPORT_WORKSPACE_THREADS: '0' });
    assert.equal(alone.workers, 0);
    assert.equal(alone.result.reports, seeds().length + 3);
    // Last year's report was read (paired by name: these web copies have no title): 平潭 2024
    // has its real stock-continuity break.
    assert.ok(alone.diagnostics.get(uriOf(dir, 'pingtan_2024.txt'))?.some((d) => d.code === 'stock-continuity'));
    const workers = await runWith({ GOVREPORT_WORKSPACE_THREADS: '2' });
    assert.equal(workers.workers, 2);
    assert.deepEqual(workers.result, alone.result);
    assert.deepEqual(workers.diagnostics, alone.diagnostics);
    // Each worker dies when given the task that holds pingtan_2024 (reading it, then checking it):
    // both are gone after the run, and every file was checked all the same (here).
    const dying = await runWith({ GOVREPORT_WORKSPACE_THREADS: '2', GOVREPORT_TEST_WORKER_DIE_ON: 'pingtan_2024' });
    assert.equal(dying.workers, 0);
    assert.deepEqual(dying.result, alone.result);
    assert.deepEqual(dying.diagnostics, alone.diagnostics);
  });
});

describe('the workers of the workspace check, started and warmed up while idle after the start', () => {
  /** debug/stats once the warm-up has decided (polled: it runs on its own after the start). */
  async function decided(client: TestClient): Promise<{ workspaceWorkers: number; workspacePrewarmed: boolean | null }> {
    const t0 = Date.now();
    for (;;) {
      const stats = await client.conn.sendRequest<{ workspaceWorkers: number; workspacePrewarmed: boolean | null }>('govreport/debug/stats');
      if (stats.workspacePrewarmed !== null) return stats;
      if (Date.now() - t0 > 60_000) throw new Error('no warm-up decided within 60 s');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  test('in a folder of enough text files: warm workers, which the check then uses', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'govreport-ws-warm-'));
    for (let k = 0; k < 120; k++) writeFileSync(join(dir, `r${String(k).padStart(3, '0')}.txt`), k === 7 ? WRONG_TOTAL : SEED0);
    const client = await TestClient.start({ initializationOptions: { locale: 'en' }, workspaceFolders: [pathToFileURL(dir).href] });
    try {
      const stats = await decided(client);
      assert.equal(stats.workspacePrewarmed, true);
      assert.ok(stats.workspaceWorkers >= 1);
      const from = client.published.length;
      const result = await client.conn.sendRequest<ValidateWorkspaceResult>(VALIDATE_WORKSPACE_METHOD, { folders: [pathToFileURL(dir).href] });
      assert.equal(result.reports, 120);
      const wrong = client.published.slice(from).find((p) => p.uri === uriOf(dir, 'r007.txt'));
      assert.ok(wrong?.diagnostics.some((d) => d.code === 'sum-mismatch'));
    } finally {
      await client.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  /** A folder of `files` copies of a seed, the server started on it with `settings`: no worker started, none warmed. */
  async function noneStarted(files: number, settings?: Record<string, unknown>): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), 'govreport-ws-warm-'));
    for (let k = 0; k < files; k++) writeFileSync(join(dir, `r${String(k).padStart(3, '0')}.txt`), SEED0);
    const client = await TestClient.start({ initializationOptions: { locale: 'en' }, workspaceFolders: [pathToFileURL(dir).href], ...(settings ? { settings } : {}) });
    try {
      const stats = await decided(client);
      assert.equal(stats.workspacePrewarmed, false);
      assert.equal(stats.workspaceWorkers, 0);
    } finally {
      await client.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }

  test('govreport.workspace.warmUp off: none started, in a folder of enough files', () => noneStarted(120, { workspace: { warmUp: false } }));

  test('in a folder of a few files: none started', () => noneStarted(5));
});
