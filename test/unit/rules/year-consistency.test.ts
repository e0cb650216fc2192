import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../../../core/src';
import { findingsOf, otherRules, replaceOnce, report2021, seed } from '../helpers';

const RULE = 'year-consistency';

/** The 2021 report (title 2021, period 2021) with a signature and date at its end. */
function signed2021(date: string, layout: 'tabs' | 'cells' = 'tabs'): string {
  return report2021(layout) + `示例市示例区人民政府\n${date}\n`;
}

describe(RULE, () => {
  it('silent on every real report and fixture: title, period and 落款 agree (or are absent)', () => {
    // Seeds 000–002 are dated 2021年1月10日/26日/25日 for 2020; 002 also states its period.
    for (const s of ['000', '001', '002', '003', '004']) assert.deepEqual(findingsOf(seed(s), RULE), [], s);
    for (const l of ['tabs', 'cells', 'pipes', 'spaces'] as const) assert.deepEqual(findingsOf(report2021(l), RULE), [], l);
    assert.deepEqual(findingsOf(signed2021('2022年1月20日'), RULE), []);
    assert.deepEqual(findingsOf(signed2021('二〇二二年一月二十日'), RULE), []);
  });

  it('a 落款 in the report year itself (the commonest slip): on the date, naming all three', () => {
    const text = signed2021('2021年1月20日');
    assert.deepEqual(findingsOf(text, RULE), [
      '64:1 error year-consistency 年份不一致：标题为 2021 年，统计期限为 2021年1月1日至2021年12月31日，落款日期为 2021年1月20日。2021 年度报告的落款日期应在 2022 年',
    ]);
    assert.deepEqual(otherRules(text, RULE), []);
    const { report, findings } = check(text);
    const f = findings.find((x) => x.rule === RULE)!;
    assert.equal(report.text.slice(f.start, f.end), '2021年1月20日');
    assert.deepEqual(f.related?.map((r) => report.text.slice(r.start, r.end)), ['2021', '统计期限自2021年1月1日起至2021年12月31日']);
    assert.deepEqual(f.data, { title: 2021, period: [2021, 2021], signature: 2021 });
  });

  it('in the one-cell-per-line layout (seed 000: 落款 2021年1月10日 for 2020 → 2020年1月10日)', () => {
    const text = replaceOnce(seed('000'), '2021年1月10日', '2020年1月10日');
    assert.deepEqual(findingsOf(text, RULE), ['404:1 error year-consistency 年份不一致：标题为 2020 年，未写统计期限，落款日期为 2020年1月10日。2020 年度报告的落款日期应在 2021 年']);
    // Seed 000's own findings (units on counts), nothing more.
    assert.deepEqual(otherRules(text, RULE), otherRules(seed('000'), RULE));
  });

  it('a period of another year than the title and the 落款: on the period', () => {
    const text = replaceOnce(seed('002'), '统计期限自 2020 年 1 月 1 日起至 2020 年 12 月 31 日止', '统计期限自 2019 年 1 月 1 日起至 2019 年 12 月 31 日止');
    assert.deepEqual(findingsOf(text, RULE), [
      '5:132 error year-consistency 年份不一致：标题为 2020 年，统计期限为 2019年1月1日至2019年12月31日，落款日期为 2021年1月25日。统计期限应为 2020年1月1日至2020年12月31日',
    ]);
    assert.deepEqual(otherRules(text, RULE), otherRules(seed('002'), RULE));
  });

  it('a title year the period and the 落款 both contradict: on the title', () => {
    const text = replaceOnce(signed2021('2021年1月20日'), '统计期限自2021年1月1日起至2021年12月31日', '统计期限自2020年1月1日起至2020年12月31日');
    assert.deepEqual(findingsOf(text, RULE), [
      '1:11 error year-consistency 年份不一致：标题为 2021 年，统计期限为 2020年1月1日至2020年12月31日，落款日期为 2021年1月20日。统计期限和落款表明这是 2020 年度的报告，标题年份可能有误',
    ]);
  });

  it('a period running over two years', () => {
    const text = replaceOnce(report2021('cells'), '至2021年12月31日', '至2022年12月31日');
    assert.deepEqual(findingsOf(text, RULE), ['3:10 error year-consistency 年份不一致：标题为 2021 年，统计期限为 2021年1月1日至2022年12月31日，未找到落款日期。统计期限应为同一年的1月1日至12月31日']);
  });

  it('English', () => {
    assert.deepEqual(findingsOf(signed2021('2021年1月20日'), RULE, { locale: 'en' }), [
      '64:1 error year-consistency Years disagree: the title says 2021; the statistics period is 2021年1月1日–2021年12月31日; the date at the end is 2021年1月20日. A report for 2021 is dated in 2022',
    ]);
  });

  it('a date inside the last paragraph is no 落款; a signature and date on one line is', () => {
    assert.deepEqual(findingsOf(report2021('tabs') + '我区将于2021年1月20日前完成整改，并向社会公开。\n', RULE), []);
    assert.deepEqual(findingsOf(report2021('tabs') + '示例市示例区人民政府    2021年1月20日\n', RULE).length, 1);
  });
});
