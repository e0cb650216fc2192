// Empty table skeletons of a format version, in the tab-separated row-per-line layout: what the
// missing-section fix inserts so the author only has to fill in numbers.
import type { FormatDef, TableDef } from './formats/types';

export function tableSkeleton(table: TableDef): string {
  const lines: string[] = [];
  for (const block of table.blocks) {
    if (block.title) lines.push(block.title);
    const header = block.rows[0]?.unlabeled ? block.columns.map((c) => c.label) : ['信息内容', ...block.columns.map((c) => c.label)];
    if (table.id === 't3') header[0] = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
    lines.push(header.join('\t'));
    for (const row of block.rows) {
      if (row.group) lines.push(row.label);
      else if (row.unlabeled) lines.push(block.columns.map(() => '').join('\t'));
      else lines.push([row.label, ...block.columns.map(() => '')].join('\t'));
    }
  }
  return lines.join('\n');
}

/** The official heading plus, for sections holding a table, its empty skeleton. */
export function sectionSkeleton(format: FormatDef, sectionId: number, eol: string): string {
  const def = format.sections.find((s) => s.id === sectionId)!;
  const table = def.table ? format.tables.find((t) => t.id === def.table) : undefined;
  const body = table ? tableSkeleton(table) : '';
  return (def.heading + (body ? eol + body : '')).split('\n').join(eol) + eol;
}
