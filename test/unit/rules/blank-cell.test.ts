import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, check } from '../../../core/src';
import { findingsOf, otherRules, ref, report2021, seed, setCell } from '../helpers';

const RULE = 'blank-cell';

describe(RULE, () => {
  it('placeholders: one finding per row covering its blank cells', () => {
    const text = setCell(setCell(report2021('tabs'), ref('t2', 'b1', 'rules', 'issued'), '/'), ref('t2', 'b1', 'rules', 'repealed'), '—');
    assert.deepEqual(findingsOf(text, RULE), ['9:4 warning blank-cell 第二十条第（一）项·规章 有 2 个空白单元格（本年制发件数、本年废止件数），计算时按 0 处理']);
    const f = check(text).findings[0];
    assert.equal(text.slice(f.start, f.end), '/\t—');
    assert.equal(f.fix!.safe, false);
    assert.deepEqual(check(applyEdits(text, f.fix!.edits)).findings, []);
  });

  it('empty cells in tabs and in the one-cell layout', () => {
    const tabs = setCell(report2021('tabs'), ref('t3', 'main', 'r3_1', 'natural'), '');
    assert.deepEqual(findingsOf(tabs, RULE), ['31:10 warning blank-cell （三）1.属于国家秘密 有 1 个空白单元格（自然人），计算时按 0 处理']);
    assert.deepEqual(otherRules(tabs, RULE), []);
    const cells = setCell(report2021('cells'), ref('t3', 'main', 'r3_1', 'natural'), '');
    assert.deepEqual(findingsOf(cells, RULE), ['106:4 warning blank-cell （三）1.属于国家秘密 有 1 个空白单元格（自然人），计算时按 0 处理']);
  });

  it('seeds 001 and 002 get blank warnings, one per row with blanks', () => {
    assert.equal(findingsOf(seed('001'), RULE).length, 20);
    assert.equal(findingsOf(seed('002'), RULE).length, 23);
    assert.deepEqual(findingsOf(seed('003'), RULE), []);
  });
});
