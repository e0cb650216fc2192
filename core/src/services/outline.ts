// The document outline: sections → tables → blocks (table 二) → rows. Ranges are offsets; every
// child lies inside its parent and every selection range inside its node's range, as editors
// require of document symbols.
import type { Locale } from '../findings';
import { rowName, type Report, type TableNode } from '../model';
import { rowDetail, translator, type T } from './words';

export type OutlineKind = 'section' | 'table' | 'block' | 'row';

export interface OutlineNode {
  name: string;
  detail: string;
  kind: OutlineKind;
  /** Whole extent. */
  start: number;
  end: number;
  /** The part to reveal and highlight: heading, title or label. */
  selStart: number;
  selEnd: number;
  children: OutlineNode[];
}

export function outline(report: Report, locale: Locale = 'zh'): OutlineNode[] {
  const t = translator(locale);
  const { text } = report;
  const roots: OutlineNode[] = [];
  const sectionNodes: OutlineNode[] = [];
  for (const s of report.sections) {
    const node: OutlineNode = {
      name: s.text.replace(/\s+/g, ' ').trim() || s.def.heading,
      detail: s.official ? '' : s.def.heading,
      kind: 'section',
      start: s.start,
      end: trimEnd(text, s.start, Math.max(s.end, s.bodyEnd)),
      selStart: s.start,
      selEnd: s.end,
      children: [],
    };
    node.end = Math.max(node.end, node.selEnd);
    sectionNodes.push(node);
    roots.push(node);
  }
  for (const tdef of report.format.tables) {
    const table = report.tables[tdef.id];
    if (!table) continue;
    const node = tableNode(report, table, t);
    // Under the section whose body holds the table; a table whose heading is missing is a root.
    const parent = sectionNodes.find((s) => s.start <= node.start && node.start < s.end);
    if (parent) {
      parent.children.push(node);
      parent.end = Math.max(parent.end, node.end);
    } else roots.push(node);
  }
  roots.sort((a, b) => a.start - b.start);
  return roots;
}

function tableNode(report: Report, table: TableNode, t: T): OutlineNode {
  const single = table.blocks.length === 1 && !table.blocks[0].def.title;
  const children: OutlineNode[] = [];
  for (const block of table.blocks) {
    const rows = block.rows.map((row): OutlineNode => {
      const labelled = !row.def.unlabeled && row.labelEnd > row.labelStart;
      const selStart = labelled ? row.labelStart : (row.cells.find((c) => c.present && c.located)?.start ?? row.labelStart);
      const selEnd = labelled ? row.labelEnd : (row.cells.find((c) => c.present && c.located)?.end ?? selStart);
      const start = Math.min(row.labelStart, selStart);
      return {
        name: rowName(row.def),
        detail: rowDetail(report, row, t),
        kind: 'row',
        start,
        end: Math.max(row.end, selEnd, start),
        selStart,
        selEnd,
        children: [],
      };
    });
    if (single) {
      children.push(...rows);
      continue;
    }
    const selStart = block.titleStart ?? block.start;
    const selEnd = block.titleEnd ?? selStart;
    children.push({
      name: block.def.title ?? table.def.name,
      detail: block.titleStart === undefined ? t('（未找到标题）', '(title not found)') : '',
      kind: 'block',
      start: Math.min(block.start, selStart),
      end: Math.max(block.end, selEnd, ...rows.map((r) => r.end)),
      selStart,
      selEnd,
      children: rows,
    });
  }
  const start = Math.min(table.start, ...children.map((c) => c.start));
  const end = Math.max(table.end, ...children.map((c) => c.end));
  const first = children[0];
  const cells = table.blocks.reduce((n, b) => n + b.rows.reduce((m, r) => m + r.cells.filter((c) => c.present).length, 0), 0);
  return {
    name: table.def.name,
    detail: t(`${cells} 个单元格`, `${cells} cells`),
    kind: 'table',
    start,
    end,
    selStart: first ? first.selStart : start,
    selEnd: first ? first.selEnd : start,
    children,
  };
}

/** End of [start, end) without trailing whitespace (never before start). */
function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s|\u3000|\u00a0|\ufeff/.test(text[e - 1])) e--;
  return e;
}
