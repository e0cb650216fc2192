// LSP conventions beyond push: pull diagnostics (textDocument/diagnostic) for clients that
// declare them, $/progress for long work, window/logMessage for files not checked.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ClientCapabilities, Diagnostic, DocumentDiagnosticReport, FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol/node';
import { brokenReport } from './broken';
import { CAPABILITIES, fileUri, seedText, TestClient } from './harness';

const PULL: ClientCapabilities = {
  ...CAPABILITIES,
  window: { workDoneProgress: true },
  workspace: { ...CAPABILITIES.workspace, diagnostics: { refreshSupport: true } },
  textDocument: { ...CAPABILITIES.textDocument, diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } },
};

function pull(client: TestClient, uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
  return client.conn.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri }, previousResultId });
}

function full(r: DocumentDiagnosticReport): FullDocumentDiagnosticReport {
  assert.equal(r.kind, 'full', JSON.stringify(r).slice(0, 200));
  return r as FullDocumentDiagnosticReport;
}

/** The diagnostics a push client gets for `text` as version `version` of `uri` (a server of its own). */
async function pushedFor(uri: string, text: string, version = 1): Promise<Diagnostic[]> {
  const push = await TestClient.start();
  try {
    return await push.open(uri, text, version);
  } finally {
    await push.stop();
  }
}

describe('pull diagnostics', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ capabilities: PULL });
  });
  after(async () => {
    await client.stop();
  });

  test('offered to a client that declares them; not to one that does not', async () => {
    assert.deepEqual(client.initializeResult?.capabilities.diagnosticProvider, { identifier: 'govreport', interFileDependencies: false, workspaceDiagnostics: true });
    const push = await TestClient.start();
    try {
      assert.equal(push.initializeResult?.capabilities.diagnosticProvider, undefined);
    } finally {
      await push.stop();
    }
  });

  test('a pull answers what a push carries, and nothing is pushed for the open document', async () => {
    const uri = fileUri('pull-broken.txt');
    const text = brokenReport();
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'govreport', version: 1, text } });
    const first = full(await pull(client, uri));
    const reference = await pushedFor(uri, text);
    assert.ok(reference.some((d) => d.code === 'sum-mismatch'));
    assert.deepEqual(first.items, reference);
    assert.ok(first.resultId);
    // Nothing pushed for it: a push would have left before the pull's answer.
    await client.conn.sendRequest('govreport/debug/stats');
    assert.deepEqual(
      client.published.filter((p) => p.uri === uri),
      [],
    );
    // The status item still hears about it.
    assert.ok(client.statuses.some((s) => s.uri === uri && s.errors === 1));

    // Same version, same settings: unchanged.
    assert.deepEqual(await pull(client, uri, first.resultId), { kind: 'unchanged', resultId: first.resultId });

    // A change: the next pull answers the new version's diagnostics.
    const fixed = text.replace('\t0\t0\t0\t0\t0\t0\t5', '\t0\t0\t0\t0\t0\t0\t0');
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    const second = full(await pull(client, uri, first.resultId));
    assert.notEqual(second.resultId, first.resultId);
    assert.deepEqual(second.items, await pushedFor(uri, fixed, 2));
    assert.ok(!second.items.some((d) => d.code === 'sum-mismatch'));
    await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });

  test('validate.run onSave: a pull keeps the last validation until a save, which asks for a refresh', async () => {
    const uri = fileUri('pull-onsave.txt');
    client.perUri.set(uri, { validate: { run: 'onSave' } });
    const text = brokenReport();
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'govreport', version: 1, text } });
    const opened = full(await pull(client, uri));
    assert.ok(opened.items.some((d) => d.code === 'sum-mismatch'));
    const fixed = text.replace('\t0\t0\t0\t0\t0\t0\t5', '\t0\t0\t0\t0\t0\t0\t0');
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    assert.deepEqual(await pull(client, uri, opened.resultId), { kind: 'unchanged', resultId: opened.resultId });
    const refreshed = client.next('workspace/diagnostic/refresh');
    await client.conn.sendNotification('textDocument/didSave', { textDocument: { uri } });
    await refreshed;
    const saved = full(await pull(client, uri, opened.resultId));
    assert.ok(!saved.items.some((d) => d.code === 'sum-mismatch'));
    await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    client.perUri.delete(uri);
  });

  test('a settings change asks the client to pull again, and the pull reflects it', async () => {
    const uri = fileUri('pull-settings.txt');
    const text = brokenReport();
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'govreport', version: 1, text } });
    const before = full(await pull(client, uri));
    assert.ok(before.items.some((d) => d.code === 'sum-mismatch'));
    client.perUri.set(uri, { rules: { 'sum-mismatch': 'off' } });
    const refreshed = client.next('workspace/diagnostic/refresh');
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await refreshed;
    const after = full(await pull(client, uri, before.resultId));
    assert.ok(!after.items.some((d) => d.code === 'sum-mismatch'));
    assert.equal(after.items.length, before.items.length - 1);
    client.perUri.delete(uri);
    await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });

  test('a file checked while closed is pushed; once open, its push is cleared and it is pulled', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'govreport-pull-'));
    const file = join(dir, 'closed.report.txt');
    const text = brokenReport();
    writeFileSync(file, text);
    const uri = pathToFileURL(file).href;
    const pushed = client.nextDiagnostics(uri);
    await client.conn.sendRequest('govreport/validate', { uri });
    assert.ok((await pushed).diagnostics.some((d) => d.code === 'sum-mismatch'));
    const cleared = client.nextDiagnostics(uri);
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'govreport', version: 1, text } });
    assert.deepEqual((await cleared).diagnostics, []);
    assert.ok(full(await pull(client, uri)).items.some((d) => d.code === 'sum-mismatch'));
    await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    rmSync(dir, { recursive: true, force: true });
  });

  test('a document that is not open pulls as empty', async () => {
    assert.deepEqual(await pull(client, fileUri('never-opened.txt')), { kind: 'full', items: [] });
  });
});

describe('$/progress for large documents', () => {
  test('the server creates a progress token for an analysis of a large document (begin, end)', async () => {
    // progressAfter 0: every document counts as large.
    const client = await TestClient.start({ capabilities: PULL, initializationOptions: { progressAfter: 0 } });
    try {
      const uri = fileUri('progress-server.txt');
      const end = client.next<{ token: string | number; value: { kind: string } }>('$/progress', (p) => p.value.kind === 'end');
      await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'govreport', version: 1, text: seedText('000') } });
      const ended = await end;
      assert.equal(client.progressTokens.length, 1);
      const mine = client.progress.filter((p) => p.token === ended.token);
      assert.deepEqual(
        mine.map((p) => p.value.kind),
        ['begin', 'end'],
      );
      assert.equal(mine[0].value.title, '正在检查年报');
      assert.match(mine[0].value.message!, /progress-server\.txt（\d+ 个字符）/);
      // One analysis for the version, whoever asked.
      full(await pull(client, uri));
      assert.equal((await client.conn.sendRequest<{ analyses: number }>('govreport/debug/stats')).analyses, 1);
    } finally {
      await client.stop();
    }
  });
});

describe('window/logMessage for files not checked', () => {
  let client: TestClient;
  const dir = mkdtempSync(join(tmpdir(), 'govreport-logs-'));
  before(async () => {
    client = await TestClient.start({ settings: { maxFileSize: 1000 } });
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const cases: [string, () => string, RegExp][] = [
    ['a folder', () => (mkdirSync(join(dir, 'folder.txt')), join(dir, 'folder.txt')), /不是普通文件（directory）/],
    ['a missing file', () => join(dir, 'missing.txt'), /无法读取（ENOENT）/],
    ['a binary file', () => (writeFileSync(join(dir, 'binary.txt'), Buffer.alloc(200, 0)), join(dir, 'binary.txt')), /二进制文件/],
    ['a file too large', () => (writeFileSync(join(dir, 'large.txt'), 'x'.repeat(10_000)), join(dir, 'large.txt')), /文件过大（至少 10000 字节，超过 1000 个字符）/],
  ];
  for (const [what, make, expected] of cases) {
    test(`govreport/validate on ${what}: one warning line naming the file`, async () => {
      const uri = pathToFileURL(make()).href;
      const logged = client.next<{ type: number; message: string }>('window/logMessage', (p) => p.message.includes(uri));
      await client.conn.sendRequest('govreport/validate', { uri }).catch(() => undefined);
      const line = await logged;
      assert.equal(line.type, 2);
      assert.match(line.message, expected);
      assert.match(line.message, /^govreport：未检查 /);
    });
  }

  test('an open document over govreport.maxFileSize: logged once, not at every change', async () => {
    const uri = fileUri('logs-large.txt');
    const logged = client.next<{ message: string }>('window/logMessage', (p) => p.message.includes(uri));
    await client.open(uri, seedText('000'));
    assert.match((await logged).message, /文件过大（\d+ 个字符，govreport\.maxFileSize 为 1000）/);
    await client.change(uri, seedText('000') + '\n');
    await client.change(uri, seedText('000') + '\n\n');
    assert.equal(client.logs.filter((l) => l.includes(uri)).length, 1);
    await client.close(uri);
  });
});
