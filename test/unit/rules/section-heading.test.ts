import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, check, fixAll } from '../../../core/src';
import { findingsOf, otherRules, report2021, seed } from '../helpers';

const RULE = 'section-heading';

describe(RULE, () => {
  it('a variant wording (seed 002), fixed safely', () => {
    const text = seed('002').replace('五、存在的主要问题及改进情况', '五、存在问题及改进情况');
    assert.deepEqual(findingsOf(text, RULE), ['85:1 information section-heading 章节标题「五、存在问题及改进情况」为变体写法，规范标题为「五、存在的主要问题及改进情况」']);
    assert.deepEqual(otherRules(text, RULE), otherRules(seed('002'), RULE));
    const f = check(text).findings.find((x) => x.rule === RULE)!;
    assert.equal(f.fix!.safe, true);
    assert.equal(applyEdits(text, f.fix!.edits), seed('002'));
  });

  it('a wrong ordinal (2021 tabs) and a missing one (2021 cells)', () => {
    const mis = report2021('tabs').replace('六、其他需要报告的事项', '七、其他需要报告的事项');
    assert.deepEqual(findingsOf(mis, RULE), ['61:1 information section-heading 章节标题「七、其他需要报告的事项」序号应为「六」而非「七」，规范标题为「六、其他需要报告的事项」']);
    assert.equal(fixAll(mis).text, report2021('tabs'));
    const bare = report2021('cells').replace('五、存在的主要问题及改进情况', '存在的主要问题及改进情况');
    assert.deepEqual(findingsOf(bare, RULE), ['320:1 information section-heading 章节标题「存在的主要问题及改进情况」缺少序号，规范标题为「五、存在的主要问题及改进情况」']);
    assert.equal(fixAll(bare).text, report2021('cells'));
  });

  it('look-alikes are not headings: table row labels and sub-headings of 一', () => {
    // Seed 002 has "一、主动公开情况。…" inside 总体情况 and rows "四、结转下年度继续办理".
    assert.deepEqual(findingsOf(seed('002'), RULE), []);
    const sub = report2021('tabs').replace('一、总体情况\n', '一、总体情况\n一、主动公开情况\n');
    assert.deepEqual(findingsOf(sub, RULE), []);
    assert.deepEqual(findingsOf(sub, 'section-order'), []);
  });
});
