import { rowName } from '../model';
import type { Rule } from './types';

export const cellCount: Rule = {
  meta: {
    id: 'cell-count',
    description: { zh: '一行的数值个数与列数不符', en: 'A row has more values than columns, or fewer where position cannot explain it' },
    defaultSeverity: 'error',
    fix: 'none',
  },
  check(ctx) {
    const { report, t } = ctx;
    for (const table of Object.values(report.tables)) {
      for (const block of table!.blocks) {
        const N = block.def.columns.length;
        for (const row of block.rows) {
          const missing = row.cells.some((c) => !c.present) ? row.cells.filter((c) => !c.present) : [];
          if (row.extra.length === 0 && missing.length === 0) continue;
          const name = row.def.unlabeled ? t(table!.def.name, table!.def.nameEn) : `「${rowName(row.def)}」`;
          if (row.extra.length > 0) {
            const first = row.extra[0];
            const last = row.extra[row.extra.length - 1];
            ctx.add({
              message: t(
                `${name}有 ${N + row.extra.length} 个数值，但只有 ${N} 列（多出：${row.extra.map((e) => e.text).join('、')}）`,
                `${name} has ${N + row.extra.length} values but only ${N} columns (extra: ${row.extra.map((e) => e.text).join(', ')})`,
              ),
              start: first.start,
              end: last.end,
            });
          }
          if (missing.length > 0) {
            ctx.add({
              message: t(
                `${name}只有 ${N - missing.length} 个数值，应有 ${N} 个（缺少：${missing.map((c) => c.column.label).join('、')}）`,
                `${name} has ${N - missing.length} values, expected ${N} (missing: ${missing.map((c) => c.column.label).join(', ')})`,
              ),
              start: row.labelStart,
              end: row.def.unlabeled ? row.end : Math.max(row.labelEnd, row.labelStart),
            });
          }
        }
      }
    }
  },
};
