import { cellName, cellOf, type Cell } from '../model';
import { formatNumber } from '../numbers';
import { numericValue } from '../relations';
import type { Rule } from './types';
import { labelOf, lastYear } from './util';

/**
 * Table 二 of the 2021 format, rows 规章 and 行政规范性文件: this year's 现行有效件数 = last year's
 * 现行有效件数 + 本年制发件数 − 本年废止件数 (spec §5, T2-stock). A warning: bodies clean up their
 * documents without always recording it as 废止.
 */
export const stockContinuity: Rule = {
  meta: {
    id: 'stock-continuity',
    description: {
      zh: '表二现行有效件数不等于上年现行有效件数加本年制发件数减本年废止件数（规章、行政规范性文件，2021 版）',
      en: "Table 二's 现行有效件数 differs from last year's plus 本年制发件数 minus 本年废止件数 (规章, 行政规范性文件; 2021 format)",
    },
    defaultSeverity: 'warning',
    fix: 'none',
  },
  check(ctx) {
    const prev = lastYear(ctx);
    if (!prev) return;
    const { report, t } = ctx;
    const last = prev.report;
    if (report.formatVersion !== '2021' || last.formatVersion !== '2021' || !report.tables.t2 || !last.tables.t2) return;
    for (const row of ['rules', 'normative']) {
      const at = (r: typeof report, column: string): Cell | undefined => cellOf(r, { table: 't2', block: 'b1', row, column });
      const now = at(report, 'in_force');
      const issued = at(report, 'issued');
      const repealed = at(report, 'repealed');
      const before = at(last, 'in_force');
      const n = numericValue(now);
      const i = numericValue(issued);
      const r = numericValue(repealed);
      const b = numericValue(before);
      if (n === null || i === null || r === null || b === null || !now!.located) continue;
      const expected = b + i - r;
      if (n === expected) continue;
      const name = cellName(report, now!.ref);
      const rowName = now!.row.label;
      ctx.add({
        message: t(
          `${rowName}现行有效件数为 ${formatNumber(n)}，但上年报告（${labelOf(prev)}）现行有效 ${formatNumber(b)} + 本年制发 ${formatNumber(i)} − 本年废止 ${formatNumber(r)} = ${formatNumber(expected)}`,
          `${rowName}: 现行有效件数 is ${formatNumber(n)}, but last year's report (${labelOf(prev)}) had ${formatNumber(b)} in force, + ${formatNumber(i)} issued − ${formatNumber(r)} repealed = ${formatNumber(expected)}`,
        ),
        start: now!.start,
        end: now!.end,
        related: [
          { start: before!.start, end: before!.end, message: `${cellName(last, before!.ref)} = ${formatNumber(b)}（${labelOf(prev)}）`, file: prev.name },
          { start: issued!.start, end: issued!.end, message: `${cellName(report, issued!.ref)} = ${formatNumber(i)}` },
          { start: repealed!.start, end: repealed!.end, message: `${cellName(report, repealed!.ref)} = ${formatNumber(r)}` },
        ],
        data: { row, value: n, expected, previous: b, issued: i, repealed: r, previousFile: prev.name, name },
      });
    }
  },
};
