import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsOf, otherRules, report2021, seed } from '../helpers';

const RULE = 'missing-table';

describe(RULE, () => {
  it('table 四 removed (seed 002, tab rows)', () => {
    const text = seed('002').replace(/\n0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n/, '\n');
    assert.deepEqual(findingsOf(text, RULE), ['78:1 error missing-table 「四、政府信息公开行政复议、行政诉讼情况」中没有可识别的表四（行政复议、行政诉讼情况）']);
  });

  it('table 三 replaced by prose (2021 tabs)', () => {
    const text = report2021('tabs').replace(/（本列数据[\s\S]*?(?=四、政府信息公开行政复议)/, '本年度共收到申请51件。\n');
    assert.deepEqual(findingsOf(text, RULE), ['21:1 error missing-table 「三、收到和处理政府信息公开申请情况」中没有可识别的表三（收到和处理政府信息公开申请情况）']);
    assert.deepEqual(otherRules(text, RULE), []);
  });
});
