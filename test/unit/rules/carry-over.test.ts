import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../../../core/src';
import { findingsOf, ref, report2021 } from '../helpers';
import { crossFindings, LAST_NAME, lastYear, otherCross, withCells } from './cross-year.fixtures';

const RULE = 'carry-over';
const carryOver = (column: string) => ref('t3', 'main', 'carry_over', column);

/** Last year's report as it was written: 2 自然人 + 1 商业企业 = 3 carried over to this year. */
function brokenLastYear(layout: 'tabs' | 'cells' = 'tabs'): string {
  return withCells(lastYear(layout), [
    [carryOver('natural'), '2'],
    [carryOver('business'), '1'],
    [carryOver('total'), '3'],
  ]);
}

describe(RULE, () => {
  it('silent without last year\'s report, and when the carried-over figures match', () => {
    assert.deepEqual(findingsOf(report2021('tabs'), RULE), []);
    assert.deepEqual(crossFindings(report2021('tabs'), lastYear(), RULE), []);
    assert.deepEqual(crossFindings(report2021('cells'), lastYear('cells'), RULE), []);
  });

  it('this year\'s 上年结转 against last year\'s 结转下年度: a finding per column that differs, on this year\'s cell', () => {
    // Last year carried over 2 自然人 + 1 商业企业 = 3; this year says 1 + 0 = 1.
    const text = report2021('tabs');
    assert.deepEqual(crossFindings(text, brokenLastYear(), RULE), [
      '26:18 error carry-over 二、上年结转申请·自然人 为 1，但上年报告（last-year.txt）四、结转下年度继续办理·自然人 为 2：本年的上年结转应等于上年的结转下年度',
      '26:20 error carry-over 二、上年结转申请·商业企业 为 0，但上年报告（last-year.txt）四、结转下年度继续办理·商业企业 为 1：本年的上年结转应等于上年的结转下年度',
      '26:30 error carry-over 二、上年结转申请·总计 为 1，但上年报告（last-year.txt）四、结转下年度继续办理·总计 为 3：本年的上年结转应等于上年的结转下年度',
    ]);
    assert.deepEqual(otherCross(text, brokenLastYear(), RULE), []);
  });

  it('the related information points at last year\'s cell, in last year\'s file', () => {
    const last = brokenLastYear();
    const r = check(report2021('tabs'), { previous: { text: last, name: LAST_NAME } });
    const f = r.findings.find((x) => x.rule === RULE && x.data?.column === 'total')!;
    assert.equal(f.related?.length, 1);
    assert.equal(f.related![0].file, LAST_NAME);
    assert.equal(last.slice(f.related![0].start, f.related![0].end), '3');
    assert.equal(r.previous?.report.lineIndex.positionAt(f.related![0].start).line, 53); // line 54: 四、结转下年度继续办理
    assert.deepEqual(f.data, { column: 'total', value: 1, previous: 3, previousFile: LAST_NAME });
  });

  it('in the one-cell-per-line layout; a report already parsed can be given', () => {
    assert.equal(crossFindings(report2021('cells'), brokenLastYear('cells'), RULE).length, 3);
    const previous = { report: check(withCells(lastYear('pipes'), [[carryOver('natural'), '2'], [carryOver('business'), '1'], [carryOver('total'), '3']])).report, name: LAST_NAME };
    assert.equal(check(report2021('tabs'), { previous }).findings.filter((f) => f.rule === RULE).length, 3);
  });

  it('not judged when the years are not consecutive, or a cell is unreadable', () => {
    assert.deepEqual(crossFindings(report2021('tabs'), brokenLastYear().replace(/2020年/g, '2019年'), RULE), []);
    assert.deepEqual(crossFindings(report2021('tabs'), withCells(brokenLastYear(), [[carryOver('natural'), '两']]), RULE).length, 2);
  });

  it('English', () => {
    assert.deepEqual(crossFindings(report2021('tabs'), brokenLastYear(), RULE, { locale: 'en' })[2], "26:30 error carry-over 二、上年结转申请·总计 is 1, but last year's report (last-year.txt) has 四、结转下年度继续办理·总计 3: what last year carried over is what this year carries in");
  });
});
