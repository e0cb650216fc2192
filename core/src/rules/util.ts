import type { PreviousReport } from '../engine';
import { identityOf } from '../identity';
import { cellName, type Cell, type Report } from '../model';
import type { RuleContext } from './types';

/** How a finding's message names last year's report. */
export function labelOf(prev: PreviousReport): string {
  return prev.label ?? prev.name;
}

export function nameOf(report: Report, cell: Cell): string {
  return cellName(report, cell.ref);
}

/**
 * Last year's report for the cross-year rules: the one the caller gave, unless both years are
 * known and are not consecutive (then the pair is not last year and this year).
 */
export function lastYear(ctx: RuleContext): PreviousReport | null {
  const p = ctx.previous;
  if (!p) return null;
  const y = identityOf(ctx.report).year;
  const py = identityOf(p.report).year;
  return y !== null && py !== null && py !== y - 1 ? null : p;
}
