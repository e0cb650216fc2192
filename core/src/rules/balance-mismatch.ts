import { cellOf, rowName } from '../model';
import { formatNumber } from '../numbers';
import { analyse, numericValue } from '../relations';
import type { Rule } from './types';
import { relatedCells } from './sum-mismatch';

export const balanceMismatch: Rule = {
  meta: {
    id: 'balance-mismatch',
    description: {
      zh: '表三某列不满足勾稽关系：一 + 二 = （七）总计 + 四',
      en: 'A column of table 三 breaks 一 + 二 = （七）总计 + 四 (the official balance)',
    },
    defaultSeverity: 'error',
    fix: 'none',
  },
  check(ctx) {
    const { report, t } = ctx;
    for (const v of analyse(report).single) {
      const eq = v.equation;
      if (eq.kind !== 'balance') continue;
      const anchor = cellOf(report, eq.anchor)!;
      const val = (ref: (typeof eq.terms)[number]['ref']) => numericValue(cellOf(report, ref)) ?? 0;
      const left = eq.left!.reduce((s, r) => s + val(r), 0);
      const right = eq.right!.reduce((s, r) => s + val(r), 0);
      const col = anchor.column.label;
      const lhs = eq.left!.map((r) => `${rowName(cellOf(report, r)!.row)}(${formatNumber(val(r))})`).join(' + ');
      const rhs = eq.right!.map((r) => `${rowName(cellOf(report, r)!.row)}(${formatNumber(val(r))})`).join(' + ');
      ctx.add({
        message: t(
          `${col}列不满足勾稽关系「第一项加第二项之和，等于第三项加第四项之和」：${lhs} = ${formatNumber(left)}，${rhs} = ${formatNumber(right)}`,
          `Column ${col} breaks the balance 一 + 二 = （七）总计 + 四: ${lhs} = ${formatNumber(left)}, ${rhs} = ${formatNumber(right)}`,
        ),
        start: anchor.start,
        end: anchor.end,
        related: relatedCells(ctx, report, v.cells, anchor),
        data: { relation: eq.id, left, right, cell: anchor.ref, column: anchor.ref.column },
      });
    }
  },
};
