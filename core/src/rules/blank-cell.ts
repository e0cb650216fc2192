import type { CellRef } from '../formats/types';
import type { TextEdit } from '../findings';
import { rowName, type BlockNode, type Cell, type RowNode, type TableNode } from '../model';
import type { FindingInput, Rule, RuleContext } from './types';

export const blankCell: Rule = {
  meta: {
    id: 'blank-cell',
    description: { zh: '应填数字的单元格为空或为占位符（/、—、-、无）', en: 'A cell that should hold a number is empty or a placeholder ("/", "—", "-", "无")' },
    defaultSeverity: 'warning',
    fix: 'suggested',
  },
  check(ctx) {
    for (const table of Object.values(ctx.report.tables)) {
      for (const block of table!.blocks) {
        for (const row of block.rows) {
          // Most rows have no blank cell: they are passed over without building anything.
          let blanks = 0;
          const cells = row.cells;
          for (let i = 0; i < cells.length; i++) if (cells[i].present && cells[i].value.status === 'blank') blanks++;
          if (blanks > 0) ctx.add(blankRow(ctx, table!, block, row, blanks));
        }
      }
    }
  },
};

/**
 * The finding for a row with `blanks` blank cells, made apart from the loop over the rows (no
 * closures in loops: ARCHITECTURE.md, "Speed").
 */
function blankRow({ t, locale }: RuleContext, table: TableNode, block: BlockNode, row: RowNode, blanks: number): FindingInput {
  // The blank cells, their references, the located ones and their edits.
  let cols = '';
  const refs: CellRef[] = [];
  const located: Cell[] = [];
  const edits: TextEdit[] = [];
  const sep = locale === 'en' ? ', ' : '、';
  for (const c of row.cells) {
    if (!c.present || c.value.status !== 'blank') continue;
    cols = refs.length === 0 ? c.column.label : cols + sep + c.column.label;
    refs.push(c.ref);
    if (c.located) {
      located.push(c);
      edits.push({ start: c.start, end: c.end, newText: '0' });
    }
  }
  const name = row.def.unlabeled ? t(table.def.name, table.def.nameEn) : `${block.def.title ? block.def.title + '·' : ''}${rowName(row.def)}`;
  const start = located.length ? located[0].start : row.labelStart;
  const end = located.length ? located[located.length - 1].end : Math.max(row.labelEnd, row.labelStart);
  return {
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
  };
}
