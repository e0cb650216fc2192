import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { findingsOf, ref, report2021 } from '../helpers';
import { crossFindings, lastYear, otherCross, withCells } from './cross-year.fixtures';
import { fetched, fetchedSkip } from '../../fetched';

const RULE = 'year-on-year';
const PDF = join(__dirname, '..', '..', 'fixtures', 'pdf-text');

describe(RULE, () => {
  it('silent without last year\'s report, and on a year like the last', () => {
    assert.deepEqual(findingsOf(report2021('tabs'), RULE), []);
    assert.deepEqual(crossFindings(report2021('tabs'), lastYear(), RULE), []);
  });

  it('a count over 5 times last year\'s (行政许可 1326 against 200): information on this year\'s cell', () => {
    const last = withCells(lastYear(), [[ref('t2', 'b5', 'licensing', 'decisions'), '200']]);
    const text = report2021('tabs');
    assert.deepEqual(crossFindings(text, last, RULE), ['13:6 information year-on-year 第二十条第（五）项·行政许可·本年处理决定数量 为 1326，是上年报告（last-year.txt）200 的 6.6 倍：请核对']);
    assert.deepEqual(otherCross(text, last, RULE), []);
  });

  it('under a fifth; both must be at least 10; 5 times exactly is no note', () => {
    const last = withCells(lastYear(), [[ref('t2', 'b6', 'penalty', 'decisions'), '500']]);
    assert.deepEqual(crossFindings(report2021('tabs'), last, RULE), ['16:6 information year-on-year 第二十条第（六）项·行政处罚·本年处理决定数量 为 87，是上年报告（last-year.txt）500 的 17%：请核对']);
    // 行政强制 4 against 40: this year's is under 10.
    assert.deepEqual(crossFindings(report2021('tabs'), withCells(lastYear(), [[ref('t2', 'b6', 'enforcement', 'decisions'), '40']]), RULE), []);
    assert.deepEqual(crossFindings(report2021('tabs'), withCells(lastYear(), [[ref('t2', 'b5', 'licensing', 'decisions'), '265']]), RULE).length, 1);
    assert.deepEqual(crossFindings(report2021('tabs'), withCells(lastYear(), [[ref('t2', 'b6', 'penalty', 'decisions'), '435']]), RULE), []);
  });

  it('table 三\'s 总计 column only (not each applicant column); English', () => {
    const last = withCells(lastYear(), [
      [ref('t3', 'main', 'new', 'natural'), '4'],
      [ref('t3', 'main', 'new', 'total'), '14'],
    ]);
    assert.deepEqual(crossFindings(report2021('tabs'), last, RULE, { locale: 'en' }).map((s) => s.replace(/^\S+ /, '')), []);
    const more = withCells(lastYear(), [[ref('t3', 'main', 'new', 'total'), '260']]);
    assert.deepEqual(crossFindings(report2021('tabs'), more, RULE, { locale: 'en' }).map((s) => s.replace(/^\S+ /, '')), [
      "information year-on-year 一、本年新收申请·总计 is 51, 20% of last year's 260 (last-year.txt): worth a check",
    ]);
  });

  it('the real pair 洪泽 2023 → 2024: 行政许可 550 → 9487 (17.2 times; read by hand from both PDFs\' text, line 59)', { skip: fetchedSkip }, () => {
    const last = readFileSync(fetched('hongze_2023.layout.txt'), 'utf8');
    const text = readFileSync(fetched('hongze_2024.layout.txt'), 'utf8');
    assert.deepEqual(crossFindings(text, last, RULE), ['59:27 information year-on-year 第二十条第（五）项·行政许可·本年处理决定数量 为 9487，是上年报告（last-year.txt）550 的 17.2 倍：请核对']);
  });
});
