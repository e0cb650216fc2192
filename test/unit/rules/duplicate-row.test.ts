import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../../../core/src';
import { findingsOf, otherRules, report2021, replaceOnce, seed } from '../helpers';

const RULE = 'duplicate-row';

describe(RULE, () => {
  it('a second 一、本年新收… row (tab rows) is one error naming both lines; the first is read', () => {
    const tabs = report2021('tabs');
    const row = '一、本年新收政府信息公开申请数量\t41\t6\t0\t1\t0\t3\t51';
    const text = replaceOnce(tabs, row, `${row}\n${row.replace('\t41\t', '\t40\t')}`);
    assert.deepEqual(findingsOf(text, RULE), [
      '26:1 error duplicate-row 表三（收到和处理政府信息公开申请情况）的「一、本年新收申请」出现了两次（第 25 行和第 26 行）；按第 25 行的数值检查，本行未读取',
    ]);
    assert.deepEqual(otherRules(text, RULE), otherRules(tabs, RULE));
    const f = check(text).findings.find((x) => x.rule === RULE)!;
    assert.equal(f.related?.length, 1);
    assert.equal(f.fix, undefined);
  });

  it('the same leaf row twice in PDF text', () => {
    const spaces = report2021('spaces');
    const row = '2.重复申请   1   0   0   0   0   0   1';
    const text = replaceOnce(spaces, row, `${row}\n${row}`);
    assert.equal(findingsOf(text, RULE).length, 1);
    assert.match(findingsOf(text, RULE)[0], /「（五）2\.重复申请」出现了两次/);
  });

  it('silent on the clean layouts and the seeds, and on a label without values (a repeated header)', () => {
    for (const text of [report2021('tabs'), report2021('cells'), report2021('pipes'), report2021('spaces'), seed('000'), seed('001'), seed('002'), seed('003'), seed('004')]) {
      assert.deepEqual(findingsOf(text, RULE), []);
    }
    const tabs = report2021('tabs');
    const text = replaceOnce(tabs, '（七）总计\t', '（一）予以公开\n（七）总计\t');
    assert.deepEqual(findingsOf(text, RULE), []);
  });
});
