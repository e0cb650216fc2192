import { rowName } from '../model';
import type { Rule } from './types';

export const duplicateRow: Rule = {
  meta: {
    id: 'duplicate-row',
    description: { zh: '表中同一行出现了两次', en: 'A row of a table is written twice' },
    defaultSeverity: 'error',
    fix: 'none',
  },
  check(ctx) {
    const { report, t } = ctx;
    for (const tdef of report.format.tables) {
      const table = report.tables[tdef.id];
      if (!table) continue;
      for (const d of table.duplicates) {
        const here = report.lineIndex.positionAt(d.start).line + 1;
        const read = report.lineIndex.positionAt(d.read).line + 1;
        ctx.add({
          message: t(
            `${tdef.name}的「${rowName(d.row)}」出现了两次（第 ${read} 行和第 ${here} 行）；按第 ${read} 行的数值检查，本行未读取`,
            `${tdef.nameEn}: the row "${rowName(d.row)}" is written twice (lines ${read} and ${here}); the values of line ${read} are checked, this line's are not read`,
          ),
          start: d.start,
          end: d.end,
          related: [{ start: d.read, end: d.read, message: t(`「${rowName(d.row)}」按此行读取`, `"${rowName(d.row)}" is read from this line`) }],
          data: { block: d.block.id, row: d.row.id },
        });
      }
    }
  },
};
