// Stage (text of one paragraph per cell): Chromium's selection copy of web tables whose cells
// are `<p>`s, and plain `pdftotext` (without -layout). Every cell is a line of its own with a
// blank line after it, so a blank line ends no row: a row is its label and the value paragraphs
// that follow it, up to the next line that is not a value. The reader gathers those values into
// the label's candidate (fields on later lines; `lastLine` is the last value's line), so `align`
// and `rows` read the row as if its values stood after the label.
//
// The layout is read only when it is unambiguous: every value paragraph of the table follows a
// label that names a row, and each such row has exactly its block's number of values. Plain
// `pdftotext` breaks that (table 三's values come column by column, some before their labels; a
// header word between table 四's values): the table is then *unread* (`Report.unread`), one
// `unread-table` finding says so, and no cell of it is guessed.
import { type TableDef } from '../formats/types';
import { type Report, type RowNode, type TableNode } from '../model';
import { type Lines } from '../text';
import { type LabelScorer, type Match } from './align';
import { type Candidate, fieldEmpty, looksLikeValueAt, pushTrimmed } from './fields';
import { addCell, cellSlots, spanCells } from './rows';
import { type Region, trimmed } from './scan';

/** Whether line `i` is empty (no character at all: a paragraph break). */
function emptyLine(lines: Lines, i: number): boolean {
  return lines.startOf(i) === lines.endOf(i);
}

/**
 * Whether line `i` holds one value and nothing else (trailing tab or spaces aside): a value
 * paragraph. A line of several values apart ("0 0 0") is no paragraph of one cell.
 */
function valueParagraph(text: string, lines: Lines, i: number): boolean {
  const { s, e } = trimmed(text, lines.startOf(i), lines.endOf(i));
  if (s === e) return false;
  // Separators first: a row of values ("0⇥0⇥0…") is passed over without reading it as a value.
  for (let k = s; k < e; k++) {
    const c = text.charCodeAt(k);
    if (c === 9 || c === 32 || c === 0x3000) return false;
  }
  return looksLikeValueAt(text, s, e);
}

/** Whether a candidate's own line holds values after its label. */
function hasValues(c: Candidate): boolean {
  for (let k = c.labelLast + 1; k < c.fields.length >> 1; k++) if (!fieldEmpty(c.fields, k)) return true;
  return false;
}

/**
 * The guard, cheap: whether a table's labels stand in paragraphs — label, empty line, a value
 * paragraph — more often than in any other way, twice at least. Only the candidates' next two
 * lines are looked at; a table of rows or of one cell per line returns at its first labels.
 */
export function paragraphLayout(text: string, lines: Lines, cands: Candidate[], region: Region): boolean {
  let para = 0;
  let other = 0;
  for (let k = 0; k < cands.length; k++) {
    const c = cands[k];
    if (hasValues(c)) other++;
    else if (c.line + 2 < region.endLine && emptyLine(lines, c.line + 1)) {
      if (valueParagraph(text, lines, c.line + 2)) para++;
    } else if (c.line + 1 < region.endLine && valueParagraph(text, lines, c.line + 1)) other++;
    // A table of rows says so at once; paragraphs need a few labels to show.
    if (other > para + 2) return false;
  }
  return para >= 2 && para > other;
}

/** The candidates of a paragraph table with their values gathered, or null: values no label owns. */
export function gatherParagraphs(text: string, lines: Lines, cands: Candidate[], region: Region): Candidate[] | null {
  const out: Candidate[] = [];
  let next = 0;
  /** The candidate (index in `out`) whose values are being gathered, or -1. */
  let owner = -1;
  for (let i = region.startLine; i < region.endLine; i++) {
    if (next < cands.length && cands[next].line === i) {
      const c = cands[next++];
      if (hasValues(c)) {
        out.push(c);
        owner = -1;
      } else {
        owner = out.length;
        out.push({ line: c.line, fields: c.fields.slice(0, 2 * (c.labelLast + 1)), labelFirst: c.labelFirst, labelLast: c.labelLast, label: c.label, lastLine: c.lastLine });
      }
      continue;
    }
    if (emptyLine(lines, i)) continue;
    if (!valueParagraph(text, lines, i)) {
      // A block title, a page number, a heading: what follows is no label's.
      owner = -1;
      continue;
    }
    if (owner < 0) return null;
    const o = out[owner];
    const { s, e } = trimmed(text, lines.startOf(i), lines.endOf(i));
    pushTrimmed(o.fields, text, s, e);
    o.lastLine = i;
  }
  return out;
}

/**
 * Whether the alignment of a paragraph table's candidates is unambiguous: every candidate that
 * gathered values was matched to a row, and has exactly that row's number of values.
 */
export function paragraphsFit(cands: Candidate[], matches: Match[], scorer: LabelScorer): boolean {
  const rowOf = new Int32Array(cands.length).fill(-1);
  for (let k = 0; k < matches.length; k++) rowOf[matches[k].cand] = matches[k].exp;
  for (let c = 0; c < cands.length; c++) {
    const cand = cands[c];
    const values = (cand.fields.length >> 1) - cand.labelLast - 1;
    if (values === 0) continue;
    if (rowOf[c] < 0 || values !== scorer.expected[rowOf[c]].block.columns.length) return false;
  }
  return true;
}

/** Marks a table of the report unread (its layout was recognised, its cells could not be told): null, no table. */
export function markUnread(report: Report, tdef: TableDef, region: Region): null {
  const { lines } = report;
  const last = Math.min(Math.max(region.startLine, region.endLine - 1), lines.length - 1);
  report.unread[tdef.id] = { start: lines.startOf(Math.min(region.startLine, last)), end: lines.endOf(last) };
  return null;
}

/**
 * Table 四 (one unlabelled row) in paragraphs: from its first value paragraph, when an empty line
 * and another value paragraph follow it, the value paragraphs up to the first other line. Returns
 * undefined when the table is not in paragraphs (the caller reads it), null when it is but does
 * not hold exactly the row's values (the table is marked unread), else the table.
 */
export function readParagraphRow(report: Report, tdef: TableDef, region: Region, sectionLines: Set<number>): TableNode | null | undefined {
  const { text, lines } = report;
  let first = -1;
  for (let i = region.startLine; i < region.endLine && first < 0; i++) {
    if (emptyLine(lines, i) || sectionLines.has(i)) continue;
    if (valueParagraph(text, lines, i)) first = i;
  }
  if (first < 0 || first + 2 >= region.endLine || !emptyLine(lines, first + 1) || !valueParagraph(text, lines, first + 2)) return undefined;
  const block = tdef.blocks[0];
  const row = block.rows[0];
  const N = block.columns.length;
  const spans: number[] = [];
  let lastLine = first;
  for (let i = first; i < region.endLine && !sectionLines.has(i); i++) {
    if (emptyLine(lines, i)) continue;
    if (!valueParagraph(text, lines, i)) break;
    const { s, e } = trimmed(text, lines.startOf(i), lines.endOf(i));
    pushTrimmed(spans, text, s, e);
    lastLine = i;
  }
  if (spans.length !== 2 * N) return markUnread(report, tdef, region);
  const end = lines.endOf(lastLine);
  const node: RowNode = {
    def: row,
    labelStart: spans[0],
    labelEnd: spans[0],
    labelText: '',
    exact: true,
    alias: undefined,
    cells: spanCells(text, cellSlots(tdef.id, block, row), row, block.columns, spans, end),
    extra: [],
    end,
    layout: 'cell-per-line',
    line: first,
    foreign: undefined,
    implied: false,
  };
  for (let k = 0; k < node.cells.length; k++) addCell(report, node.cells[k]);
  const start = node.labelStart;
  return { def: tdef, blocks: [{ def: block, titleStart: undefined, titleEnd: undefined, rows: [node], start, end }], foreignBlocks: [], duplicates: [], start, end };
}
