import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsOf, otherRules, report2021, seed } from '../helpers';

const RULE = 'section-order';

describe(RULE, () => {
  it('a duplicated section (seed 003)', () => {
    const text = seed('003') + '六、其他需要报告的事项\n无\n';
    assert.deepEqual(findingsOf(text, RULE), ['399:1 warning section-order 章节「六、其他需要报告的事项」重复出现（第一次在第 394 行）']);
    assert.deepEqual(otherRules(text, RULE), ['number-format']);
  });

  it('swapped sections (2021 tabs)', () => {
    const t = report2021('tabs');
    const text = t.replace('五、存在的主要问题及改进情况', 'XX').replace('六、其他需要报告的事项', '五、存在的主要问题及改进情况').replace('XX', '六、其他需要报告的事项');
    assert.deepEqual(findingsOf(text, RULE), ['61:1 warning section-order 章节顺序错误：「五、存在的主要问题及改进情况」应在「六、其他需要报告的事项」之前']);
    // 五 now holds 六's one sentence (本年度未收取信息处理费。): thin-section says so.
    assert.deepEqual(otherRules(text, RULE), ['thin-section']);
  });
});
