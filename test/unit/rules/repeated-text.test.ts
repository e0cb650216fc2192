import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { check } from '../../../core/src';
import { findingsOf, replaceOnce, report2021 } from '../helpers';
import { crossFindings, LAST_NAME, lastYear, otherCross } from './cross-year.fixtures';
import { fixturePath, present } from '../../fetched';

const RULE = 'repeated-text';
const FIXTURES = join(__dirname, '..', '..', 'fixtures');

const FIVE = '一是公开内容的全面性有待提高；二是解读形式还不够丰富。下一步，我区将进一步规范公开流程。';
/** A 五 long enough to be compared (three sentences). */
const FIVE_LONG = '一是部分单位对政府信息公开工作重视程度不够，主动公开的及时性有待提高。二是政策解读形式单一，图解、视频等形式运用不多。下一步，我区将加强业务培训，完善考核机制，推动政务公开提质增效。';

describe(RULE, () => {
  it('silent without last year\'s report, and when 一 is written anew', () => {
    assert.deepEqual(findingsOf(report2021('tabs'), RULE), []);
    assert.deepEqual(crossFindings(report2021('tabs'), lastYear(), RULE), []);
  });

  it('一 copied from last year, its year changed: a warning on the heading, last year\'s sentence as related information', () => {
    const last = lastYear().replace(/2020年，我区按照[^\n]*/, '2020年，我区认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开、依申请公开、政府信息管理、平台建设、监督保障各项工作有序推进。');
    const text = report2021('tabs');
    assert.deepEqual(crossFindings(text, last, RULE), ['4:1 warning repeated-text 「一、总体情况」有 100% 的文字与上年报告（last-year.txt）相同（1 句中 1 句）']);
    assert.deepEqual(otherCross(text, last, RULE), []);
    const f = check(text, { previous: { text: last, name: LAST_NAME } }).findings.find((x) => x.rule === RULE)!;
    assert.equal(f.related![0].file, LAST_NAME);
    assert.match(last.slice(f.related![0].start, f.related![0].end), /^2020年，我区认真贯彻落实.*各项工作有序推进$/);
  });

  it('五: more than half repeated fires, half or less does not', () => {
    const text = replaceOnce(report2021('tabs'), FIVE, FIVE_LONG);
    // Last year: the first two sentences the same (about two thirds of the characters).
    const last = replaceOnce(lastYear(), FIVE, FIVE_LONG.replace('下一步，我区将加强业务培训，完善考核机制，推动政务公开提质增效。', '下一步，我区将继续做好各项工作，不断提升公开质量和群众满意度。'));
    assert.deepEqual(crossFindings(text, last, RULE).map((s) => s.replace(/^\S+ /, '')), ['warning repeated-text 「五、存在的主要问题及改进情况」有 66% 的文字与上年报告（last-year.txt）相同（3 句中 2 句）']);
    // Only the first sentence the same (under half): no finding.
    const less = replaceOnce(lastYear(), FIVE, FIVE_LONG.replace('二是政策解读形式单一，图解、视频等形式运用不多。', '二是依申请公开答复的规范性仍需加强。').replace('下一步，我区将加强业务培训，完善考核机制，推动政务公开提质增效。', '下一步将改进。'));
    assert.deepEqual(crossFindings(text, less, RULE), []);
  });

  it('a section too short to judge (thin-section\'s business), standard sentences and sub-headings are not counted', () => {
    // The example 五 (40 characters) is the same both years: too short.
    assert.deepEqual(crossFindings(report2021('tabs'), lastYear(), RULE), []);
    const std = '本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。';
    const text = replaceOnce(report2021('tabs'), '一、总体情况\n', `一、总体情况\n${std}\n（一）主动公开情况\n`);
    const last = replaceOnce(lastYear(), '一、总体情况\n', `一、总体情况\n${std.replace(/2021/g, '2020')}\n（一）主动公开情况\n`);
    assert.deepEqual(crossFindings(text, last, RULE), []);
  });

  it('English', () => {
    const last = lastYear().replace(/2020年，我区按照[^\n]*/, '2020年，我区认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开、依申请公开、政府信息管理、平台建设、监督保障各项工作有序推进。');
    assert.deepEqual(crossFindings(report2021('tabs'), last, RULE, { locale: 'en' }), ['4:1 warning repeated-text 100% of "一、总体情况" is the same as in last year\'s report (last-year.txt): 1 of 1 sentences']);
  });

  it('the real pairs are written anew: 洪泽 2023 → 2024 (9% of 一), 平潭 2023 → 2024 (none)', () => {
    const pairs = [
      ['pdf-text/hongze_2023.layout.txt', 'pdf-text/hongze_2024.layout.txt'],
      ['pdf-text/hongze_2023.pypdf.txt', 'pdf-text/hongze_2024.pypdf.txt'],
      ['web-text/pingtan_2023.webcopy.txt', 'web-text/pingtan_2024.webcopy.txt'],
    ];
    // (The 洪泽 pairs where the fetched files are here: test/fetched.ts.)
    for (const [a, b] of pairs.filter(([a]) => present(a))) assert.deepEqual(crossFindings(readFileSync(fixturePath(FIXTURES, b), 'utf8'), readFileSync(fixturePath(FIXTURES, a), 'utf8'), RULE), [], b);
  });
});
