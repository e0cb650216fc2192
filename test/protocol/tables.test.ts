// govreport/tables against the real server: the table view's grids (issue 16). Their fields fit
// the protocol's schema exactly; the broken cell carries its finding and the range of its text;
// the open document's one analysis per version serves them (no analysis of its own); a typed
// correction is answered for the new version; a text, a file and a too-large document answer too.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ErrorCodes } from 'vscode-languageserver-protocol/node';
import { schemaErrors, TABLES_METHOD, TABLES_RESULT, type TablesCell, type TablesParams, type TablesResult } from '../../protocol/src';
import { fileUri, ROOT, seedText, TestClient } from './harness';

const WRONG = readFileSync(join(ROOT, 'test', 'e2e', 'workspace', 'wrong-total.report.txt'), 'utf8');
const KEY = 't4/main/cases/review_total';

function cells(r: TablesResult): TablesCell[] {
  return r.tables.flatMap((t) => t.rows.flat());
}

function cellOf(r: TablesResult, key: string): TablesCell {
  const c = cells(r).find((x) => x.key === key && x.kind === 'value');
  assert.ok(c, `no cell ${key}`);
  return c;
}

describe('govreport/tables', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(async () => {
    await client.stop();
  });

  async function tables(params: TablesParams): Promise<TablesResult> {
    const result = await client.conn.sendRequest<TablesResult>(TABLES_METHOD, params);
    assert.deepEqual(schemaErrors(result, TABLES_RESULT), [], JSON.stringify(result).slice(0, 400));
    return result;
  }

  test('an open document: the broken total, its finding and range, from the one analysis of its version', async () => {
    const uri = fileUri('tables-wrong-total.report.txt');
    await client.open(uri, WRONG);
    const stats = async () => (await client.conn.sendRequest<{ analyses: number }>('govreport/debug/stats')).analyses;
    const r = await tables({ uri });
    const before = await stats();
    assert.deepEqual([r.version, r.formatVersion, r.year, r.message, r.errors], [1, '2021', 2021, null, 1]);
    assert.deepEqual(r.tables.map((t) => [t.id, t.found, t.columns]), [['t2', true, 4], ['t3', true, 10], ['t4', true, 15]]);
    const c = cellOf(r, KEY);
    assert.deepEqual([c.text, c.state, c.severity, c.related], ['5', 'number', 'error', true]);
    assert.deepEqual(c.findings.map((f) => [f.rule, f.severity]), [['sum-mismatch', 'error']]);
    const lines = WRONG.split('\n');
    assert.equal(lines[c.range!.start.line].slice(c.range!.start.character, c.range!.end.character), '5');
    assert.ok(c.formula.some((l) => /T4-group/.test(l)), c.formula.join('\n'));
    // Asked again for the same version: the same analysis answers.
    await tables({ uri });
    assert.equal(await stats(), before);
    // Every row of every table spans its full width.
    for (const t of r.tables) {
      const covered = t.rows.map(() => 0);
      t.rows.forEach((row, i) => {
        for (const cell of row) for (let k = 0; k < cell.rowspan; k++) covered[i + k] += cell.colspan;
      });
      assert.deepEqual(covered, t.rows.map(() => t.columns), t.id);
    }
    // A typed correction: the next version's tables have no error.
    await client.change(uri, WRONG.replace('2\t1\t0\t1\t5\t1', '2\t1\t0\t1\t4\t1'));
    const fixed = await tables({ uri });
    assert.deepEqual([fixed.version, fixed.errors, cellOf(fixed, KEY).severity, cellOf(fixed, KEY).related], [2, 0, null, false]);
    await client.close(uri);
  });

  test('a text not open, a file on disk, and a document over govreport.maxFileSize', async () => {
    const r = await tables({ uri: 'untitled:Untitled-9', text: seedText('000') });
    assert.deepEqual([r.version, r.formatVersion, r.year], [null, '2019', 2020]);
    // The 2019 template: 二 has 2·3 + 2·3 + 2·3 + 2 + 2 values, 三 23 rows of 7, 四 15.
    assert.equal(cells(r).filter((c) => c.kind === 'value').length, 22 + 23 * 7 + 15);
    const dir = mkdtempSync(join(tmpdir(), 'govreport-tables-'));
    const file = join(dir, 'report.txt');
    writeFileSync(file, WRONG);
    const fromFile = await tables({ uri: pathToFileURL(file).href });
    assert.equal(cellOf(fromFile, KEY).severity, 'error');
    const uri = fileUri('tables-large.txt');
    client.perUri.set(uri, { maxFileSize: 100 });
    const large = await tables({ uri, text: WRONG });
    assert.deepEqual(large.tables, []);
    assert.match(large.message ?? '', /govreport\.maxFileSize/);
  });

  test('bad parameters are InvalidParams', async () => {
    await assert.rejects(client.conn.sendRequest(TABLES_METHOD, { uri: fileUri('p.txt'), text: 3 }), (e: { code: number }) => e.code === ErrorCodes.InvalidParams);
    await assert.rejects(client.conn.sendRequest(TABLES_METHOD, { uri: fileUri('p.txt'), version: 3 }), (e: { code: number }) => e.code === ErrorCodes.InvalidParams);
  });
});
