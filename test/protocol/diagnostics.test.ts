// Diagnostics over LSP: the seeds, a broken report, settings, size limit, junk and bad requests.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity, ErrorCodes, type Diagnostic, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { parseReport } from '../../core/src';
import { fileUri, positionAt, seedText, seeds, TestClient } from './harness';

const count = (ds: Diagnostic[], code: string, severity?: DiagnosticSeverity) => ds.filter((d) => d.code === code && (severity === undefined || d.severity === severity)).length;

describe('diagnostics', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(async () => {
    await client.stop();
  });

  for (const name of seeds()) {
    test(`seed ${name}: no errors, the expected warnings`, async () => {
      const uri = fileUri(`diag-${name}`);
      const status = client.next<Record<string, unknown>>('govreport/status', (p) => p.uri === uri);
      const ds = await client.open(uri, seedText(name.slice(0, 3)));
      assert.equal(ds.filter((d) => d.severity === DiagnosticSeverity.Error).length, 0, JSON.stringify(ds, null, 1));
      for (const d of ds) {
        assert.equal(d.source, 'govreport');
        assert.equal(typeof d.code, 'string');
        const data = d.data as { version: number; ruleId: string; index: number };
        assert.equal(data.version, 1);
        assert.equal(data.ruleId, d.code);
        assert.equal(typeof data.index, 'number');
      }
      const prefix = name.slice(0, 3);
      if (prefix === '000') {
        assert.equal(ds.length, 3, JSON.stringify(ds, null, 1));
        assert.equal(count(ds, 'number-format', DiagnosticSeverity.Warning), 2);
        assert.equal(count(ds, 'number-format', DiagnosticSeverity.Information), 1);
      }
      if (prefix === '001' || prefix === '002') {
        assert.ok(count(ds, 'blank-cell', DiagnosticSeverity.Warning) > 0);
        assert.equal(ds.filter((d) => d.severity === DiagnosticSeverity.Warning && d.code !== 'blank-cell').length, 0);
      }
      if (prefix === '003' || prefix === '004') {
        assert.equal(ds.filter((d) => d.severity! <= DiagnosticSeverity.Warning).length, 0, JSON.stringify(ds, null, 1));
      }
      const s = await status;
      assert.equal(s.formatVersion, '2019');
      assert.equal(s.year, 2020);
      assert.equal(s.errors, 0);
      assert.ok(['cell-per-line', 'row-per-line', 'mixed'].includes(s.layout as string));
      await client.close(uri);
    });
  }

  test('a changed number in table 三 gives sum-mismatch with docs link and related cells', async () => {
    const text = seedText('003');
    const cell = parseReport(text).cells.get('t3/main/r1/natural')!;
    assert.equal(cell.raw, '0');
    const broken = text.slice(0, cell.start) + '5' + text.slice(cell.end);
    const uri = fileUri('broken-003.txt');
    const ds = await client.open(uri, broken);
    const sum = ds.filter((d) => d.code === 'sum-mismatch');
    assert.equal(sum.length, 1, JSON.stringify(ds, null, 1));
    const d = sum[0];
    assert.equal(d.severity, DiagnosticSeverity.Error);
    assert.match(d.message as string, /予以公开/);
    assert.match(d.message as string, /自然人/);
    assert.ok(d.codeDescription, 'codeDescription missing');
    assert.match(d.codeDescription.href, /^file:\/\/.*\/docs\/rules\/sum-mismatch\.md$/);
    assert.ok(d.relatedInformation && d.relatedInformation.length > 0, 'relatedInformation missing');
    for (const r of d.relatedInformation) assert.equal(r.location.uri, uri);
    // The fix puts the expected 0 back.
    await client.close(uri);
  });

  test('a figure in the prose that the table contradicts gives text-vs-table on the words, pointing at the cell', async () => {
    // Seed 002 says 未收到信息公开申请; its table 三 then gets 3 new applications.
    const text = seedText('002');
    const cell = parseReport(text).cells.get('t3/main/new/total')!;
    const broken = text.slice(0, cell.start) + '3' + text.slice(cell.end);
    const uri = fileUri('prose-002.txt');
    const ds = (await client.open(uri, broken)).filter((d) => d.code === 'text-vs-table');
    assert.equal(ds.length, 1, JSON.stringify(ds, null, 1));
    const d = ds[0];
    assert.equal(d.severity, DiagnosticSeverity.Warning);
    assert.equal(broken.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character), '未收到信息公开申请');
    assert.match(d.codeDescription!.href, /\/docs\/rules\/text-vs-table\.md$/);
    assert.equal(d.relatedInformation?.length, 1);
    assert.deepEqual(d.relatedInformation![0].location.range.start, positionAt(broken, cell.start));
    await client.close(uri);
  });

  test('turning a rule off via configuration removes its diagnostics', async () => {
    const uri = fileUri('settings-001.txt');
    const before = await client.open(uri, seedText('001'));
    assert.ok(count(before, 'blank-cell') > 0);
    const requestsBefore = client.configurationRequests;
    client.settings = { rules: { 'blank-cell': 'off' } };
    const next = client.nextDiagnostics(uri);
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { govreport: client.settings } });
    const after = (await next).diagnostics;
    assert.equal(count(after, 'blank-cell'), 0, JSON.stringify(after.map((d) => d.code)));
    assert.ok(client.configurationRequests > requestsBefore, 'settings were not pulled again');
    // And back, with another severity.
    client.settings = { rules: { 'blank-cell': 'error' } };
    const again = client.nextDiagnostics(uri);
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { govreport: client.settings } });
    const ds = (await again).diagnostics;
    assert.ok(count(ds, 'blank-cell', DiagnosticSeverity.Error) > 0);
    client.settings = {};
    const reset = client.nextDiagnostics(uri);
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { govreport: {} } });
    await reset;
    await client.close(uri);
  });

  test('govreport.enable = false clears diagnostics for that resource', async () => {
    const uri = fileUri('disabled-000.txt');
    client.perUri.set(uri, { enable: false });
    const ds = await client.open(uri, seedText('000'));
    assert.equal(ds.length, 0);
    client.perUri.delete(uri);
    await client.close(uri);
  });

  test('a document over maxFileSize gets one polite information diagnostic and nothing else', async () => {
    const uri = fileUri('large.txt');
    client.perUri.set(uri, { maxFileSize: 1000 });
    const ds = await client.open(uri, seedText('000'));
    assert.equal(ds.length, 1);
    assert.equal(ds[0].severity, DiagnosticSeverity.Information);
    assert.match(ds[0].message as string, /govreport\.maxFileSize/);
    assert.match(ds[0].message as string, /过大|较大/);
    const hover = await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 100, character: 3 } });
    assert.equal(hover, null);
    const symbols = await client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols, []);
    client.perUri.delete(uri);
    await client.close(uri);
  });

  test('binary junk with NUL bytes does not crash the server', async () => {
    const uri = fileUri('junk.txt');
    let junk = '';
    let seed = 12345;
    for (let i = 0; i < 20_000; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      junk += String.fromCharCode(seed % 7 === 0 ? 0 : seed % 0xd7ff);
    }
    junk += '\0\0\0一、总体情况\0\t\t5\t\0\n三、收到和处理政府信息公开申请情况\n（七）总计\t\0\t1,2\t\uffff\n';
    await client.open(uri, junk);
    for (const pos of [{ line: 0, character: 0 }, { line: 1, character: 5 }, { line: 2, character: 7 }]) {
      await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: pos });
    }
    await client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    await client.conn.sendRequest('textDocument/foldingRange', { textDocument: { uri } });
    await client.conn.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } } });
    await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, context: { diagnostics: [] } });
    await client.close(uri);
    assert.ok(client.alive());
    // Still answering.
    const ok = await client.open(fileUri('after-junk.txt'), seedText('003'));
    assert.equal(ok.filter((d) => d.severity === DiagnosticSeverity.Error).length, 0);
  });

  test('unknown methods and bad params get an error; the process stays up', async () => {
    await assert.rejects(client.conn.sendRequest('govreport/noSuchThing', {}), (e: { code: number }) => e.code === ErrorCodes.MethodNotFound);
    await assert.rejects(client.conn.sendRequest('govreport/validate', {}), (e: { code: number }) => e.code === ErrorCodes.InvalidParams);
    await assert.rejects(client.conn.sendRequest('govreport/validate', { uri: 42 }), (e: { code: number }) => e.code === ErrorCodes.InvalidParams);
    await assert.rejects(client.conn.sendRequest('govreport/showTables', { text: 'x' }), (e: { code: number }) => e.code === ErrorCodes.InvalidParams);
    // Standard requests with nonsense params answer emptily.
    assert.equal(await client.conn.sendRequest('textDocument/hover', { nonsense: true }), null);
    assert.deepEqual(await client.conn.sendRequest('textDocument/documentSymbol', {}), []);
    assert.deepEqual(await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: 'file:///nope' } }), []);
    // Notifications with nonsense are survived too.
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///never-opened', version: 3 }, contentChanges: [{ text: 'x' }] });
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { govreport: { rules: 'nope', maxFileSize: 'big' } } });
    assert.ok(client.alive());
    const result = await client.conn.sendRequest<Record<string, unknown>>('govreport/validate', { uri: fileUri('alive.txt'), text: seedText('000') });
    assert.equal(result.errors, 0);
  });

  // As shipped the server checks a cheap document on the next turn after each edit (no fixed
  // debounce), so a burst of edits may publish some of its versions: in order, never a stale one
  // after a newer one, and the last version last. (Coalescing with a client's debounceMs is
  // tested in features.test.ts.)
  test('typing fast: versions are published in order, the last one last', async () => {
    const uri = fileUri('typing-000.txt');
    await client.open(uri, seedText('000'));
    const base = client.text(uri);
    const seen: PublishDiagnosticsParams[] = [];
    const from = client.published.length;
    const last = client.version(uri) + 10;
    const done = client.nextDiagnostics(uri, last);
    for (let k = 0; k < 10; k++) await client.changeNoWait(uri, base + '\n'.repeat(k + 1));
    await done;
    for (const p of client.published.slice(from)) if (p.uri === uri) seen.push(p);
    const versions = seen.map((p) => p.version ?? -1);
    assert.ok(versions.length >= 1, 'the last version is published');
    assert.equal(versions[versions.length - 1], last);
    for (let k = 1; k < versions.length; k++) assert.ok(versions[k] > versions[k - 1], `published in order: ${versions.join(', ')}`);
    await client.close(uri);
  });

  test("with a client's debounceMs, typing fast coalesces: only the last version is published", async () => {
    const slow = await TestClient.start({ initializationOptions: { debounceMs: 200 } });
    try {
      const uri = fileUri('typing-debounced-000.txt');
      await slow.open(uri, seedText('000'));
      const base = slow.text(uri);
      const from = slow.published.length;
      const last = slow.version(uri) + 10;
      const done = slow.nextDiagnostics(uri, last);
      for (let k = 0; k < 10; k++) await slow.changeNoWait(uri, base + '\n'.repeat(k + 1));
      await done;
      assert.deepEqual(
        slow.published.slice(from).filter((p) => p.uri === uri).map((p) => p.version),
        [last],
      );
    } finally {
      await slow.stop();
    }
  });

  test('closing a document clears its diagnostics', async () => {
    const uri = fileUri('close-001.txt');
    const ds = await client.open(uri, seedText('001'));
    assert.ok(ds.length > 0);
    const cleared = client.next<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === uri && p.diagnostics.length === 0);
    await client.close(uri);
    await cleared;
  });
});
