import { cellOf, type Cell, type Report } from '../model';
import { formatNumber } from '../numbers';
import { analyse, numericValue, type Violation } from '../relations';
import type { RelatedInfo } from '../findings';
import type { Rule, RuleContext } from './types';
import { nameOf } from './util';

export const sumMismatch: Rule = {
  meta: {
    id: 'sum-mismatch',
    description: {
      zh: '合计与各分项之和不符（表三行合计、表三办理结果总计、表四各组总计）',
      en: 'A total differs from the sum of its parts (T3-row, T3-results, T4-group)',
    },
    defaultSeverity: 'error',
    fix: 'suggested',
  },
  check(ctx) {
    const { report } = ctx;
    const arithmetic = analyse(report);
    for (const v of arithmetic.single) {
      if (v.equation.kind === 'balance') continue;
      reportViolation(ctx, v);
    }
    for (const c of arithmetic.culprits) reportCulprit(ctx, c.cell, c.expected, c.violations);
  },
};

/** "（一）予以公开 + （二）部分公开 + …" for the parts of a sum. */
function formula(report: Report, v: Violation, ctx: RuleContext): string {
  const eq = v.equation;
  if (eq.kind === 'balance') {
    const side = (refs: typeof eq.terms) => refs.map((t) => nameOf(report, cellOf(report, t.ref)!)).join(' + ');
    return `${side(eq.terms.filter((t) => t.coef > 0))} = ${side(eq.terms.filter((t) => t.coef < 0))}`;
  }
  const parts = eq.terms.slice(1);
  const label = (t: (typeof parts)[number]) => {
    const c = cellOf(report, t.ref)!;
    return eq.kind === 'row-sum' ? c.column.label.split('·').pop()! : c.row.name ?? c.row.label;
  };
  if (parts.length > 6) return ctx.t(`${label(parts[0])} 至 ${label(parts[parts.length - 1])} 共 ${parts.length} 项之和`, `sum of the ${parts.length} items ${label(parts[0])} … ${label(parts[parts.length - 1])}`);
  return ctx.t(`${parts.map(label).join(' + ')} 之和`, `sum of ${parts.map(label).join(' + ')}`);
}

export function relatedCells(ctx: RuleContext, report: Report, cells: Cell[], except: Cell): RelatedInfo[] {
  return cells
    .filter((c) => c !== except)
    .map((c) => ({
      start: c.start,
      end: c.end,
      message: `${nameOf(report, c)} = ${c.value.status === 'blank' ? ctx.t('空（按 0）', 'blank (0)') : formatNumber(numericValue(c) ?? 0)}`,
    }));
}

/**
 * The parts of a sum worth listing beside its total: all of them up to six; of more (（七）总计's
 * twenty), those that are not zero, where the difference can be.
 */
function partsThatMatter(v: Violation, total: Cell): Cell[] {
  const parts = v.cells.filter((c) => c !== total);
  if (parts.length <= 6) return parts;
  return parts.filter((c) => numericValue(c) !== 0);
}

function reportViolation(ctx: RuleContext, v: Violation): void {
  const { report, t } = ctx;
  const total = v.cells[0];
  const written = numericValue(total)!;
  const expected = written - v.residual;
  const shown = total.value.status === 'blank' ? t('空', 'blank') : formatNumber(written);
  const f = formula(report, v, ctx);
  ctx.add({
    message: t(`${nameOf(report, total)} 应为 ${formatNumber(expected)}（${f}），实为 ${shown}`, `${nameOf(report, total)} should be ${formatNumber(expected)} (${f}), found ${shown}`),
    start: total.start,
    end: total.end,
    related: relatedCells(ctx, report, partsThatMatter(v, total), total),
    fix: total.located
      ? { title: t(`将合计改为 ${formatNumber(expected)}`, `Set the total to ${formatNumber(expected)}`), safe: false, edits: [{ start: total.start, end: total.end, newText: formatNumber(expected) }] }
      : undefined,
    data: { relation: v.equation.id, expected, written, cell: total.ref },
  });
}

function reportCulprit(ctx: RuleContext, cell: Cell, expected: number, violations: Violation[]): void {
  const { report, t } = ctx;
  const written = numericValue(cell)!;
  const names = violations.map((v) => v.equation.id).join('、');
  const wordList = [...new Set(violations.map((v) => relationWords(ctx, v)))];
  const words = ctx.locale === 'en' && wordList.length > 1 ? `${wordList.slice(0, -1).join(', ')} and ${wordList[wordList.length - 1]}` : wordList.join('、');
  // Beside the one wrong cell, the totals it breaks (where it is a part), or, of a balance it
  // anchors, the other totals of the balance: not every cell of every relation.
  const others = new Set<Cell>();
  for (const v of violations) {
    const anchor = cellOf(report, v.equation.anchor);
    if (anchor && anchor !== cell) others.add(anchor);
    else if (v.equation.kind === 'balance') for (const c of v.cells) others.add(c);
  }
  ctx.add({
    message: t(
      `${nameOf(report, cell)} 应为 ${formatNumber(expected)}（${words}同时成立所需），实为 ${cell.value.status === 'blank' ? '空' : formatNumber(written)}`,
      `${nameOf(report, cell)} should be ${formatNumber(expected)} (so that ${words} hold), found ${cell.value.status === 'blank' ? 'blank' : formatNumber(written)}`,
    ),
    start: cell.start,
    end: cell.end,
    related: relatedCells(ctx, report, [...others], cell),
    fix: cell.located
      ? { title: t(`改为 ${formatNumber(expected)}`, `Change to ${formatNumber(expected)}`), safe: false, edits: [{ start: cell.start, end: cell.end, newText: formatNumber(expected) }] }
      : undefined,
    data: { relation: names, expected, written, cell: cell.ref },
  });
}

function relationWords(ctx: RuleContext, v: Violation): string {
  switch (v.equation.id) {
    case 'T3-row':
      return ctx.t('本行总计', 'the row total');
    case 'T3-results':
      return ctx.t('（七）总计', 'the （七）总计 row');
    case 'T3-balance':
      return ctx.t('勾稽关系', 'the balance');
    default:
      return ctx.t('本组总计', 'the group total');
  }
}

export { formula };
