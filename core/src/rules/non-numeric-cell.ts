import type { Rule } from './types';
import { cellList } from '../model';
import { nameOf } from './util';

export const nonNumericCell: Rule = {
  meta: {
    id: 'non-numeric-cell',
    description: { zh: '应填数字的单元格填了其他内容', en: 'A cell that must hold a number holds something else' },
    defaultSeverity: 'error',
    fix: 'suggested',
  },
  check(ctx) {
    const { report, t } = ctx;
    const cells = cellList(report);
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      if (!cell.present || cell.value.status !== 'text') continue;
      const s = cell.value.suggestion;
      ctx.add({
        message: t(`${nameOf(report, cell)} 应为数字，实为「${cell.raw}」`, `${nameOf(report, cell)} must be a number, found "${cell.raw}"`),
        start: cell.start,
        end: cell.end,
        fix: s
          ? { title: t(`改为 ${s}`, `Change to ${s}`), safe: false, edits: [{ start: cell.start, end: cell.end, newText: s }] }
          : undefined,
      });
    }
  },
};
