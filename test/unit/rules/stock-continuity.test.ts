import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { check } from '../../../core/src';
import { findingsOf, ref, report2021, seed } from '../helpers';
import { crossFindings, LAST_NAME, lastYear, otherCross, withCells } from './cross-year.fixtures';

const RULE = 'stock-continuity';
const t2 = (row: string, column: string) => ref('t2', 'b1', row, column);
const WEB = join(__dirname, '..', '..', 'fixtures', 'web-text');

describe(RULE, () => {
  it('silent without last year\'s report, and when the stock carries over (行政规范性文件 38 + 5 − 2 = 41; 规章 3 + 0 − 0 = 3)', () => {
    assert.deepEqual(findingsOf(report2021('tabs'), RULE), []);
    for (const l of ['tabs', 'cells', 'pipes', 'spaces'] as const) assert.deepEqual(crossFindings(report2021(l), lastYear(l), RULE), [], l);
  });

  it('行政规范性文件 in force that does not follow from last year\'s: a warning on this year\'s cell', () => {
    const last = withCells(lastYear(), [[t2('normative', 'in_force'), '40']]);
    const text = report2021('tabs');
    assert.deepEqual(crossFindings(text, last, RULE), ['10:13 warning stock-continuity 行政规范性文件现行有效件数为 41，但上年报告（last-year.txt）现行有效 40 + 本年制发 5 − 本年废止 2 = 43']);
    assert.deepEqual(otherCross(text, last, RULE), []);
    const r = check(text, { previous: { text: last, name: LAST_NAME } });
    const f = r.findings.find((x) => x.rule === RULE)!;
    assert.deepEqual(
      f.related?.map((x) => [x.file ?? null, (x.file ? last : text).slice(x.start, x.end)]),
      [
        [LAST_NAME, '40'],
        [null, '5'],
        [null, '2'],
      ],
    );
  });

  it('规章 too; in the one-cell-per-line layout; English', () => {
    const last = withCells(lastYear('cells'), [[t2('rules', 'in_force'), '5']]);
    assert.deepEqual(crossFindings(report2021('cells'), last, RULE).map((s) => s.replace(/^\S+ /, '')), ['warning stock-continuity 规章现行有效件数为 3，但上年报告（last-year.txt）现行有效 5 + 本年制发 0 − 本年废止 0 = 5']);
    assert.deepEqual(crossFindings(report2021('cells'), last, RULE, { locale: 'en' }).map((s) => s.replace(/^\S+ /, '')), [
      "warning stock-continuity 规章: 现行有效件数 is 3, but last year's report (last-year.txt) had 5 in force, + 0 issued − 0 repealed = 5",
    ]);
  });

  it('only between two reports of the 2021 format (2019 has no stock column)', () => {
    // A 2020 seed (2019 format) as last year's: nothing to carry.
    assert.deepEqual(crossFindings(report2021('tabs'), seed('000'), RULE), []);
  });

  it('the real pair 平潭 2023 → 2024: 470 + 62 − 33 = 499, but 2024 says 440 (a real warning; see web-text/README.md)', () => {
    const last = readFileSync(join(WEB, 'pingtan_2023.webcopy.txt'), 'utf8');
    const text = readFileSync(join(WEB, 'pingtan_2024.webcopy.txt'), 'utf8');
    assert.deepEqual(crossFindings(text, last, RULE), ['13:15 warning stock-continuity 行政规范性文件现行有效件数为 440，但上年报告（last-year.txt）现行有效 470 + 本年制发 62 − 本年废止 33 = 499']);
  });
});
