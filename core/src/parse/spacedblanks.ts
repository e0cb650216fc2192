// Stage (space-separated PDF text whose blank cells are glyphs of a space): pypdf's text of a page
// printed by Chromium, whose blank cells hold `<p>&nbsp;</p>`. Every cell is an item, the items
// of a row joined by one space, and a blank cell's item is the space it prints: a row reads
// 「821 35␣␣␣␣␣2 1 859」 (821, 35, blank, blank, 2, 1, 859), a blank 总计 leaves 「1␣␣」 at the end of
// its line (上海 2019 print, shanghai_bgt_2019.print.pypdf.txt: every row of tables 三 and 四).
//
// Tried only where a table was found separated by spaces of uneven width with a row short of
// values (`spacedWithBlanks`, parse/tables.ts), which is otherwise left unread. The items are
// read so only when the whole table obeys it: between the label and the first item, and between
// two items, one separator space; a blank item is one space; so two values are an odd number of
// spaces apart (1 + 2 × blanks between them), and a row ends in an even number (2 × trailing
// blanks). Every row must come to exactly its number of cells, on its own line. Table 四 (one
// row, no label) is read so only after table 三 of the same report was. `pdftotext -layout`
// text (values placed by position, gaps of any width) does not fit and stays unread: its
// character columns drift from row to row by as much as two columns lie apart (上海 2019 print:
// 自然人's values at column 47 in some rows, 51 in others; 法律服务机构 80, 其他 84), so no
// position tells a blank's place.
import { type Report, type RowNode } from '../model';
import { looksLikeValueAt } from './fields';
import { type TableDef } from '../formats/types';
import { cellSlots, spanCells } from './rows';

/** Reports whose table 三 was read with blank glyphs: table 四 may be read so too. */
const readSo = new WeakSet<Report>();

const SPACE = 32;
const NBSP = 0xa0;

/** The start of the token ending at `end`: a run of characters other than the space. */
function tokenStart(text: string, from: number, end: number): number {
  let s = end;
  while (s > from && text.charCodeAt(s - 1) !== SPACE) s--;
  return s;
}

/**
 * The item text[s, e) as a span: a lone NBSP is a blank (an empty span at it); else, NBSP trimmed
 * off both ends (a blank filled with 「0」 in front of its NBSP reads as 0), a value; null for
 * anything else.
 */
function item(text: string, s: number, e: number, out: number[], k: number): boolean {
  if (e - s === 1 && text.charCodeAt(s) === NBSP) {
    out[2 * k] = out[2 * k + 1] = s;
    return true;
  }
  while (s < e && text.charCodeAt(s) === NBSP) s++;
  while (e > s && text.charCodeAt(e - 1) === NBSP) e--;
  if (s === e || !looksLikeValueAt(text, s, e)) return false;
  out[2 * k] = s;
  out[2 * k + 1] = e;
  return true;
}

/**
 * The spans of the last `n` items of text[from, to), left to right: items separated by one space,
 * each a value or one NBSP (`item`). With a label (`labelled`), one space stands before the first
 * item and a token that is no item before that; without, the first item starts at `from`. Null
 * when the text does not fit.
 */
function lastItems(text: string, from: number, to: number, n: number, labelled: boolean): number[] | null {
  const spans = new Array<number>(2 * n);
  let p = to;
  for (let k = n - 1; k >= 0; k--) {
    if (k < n - 1) {
      // The separator before item k + 1.
      if (p <= from || text.charCodeAt(p - 1) !== SPACE) return null;
      p--;
    }
    const s = tokenStart(text, from, p);
    if (s === p || !item(text, s, p, spans, k)) return null;
    p = s;
  }
  if (!labelled) return p === from ? spans : null;
  // One space, then the label's last token: no item.
  if (p - 1 <= from || text.charCodeAt(p - 1) !== SPACE) return null;
  const end = p - 1;
  const s = tokenStart(text, from, end);
  if (s === end || item(text, s, end, [0, 0], 0)) return null;
  return spans;
}

/** Whether every located cell of the row lies in [from, to). */
function within(node: RowNode, from: number, to: number): boolean {
  for (const c of node.cells) if (c.located && (c.start < from || c.end > to)) return false;
  return true;
}

/**
 * Re-reads the rows of a labelled table (三) with blank cells as space glyphs: true, and every
 * row's cells replaced, when each row comes to exactly its cells on its label's line; false (and
 * nothing changed) otherwise.
 */
export function readSpaceGlyphBlanks(report: Report, tdef: TableDef, rowsByBlock: RowNode[][]): boolean {
  const { text, lines } = report;
  const read: [RowNode, number[], number][] = [];
  for (let b = 0; b < rowsByBlock.length; b++) {
    const block = tdef.blocks[b];
    for (const node of rowsByBlock[b]) {
      const ls = lines.startOf(node.line);
      const lineEnd = lines.endOf(node.line);
      if (node.labelStart < ls || node.labelEnd > lineEnd || !within(node, ls, lineEnd)) return false;
      const spans = lastItems(text, ls, lineEnd, block.columns.length, true);
      // The label stays whole.
      if (!spans || spans[0] <= node.labelEnd) return false;
      read.push([node, spans, lineEnd]);
    }
  }
  if (read.length === 0) return false;
  let b = 0;
  for (const rows of rowsByBlock) {
    const block = tdef.blocks[b++];
    for (const node of rows) {
      const [, spans, lineEnd] = read.find((x) => x[0] === node)!;
      node.cells = spanCells(text, cellSlots(tdef.id, block, node.def), node.def, block.columns, spans, lineEnd);
      node.extra = [];
      node.end = lineEnd;
    }
  }
  readSo.add(report);
  return true;
}

/** Table 四's row, read so when table 三 of the report was: true and its cells replaced, else false. */
export function readSpaceGlyphRow(report: Report, tdef: TableDef, node: RowNode): boolean {
  if (!readSo.has(report)) return false;
  const { text, lines } = report;
  const block = tdef.blocks[0];
  const ls = lines.startOf(node.line);
  const le = lines.endOf(node.line);
  if (!within(node, ls, le)) return false;
  const spans = lastItems(text, ls, le, block.columns.length, false);
  if (!spans) return false;
  node.cells = spanCells(text, cellSlots(tdef.id, block, node.def), node.def, block.columns, spans, le);
  node.extra = [];
  node.end = le;
  return true;
}
