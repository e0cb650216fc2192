import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixAll } from '../../../core/src';
import { findingsOf, otherRules, replaceOnce, report2021, seed } from '../helpers';

const RULE = 'format-version';

describe(RULE, () => {
  it('the version does not fit the report year', () => {
    const t = report2021('tabs').replace('示例市示例区人民政府2021年', '示例市示例区人民政府2020年').replace('自2021年1月1日起至2021年12月31日', '自2020年1月1日起至2020年12月31日');
    assert.deepEqual(findingsOf(t, RULE), ['1:1 warning format-version 2020 年度报告应使用 2019 版格式，但表格采用的是 2021 版格式']);
    const s = seed('003').replace('岑港街道2020年度', '岑港街道2021年度');
    assert.deepEqual(findingsOf(s, RULE), ['1:1 warning format-version 2021 年度报告应使用 2021 版格式，但表格采用的是 2019 版格式']);
  });

  it('labels of both versions', () => {
    const mixed = replaceOnce(report2021('tabs'), '信息内容\t本年制发件数', '信息内容\t本年新制作数量');
    assert.deepEqual(findingsOf(mixed, RULE), ['1:1 warning format-version 表格混用了 2019 版（1 处）和 2021 版（6 处）格式的表述，按 2021 版检查']);
    const foreign = replaceOnce(report2021('tabs'), '三、收到和处理', '第二十条第（九）项\n信息内容\t采购项目数量\t采购总金额\n政府集中采购\t1\t2\n三、收到和处理');
    assert.deepEqual(findingsOf(foreign, RULE), [
      '1:1 warning format-version 表格混用了 2019 版（4 处）和 2021 版（7 处）格式的表述，按 2021 版检查',
      '21:1 warning format-version 「第二十条第（九）项」不属于 2021 版格式的表二',
    ]);
    assert.deepEqual(otherRules(foreign, RULE), []);
  });

  it('2021 report writing 规范性文件: accepted, warned, safely renamed', () => {
    const text = replaceOnce(report2021('tabs'), '行政规范性文件\t', '规范性文件\t');
    assert.deepEqual(findingsOf(text, RULE), ['10:1 warning format-version 2021 版格式中该行为「行政规范性文件」，而非「规范性文件」']);
    assert.equal(fixAll(text).text, report2021('tabs'));
  });
});
