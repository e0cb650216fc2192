// The GovReport protocol (protocol/src) against the real server: every answer to
// govreport/validate and govreport/showTables, and every govreport/status notification sent
// while these tests run, has exactly the fields of its type (held by the schema kept beside the
// type), on every path the server answers by: an open document, a given text, a file read from
// disk (UTF-8, GB18030), a document or file over govreport.maxFileSize. The parameters are
// checked by the server against theirs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, ErrorCodes, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { decode, encode, maxEncodedBytes } from '../../core/src';
import {
  schemaErrors,
  SHOW_TABLES_METHOD,
  SHOW_TABLES_REQUEST,
  SHOW_TABLES_RESULT,
  STATUS_METHOD,
  STATUS_NOTIFICATION,
  STATUS_PARAMS,
  statusFromResult,
  VALIDATE_METHOD,
  VALIDATE_PARAMS,
  VALIDATE_REQUEST,
  VALIDATE_RESULT,
  type ShowTablesParams,
  type ShowTablesResult,
  type StatusParams,
  type ValidateParams,
  type ValidateResult,
} from '../../protocol/src';
import { fileUri, seedPath, seedText, TestClient } from './harness';

describe('the schemas catch drift', () => {
  const good: ValidateResult = { formatVersion: '2019', year: 2020, layout: 'cell-per-line', errors: 0, warnings: 2, infos: 1, hints: 0, lastYear: 'none', lastYearUri: null, lastYearLabel: null, diagnostics: 3 };

  test('an answer that fits has no errors', () => {
    assert.deepEqual(schemaErrors(good, VALIDATE_RESULT), []);
    assert.deepEqual(schemaErrors({ ...good, formatVersion: null, year: null, layout: null }, VALIDATE_RESULT), []);
  });

  test('a field sent that the type lacks, a field missing, a value of another type', () => {
    assert.deepEqual(schemaErrors({ ...good, languageId: 'govreport' }, VALIDATE_RESULT), ['unexpected field languageId']);
    const { hints: _, ...noHints } = good;
    assert.deepEqual(schemaErrors(noHints, VALIDATE_RESULT), ['missing field hints']);
    assert.deepEqual(schemaErrors({ ...good, diagnostics: [] }, VALIDATE_RESULT), ['field diagnostics: expected number, got an array']);
    assert.deepEqual(schemaErrors({ ...good, formatVersion: '2020' }, VALIDATE_RESULT), ['field formatVersion: expected "2019" | "2021" | null, got "2020"']);
    assert.deepEqual(schemaErrors({ ...good, layout: 'columns' }, VALIDATE_RESULT), ['field layout: expected "cell-per-line" | "row-per-line" | "mixed" | "none" | null, got "columns"']);
    assert.deepEqual(schemaErrors({ ...good, year: '2020' }, VALIDATE_RESULT), ['field year: expected number|null, got "2020"']);
    assert.deepEqual(schemaErrors(null, VALIDATE_RESULT), ['expected an object, got null']);
  });

  test('optional fields may be absent, not of another type', () => {
    assert.deepEqual(schemaErrors({ uri: 'file:///a.txt' }, VALIDATE_PARAMS), []);
    assert.deepEqual(schemaErrors({ uri: 'file:///a.txt', text: 'x', notes: [{ kind: 'gb18030', firstInvalidUtf8: 0 }] }, VALIDATE_PARAMS), []);
    assert.deepEqual(schemaErrors({ uri: 'file:///a.txt', text: 1 }, VALIDATE_PARAMS), ['field text: expected string or absent, got 1']);
    assert.deepEqual(schemaErrors({ uri: 'file:///a.txt', notes: [{ kind: 'gb18030' }] }, VALIDATE_PARAMS), ['field notes: expected a list of decode notes or absent, got an array']);
  });

  test('the method names on the wire', () => {
    assert.deepEqual(
      [VALIDATE_REQUEST.method, SHOW_TABLES_REQUEST.method, STATUS_NOTIFICATION.method],
      ['govreport/validate', 'govreport/showTables', 'govreport/status'],
    );
    assert.deepEqual([VALIDATE_METHOD, SHOW_TABLES_METHOD, STATUS_METHOD], [VALIDATE_REQUEST.method, SHOW_TABLES_REQUEST.method, STATUS_NOTIFICATION.method]);
  });
});

describe('the server answers exactly the protocol types', () => {
  let client: TestClient;
  const dir = mkdtempSync(join(tmpdir(), 'govreport-protocol-'));
  before(async () => {
    client = await TestClient.start();
  });
  after(async () => {
    // Every status the server sent while these tests ran.
    try {
      assert.ok(client.statuses.length >= 6, `only ${client.statuses.length} status notifications`);
      for (const s of client.statuses) assert.deepEqual(schemaErrors(s, STATUS_PARAMS), [], JSON.stringify(s));
    } finally {
      await client.stop();
    }
  });

  /** Sends govreport/validate; checks the answer's fields, its counts against the published diagnostics, and the status sent with it. */
  async function validate(params: ValidateParams): Promise<{ result: ValidateResult; published: PublishDiagnosticsParams }> {
    const published = client.nextDiagnostics(params.uri);
    const status = client.next<StatusParams>(STATUS_METHOD, (p) => p.uri === params.uri);
    const result = await client.conn.sendRequest<ValidateResult>(VALIDATE_METHOD, params);
    assert.deepEqual(schemaErrors(result, VALIDATE_RESULT), [], JSON.stringify(result));
    const p = await published;
    const ds = p.diagnostics;
    const bySeverity = (sev: DiagnosticSeverity[]) => ds.filter((d) => sev.includes(d.severity!)).length;
    assert.deepEqual(
      [result.diagnostics, result.errors, result.warnings, result.infos, result.hints],
      [ds.length, bySeverity([DiagnosticSeverity.Error]), bySeverity([DiagnosticSeverity.Warning]), bySeverity([DiagnosticSeverity.Information, DiagnosticSeverity.Hint]), bySeverity([DiagnosticSeverity.Hint])],
    );
    // The status sent for the document is what the client makes of the answer.
    assert.deepEqual(await status, statusFromResult(params.uri, result));
    return { result, published: p };
  }

  async function showTables(params: ShowTablesParams): Promise<ShowTablesResult> {
    const result = await client.conn.sendRequest<ShowTablesResult>(SHOW_TABLES_METHOD, params);
    assert.deepEqual(schemaErrors(result, SHOW_TABLES_RESULT), [], JSON.stringify(result));
    return result;
  }

  test('an open document: validate, showTables, and the status of its opening', async () => {
    const uri = fileUri('protocol-open-000.txt');
    const opened = client.next<StatusParams>(STATUS_METHOD, (p) => p.uri === uri);
    await client.open(uri, seedText('000'));
    const s = await opened;
    assert.deepEqual(schemaErrors(s, STATUS_PARAMS), []);
    assert.deepEqual([s.formatVersion, s.year, s.errors, s.warnings, s.infos, s.hints], ['2019', 2020, 0, 2, 1, 0]);
    const { result } = await validate({ uri });
    // No report of 港门镇's 2019 anywhere: none found (or the folder still being indexed).
    assert.ok(result.lastYear === 'none' || result.lastYear === 'searching', String(result.lastYear));
    assert.deepEqual(result, { formatVersion: '2019', year: 2020, layout: s.layout, errors: 0, warnings: 2, infos: 1, hints: 0, lastYear: result.lastYear, lastYearUri: null, lastYearLabel: null, diagnostics: 3 });
    assert.match((await showTables({ uri })).text, /表三/);
    await client.close(uri);
  });

  test('a hint is counted in hints and in infos', async () => {
    client.perUri.set(fileUri('protocol-hint-000.txt'), { rules: { 'number-format': 'hint' } });
    const { result } = await validate({ uri: fileUri('protocol-hint-000.txt'), text: seedText('000') });
    assert.deepEqual([result.warnings, result.infos, result.hints], [0, 3, 3]);
  });

  test('a given text, with the notes of its decoding (file-encoding reports them)', async () => {
    const bytes = encode(seedText('002'), { encoding: 'gb18030', bom: false });
    const d = decode(bytes);
    assert.equal(d.encoding, 'gb18030');
    const uri = fileUri('protocol-given-002.txt');
    const { result, published } = await validate({ uri, text: d.text, notes: [...d.notes] });
    assert.equal(result.year, 2020);
    assert.ok(published.diagnostics.some((x) => x.code === 'file-encoding' && /GB18030/.test(x.message as string)), JSON.stringify(published.diagnostics));
    assert.match((await showTables({ uri: 'untitled:Untitled-7', text: d.text })).text, /表二/);
  });

  test('files read from disk: UTF-8 and GB18030', async () => {
    const { result } = await validate({ uri: pathToFileURL(seedPath('004')).href });
    assert.equal(result.errors, 0);
    const gb = join(dir, 'gb18030.txt');
    writeFileSync(gb, encode(seedText('001'), { encoding: 'gb18030', bom: false }));
    const { published } = await validate({ uri: pathToFileURL(gb).href });
    assert.ok(published.diagnostics.some((x) => x.code === 'file-encoding'));
    assert.match((await showTables({ uri: pathToFileURL(gb).href })).text, /表三/);
  });

  test('over govreport.maxFileSize (characters): a text, and a file too large to be read', async () => {
    const text = seedText('003');
    const uri = fileUri('protocol-large-003.txt');
    client.perUri.set(uri, { maxFileSize: text.length - 1 });
    const { result, published } = await validate({ uri, text });
    assert.deepEqual(result, { formatVersion: null, year: null, layout: null, errors: 0, warnings: 0, infos: 1, hints: 0, lastYear: null, lastYearUri: null, lastYearLabel: null, diagnostics: 1 });
    assert.match(published.diagnostics[0].message as string, /govreport\.maxFileSize/);
    assert.match((await showTables({ uri, text })).text, /过大|too large/);
    // A text of exactly the limit is checked.
    client.perUri.set(uri, { maxFileSize: text.length });
    assert.notEqual((await validate({ uri, text })).result.formatVersion, null);

    // On disk: larger than any text of the limit can take in any encoding, not read at all.
    const big = join(dir, 'big.txt');
    writeFileSync(big, '');
    truncateSync(big, maxEncodedBytes(1000) + 1);
    const bigUri = pathToFileURL(big).href;
    client.perUri.set(bigUri, { maxFileSize: 1000 });
    const { result: r2 } = await validate({ uri: bigUri });
    assert.deepEqual([r2.formatVersion, r2.infos, r2.diagnostics], [null, 1, 1]);
    assert.match((await showTables({ uri: bigUri })).text, /过大|too large/);
    // A GB18030 file of more bytes than the limit but fewer characters is read and checked.
    const gb = join(dir, 'gb-under-limit.txt');
    const gbBytes = encode(text, { encoding: 'gb18030', bom: false });
    writeFileSync(gb, gbBytes);
    const gbUri = pathToFileURL(gb).href;
    client.perUri.set(gbUri, { maxFileSize: text.length });
    assert.ok(gbBytes.length > text.length);
    assert.notEqual((await validate({ uri: gbUri })).result.formatVersion, null);
  });

  test('parameters: a field the protocol does not have, a bad note, an empty URI are InvalidParams', async () => {
    const invalid = (message: RegExp) => (e: { code: number; message: string }) => e.code === ErrorCodes.InvalidParams && message.test(e.message);
    await assert.rejects(client.conn.sendRequest(VALIDATE_METHOD, { uri: fileUri('p.txt'), text: 'x', languageId: 'plaintext' }), invalid(/unexpected field languageId/));
    await assert.rejects(client.conn.sendRequest(VALIDATE_METHOD, { uri: fileUri('p.txt'), text: 'x', notes: [{ kind: 'gb18030', firstInvalidUtf8: -1 }] }), invalid(/field notes/));
    await assert.rejects(client.conn.sendRequest(VALIDATE_METHOD, { uri: '', text: 'x' }), invalid(/field uri/));
    await assert.rejects(client.conn.sendRequest(SHOW_TABLES_METHOD, { uri: fileUri('p.txt'), text: 3 }), invalid(/field text/));
    assert.ok(client.alive());
  });
});
