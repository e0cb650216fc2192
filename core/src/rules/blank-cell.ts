import type { CellRef } from '../formats/types';
import type { TextEdit } from '../findings';
import { rowName, type Cell } from '../model';
import type { Rule } from './types';

export const blankCell: Rule = {
  meta: {
    id: 'blank-cell',
    description: { zh: '应填数字的单元格为空或为占位符（/、—、-、无）', en: 'A cell that should hold a number is empty or a placeholder ("/", "—", "-", "无")' },
    defaultSeverity: 'warning',
    fix: 'suggested',
  },
  check(ctx) {
    const { report, t } = ctx;
    for (const table of Object.values(report.tables)) {
      for (const block of table!.blocks) {
        for (const row of block.rows) {
          // One pass: the blank cells, their references, the located ones and their edits.
          let blanks = 0;
          let cols = '';
          const refs: CellRef[] = [];
          const located: Cell[] = [];
          const edits: TextEdit[] = [];
          const sep = ctx.locale === 'en' ? ', ' : '、';
          for (const c of row.cells) {
            if (!c.present || c.value.status !== 'blank') continue;
            cols = blanks++ === 0 ? c.column.label : cols + sep + c.column.label;
            refs.push(c.ref);
            if (c.located) {
              located.push(c);
              edits.push({ start: c.start, end: c.end, newText: '0' });
            }
          }
          if (blanks === 0) continue;
          const name = row.def.unlabeled ? t(table!.def.name, table!.def.nameEn) : `${block.def.title ? block.def.title + '·' : ''}${rowName(row.def)}`;
          const start = located.length ? located[0].start : row.labelStart;
          const end = located.length ? located[located.length - 1].end : Math.max(row.labelEnd, row.labelStart);
          ctx.add({
            message: t(
              () => `${name} 有 ${blanks} 个空白单元格（${cols}），计算时按 0 处理`,
              () => `${name} has ${blanks} blank cell(s) (${cols}), counted as 0`,
            ),
            start,
            end,
            fix: located.length
              ? {
                  title: t(() => `将 ${located.length} 个空白单元格填为 0`, () => `Fill ${located.length} blank cell(s) with 0`),
                  safe: false,
                  edits,
                }
              : undefined,
            data: { cells: refs },
          });
        }
      }
    }
  },
};
