import { cellName, cellOf } from '../model';
import { formatNumber } from '../numbers';
import { numericValue } from '../relations';
import type { Rule } from './types';
import { labelOf, lastYear } from './util';

/**
 * This year's 二、上年结转 equals last year's 四、结转下年度继续办理, per column of table 三
 * (spec §5, cross-year): the applications open at the end of last year are the ones carried into
 * this one. Needs last year's report of the same body (`CheckOptions.previous`).
 */
export const carryOver: Rule = {
  meta: {
    id: 'carry-over',
    description: {
      zh: '本年“二、上年结转政府信息公开申请数量”与上年报告“四、结转下年度继续办理”不等（逐列）',
      en: "This year's 二、上年结转 differs from last year's 四、结转下年度继续办理 (column by column)",
    },
    defaultSeverity: 'error',
    fix: 'none',
  },
  check(ctx) {
    const prev = lastYear(ctx);
    if (!prev) return;
    const { report, t } = ctx;
    const last = prev.report;
    const block = report.format.tables.find((x) => x.id === 't3')?.blocks[0];
    if (!block || !report.tables.t3 || !last.tables.t3) return;
    for (const col of block.columns) {
      const here = cellOf(report, { table: 't3', block: block.id, row: 'carried', column: col.id });
      const there = cellOf(last, { table: 't3', block: block.id, row: 'carry_over', column: col.id });
      const a = numericValue(here);
      const b = numericValue(there);
      // An absent or unreadable cell has its own finding (in its own report); nothing judged.
      if (a === null || b === null || a === b || !here!.located) continue;
      const hereName = cellName(report, here!.ref);
      const thereName = cellName(last, there!.ref);
      ctx.add({
        message: t(
          `${hereName} 为 ${formatNumber(a)}，但上年报告（${labelOf(prev)}）${thereName} 为 ${formatNumber(b)}：本年的上年结转应等于上年的结转下年度`,
          `${hereName} is ${formatNumber(a)}, but last year's report (${labelOf(prev)}) has ${thereName} ${formatNumber(b)}: what last year carried over is what this year carries in`,
        ),
        start: here!.start,
        end: here!.end,
        related: [{ start: there!.start, end: there!.end, message: `${thereName} = ${formatNumber(b)}（${labelOf(prev)}）`, file: prev.name }],
        data: { column: col.id, value: a, previous: b, previousFile: prev.name },
      });
    }
  },
};
