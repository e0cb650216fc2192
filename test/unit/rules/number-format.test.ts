import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixAll } from '../../../core/src';
import { findingsOf, otherRules, ref, report2021, seed, setCell } from '../helpers';

const RULE = 'number-format';

describe(RULE, () => {
  it('units on counts in seed 000 are warnings; money units are information', () => {
    assert.deepEqual(findingsOf(seed('000'), RULE), [
      '67:4 warning number-format 第二十条第（八）项·行政事业性收费·上一年项目数量「0项」含单位「项」，应写为 0',
      '77:3 warning number-format 第二十条第（九）项·政府集中采购·采购项目数量「20项」含单位「项」，应写为 20',
      '78:3 information number-format 第二十条第（九）项·政府集中采购·采购总金额 带单位「元」：按 61355 元 理解',
    ]);
  });

  it('full-width digits, thousands separators, units, in three layouts', () => {
    const cases: [string, string][] = [
      [setCell(report2021('tabs'), ref('t2', 'b5', 'licensing', 'decisions'), '１３２６'), '13:6 warning number-format 第二十条第（五）项·行政许可·本年处理决定数量「１３２６」含全角数字，应写为 1326'],
      [setCell(report2021('spaces'), ref('t2', 'b5', 'licensing', 'decisions'), '1,326'), '13:8 warning number-format 第二十条第（五）项·行政许可·本年处理决定数量「1,326」含千分位分隔符，应写为 1326'],
      [setCell(report2021('pipes'), ref('t2', 'b6', 'penalty', 'decisions'), '87件'), '16:10 warning number-format 第二十条第（六）项·行政处罚·本年处理决定数量「87件」含单位「件」，应写为 87'],
    ];
    for (const [text, expected] of cases) {
      assert.deepEqual(findingsOf(text, RULE), [expected]);
      assert.deepEqual(otherRules(text, RULE), []);
    }
  });

  it('money: the unit is kept; separators are normalised', () => {
    const unit = setCell(report2021('tabs'), ref('t2', 'b8', 'fees', 'fee_amount'), '12.5万元');
    assert.deepEqual(findingsOf(unit, RULE), ['20:9 information number-format 第二十条第（八）项·行政事业性收费·本年收费金额（单位：万元） 带单位「万元」：按 12.5 万元 理解']);
    assert.equal(check(unit).findings[0].fix, undefined);
    const sep = setCell(report2021('tabs'), ref('t2', 'b8', 'fees', 'fee_amount'), '1,212.5万元');
    assert.equal(fixAll(sep).text.includes('\t1212.5万元\n'), true);
  });

  it('the safe fix leaves the report clean (fix-all on seed 000 and on several problems at once)', () => {
    const fixed = fixAll(seed('000')).text;
    assert.deepEqual(findingsOf(fixed).map((l) => l.split(' ')[2]), ['number-format']);
    let text = report2021('tabs');
    text = setCell(text, ref('t2', 'b5', 'licensing', 'decisions'), '１,３２６');
    text = setCell(text, ref('t3', 'main', 'r1', 'natural'), '20件');
    text = setCell(text, ref('t4', 'main', 'cases', 'review_total'), '４');
    assert.equal(check(text).findings.length, 3);
    assert.equal(fixAll(text).text, report2021('tabs'));
  });
});
