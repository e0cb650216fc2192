import { cellList, type Cell } from '../model';
import type { FindingInput, Rule, RuleContext } from './types';
import { nameOf } from './util';
import { oddityWords } from '../numbers';

export const numberFormat: Rule = {
  meta: {
    id: 'number-format',
    description: {
      zh: '数字写法不规范：全角数字、千分位、计数单元格带单位',
      en: 'A readable number written oddly: full-width digits, thousands separators, a unit on a count',
    },
    defaultSeverity: 'warning',
    fix: 'safe',
  },
  check(ctx) {
    const cells = cellList(ctx.report);
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      const v = cell.value;
      if (!cell.present) continue;
      if (v.status === 'number' && v.unit && cell.column.kind === 'money') {
        // A unit on money is meaning, not noise: noted, never stripped.
        ctx.add(unitNote(ctx, cell));
        continue;
      }
      if (v.status !== 'odd-number' || v.normalized === undefined) continue;
      ctx.add(oddNumber(ctx, cell));
    }
  },
};

// The findings are made apart from the loop over the cells, which stays small; each message is
// built only for the locale shown.

function unitNote({ report, t }: RuleContext, cell: Cell): FindingInput {
  const v = cell.value;
  return {
    severity: 'information',
    message: t(
      () => `${nameOf(report, cell)} 带单位「${v.unit}」：按 ${v.value} ${v.unit} 理解`,
      () => `${nameOf(report, cell)} carries the unit "${v.unit}": read as ${v.value} ${v.unit}`,
    ),
    start: cell.start,
    end: cell.end,
  };
}

function oddNumber({ report, t }: RuleContext, cell: Cell): FindingInput {
  const v = cell.value;
  const why = v.oddities!.map((o) => t(...oddityWords(o, v.unit)));
  return {
    message: t(
      () => `${nameOf(report, cell)}「${cell.raw}」含${why.join('、')}，应写为 ${v.normalized}`,
      () => `${nameOf(report, cell)} "${cell.raw}" has ${why.join(', ')}; write ${v.normalized}`,
    ),
    start: cell.start,
    end: cell.end,
    fix: { title: t(() => `改为 ${v.normalized}`, () => `Change to ${v.normalized}`), safe: true, edits: [{ start: cell.start, end: cell.end, newText: v.normalized! }] },
  };
}
