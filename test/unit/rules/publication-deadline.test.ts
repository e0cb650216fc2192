import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../../../core/src';
import { kindOfBody, normalizeBody } from '../../../core/src/identity';
import { normalizeSettings } from '../../../server/src/settings';
import { findingsOf, otherRules, replaceOnce, report2021, seed } from '../helpers';

const RULE = 'publication-deadline';

/** The 2021 report of 示例市示例区人民政府 (a 县级以上地方人民政府) signed and dated `date`. */
function signed(date: string, layout: 'tabs' | 'cells' = 'tabs', body = '示例市示例区人民政府'): string {
  return report2021(layout) + `${body}\n${date}\n`;
}

/** The same report issued by a department: its title and signature name 示例区教育局. */
function department(date: string): string {
  return replaceOnce(report2021('tabs'), '示例市示例区人民政府2021年', '示例市示例区教育局2021年') + `示例市示例区教育局\n${date}\n`;
}

describe(RULE, () => {
  it('silent on the seeds (township reports dated in January) and on reports in time', () => {
    for (const s of ['000', '001', '002', '003', '004']) assert.deepEqual(findingsOf(seed(s), RULE), [], s);
    for (const l of ['tabs', 'cells', 'pipes', 'spaces'] as const) assert.deepEqual(findingsOf(report2021(l), RULE), [], l);
    assert.deepEqual(findingsOf(signed('2022年3月31日'), RULE), []);
    assert.deepEqual(findingsOf(department('2022年1月31日'), RULE), []);
  });

  it('a 县级以上地方人民政府 after 3月31日: on the date', () => {
    const text = signed('2022年4月1日');
    assert.deepEqual(findingsOf(text, RULE), ['64:1 warning publication-deadline 落款日期 2022年4月1日 晚于公布期限 2022年3月31日（示例市示例区人民政府，县级以上地方人民政府应于次年3月31日前公布，条例第四十九条）']);
    assert.deepEqual(otherRules(text, RULE), []);
    const f = check(text).findings.find((x) => x.rule === RULE)!;
    assert.deepEqual(f.data, { kind: 'government', deadline: '2022-03-31', date: '2022-04-01' });
  });

  it('a department after 1月31日; in the one-cell-per-line layout', () => {
    assert.deepEqual(findingsOf(department('2022年2月10日'), RULE), ['64:1 warning publication-deadline 落款日期 2022年2月10日 晚于公布期限 2022年1月31日（示例市示例区教育局，政府部门应于次年1月31日前公布，条例第四十九条）']);
    assert.deepEqual(findingsOf(signed('2022年4月1日', 'cells'), RULE).length, 1);
  });

  it('a township (seed 000, 港门镇) by 1月31日 like a department', () => {
    const text = replaceOnce(seed('000'), '2021年1月10日', '2021年2月10日');
    assert.deepEqual(findingsOf(text, RULE), ['404:1 warning publication-deadline 落款日期 2021年2月10日 晚于公布期限 2021年1月31日（港门镇，乡镇人民政府、街道办事处按部门期限，于次年1月31日前报送并公布）']);
    assert.deepEqual(otherRules(text, RULE), otherRules(seed('000'), RULE));
  });

  it('the kind and the dates from the settings', () => {
    assert.deepEqual(findingsOf(signed('2022年2月10日'), RULE, { reviewer: { bodyKind: 'department' } }), [
      '64:1 warning publication-deadline 落款日期 2022年2月10日 晚于公布期限 2022年1月31日（示例市示例区人民政府，按指定的机关类型（govreport.reviewer.bodyKind / --body-kind），政府部门应于次年1月31日前公布，条例第四十九条）',
    ]);
    // A deadline given is named as such, not as the 条例's.
    assert.deepEqual(findingsOf(department('2022年2月20日'), RULE, { reviewer: { deadlines: { department: '02-15' } } }).map((f) => f.slice(f.indexOf('（') + 1)), ['示例市示例区教育局，政府部门应于次年2月15日前公布（指定的期限））']);
    assert.deepEqual(findingsOf(signed('2022年3月10日'), RULE, { reviewer: { deadlines: { government: '03-01' } }, locale: 'en' }).map((f) => f.slice(f.indexOf('(') + 1)), ['a 县级以上地方人民政府 publishes by 1 March (the deadline given))']);
    assert.deepEqual(findingsOf(department('2022年2月10日'), RULE, { reviewer: { bodyKind: 'government' } }), []);
    assert.deepEqual(findingsOf(department('2022年2月10日'), RULE, { reviewer: { deadlines: { department: '02-15' } } }), []);
    assert.deepEqual(findingsOf(signed('2022年3月10日'), RULE, { reviewer: { deadlines: { government: '03-01' } } }).length, 1);
    // A malformed date is no setting: the default applies.
    assert.deepEqual(findingsOf(department('2022年2月10日'), RULE, { reviewer: { deadlines: { department: 'Feb 15' } } }).length, 1);
    const s = normalizeSettings({ reviewer: { bodyKind: 'department', deadlines: { government: '3-15', department: 'x' }, requireDate: true } });
    assert.deepEqual(s.reviewer, { bodyKind: 'department', deadlines: { government: '3-15' }, requireDate: true });
    assert.deepEqual(normalizeSettings({ 'reviewer.bodyKind': 'auto' }).reviewer, {});
  });

  it('signed without a date: information on the signature; no signature at all: only with requireDate', () => {
    const text = report2021('tabs') + '示例市示例区人民政府\n';
    assert.deepEqual(findingsOf(text, RULE), ['63:1 information publication-deadline 落款只有机关名称，没有日期（成文日期），无法核对是否按期公布']);
    assert.deepEqual(findingsOf(report2021('tabs'), RULE, { reviewer: { requireDate: true } }), ['62:13 information publication-deadline 未找到落款日期（文末的成文日期），无法核对是否按期公布']);
    // Seed 003 ends with section 六's "无": no signature.
    assert.deepEqual(findingsOf(seed('003'), RULE), []);
  });

  it('English', () => {
    assert.deepEqual(findingsOf(signed('2022年4月1日'), RULE, { locale: 'en' }), [
      '64:1 warning publication-deadline Dated 2022-04-01, after the deadline 2022-03-31 (a 县级以上地方人民政府 publishes by 31 March, 条例 第四十九条)',
    ]);
  });

  it('the kind of body from its name', () => {
    const cases: [string, string, string][] = [
      ['淮安市洪泽区人民政府', '洪泽区', 'government'],
      ['淮安市人民政府', '淮安市', 'government'],
      ['平潭综合实验区管委会', '平潭综合实验区', 'government'],
      ['莱州市金城镇人民政府', '金城镇', 'township'],
      ['岑港街道办事处', '岑港街道', 'township'],
      ['淮安市市场监督管理局', '淮安市市场监督管理局', 'department'],
      ['南京市鼓楼区教育局', '鼓楼区教育局', 'department'],
      ['某某市人民政府办公室', '某某市政府办', 'department'],
      ['某某市政府办公厅', '某某市政府办', 'department'],
    ];
    for (const [body, key, kind] of cases) {
      assert.equal(normalizeBody(body), key, body);
      assert.equal(kindOfBody(normalizeBody(body)), kind, body);
    }
  });
});
