import type { BlockDef, RowDef } from '../formats/types';
import { rowName, type BlockNode, type RowNode } from '../model';
import type { Rule } from './types';

export const missingRow: Rule = {
  meta: {
    id: 'missing-row',
    description: { zh: '表中缺少格式规定的行（或表二的整块）', en: 'A row (or a whole block of table 二) of the format is absent' },
    defaultSeverity: 'error',
    fix: 'none',
  },
  check(ctx) {
    const { report, t } = ctx;
    for (const tdef of report.format.tables) {
      const table = report.tables[tdef.id];
      if (!table) continue;
      let prevEnd = { start: table.start, end: table.start };
      for (const bdef of tdef.blocks) {
        const block = table.blocks.find((b) => b.def === bdef);
        const dataRows = dataRowsOf(bdef);
        if (!block) {
          if (dataRows.length === 0) continue;
          ctx.add({
            message: t(
              `${tdef.name}缺少「${bdef.title ?? ''}」整块（${dataRows.map((r) => rowName(r)).join('、')}）`,
              `${tdef.nameEn} is missing the whole block "${bdef.title ?? ''}" (${dataRows.map((r) => rowName(r)).join(', ')})`,
            ),
            ...prevEnd,
            data: { block: bdef.id },
          });
          continue;
        }
        if (block.titleStart !== undefined) prevEnd = { start: block.titleStart, end: block.titleEnd! };
        for (const rdef of dataRows) {
          const row = rowOf(block, rdef);
          if (row) {
            prevEnd = { start: row.labelStart, end: row.labelEnd };
            continue;
          }
          ctx.add({
            message: t(
              `${bdef.title ? bdef.title + '中' : tdef.name}缺少行「${rowName(rdef)}」`,
              `${bdef.title ? bdef.title : tdef.nameEn} is missing the row "${rowName(rdef)}"`,
            ),
            ...prevEnd,
            data: { block: bdef.id, row: rdef.id },
          });
        }
      }
    }
  },
};

const dataRowsCache = new WeakMap<BlockDef, RowDef[]>();

/** The rows of a block that hold data and have labels (made once per block of a format). */
function dataRowsOf(bdef: BlockDef): RowDef[] {
  let rows = dataRowsCache.get(bdef);
  if (!rows) dataRowsCache.set(bdef, (rows = bdef.rows.filter((r) => !r.group && !r.unlabeled)));
  return rows;
}

function rowOf(block: BlockNode, rdef: RowDef): RowNode | undefined {
  const rows = block.rows;
  for (let i = 0; i < rows.length; i++) if (rows[i].def === rdef) return rows[i];
  return undefined;
}
