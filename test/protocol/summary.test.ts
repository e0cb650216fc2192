// govreport/summary (issues 16, 18): the rows of the summary view, from the real server. Before a
// workspace validation: the open reports' rows. After one: a row per report it covered, each
// counting exactly the diagnostics published for that file and reading the figures of its text
// as `govreport summary` does (the core's row), the file it could not check with why, an open
// report as its editor text has it; a file changed on disk as checked again. The answer fits its
// schema; a parameter the schema lacks is InvalidParams.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { DiagnosticSeverity, ErrorCodes, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { check } from '../../core/src';
import { summaryRow } from '../../core/src/services/summary';
import { schemaErrors, SUMMARY_METHOD, SUMMARY_RESULT, VALIDATE_WORKSPACE_METHOD, type SummaryResult, type ValidateWorkspaceResult } from '../../protocol/src';
import { ROOT, SEED_DIR, seeds, TestClient } from './harness';

const WRONG_TOTAL = readFileSync(join(ROOT, 'test', 'e2e', 'workspace', 'wrong-total.report.txt'), 'utf8');
/** wrong-total as it is: 行政复议's 总计 written 5 where its parts add up to 4, one error. */
const BROKEN = WRONG_TOTAL;
const FIXED = WRONG_TOTAL.replace('2\t1\t0\t1\t5\t1', '2\t1\t0\t1\t4\t1');
const FILE_CHANGED = 2;

describe('govreport/summary', () => {
  let client: TestClient;
  let dir: string;
  const uriOf = (name: string) => pathToFileURL(join(dir, name)).href;

  before(async () => {
    assert.ok(BROKEN.includes('2\t1\t0\t1\t5\t1') && BROKEN !== FIXED, 'the fixture changed: adjust the mutation');
    dir = mkdtempSync(join(tmpdir(), 'govreport-summary-'));
    for (const name of seeds()) writeFileSync(join(dir, name), readFileSync(join(SEED_DIR, name)));
    writeFileSync(join(dir, 'broken.report.txt'), BROKEN);
    writeFileSync(join(dir, 'binary.txt'), Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0, 7]));
    client = await TestClient.start({ initializationOptions: { locale: 'en' } });
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function summary(): Promise<SummaryResult> {
    const result = await client.conn.sendRequest<SummaryResult>(SUMMARY_METHOD, {});
    assert.deepEqual(schemaErrors(result, SUMMARY_RESULT), [], JSON.stringify(result).slice(0, 500));
    return result;
  }

  test('before a workspace validation: the open reports only', async () => {
    const uri = 'untitled:Untitled-summary';
    await client.open(uri, BROKEN);
    const r = await summary();
    assert.equal(r.validated, false);
    assert.deepEqual(r.rows.map((x) => x.uri), [uri]);
    assert.equal(r.rows[0].errors, 1);
    assert.equal(r.rows[0].findings.find((f) => f.severity === 'error')?.rule, 'sum-mismatch');
    await client.close(uri);
    assert.deepEqual((await summary()).rows, []);
  });

  test('after one: a row per report with the published counts and the core figures; the file not checked', async () => {
    const from = client.published.length;
    const result = await client.conn.sendRequest<ValidateWorkspaceResult>(VALIDATE_WORKSPACE_METHOD, { folders: [pathToFileURL(dir).href] });
    assert.equal(result.reports, seeds().length + 1);
    const published = new Map(client.published.slice(from).map((p) => [p.uri, p.diagnostics]));
    const r = await summary();
    assert.equal(r.validated, true);
    const byUri = new Map(r.rows.map((x) => [x.uri, x]));
    assert.equal(r.rows.length, seeds().length + 2, r.rows.map((x) => x.file).join(', '));
    for (const name of [...seeds(), 'broken.report.txt']) {
      const row = byUri.get(uriOf(name))!;
      assert.ok(row, name);
      assert.equal(row.file, name);
      const ds = published.get(uriOf(name))!;
      const count = (...sev: DiagnosticSeverity[]) => ds.filter((d) => sev.includes(d.severity!)).length;
      assert.deepEqual([row.errors, row.warnings, row.infos], [count(DiagnosticSeverity.Error), count(DiagnosticSeverity.Warning), count(DiagnosticSeverity.Information, DiagnosticSeverity.Hint)], name);
      // Each finding at its diagnostic's line (1-based), with its rule and message.
      assert.deepEqual(
        row.findings.map((f) => [f.line, f.rule, f.message]),
        ds.map((d) => [d.range.start.line + 1, d.code, d.message]),
        name,
      );
      // Figures, body, year, unchecked relations: the core's row of the file's text.
      const { report, findings } = check(readFileSync(join(dir, name), 'utf8'), { locale: 'en' });
      const core = summaryRow(name, report, findings);
      assert.deepEqual([row.body, row.year, row.formatVersion, row.unchecked, row.figures], [core.body, core.year, core.formatVersion, core.unchecked, core.figures], name);
      assert.equal(row.skipped, undefined);
    }
    assert.equal(byUri.get(uriOf('broken.report.txt'))!.errors, 1);
    const binary = byUri.get(uriOf('binary.txt'))!;
    assert.match(binary.skipped ?? '', /^binary: /);
    assert.deepEqual([binary.errors, binary.findings], [0, []]);
  });

  test('an open report as its editor text has it; a file changed on disk as checked again', async () => {
    const broken = uriOf('broken.report.txt');
    await client.open(broken, FIXED);
    let row = (await summary()).rows.find((x) => x.uri === broken)!;
    assert.equal(row.errors, 0, 'the editor text is fixed');
    const back = client.next<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === broken && p.diagnostics.some((d) => d.code === 'sum-mismatch'));
    await client.close(broken);
    await back;
    row = (await summary()).rows.find((x) => x.uri === broken)!;
    assert.equal(row.errors, 1, 'closed: the file on disk, still broken');

    writeFileSync(join(dir, 'broken.report.txt'), FIXED);
    const fresh = client.next<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === broken && !p.diagnostics.some((d) => d.code === 'sum-mismatch'));
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: broken, type: FILE_CHANGED }] });
    await fresh;
    row = (await summary()).rows.find((x) => x.uri === broken)!;
    assert.equal(row.errors, 0, 'changed on disk: checked again');
    assert.equal(row.figures.reviews, 4);
  });

  test('a parameter the schema lacks is InvalidParams', async () => {
    await assert.rejects(client.conn.sendRequest(SUMMARY_METHOD, { folders: [] }), (e: { code: number }) => e.code === ErrorCodes.InvalidParams);
  });
});
