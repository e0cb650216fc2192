import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, check } from '../../../core/src';
import { findingsOf, otherRules, ref, replaceOnce, report2021, seed, setCell } from '../helpers';

const RULE = 'non-numeric-cell';

describe(RULE, () => {
  it('text in a value position (tabs) and in the one-cell layout (seed 003)', () => {
    const tabs = setCell(report2021('tabs'), ref('t3', 'main', 'r2', 'natural'), '5以公开');
    assert.deepEqual(findingsOf(tabs, RULE), ['29:30 error non-numeric-cell （二）部分公开·自然人 应为数字，实为「5以公开」']);
    assert.deepEqual(otherRules(tabs, RULE), []);
    const one = setCell(seed('003'), ref('t3', 'main', 'r3_1', 'natural'), '无法统计');
    assert.deepEqual(findingsOf(one, RULE), ['140:3 error non-numeric-cell （三）1.属于国家秘密·自然人 应为数字，实为「无法统计」']);
  });

  it('a stray text field right after the label is a cell when the row runs short', () => {
    const text = replaceOnce(report2021('tabs'), '规章\t0\t0\t3', '规章\t无法统计\t0\t3');
    assert.deepEqual(findingsOf(text, RULE), ['9:4 error non-numeric-cell 第二十条第（一）项·规章·本年制发件数 应为数字，实为「无法统计」']);
    assert.deepEqual(otherRules(text, RULE), []);
  });

  it('letters that look like digits get a suggested (not safe) fix that makes the report clean', () => {
    for (const [layout, r, bad] of [
      ['tabs', ref('t3', 'main', 'r2', 'business'), 'l'],
      ['cells', ref('t3', 'main', 'r3_1', 'natural'), 'O'],
    ] as const) {
      const original = report2021(layout);
      const text = setCell(original, r, bad);
      const f = check(text).findings.find((x) => x.rule === RULE)!;
      assert.equal(f.fix!.safe, false);
      assert.equal(applyEdits(text, f.fix!.edits), original);
    }
  });
});
