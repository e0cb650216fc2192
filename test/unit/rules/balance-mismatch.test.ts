import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsOf, otherRules, ref, report2021, seed, setCell } from '../helpers';

const RULE = 'balance-mismatch';

describe(RULE, () => {
  it('a column breaking 一 + 二 = （七）总计 + 四, with rows that add up', () => {
    const t = report2021('tabs');
    const text = setCell(setCell(t, ref('t3', 'main', 'carry_over', 'natural'), '3'), ref('t3', 'main', 'carry_over', 'total'), '4');
    assert.deepEqual(findingsOf(text, RULE), [
      '53:7 error balance-mismatch 自然人列不满足勾稽关系「第一项加第二项之和，等于第三项加第四项之和」：一、本年新收申请(41) + 二、上年结转申请(1) = 42，（七）总计(40) + 四、结转下年度继续办理(3) = 43',
      '53:20 error balance-mismatch 总计列不满足勾稽关系「第一项加第二项之和，等于第三项加第四项之和」：一、本年新收申请(51) + 二、上年结转申请(1) = 52，（七）总计(49) + 四、结转下年度继续办理(4) = 53',
    ]);
    assert.deepEqual(otherRules(text, RULE), []);
  });

  it('in the one-cell-per-line layout (seed 000)', () => {
    let text = setCell(seed('000'), ref('t3', 'main', 'new', 'natural'), '2');
    text = setCell(text, ref('t3', 'main', 'new', 'total'), '2');
    assert.deepEqual(findingsOf(text, RULE).map((l) => l.split(' ').slice(0, 3).join(' ')), ['331:4 error balance-mismatch', '337:4 error balance-mismatch']);
  });

  it('English messages', () => {
    const t = report2021('tabs');
    const text = setCell(setCell(t, ref('t3', 'main', 'carry_over', 'natural'), '3'), ref('t3', 'main', 'carry_over', 'total'), '4');
    assert.match(findingsOf(text, RULE, { locale: 'en' })[0], /Column 自然人 breaks the balance/);
  });
});
