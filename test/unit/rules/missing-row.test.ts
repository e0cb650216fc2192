import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsOf, otherRules, report2021, seed } from '../helpers';

const RULE = 'missing-row';

describe(RULE, () => {
  it('a row deleted in the tab layout (seed 002)', () => {
    const text = seed('002').replace(/\t2\. 重复申请[^\n]*\n/, '\n');
    assert.deepEqual(findingsOf(text, RULE), ['69:1 error missing-row 表三（收到和处理政府信息公开申请情况）缺少行「（五）2.重复申请」']);
  });

  it('a row deleted in the one-cell-per-line layout (seed 003)', () => {
    const text = seed('003').replace(/\t2\.重复申请\n(\t[^\n]*\n){7}/, '');
    assert.deepEqual(findingsOf(text, RULE), ['260:2 error missing-row 表三（收到和处理政府信息公开申请情况）缺少行「（五）2.重复申请」']);
    assert.deepEqual(otherRules(text, RULE), ['number-format']);
  });

  it('a whole block of table 二 is one finding (2021 tabs)', () => {
    const text = report2021('tabs').replace(/第二十条第（六）项\n[^\n]*\n[^\n]*\n[^\n]*\n/, '');
    assert.deepEqual(findingsOf(text, RULE), ['13:1 error missing-row 表二（主动公开政府信息情况）缺少「第二十条第（六）项」整块（行政处罚、行政强制）']);
    assert.deepEqual(otherRules(text, RULE), []);
  });

  it('a 2021 report with the single 2019-style （六） row misses no row: it stands for the three (format-version says so)', () => {
    const t = report2021('tabs');
    // The three 2021 rows (1, 0 and 1) written as 2019's one row holding their sum.
    const text = t.replace(/（六）其他处理\n1\.申请人[^\n]*\n2\.申请人[^\n]*\n3\.其他[^\n]*\n/, '（六）其他处理\t2\t0\t0\t0\t0\t0\t2\n');
    assert.notEqual(text, t);
    assert.deepEqual(findingsOf(text, RULE), []);
    assert.deepEqual(otherRules(text, RULE), ['format-version']);
  });
});
