import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsOf, otherRules, ref, report2021, seed, setCell } from '../helpers';

const RULE = 'invalid-number';

describe(RULE, () => {
  it('a negative count and a decimal count', () => {
    const neg = setCell(report2021('tabs'), ref('t2', 'b5', 'licensing', 'decisions'), '-3');
    assert.deepEqual(findingsOf(neg, RULE), ['13:6 error invalid-number 第二十条第（五）项·行政许可·本年处理决定数量 为 -3：计数不能为负数']);
    assert.deepEqual(otherRules(neg, RULE), []);
    const dec = setCell(report2021('tabs'), ref('t2', 'b6', 'penalty', 'decisions'), '2.5');
    assert.deepEqual(findingsOf(dec, RULE), ['16:6 error invalid-number 第二十条第（六）项·行政处罚·本年处理决定数量 为 2.5：计数必须是整数']);
  });

  it('本年增/减 is signed: "-11" and "增2" are fine', () => {
    for (const v of ['-11', '增2', '减4', '+3']) {
      assert.deepEqual(findingsOf(setCell(seed('000'), ref('t2', 'b5', 'licensing', 'change'), v), RULE), [], v);
    }
  });
});
