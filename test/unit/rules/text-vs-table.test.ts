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

/**
 * Sentences from real reports (source in the comment), with the 2021 example report's figures put
 * in (new 51, carried 1, 予以公开 26, 部分公开 5, 不予公开 4, 无法提供 9, 不予处理 3, 其他处理 2, （七）总计
 * 49, 结转 3; 行政复议 4 = 2 维持 + 1 纠正 + 1 尚未审结; 行政诉讼 1 = 1 维持): each agrees as written,
 * and each claim fires on its changed twin. `claim`: the claim the changed sentence breaks.
 */
const REAL_SENTENCES: { claim: string; right: string; wrong: string; source: string }[] = [
  { claim: 'applications', source: '平潭 2024', right: '全年办理政府信息公开申请51件。', wrong: '全年办理政府信息公开申请50件。' },
  { claim: 'applications', source: '淮安 2024', right: '2024 年，全市共受理政府信息公开申请 51 件。', wrong: '2024 年，全市共受理政府信息公开申请 53 件。' },
  { claim: 'completed', source: '平潭 2023', right: '办结依申请公开49件。', wrong: '办结依申请公开47件。' },
  { claim: 'answered', source: '淮安 2024', right: '答复 49 件，均在法定期限内予以答复。', wrong: '答复 48 件，均在法定期限内予以答复。' },
  { claim: 'carried', source: '淮安 2024', right: '答复 49 件（含上年度结转申请 1 件）。', wrong: '答复 49 件（含上年度结转申请 2 件）。' },
  { claim: 'carry-over', source: '淮安 2024', right: '另有 3 件顺延到下年度答复。', wrong: '另有 4 件顺延到下年度答复。' },
  { claim: 'carry-over', source: '(common wording)', right: '结转下年度继续办理3件。', wrong: '结转下年度继续办理2件。' },
  { claim: 'granted-or-partly', source: '平潭 2023', right: '其中：予以公开及部分公开31件，占63.27%。', wrong: '其中：予以公开及部分公开30件，占61.22%。' },
  { claim: 'granted', source: '(平潭 2023 wording, split)', right: '予以公开26件，部分公开5件。', wrong: '予以公开25件，部分公开5件。' },
  { claim: 'partly', source: '(平潭 2023 wording, split)', right: '予以公开26件，部分公开5件。', wrong: '予以公开26件，部分公开6件。' },
  { claim: 'refused', source: '平潭 2023', right: '不予公开4件，占8.16%。', wrong: '不予公开5件，占10.20%。' },
  { claim: 'unavailable', source: '平潭 2023', right: '无法提供9件，占18.37%。', wrong: '无法提供8件，占16.33%。' },
  { claim: 'not-processed', source: '平潭 2023', right: '不予处理3件，占6.12%。', wrong: '不予处理1件，占2.04%。' },
  { claim: 'other-handling', source: '平潭 2023', right: '其他处理2件，占4.08%。', wrong: '其他处理1件，占2.04%。' },
  { claim: 'reviews', source: '平潭 2023', right: '因政府信息公开引起的行政复议案件4件、行政诉讼案件1件。', wrong: '因政府信息公开引起的行政复议案件2件、行政诉讼案件1件。' },
  { claim: 'lawsuits', source: '平潭 2023', right: '因政府信息公开引起的行政复议案件4件、行政诉讼案件1件。', wrong: '因政府信息公开引起的行政复议案件4件、行政诉讼案件7件。' },
  { claim: 'review-upheld', source: '淮安 2024', right: '政府信息公开行政复议 4 件，其中结果维持 2 件，结果纠正 1 件，其他结果 0 件，尚未审结 1 件。', wrong: '政府信息公开行政复议 4 件，其中结果维持 1 件，结果纠正 1 件，其他结果 0 件，尚未审结 1 件。' },
  { claim: 'review-corrected', source: '淮安 2024', right: '政府信息公开行政复议 4 件，其中结果维持 2 件，结果纠正 1 件。', wrong: '政府信息公开行政复议 4 件，其中结果维持 2 件，结果纠正 2 件。' },
  { claim: 'review-other', source: '淮安 2024', right: '政府信息公开行政复议 4 件，其中其他结果 0 件。', wrong: '政府信息公开行政复议 4 件，其中其他结果 1 件。' },
  { claim: 'review-pending', source: '淮安 2024', right: '政府信息公开行政复议 4 件，其中尚未审结 1 件。', wrong: '政府信息公开行政复议 4 件，其中尚未审结 0 件。' },
  { claim: 'lawsuit-upheld', source: '淮安 2024', right: '政府信息公开行政诉讼 1 件，其中结果维持 1件，结果纠正 0 件，其他结果 0 件，尚未审结 0 件。', wrong: '政府信息公开行政诉讼 1 件，其中结果维持 0件，结果纠正 0 件，其他结果 0 件，尚未审结 0 件。' },
  { claim: 'lawsuit-corrected', source: '淮安 2024', right: '政府信息公开行政诉讼 1 件，其中结果纠正 0 件。', wrong: '政府信息公开行政诉讼 1 件，其中结果纠正 1 件。' },
  { claim: 'lawsuit-other', source: '淮安 2024', right: '政府信息公开行政诉讼 1 件，其中其他结果 0 件。', wrong: '政府信息公开行政诉讼 1 件，其中其他结果 1 件。' },
  { claim: 'lawsuit-pending', source: '淮安 2024', right: '政府信息公开行政诉讼 1 件，其中尚未审结 0 件。', wrong: '政府信息公开行政诉讼 1 件，其中尚未审结 1 件。' },
];

describe(`${RULE}: every claim on real sentences`, () => {
  it('each claim of the format data has a real sentence here, silent as written and found when changed', () => {
    const ids = new Set(REAL_SENTENCES.map((s) => s.claim));
    for (const c of FORMATS['2021'].claims) assert.ok(ids.has(c.id) || c.id === 'all-completed', `no sentence for claim ${c.id}`);
    for (const s of REAL_SENTENCES) {
      assert.deepEqual(findingsOf(withProse(s.right), RULE), [], `${s.source}: ${s.right}`);
      const found = check(withProse(s.wrong)).findings.filter((f) => f.rule === RULE);
      assert.deepEqual(found.map((f) => f.data?.claim), [s.claim], `${s.source}: ${s.wrong}`);
    }
  });

  it('the messages name the cells: a result category, a carried count, an outcome of lawsuits', () => {
    assert.deepEqual(findingsOf(withProse('不予公开5件，无法提供9件。'), RULE), [
      '5:1 warning text-vs-table 正文称「不予公开5件」，但表三（收到和处理政府信息公开申请情况） （三）1.属于国家秘密·总计 + （三）2.其他法律行政法规禁止公开·总计 + （三）3.危及“三安全一稳定”·总计 + （三）4.保护第三方合法权益·总计 + （三）5.属于三类内部事务信息·总计 + （三）6.属于四类过程性信息·总计 + （三）7.属于行政执法案卷·总计 + （三）8.属于行政查询事项·总计 为 4',
    ]);
    assert.deepEqual(findingsOf(withProse('上年结转2件。'), RULE), ['5:1 warning text-vs-table 正文称「上年结转2件」，但表三（收到和处理政府信息公开申请情况） 二、上年结转申请·总计 为 1']);
    assert.deepEqual(findingsOf(withProse('行政诉讼1件，其中结果维持0件。'), RULE), [
      '5:10 warning text-vs-table 正文称「结果维持0件」，但表四（行政复议、行政诉讼情况） 行政诉讼（未经复议直接起诉）·结果维持 + 行政诉讼（复议后起诉）·结果维持 为 1',
    ]);
  });

  it('"均已办结" with applications carried over to next year is a contradiction', () => {
    const text = withProse('本年度收到的申请均已按时办结。');
    assert.deepEqual(findingsOf(text, RULE), ['5:9 warning text-vs-table 正文称「均已按时办结」，但表三（收到和处理政府信息公开申请情况） 四、结转下年度继续办理·总计 为 3']);
    assert.deepEqual(otherRules(text, RULE), []);
    // About last year's carried-over applications; or with none carried over.
    assert.deepEqual(findingsOf(withProse('上年结转的申请均已办结。'), RULE), []);
    assert.deepEqual(findingsOf(withProse('全部办结49件。'), RULE), []);
    let none = setCell(setCell(withProse('本年度收到的申请均已办结。'), ref('t3', 'main', 'carry_over', 'natural'), '0'), ref('t3', 'main', 'carry_over', 'business'), '0');
    none = setCell(setCell(none, ref('t3', 'main', 'carry_over', 'total'), '0'), ref('t3', 'main', 'r7', 'natural'), '42');
    none = setCell(setCell(none, ref('t3', 'main', 'r7', 'business'), '6'), ref('t3', 'main', 'r7', 'total'), '52');
    none = setCell(setCell(none, ref('t3', 'main', 'r1', 'natural'), '22'), ref('t3', 'main', 'r1', 'business'), '4');
    none = setCell(none, ref('t3', 'main', 'r1', 'total'), '29');
    assert.deepEqual(findingsOf(none, RULE), []);
    assert.deepEqual(check(none).findings.filter((f) => f.severity === 'error'), []);
  });

  it('percentages: recomputed to the precision written (rounded or cut off), over （七）总计, 本年新收 or both with last year\'s', () => {
    assert.deepEqual(findingsOf(withProse('予以公开26件，占53.06%。'), RULE), []); // 26/49
    assert.deepEqual(findingsOf(withProse('予以公开26件，占53.1%。'), RULE), []);
    assert.deepEqual(findingsOf(withProse('予以公开26件，占53%。'), RULE), []);
    assert.deepEqual(findingsOf(withProse('予以公开26件，占比50.98%。'), RULE), []); // 26/51 (本年新收)
    assert.deepEqual(findingsOf(withProse('予以公开26件，占54.06%。'), RULE), [
      '5:9 warning text-vs-table 正文称「占54.06%」，但予以公开 26 占 （七）总计·总计（49）的 53.06%',
    ]);
    assert.deepEqual(findingsOf(withProse('予以公开26件，占54.06%。'), RULE, { locale: 'en' }).map((s) => s.replace(/^\S+ /, '')), [
      'warning text-vs-table The text says "占54.06%", but disclosed, 26, is 53.06% of （七）总计·总计 (49)',
    ]);
    // A percentage of some other count (自然人) is not this claim's.
    assert.deepEqual(findingsOf(withProse('收到申请51件，涉及自然人41件，占80.39%。'), RULE), []);
    assert.deepEqual(findingsOf(withProse('收到申请51件，涉及自然人41件，占12%。'), RULE), []);
    // A count with no percentage after it in its sentence.
    assert.deepEqual(findingsOf(withProse('予以公开26件。网站访问量占12%。'), RULE), []);
  });

  it('a sentence wrapped over lines (PDF text) is one sentence; the quote drops the line break', () => {
    const text = replaceOnce(report2021('tabs'), '一、总体情况\n', '一、总体情况\n2021 年全区受理政府信息公开申\n请 60 件，均在法定期限答复。\n');
    assert.deepEqual(findingsOf(text, RULE), ['5:9 warning text-vs-table 正文称「受理政府信息公开申请 60 件」，但表三（收到和处理政府信息公开申请情况） 一、本年新收申请·总计 为 51']);
  });

  it('applications of a part of the body are not the table\'s (洪泽 2024: 区政府办代表区政府受理…17件, table 95)', () => {
    assert.deepEqual(findingsOf(withProse('2024 年，区政府办代表区政府受理政府信息公开申请 17 件，均已在法定期限内予以答复。'), RULE), []);
  });

  it('no finding on any real report: the seeds, the PDF texts and the web copies (every count and percentage of their prose was checked by hand against their tables)', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    // Except the 上海市人民政府办公厅 2019 page, whose table 三 leaves eleven 总计 blank: its prose's
    // 258 / 33.9% / 35 / 265 / 158 disagree with the table as published (web-text README), in
    // every text of it whose table 三 is read (the -layout print text's is not).
    const shanghai = ['258', '33.9%', '35', '265', '158'];
    const real: Record<string, string[]> = {
      'shanghai_bgt_2019.webcopy.txt': shanghai,
      'shanghai_bgt_2019.chromesel.txt': shanghai,
      'shanghai_bgt_2019.print.pypdf.txt': shanghai,
    };
    for (const dir of ['pdf-text', 'web-text']) {
      const d = join(__dirname, '..', '..', 'fixtures', dir);
      for (const f of readdirSync(d).filter((x) => x.endsWith('.txt'))) {
        const got = findingsOf(readFileSync(join(d, f), 'utf8'), RULE).map((x) => x.match(/正文称「[^」\d]*([\d.]+%?)/)?.[1] ?? x);
        assert.deepEqual(got, real[f] ?? [], f);
      }
    }
  });
});
