import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsOf, otherRules, replaceOnce, report2021 } from '../helpers';

const RULE = 'cell-count';

describe(RULE, () => {
  it('more values than columns (tab rows, one cell per line)', () => {
    const tabs = replaceOnce(report2021('tabs'), '规章\t0\t0\t3', '规章\t0\t0\t3\t7');
    assert.deepEqual(findingsOf(tabs, RULE), ['9:10 error cell-count 「规章」有 4 个数值，但只有 3 列（多出：7）']);
    assert.deepEqual(otherRules(tabs, RULE), []);
    const cells = replaceOnce(report2021('cells'), '\t\u3000\u3000行政许可\n\t\u3000\u30001326\n', '\t\u3000\u3000行政许可\n\t\u3000\u30001326\n\t\u3000\u30005\n');
    assert.deepEqual(findingsOf(cells, RULE), ['31:4 error cell-count 「行政许可」有 2 个数值，但只有 1 列（多出：5）']);
  });

  it('fewer values where position cannot explain it (tabs, pipes, table 四)', () => {
    assert.deepEqual(findingsOf(replaceOnce(report2021('tabs'), '规章\t0\t0\t3', '规章\t0\t0'), RULE), ['9:1 error cell-count 「规章」只有 2 个数值，应有 3 个（缺少：现行有效件数）']);
    assert.deepEqual(findingsOf(replaceOnce(report2021('pipes'), '| 行政处罚 | 87 |', '| 行政处罚 |'), RULE), ['16:3 error cell-count 「行政处罚」只有 0 个数值，应有 1 个（缺少：本年处理决定数量）']);
    const t4 = replaceOnce(report2021('tabs'), '2\t1\t0\t1\t4\t1\t0\t0\t0\t1\t0\t0\t0\t0\t0', '2\t1\t0\t1\t4\t1\t0\t0\t0\t1');
    assert.deepEqual(findingsOf(t4, RULE), [
      '58:1 error cell-count 表四（行政复议、行政诉讼情况）只有 10 个数值，应有 15 个（缺少：行政诉讼（复议后起诉）·结果维持、行政诉讼（复议后起诉）·结果纠正、行政诉讼（复议后起诉）·其他结果、行政诉讼（复议后起诉）·尚未审结、行政诉讼（复议后起诉）·总计）',
    ]);
    // The missing cells are unknown, not zero: no sum finding follows.
    assert.deepEqual(otherRules(t4, RULE), []);
  });

  it('empty positions kept by tabs are blanks, not missing cells', () => {
    const text = replaceOnce(report2021('tabs'), '规章\t0\t0\t3', '规章\t0\t0\t');
    assert.deepEqual(findingsOf(text, RULE), []);
    assert.deepEqual(otherRules(text, RULE), ['blank-cell']);
  });
});
