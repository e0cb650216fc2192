// The table view's grids (core/src/services/tableview.ts) on the seeds and on mutated reports:
// every row spans the table's width, every cell read is drawn once with its text, headers and
// group labels merge as the template draws them, and findings land on their cells.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check } from '../../core/src';
import { tablesView, type GridCell, type TablesView } from '../../core/src/services/tableview';

const ROOT = join(import.meta.dirname ?? __dirname, '..', '..');
const seedDir = join(ROOT, 'test', 'fixtures', 'seeds');
const seeds = readdirSync(seedDir).filter((f) => f.endsWith('.txt')).sort();
const WRONG = readFileSync(join(ROOT, 'test', 'e2e', 'workspace', 'wrong-total.report.txt'), 'utf8');

const valueCells = (v: TablesView) => v.tables.flatMap((t) => t.rows.flat()).filter((c) => c.kind === 'value');
const cell = (v: TablesView, key: string): GridCell => valueCells(v).find((c) => c.key === key)!;

function viewOf(text: string, locale: 'zh' | 'en' = 'zh') {
  const { report, findings } = check(text);
  return { report, findings, view: tablesView(report, findings, locale) };
}

for (const name of seeds) {
  test(`${name}: each row covers the table's width; each cell read is drawn once, with its text and range`, () => {
    const text = readFileSync(join(seedDir, name), 'utf8');
    const { report, view } = viewOf(text);
    for (const t of view.tables) {
      const covered = t.rows.map(() => 0);
      t.rows.forEach((row, i) => {
        for (const c of row) for (let k = 0; k < c.rowspan; k++) covered[i + k] += c.colspan;
      });
      assert.deepEqual(covered, t.rows.map(() => t.columns), t.id);
    }
    const drawn = valueCells(view);
    assert.equal(new Set(drawn.map((c) => c.key)).size, drawn.length);
    for (const c of report.cellOrder) {
      const d = cell(view, c.key);
      assert.ok(d, c.key);
      if (!c.present) continue;
      assert.equal(d.text, c.raw, c.key);
      if (c.located) assert.deepEqual([d.start, d.end], [c.start, c.end], c.key);
    }
  });
}

test('table 三 is drawn as the template: 申请人情况 over the columns, 法人或其他组织 over five, group labels spanning', () => {
  const { view } = viewOf(WRONG);
  const t3 = view.tables.find((t) => t.id === 't3')!;
  const brief = (row: GridCell[]) => row.map((c) => `${c.text.slice(0, 6)}${c.colspan > 1 ? `~${c.colspan}` : ''}${c.rowspan > 1 ? `|${c.rowspan}` : ''}`);
  assert.deepEqual(brief(t3.rows[0]), ['（本列数据的~3|3', '申请人情况~7']);
  assert.deepEqual(brief(t3.rows[1]), ['自然人|2', '法人或其他组~5', '总计|2']);
  assert.deepEqual(brief(t3.rows[2]), ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']);
  assert.deepEqual(brief(t3.rows[3]).slice(0, 2), ['一、本年新收~3', '41']);
  // 三、本年度办理结果 spans the 22 rows of results; （三）不予公开 its eight.
  assert.deepEqual(brief(t3.rows[5]).slice(0, 2), ['三、本年度办|22', '（一）予以公~2']);
  assert.deepEqual(brief(t3.rows[7]).slice(0, 2), ['（三）不予公|8', '1.属于国家']);
  assert.deepEqual(brief(t3.rows[t3.rows.length - 1]).slice(0, 1), ['四、结转下年~3']);
  const t4 = view.tables.find((t) => t.id === 't4')!;
  assert.deepEqual(brief(t4.rows[0]), ['行政复议~5|2', '行政诉讼~10']);
  assert.deepEqual(brief(t4.rows[1]), ['未经复议直接~5', '复议后起诉~5']);
  const t2 = view.tables.find((t) => t.id === 't2')!;
  assert.deepEqual(brief(t2.rows[0]), ['第二十条第（~4']);
  assert.deepEqual(brief(t2.rows[5]), ['信息内容', '本年处理决定~3']);
});

test('a wrong total: the error on its cell with the formula, the cells of the relation marked', () => {
  const { view } = viewOf(WRONG, 'en');
  const total = cell(view, 't4/main/cases/review_total');
  assert.deepEqual([total.severity, total.related, total.findings.map((f) => f.rule)], ['error', true, ['sum-mismatch']]);
  assert.ok(total.formula.includes('✗ written 5, computed 4: off by 1'), total.formula.join('\n'));
  assert.equal(cell(view, 't4/main/cases/review_upheld').related, true);
  assert.equal(cell(view, 't4/main/cases/review_upheld').severity, null);
  assert.equal(cell(view, 't4/main/cases/direct_total').related, false);
});

test('blank, unreadable and missing cells: their states and findings', () => {
  const text = WRONG.replace('规章\t0\t0\t3', '规章\t/\t0\t3').replace('行政处罚\t87', '行政处罚\t八十七').replace('行政强制\t4\n', '');
  const { view } = viewOf(text);
  const blank = cell(view, 't2/b1/rules/issued');
  assert.deepEqual([blank.text, blank.state, blank.severity, blank.findings.map((f) => f.rule)], ['/', 'blank', 'warning', ['blank-cell']]);
  const bad = cell(view, 't2/b6/penalty/decisions');
  assert.deepEqual([bad.state, bad.severity, bad.findings.map((f) => f.rule)], ['text', 'error', ['non-numeric-cell']]);
  const missing = cell(view, 't2/b6/enforcement/decisions');
  assert.deepEqual([missing.state, missing.start], ['missing', null]);
  const label = view.tables[0].rows.flat().find((c) => c.kind === 'label' && c.key === 't2/b6/enforcement')!;
  assert.deepEqual([label.state, label.severity, label.findings.map((f) => f.rule)], ['missing', 'error', ['missing-row']]);
});

test("last year's report known: each value cell carries last year's value and the change", () => {
  const now = readFileSync(join(ROOT, 'test', 'e2e', 'workspace', 'transport-2022.report.txt'), 'utf8');
  const last = readFileSync(join(ROOT, 'test', 'e2e', 'workspace', 'transport-2021.report.txt'), 'utf8');
  const previous = { report: check(last).report, name: 'file:///w/transport-2021.report.txt', label: 'transport-2021.report.txt' };
  const { report, findings } = check(now, { previous });
  const view = tablesView(report, findings, 'zh', previous);
  assert.equal(view.previous, 'transport-2021.report.txt');
  // 行政规范性文件 现行有效 41 → 44.
  assert.deepEqual([cell(view, 't2/b1/normative/in_force').previous, cell(view, 't2/b1/normative/in_force').change], ['41', 3]);
  // 二、上年结转 beside last year's 四、结转下年度: 商业企业 1 against 0 (the carry-over finding's cell).
  const carried = cell(view, 't3/main/carried/business');
  assert.deepEqual([carried.text, carried.previous, carried.change, carried.severity], ['1', '0', 1, 'error']);
  assert.deepEqual([cell(view, 't3/main/carried/natural').previous, cell(view, 't3/main/carried/natural').change], ['2', 0]);
  // Every value cell of this year has last year's beside it (the two reports have the same cells).
  assert.ok(valueCells(view).every((c) => c.previous !== null));
  // Without last year's: nothing.
  const alone = viewOf(now).view;
  assert.equal(alone.previous, null);
  assert.ok(valueCells(alone).every((c) => c.previous === null && c.change === null));
});

test('a table whose layout could not be read is drawn as unread, not as not found', () => {
  // Plain pdftotext of 淮安 2024: tables 二 and 三 are read, table 四 is there but not read.
  const text = readFileSync(join(ROOT, 'test', 'fixtures', 'pdf-text', 'huaian_szf_2024.raw.txt'), 'utf8');
  const { report, view } = viewOf(text);
  assert.ok(report.unread.t4, 'table 四 is unread in this text');
  const byId = new Map(view.tables.map((t) => [t.id, t]));
  assert.deepEqual([byId.get('t2')!.found, byId.get('t2')!.unread], [true, false]);
  assert.deepEqual([byId.get('t3')!.found, byId.get('t3')!.unread], [true, false]);
  assert.deepEqual([byId.get('t4')!.found, byId.get('t4')!.unread], [false, true]);
  // A table simply missing stays "not found".
  const none = viewOf(WRONG.slice(0, WRONG.indexOf('四、政府信息公开行政复议'))).view.tables.find((t) => t.id === 't4')!;
  assert.deepEqual([none.found, none.unread], [false, false]);
});
