// The summary view's rows as data (client/webview/summaryData.ts): the filter keeps the rows whose
// file name or body has every word typed, the sort orders them by the column's values (text by
// the collator, numbers as numbers, unknown first), ties in data order in either direction.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { filterTerms, SummaryData, sortValue } from '../../client/webview/summaryData';
import { noFigures } from '../../core/src/services/summary';
import type { SummaryReportRow } from '../../protocol/src';

function row(file: string, body: string | null, errors: number, extra: Partial<SummaryReportRow> = {}): SummaryReportRow {
  return { file, uri: `file:///r/${file}`, body, year: 2021, formatVersion: '2021', errors, warnings: 0, infos: 0, unchecked: 0, figures: noFigures(), findings: [], ...extra };
}

const ROWS = [
  row('b/乙.txt', '乙县人民政府', 2),
  row('a/甲.txt', '甲市教育局', 0, { figures: { ...noFigures(), new: 51 } }),
  row('c/丙.txt', null, 2, { year: null }),
  row('a/丁.txt', '甲市财政局', 5, { skipped: 'too-large: big', unchecked: 3 }),
];

describe('SummaryData', () => {
  const d = new SummaryData(ROWS, 'zh-CN');

  it('without a sort or a filter: every row in data order', () => {
    assert.deepEqual(d.order(null, false, ''), [0, 1, 2, 3]);
  });

  it('sorts numbers both ways, ties in data order either way', () => {
    assert.deepEqual(d.order({ key: 'errors', dir: 'ascending' }, true, ''), [1, 0, 2, 3]);
    assert.deepEqual(d.order({ key: 'errors', dir: 'descending' }, true, ''), [3, 0, 2, 1]);
  });

  it('unknown values (a year not read, a figure missing, a file not checked) sort first', () => {
    assert.deepEqual(d.order({ key: 'year', dir: 'ascending' }, true, '')[0], 2);
    assert.deepEqual(d.order({ key: 'new', dir: 'descending' }, true, '')[0], 1);
    assert.equal(sortValue(ROWS[3], 'unchecked'), -1);
    assert.equal(sortValue(ROWS[2], 'body'), '');
  });

  it('sorts text by the collator, the same as comparing with it', () => {
    const collator = new Intl.Collator('zh-CN');
    const expected = ROWS.map((_, i) => i).sort((a, b) => collator.compare(ROWS[a].file, ROWS[b].file) || a - b);
    assert.deepEqual(d.order({ key: 'file', dir: 'ascending' }, false, ''), expected);
    assert.deepEqual(d.order({ key: 'file', dir: 'descending' }, false, ''), [...expected].reverse());
  });

  it('filters by file name and body, every word, case ignored; the sort applies to the rows kept', () => {
    assert.deepEqual(d.order(null, false, '甲市'), [1, 3]);
    assert.deepEqual(d.order(null, false, 'A/'), [1, 3]);
    assert.deepEqual(d.order(null, false, '  a/  教育 '), [1]);
    assert.deepEqual(d.order({ key: 'errors', dir: 'descending' }, true, '甲市'), [3, 1]);
    assert.deepEqual(d.order(null, false, '不存在'), []);
    assert.deepEqual(filterTerms('  A  b '), ['a', 'b']);
  });

  it('10,000 rows: sorted by a number, ties in data order; the filter keeps the matching rows', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => row(`县${i % 97}/部门${i}.txt`, `机关${i % 13}`, (i * 7919) % 5));
    const big = new SummaryData(many, 'zh-CN');
    const sorted = big.order({ key: 'errors', dir: 'descending' }, true, '');
    assert.equal(sorted.length, 10_000);
    for (let k = 1; k < sorted.length; k++) {
      const a = many[sorted[k - 1]].errors;
      const b = many[sorted[k]].errors;
      assert.ok(a > b || (a === b && sorted[k - 1] < sorted[k]));
    }
    const kept = big.order(null, false, '县1/');
    assert.equal(kept.length, many.filter((r) => r.file.startsWith('县1/')).length);
  });
});
