// workspace/diagnostic (LSP 3.17 workspace pull) for the workspace check's results (issue 18): a
// client that pulls the workspace gets the closed files' diagnostics from it (streamed as partial
// results on a request held open, as vscode-languageclient asks; or answered when something
// changes, a long poll), nothing pushed; unchanged files are not sent again; a document closed
// is answered with its on-disk findings; a client that pulls documents but not the workspace is
// still pushed them.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { CancellationTokenSource, type ClientCapabilities, type DocumentDiagnosticReport, type WorkspaceDiagnosticReport, type WorkspaceFullDocumentDiagnosticReport } from 'vscode-languageserver-protocol/node';
import { check } from '../../core/src';
import { VALIDATE_WORKSPACE_METHOD, type ValidateWorkspaceResult } from '../../protocol/src';
import { CAPABILITIES, ROOT, seeds, TestClient } from './harness';

const SEED_DIR = join(ROOT, 'test', 'fixtures', 'seeds');
const WRONG_TOTAL = readFileSync(join(ROOT, 'test', 'e2e', 'workspace', 'wrong-total.report.txt'), 'utf8');
const FILE_CHANGED = 2;
const FILE_DELETED = 3;

const PULL: ClientCapabilities = {
  ...CAPABILITIES,
  workspace: { ...CAPABILITIES.workspace, diagnostics: { refreshSupport: true } },
  textDocument: { ...CAPABILITIES.textDocument, diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } },
};

function makeFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'govreport-wspull-'));
  for (const name of seeds()) writeFileSync(join(dir, name), readFileSync(join(SEED_DIR, name)));
  writeFileSync(join(dir, 'wrong.txt'), WRONG_TOTAL);
  return dir;
}

const uriOf = (dir: string, name: string) => pathToFileURL(join(dir, name)).href;
type Item = WorkspaceFullDocumentDiagnosticReport;

describe('workspace/diagnostic: partial results on a request held open', () => {
  let client: TestClient;
  let dir: string;
  const source = new CancellationTokenSource();
  let answer: Promise<WorkspaceDiagnosticReport>;
  /** Each file's latest report the held request streamed (the harness keeps every $/progress). */
  const latest = () => new Map(client.progress.flatMap((p) => (p.token === 'wp' ? (p.value as unknown as { items: Item[] }).items : [])).map((i) => [i.uri, i]));
  /** The next streamed report of `uri` that satisfies `pred`. */
  const nextOf = (uri: string, pred: (i: Item) => boolean = () => true) =>
    client.next<{ token: string; value: { items: Item[] } }>('$/progress', (p) => p.token === 'wp' && p.value.items.some((i) => i.uri === uri && pred(i)), 30_000);

  before(async () => {
    dir = makeFolder();
    client = await TestClient.start({ capabilities: PULL, initializationOptions: { locale: 'en', diagnosticsBatch: true } });
    client.conn.onNotification('govreport/diagnosticsBatch', () => assert.fail('a batch pushed to a client that pulls the workspace'));
    answer = client.conn.sendRequest<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [], partialResultToken: 'wp' }, source.token);
  });
  after(async () => {
    source.cancel();
    assert.deepEqual(await answer, { items: [] });
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('offered with document pull', () => {
    assert.equal(client.initializeResult?.capabilities.diagnosticProvider?.workspaceDiagnostics, true);
  });

  test("the workspace check's results stream to it, every report with its findings; nothing pushed", async () => {
    const from = client.published.length;
    const result = await client.conn.sendRequest<ValidateWorkspaceResult>(VALIDATE_WORKSPACE_METHOD, { folders: [pathToFileURL(dir).href] });
    assert.equal(result.reports, seeds().length + 1);
    assert.equal(client.published.length, from, 'nothing pushed');
    const got = latest();
    assert.equal(got.size, result.reports);
    for (const name of seeds()) {
      const item = got.get(uriOf(dir, name))!;
      assert.equal(item.kind, 'full');
      assert.equal(item.version, null);
      assert.ok(item.resultId);
      assert.equal(item.items.length, check(readFileSync(join(SEED_DIR, name), 'utf8')).findings.length, name);
    }
    assert.ok(got.get(uriOf(dir, 'wrong.txt'))!.items.some((d) => d.code === 'sum-mismatch'));
  });

  test('a document closed is answered with its on-disk findings, then streamed again from disk', async () => {
    const uri = uriOf(dir, 'wrong.txt');
    const diags = await pullOpen(client, uri, WRONG_TOTAL.replace('2\t1\t0\t1\t5\t', '2\t1\t0\t1\t4\t'));
    assert.ok(!diags.some((d) => d.code === 'sum-mismatch'));
    const again = nextOf(uri, (i) => i.items.some((d) => d.code === 'sum-mismatch'));
    await client.close(uri);
    // vscode-languageclient pulls a document it closes once more.
    const last = await client.conn.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(last.kind, 'full');
    assert.ok(last.kind === 'full' && last.items.some((d) => d.code === 'sum-mismatch'));
    await again;
  });

  test('changes on disk stream: a changed file with fresh findings, a deleted one cleared', async () => {
    const uri = uriOf(dir, seeds()[0]);
    writeFileSync(join(dir, seeds()[0]), WRONG_TOTAL);
    const fresh = nextOf(uri, (i) => i.items.some((d) => d.code === 'sum-mismatch'));
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: FILE_CHANGED }] });
    await fresh;
    rmSync(join(dir, seeds()[0]));
    const cleared = nextOf(uri, (i) => i.items.length === 0);
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: FILE_DELETED }] });
    await cleared;
  });
});

describe('workspace/diagnostic: a long poll without partial results', () => {
  let client: TestClient;
  let dir: string;
  before(async () => {
    dir = makeFolder();
    client = await TestClient.start({ capabilities: PULL, initializationOptions: { locale: 'en' } });
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const pullWorkspace = (previous: Map<string, string>, source = new CancellationTokenSource()) =>
    client.conn.sendRequest<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [...previous].map(([uri, value]) => ({ uri, value })) }, source.token);

  test('answers what the client lacks at once, holds the request while it lacks nothing, answers the next change', async () => {
    // The first pull: nothing checked yet, held; answered (with the reports) when the check sends them.
    const first = pullWorkspace(new Map());
    const result = await client.conn.sendRequest<ValidateWorkspaceResult>(VALIDATE_WORKSPACE_METHOD, { folders: [pathToFileURL(dir).href] });
    const ids = new Map<string, string>();
    for (const i of (await first).items) ids.set(i.uri, i.resultId!);
    assert.ok(ids.size > 0);
    // What it still lacks comes at once; then it holds every report.
    if (ids.size < result.reports) for (const i of (await pullWorkspace(ids)).items) ids.set(i.uri, i.resultId!);
    assert.equal(ids.size, result.reports);
    assert.equal(client.published.length, 0, 'nothing pushed');
    // Holding them all: no answer until a file changes on disk; then only that file.
    let answered = false;
    const held = pullWorkspace(ids).then((r) => ((answered = true), r));
    await client.conn.sendRequest('govreport/debug/stats');
    await new Promise((r) => setImmediate(r));
    assert.equal(answered, false, 'held while nothing changed');
    const uri = uriOf(dir, seeds()[1]);
    writeFileSync(join(dir, seeds()[1]), WRONG_TOTAL);
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: FILE_CHANGED }] });
    const r = await held;
    assert.deepEqual(r.items.map((i) => i.uri), [uri]);
    assert.ok(r.items[0].kind === 'full' && r.items[0].items.some((d) => d.code === 'sum-mismatch'));
    assert.notEqual(r.items[0].resultId, ids.get(uri));
    // Cancelled while held: answered, empty.
    ids.set(uri, r.items[0].resultId!);
    const source = new CancellationTokenSource();
    const cancelled = pullWorkspace(ids, source);
    source.cancel();
    assert.deepEqual(await cancelled, { items: [] });
  });
});

describe('a client that pulls documents but not the workspace', () => {
  test('is pushed the workspace check results', async () => {
    const dir = makeFolder();
    const client = await TestClient.start({ capabilities: PULL, initializationOptions: { locale: 'en' } });
    try {
      const result = await client.conn.sendRequest<ValidateWorkspaceResult>(VALIDATE_WORKSPACE_METHOD, { folders: [pathToFileURL(dir).href] });
      assert.equal(new Set(client.published.map((p) => p.uri)).size, result.reports);
    } finally {
      await client.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Opens a document in a pull client and pulls its diagnostics. */
async function pullOpen(client: TestClient, uri: string, text: string) {
  await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'govreport', version: 1, text } });
  const r = await client.conn.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
  assert.equal(r.kind, 'full');
  return r.kind === 'full' ? r.items : [];
}
