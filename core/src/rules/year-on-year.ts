import { cellName, cellOf, type Cell } from '../model';
import { formatNumber } from '../numbers';
import { numericValue } from '../relations';
import type { Rule } from './types';
import { labelOf, lastYear } from './util';

/** Both counts at least this, and one over FACTOR times the other: worth a note. */
const FLOOR = 10;
const FACTOR = 5;

/**
 * A count more than 5 times, or less than a fifth of, last year's — both at least 10 — is noted
 * (spec §8: large swings are worth a second look, a typo or a change of what is counted). Counts:
 * table 二's, table 三's 总计 column and table 四's totals; money is not compared.
 */
export const yearOnYear: Rule = {
  meta: {
    id: 'year-on-year',
    description: {
      zh: '某项数字是上年的 5 倍以上或不足五分之一（两年均不少于 10）',
      en: "A count is over 5 times or under a fifth of last year's (both at least 10)",
    },
    defaultSeverity: 'information',
    fix: 'none',
  },
  check(ctx) {
    const prev = lastYear(ctx);
    if (!prev) return;
    const { report, t } = ctx;
    const cells = report.cellOrder;
    for (let k = 0; k < cells.length; k++) {
      const c = cells[k];
      if (!compared(c)) continue;
      const now = numericValue(c);
      const there = cellOf(prev.report, c.ref);
      const before = numericValue(there);
      if (now === null || before === null || now < FLOOR || before < FLOOR || !c.located) continue;
      if (now <= before * FACTOR && now * FACTOR >= before) continue;
      const name = cellName(report, c.ref);
      const ratio = now > before ? `${(now / before).toFixed(1)} 倍` : `${((100 * now) / before).toFixed(0)}%`;
      const ratioEn = now > before ? `${(now / before).toFixed(1)} times` : `${((100 * now) / before).toFixed(0)}% of`;
      ctx.add({
        message: t(
          `${name} 为 ${formatNumber(now)}，是上年报告（${labelOf(prev)}）${formatNumber(before)} 的 ${ratio}：请核对`,
          `${name} is ${formatNumber(now)}, ${ratioEn} last year's ${formatNumber(before)} (${labelOf(prev)}): worth a check`,
        ),
        start: c.start,
        end: c.end,
        related: [{ start: there!.start, end: there!.end, message: `${cellName(prev.report, there!.ref)} = ${formatNumber(before)}（${labelOf(prev)}）`, file: prev.name }],
        data: { cell: c.ref, value: now, previous: before, previousFile: prev.name },
      });
    }
  },
};

/** The counts compared: table 二's, table 三's 总计 column, table 四's totals. */
function compared(c: Cell): boolean {
  if (c.column.kind !== 'count') return false;
  const table = c.ref.table;
  if (table === 't2') return true;
  if (table === 't3') return c.ref.column === 'total';
  return c.ref.column.endsWith('_total');
}
