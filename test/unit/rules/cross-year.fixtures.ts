// Pairs of reports of one body for the cross-year rules: the 2021 example report and its 2020
// twin (same body, the year changed in the title, the period and the prose), mutated through the
// model as the other rule tests do.
import { check, type CellRef, type CheckOptions } from '../../../core/src';
import { ref, report2021, setCell, show } from '../helpers';

export const LAST_NAME = 'last-year.txt';

const ONE_2021 = '2021年，我区认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开、依申请公开、政府信息管理、平台建设、监督保障各项工作有序推进。';
const ONE_2020 = '2020年，我区按照上级部署扎实推进政务公开工作，规范主动公开和依申请公开，完善政府信息管理、平台建设和监督保障机制。';

/**
 * The 2020 report of the body of a 2021 example report (in its layout), consistent with it: its
 * 四、结转下年度 is this year's 二、上年结转 (1 自然人), its 行政规范性文件 in force 38 (+ 5 − 2 =
 * 41), its 一 in other words. Each cross-year test breaks one of these.
 */
export function lastYear(layout: 'tabs' | 'cells' | 'pipes' | 'spaces' = 'tabs'): string {
  const twin = report2021(layout).replace(ONE_2021, ONE_2020).replace(/2021年/g, '2020年');
  return withCells(twin, [
    [ref('t3', 'main', 'carry_over', 'natural'), '1'],
    [ref('t3', 'main', 'carry_over', 'business'), '0'],
    [ref('t3', 'main', 'carry_over', 'total'), '1'],
    [ref('t2', 'b1', 'normative', 'in_force'), '38'],
  ]);
}

/** `text` with cells changed ([ref, value] pairs). */
export function withCells(text: string, cells: [CellRef, string][]): string {
  for (const [r, v] of cells) text = setCell(text, r, v);
  return text;
}

/** The findings of `rule` on `text` checked with `last` as last year's report, as "line:col severity rule message". */
export function crossFindings(text: string, last: string, rule: string, options: CheckOptions = {}): string[] {
  const { report, findings } = check(text, { ...options, previous: { text: last, name: LAST_NAME } });
  return findings.filter((f) => f.rule === rule).map((f) => show(report, f));
}

/** The other rules' findings on `text` checked with `last` (as sorted rule ids). */
export function otherCross(text: string, last: string, rule: string): string[] {
  return check(text, { previous: { text: last, name: LAST_NAME } })
    .findings.filter((f) => f.rule !== rule)
    .map((f) => f.rule)
    .sort();
}
