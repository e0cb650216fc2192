import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, FORMATS } from '../../../core/src';
import { findingsOf, otherRules, ref, replaceOnce, report2021, seed, setCell } from '../helpers';

const RULE = 'text-vs-table';

/** The 2021 tab report (new applications 51, carried over 1; reviews 4; lawsuits 1 + 0) with `sentence` as the second line of 一、总体情况. */
function withProse(sentence: string, layout: 'tabs' | 'cells' = 'tabs'): string {
  return replaceOnce(report2021(layout), '一、总体情况\n', `一、总体情况\n${sentence}\n`);
}

describe(RULE, () => {
  it("every claim's patterns can match only clauses that hold its word (the rule skips the others)", () => {
    for (const f of Object.values(FORMATS)) {
      for (const claim of f.claims) {
        for (const p of claim.patterns) {
          // The word stands in the pattern as literal text, outside any lookaround.
          const literal = p.re.source.replace(/\(\?<?[=!][^)]*\)/g, '');
          assert.ok(literal.includes(claim.mentions), `${claim.id}: ${p.re.source}`);
        }
      }
    }
  });
  it('no findings on the seeds and the 2021 reports (seed 002 says 未收到信息公开申请, and its table agrees)', () => {
    for (const s of ['000', '001', '002', '003', '004']) assert.deepEqual(findingsOf(seed(s), RULE), [], s);
    for (const l of ['tabs', 'cells', 'pipes', 'spaces'] as const) assert.deepEqual(findingsOf(report2021(l), RULE), [], l);
  });

  it('"未收到…申请" against a table with applications', () => {
    const text = setCell(seed('002'), ref('t3', 'main', 'new', 'total'), '3');
    assert.deepEqual(findingsOf(text, RULE), ['11:21 warning text-vs-table 正文称「未收到信息公开申请」，但表三（收到和处理政府信息公开申请情况） 一、本年新收申请·总计 为 3']);
  });

  it('a stated count of applications: this year alone, or with last year\'s carried over, both agree', () => {
    assert.deepEqual(findingsOf(withProse('本年度共收到政府信息公开申请51件，上年结转1件。'), RULE), []);
    assert.deepEqual(findingsOf(withProse('全年共受理政府信息公开申请 52 件。'), RULE), []);
    assert.deepEqual(findingsOf(withProse('本年度共收到政府信息公开申请五十一件。'), RULE), []);
    const text = withProse('本年度共收到政府信息公开申请60件，均已按时答复。');
    assert.deepEqual(findingsOf(text, RULE), ['5:5 warning text-vs-table 正文称「收到政府信息公开申请60件」，但表三（收到和处理政府信息公开申请情况） 一、本年新收申请·总计 为 51']);
    assert.deepEqual(otherRules(text, RULE), []);
  });

  it('the finding lists the table cell as related information and carries its numbers', () => {
    const { report, findings } = check(withProse('共收到政府信息公开申请60件。'));
    const f = findings.find((x) => x.rule === RULE)!;
    assert.deepEqual(f.data, { claim: 'applications', stated: 60, table: 51, cells: [ref('t3', 'main', 'new', 'total')] });
    assert.equal(f.related?.length, 1);
    assert.equal(report.text.slice(f.related![0].start, f.related![0].end), '51');
    assert.equal(f.related![0].message, '一、本年新收申请·总计 = 51');
  });

  it('a claim written with spaces and full-width digits is found, and its range is the text as written', () => {
    const sentence = '本年度共收到 政府信息公开申请\u3000６０ 件，均已答复。';
    const { report, findings } = check(withProse(sentence));
    const f = findings.find((x) => x.rule === RULE)!;
    assert.equal(f.data?.stated, 60);
    assert.equal(report.text.slice(f.start, f.end), '收到 政府信息公开申请\u3000６０ 件');
  });

  it('"未发生行政复议、行政诉讼" against reviews and lawsuits in table 四: one finding each', () => {
    assert.deepEqual(findingsOf(withProse('本年度未发生因政府信息公开引起的行政复议、行政诉讼案件。'), RULE), [
      '5:4 warning text-vs-table 正文称「未发生因政府信息公开引起的行政复议」，但表四（行政复议、行政诉讼情况） 行政复议·总计 为 4',
      '5:4 warning text-vs-table 正文称「未发生因政府信息公开引起的行政复议、行政诉讼」，但表四（行政复议、行政诉讼情况） 行政诉讼（未经复议直接起诉）·总计 + 行政诉讼（复议后起诉）·总计 为 1',
    ]);
  });

  it('counts of reviews and lawsuits, clause by clause; a count of both together is not judged', () => {
    assert.deepEqual(findingsOf(withProse('被申请行政复议4件，被提起行政诉讼1件。'), RULE), []);
    assert.deepEqual(findingsOf(withProse('被申请行政复议3件，未发生行政诉讼。'), RULE), [
      '5:4 warning text-vs-table 正文称「行政复议3件」，但表四（行政复议、行政诉讼情况） 行政复议·总计 为 4',
      '5:11 warning text-vs-table 正文称「未发生行政诉讼」，但表四（行政复议、行政诉讼情况） 行政诉讼（未经复议直接起诉）·总计 + 行政诉讼（复议后起诉）·总计 为 1',
    ]);
    assert.deepEqual(findingsOf(withProse('发生行政复议和行政诉讼共5件。'), RULE), []);
    assert.deepEqual(findingsOf(withProse('受理政府信息公开申请和咨询共80件。'), RULE), []);
  });

  it('"未经复议直接起诉" is not a claim that no review or lawsuit happened', () => {
    assert.deepEqual(findingsOf(withProse('被提起行政诉讼1件，为未经行政复议直接提起行政诉讼。'), RULE), []);
  });

  it('in the one-cell-per-line layout, and in English', () => {
    const text = withProse('共收到政府信息公开申请60件。', 'cells');
    assert.equal(findingsOf(text, RULE).length, 1);
    assert.deepEqual(findingsOf(text, RULE, { locale: 'en' }).map((s) => s.replace(/^\S+ /, '')), [
      'warning text-vs-table The text says "收到政府信息公开申请60件" (information disclosure applications received: 60), but 一、本年新收申请·总计 in table 三 (requests received and handled) is 51',
    ]);
  });

  it('an unreadable table cell is not judged (it has its own finding)', () => {
    const text = setCell(withProse('共收到政府信息公开申请60件。'), ref('t3', 'main', 'new', 'total'), '五十');
    assert.deepEqual(findingsOf(text, RULE), []);
  });

  it('the tables\' own header lines are not prose', () => {
    // "尚未审结 … 行政诉讼" in table 四's header would read as "未 … 行政诉讼" otherwise.
    const text = replaceOnce(report2021('tabs'), '行政复议\t行政诉讼\n', '行政复议\t尚未审结\t行政诉讼\n');
    assert.deepEqual(findingsOf(text, RULE), []);
  });
});
