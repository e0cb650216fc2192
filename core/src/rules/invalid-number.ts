import { clip, formatNumber, MAX_DIGITS } from '../numbers';
import type { FindingInput, Rule, RuleContext } from './types';
import { cellList, type Cell } from '../model';
import { nameOf } from './util';

export const invalidNumber: Rule = {
  meta: {
    id: 'invalid-number',
    description: { zh: '计数为负数或小数，或数字位数多得不可能', en: 'A negative count, a decimal in a count column, or implausibly many digits' },
    defaultSeverity: 'error',
    fix: 'none',
  },
  check(ctx) {
    const { report, t } = ctx;
    const cells = cellList(report);
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      if (cell.value.status === 'too-long') {
        ctx.add(tooLong(ctx, cell));
        continue;
      }
      const v = cell.value.value;
      if (!cell.present || v === null || (cell.value.status !== 'number' && cell.value.status !== 'odd-number')) continue;
      const kind = cell.column.kind;
      let why: string | null = null;
      if (kind === 'count' && v < 0) why = t('计数不能为负数', 'a count cannot be negative');
      else if (kind !== 'money' && !Number.isInteger(v)) why = t('计数必须是整数', 'a count must be a whole number');
      else if (kind === 'money' && v < 0) why = t('金额不能为负数', 'an amount cannot be negative');
      if (!why) continue;
      ctx.add({
        message: t(`${nameOf(report, cell)} 为 ${formatNumber(v)}：${why}`, `${nameOf(report, cell)} is ${formatNumber(v)}: ${why}`),
        start: cell.start,
        end: cell.end,
      });
    }
  },
};

/** A value with more than MAX_DIGITS integer digits: reported with its digits as written, never rounded. */
function tooLong({ report, t }: RuleContext, cell: Cell): FindingInput {
  const digits = (cell.raw.match(/[0-9０-９]/g) ?? []).length;
  return {
    message: t(
      () => `${nameOf(report, cell)}「${clip(cell.raw)}」有 ${digits} 位数字，超过 ${MAX_DIGITS} 位，不可能是本表的数值；未参与计算`,
      () => `${nameOf(report, cell)} "${clip(cell.raw)}" has ${digits} digits, more than ${MAX_DIGITS}: no plausible value for this table; left out of the arithmetic`,
    ),
    start: cell.start,
    end: cell.end,
  };
}
