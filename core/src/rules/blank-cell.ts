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
          if (!row.cells.some(isBlank)) continue;
          const blanks = row.cells.filter(isBlank);
          const located = blanks.filter((c) => c.located);
          const name = row.def.unlabeled ? t(table!.def.name, table!.def.nameEn) : `${block.def.title ? block.def.title + '·' : ''}${rowName(row.def)}`;
          const cols = () => blanks.map((c) => c.column.label).join(ctx.locale === 'en' ? ', ' : '、');
          const start = located.length ? located[0].start : row.labelStart;
          const end = located.length ? located[located.length - 1].end : Math.max(row.labelEnd, row.labelStart);
          ctx.add({
            message: t(
              () => `${name} 有 ${blanks.length} 个空白单元格（${cols()}），计算时按 0 处理`,
              () => `${name} has ${blanks.length} blank cell(s) (${cols()}), counted as 0`,
            ),
            start,
            end,
            fix: located.length
              ? {
                  title: t(() => `将 ${located.length} 个空白单元格填为 0`, () => `Fill ${located.length} blank cell(s) with 0`),
                  safe: false,
                  edits: located.map((c) => ({ start: c.start, end: c.end, newText: '0' })),
                }
              : undefined,
            data: { cells: blanks.map((c) => c.ref) },
          });
        }
      }
    }
  },
};

function isBlank(c: Cell): boolean {
  return c.present && c.value.status === 'blank';
}
