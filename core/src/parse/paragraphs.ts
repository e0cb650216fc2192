// Stage (text of one paragraph per cell): Chromium's selection copy of web tables whose cells
// are `<p>`s, and plain `pdftotext` (without -layout). Every cell is a line of its own with a
// blank line after it, so a blank line ends no row: a row is its label and the value paragraphs
// that follow it, up to the next line that is not a value. The reader gathers those values into
// the label's candidate (fields on later lines; `lastLine` is the last value's line), so `align`
// and `rows` read the row as if its values stood after the label.
//
// The layout is read only when it is unambiguous: every value paragraph of the table follows a
// label that names a row, and each such row has exactly its block's number of values. Plain
// `pdftotext` breaks that: some rows' values stand before their labels. Such a table is read as
// one stream of values in the template's order when the evidence says so (`readStream`: every
// value its own paragraph, every row labelled, as many values as cells, each label that leads
// values exactly where the order puts its row); when pdftotext gives a column's values as one run
// (table 三 column by column), or a header word sits between table 四's values, the table is
// *unread* (`Report.unread`): one `unread-table` finding says so, and no cell of it is guessed.
import { type TableDef } from '../formats/types';
import { type Report, type RowNode, type TableNode, type UnreadWhy } from '../model';
import { isSpaceCode, type Lines } from '../text';
import { align, type LabelScorer, type Match } from './align';
import { type Candidate, fieldEmpty, looksLikeValueAt, pushTrimmed } from './fields';
import { addCell, cellSlots, spanCells } from './rows';
import { type Region, trimmed } from './scan';
import { gatherWithBlankLines } from './blanklines';
import { interleavedRow, pageNumberLine, readColumnStream, rowWhy } from './columns';
import { joinWrappedLabels } from './wrapped';

/** Whether line `i` is empty (no character at all: a paragraph break). */
export function emptyLine(lines: Lines, i: number): boolean {
  return lines.startOf(i) === lines.endOf(i);
}

/**
 * Whether line `i` holds one value and nothing else (trailing tab or spaces aside): a value
 * paragraph. A line of several values apart ("0 0 0") is no paragraph of one cell.
 */
export function valueParagraph(text: string, lines: Lines, i: number): boolean {
  const { s, e } = trimmed(text, lines.startOf(i), lines.endOf(i));
  if (s === e) return false;
  // Separators first: a row of values ("0⇥0⇥0…") is passed over without reading it as a value.
  for (let k = s; k < e; k++) {
    const c = text.charCodeAt(k);
    if (c === 9 || c === 32 || c === 0x3000) return false;
  }
  return looksLikeValueAt(text, s, e);
}

/**
 * The bare cells a line of a browser copy holds: cells without a paragraph of their own (a bare
 * `<td>&nbsp;</td>`) come out as their text joined by tabs between the paragraph cells
 * ("\u00a0⇥\u00a0⇥"), each cell followed by a tab but the row's last. At least one tab, and each
 * cell blank space or one value ("0\u00a0⇥0\u00a0⇥" once the blanks are filled with 0; with a
 * value, no cell of no character: "⇥　　41" is an indented value): the number of cells (tabs,
 * plus one unless the line ends with a tab); else 0.
 */
function blankCellRun(text: string, lines: Lines, i: number): number {
  const ls = lines.startOf(i);
  const le = lines.endOf(i);
  let tabs = 0;
  let at = ls;
  let values = false;
  /** A cell of no character at all (an indenting tab's, "⇥　　41"): no bare cell. */
  let bare = false;
  for (let k = ls; k <= le; k++) {
    if (k < le && text.charCodeAt(k) !== 9) continue;
    if (k < le) tabs++;
    const { s, e } = trimmed(text, at, k);
    if (s < e) {
      if (!valueAt(text, s, e)) return 0;
      values = true;
    } else if (at === k && (k < le || at === ls)) bare = true;
    at = k + 1;
  }
  if (tabs === 0 || (values && bare)) return 0;
  return text.charCodeAt(le - 1) === 9 ? tabs : tabs + 1;
}

/** Whether text[s, e) (trimmed, not empty) is one value: no space inside, value-like. */
function valueAt(text: string, s: number, e: number): boolean {
  for (let k = s; k < e; k++) if (isSpaceCode(text.charCodeAt(k))) return false;
  return looksLikeValueAt(text, s, e);
}

/**
 * Whether line `i` is a blank cell's paragraph: spaces only, at least one of them NBSP or U+3000
 * (Chromium writes `<p>&nbsp;</p>` so). A form feed or a line of ASCII spaces is no cell.
 */
function blankParagraph(text: string, lines: Lines, i: number): boolean {
  const ls = lines.startOf(i);
  const le = lines.endOf(i);
  let wide = false;
  for (let k = ls; k < le; k++) {
    const c = text.charCodeAt(k);
    if (c === 0xa0 || c === 0x3000) wide = true;
    else if (c !== 32) return false;
  }
  return wide;
}

/** Pushes the cells of a `blankCellRun` line: a value's trimmed span, an empty span at a blank's start. */
function pushBlankCells(spans: number[], text: string, lines: Lines, i: number, n: number): void {
  let at = lines.startOf(i);
  for (let k = 0; k < n; k++) {
    const tab = text.indexOf('\t', at);
    const end = tab < 0 || tab > lines.endOf(i) ? lines.endOf(i) : tab;
    const { s, e } = trimmed(text, at, end);
    if (s < e) spans.push(s, e);
    else spans.push(at, at);
    at = end + 1;
  }
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

/**
 * A labelled table (二, 三) in paragraphs: its candidates with their values and their alignment;
 * null when the layout cannot be read without guessing (the caller marks the table unread).
 * Label by label first (`gatherParagraphs`, `paragraphsFit`); else, for plain pdftotext's table
 * 三, as one stream of values in the template's order (`readStream`).
 */
export function readParagraphs(text: string, lines: Lines, scanned: Candidate[], region: Region, scorer: LabelScorer): { cands: Candidate[]; matches: Match[] } | null {
  const gathered = gatherParagraphs(text, lines, scanned, region);
  if (gathered) {
    const cands = joinWrappedLabels(text, lines, gathered, scorer);
    const matches = align(cands, scorer);
    if (paragraphsFit(cands, matches, scorer)) return { cands, matches };
    // Blank cells that left only an empty line each (parse/blanklines.ts).
    const counted = gatherWithBlankLines(text, lines, scanned, region);
    if (counted) {
      const cands = joinWrappedLabels(text, lines, counted, scorer);
      const matches = align(cands, scorer);
      if (paragraphsFit(cands, matches, scorer)) return { cands, matches };
    }
  }
  const cands = readStream(text, lines, scanned, region, scorer);
  // Table 三 column by column (parse/columns.ts).
  if (!cands) return readColumnStream(text, lines, scanned, region, scorer);
  const matches = align(cands, scorer);
  if (matches.length !== cands.length) return null;
  for (let k = 0; k < matches.length; k++) if (matches[k].cand !== k || matches[k].exp !== k) return null;
  return { cands, matches };
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
    // Blank cells: a paragraph of NBSP (`<p>&nbsp;</p>`), or bare cells joined by tabs.
    const blanks = owner < 0 ? 0 : blankParagraph(text, lines, i) ? 1 : blankCellRun(text, lines, i);
    if (blanks > 0) {
      pushBlankCells(out[owner].fields, text, lines, i, blanks);
      out[owner].lastLine = i;
      continue;
    }
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
export function markUnread(report: Report, tdef: TableDef, region: Region, why: UnreadWhy = 'columns'): null {
  const { lines } = report;
  const last = Math.min(Math.max(region.startLine, region.endLine - 1), lines.length - 1);
  report.unread[tdef.id] = { start: lines.startOf(Math.min(region.startLine, last)), end: lines.endOf(last), why };
  return null;
}

/**
 * Table 四 (one unlabelled row) in paragraphs: from its first value paragraph, when an empty line
 * and another value paragraph (or a line of blank cells, `blankCellRun`) follow it, the value
 * paragraphs and blank cells up to the first other line; blank cells on the line just above the
 * first value paragraph are the row's first cells. Returns
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
  if (first < 0 || first + 2 >= region.endLine || !emptyLine(lines, first + 1)) return undefined;
  if (!valueParagraph(text, lines, first + 2) && !pageBreakThenValue(text, lines, first + 2, region) && blankCellRun(text, lines, first + 2) === 0) return undefined;
  // Blank cells before the first value paragraph, on the line just above it.
  if (first - 1 >= region.startLine && !sectionLines.has(first - 1) && blankCellRun(text, lines, first - 1) > 0) first--;
  const block = tdef.blocks[0];
  const row = block.rows[0];
  const N = block.columns.length;
  let spans: number[] = [];
  let lastLine = first;
  for (let i = first; i < region.endLine && !sectionLines.has(i); i++) {
    if (emptyLine(lines, i)) continue;
    const blanks = blankCellRun(text, lines, i);
    if (blanks > 0) {
      pushBlankCells(spans, text, lines, i, blanks);
      lastLine = i;
      continue;
    }
    if (!valueParagraph(text, lines, i)) break;
    const { s, e } = trimmed(text, lines.startOf(i), lines.endOf(i));
    pushTrimmed(spans, text, s, e);
    lastLine = i;
  }
  if (spans.length !== 2 * N) {
    // Header words among the values (parse/columns.ts).
    const row = interleavedRow(text, lines, tdef, region, sectionLines, first, N);
    if (!row) return markUnread(report, tdef, region, rowWhy(text, lines, tdef, region, sectionLines, first));
    spans = row.spans;
    lastLine = row.lastLine;
  }
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

/** Whether line `i` is a page number with, after it and empty lines, a value paragraph (table 四 across a page break). */
function pageBreakThenValue(text: string, lines: Lines, i: number, region: Region): boolean {
  if (!pageNumberLine(text, lines, i)) return false;
  for (let j = i + 1; j < region.endLine; j++) if (!emptyLine(lines, j)) return valueParagraph(text, lines, j);
  return false;
}

/** Label pieces on consecutive lines joined into one row label, at most. */
const MAX_PIECES = 3;

/**
 * The fewest consecutive label pieces from `cands[next]` on (on consecutive lines, at most
 * MAX_PIECES) that name a row exactly: that row (-1 if none), the label they make, how many.
 */
export function exactPieces(cands: readonly Candidate[], next: number, scorer: LabelScorer): { row: number; label: string; pieces: number } {
  let row = -1;
  let label = '';
  let pieces = 0;
  for (let j = 0; j < MAX_PIECES && next + j < cands.length && row < 0; j++) {
    if (j > 0 && cands[next + j].line !== cands[next + j - 1].line + 1) break;
    label += cands[next + j].label;
    row = scorer.exactRow(label);
    pieces = j + 1;
  }
  return { row, label, pieces };
}

/**
 * Plain pdftotext's table as one stream of values: every value a paragraph of its own (no two on
 * adjacent lines: those are a column's run, column by column, whose rows cannot be told), every
 * row of the template labelled somewhere in the region (exactly, after joining pieces of a label
 * on consecutive lines), as many values as the rows have cells, and every label that leads values
 * standing exactly where the template's order puts its row's first value — at least half the rows
 * anchored so. The values are then the rows' cells in the template's order, row by row (the
 * order pdftotext gives separate cells in). One candidate per row, in the template's order: its
 * label's line and fields, its values' fields. Null when any of it fails.
 */
function readStream(text: string, lines: Lines, cands: Candidate[], region: Region, scorer: LabelScorer): Candidate[] | null {
  const E = scorer.expected.length;
  // The label of each expected row: the candidate it starts at (-1: none yet), its joined label
  // and last piece's line, whether it leads values, and the number of values before it.
  const at = new Int32Array(E).fill(-1);
  const joined: string[] = new Array<string>(E).fill('');
  const lastLine = new Int32Array(E);
  const before = new Int32Array(E);
  const leads = new Uint8Array(E);
  // The values, in text order (offset pairs); whether the previous line was a value.
  const values: number[] = [];
  let next = 0;
  let prevValue = -2;
  for (let i = region.startLine; i < region.endLine; i++) {
    if (next < cands.length && cands[next].line === i) {
      const c = cands[next];
      if (hasValues(c)) return null;
      const { row, label, pieces } = exactPieces(cands, next, scorer);
      if (row < 0) {
        next++;
        continue;
      }
      const last = cands[next + pieces - 1].line;
      next += pieces;
      // A label met again (a column header 「其他」 before the rows, then 「3、其他」): the later stands.
      at[row] = i;
      joined[row] = label;
      lastLine[row] = last;
      before[row] = values.length >> 1;
      leads[row] = 0;
      for (let j = last + 1; j < region.endLine; j++) {
        if (emptyLine(lines, j)) continue;
        leads[row] = valueParagraph(text, lines, j) ? 1 : 0;
        break;
      }
      i = last;
      continue;
    }
    if (emptyLine(lines, i)) continue;
    if (!valueParagraph(text, lines, i)) continue;
    if (prevValue === i - 1) return null;
    prevValue = i;
    const { s, e } = trimmed(text, lines.startOf(i), lines.endOf(i));
    values.push(s, e);
  }
  // Every row labelled; as many values as cells; the leading labels where the order says.
  let cells = 0;
  let anchored = 0;
  for (let r = 0; r < E; r++) {
    if (at[r] < 0) return null;
    if (leads[r]) {
      if (before[r] !== cells) return null;
      anchored++;
    }
    cells += scorer.expected[r].block.columns.length;
  }
  if (2 * cells !== values.length || 2 * anchored < E) return null;
  const out: Candidate[] = [];
  let v = 0;
  for (let r = 0; r < E; r++) {
    const c = cands.find((x) => x.line === at[r])!;
    const fields = c.fields.slice(0, 2 * (c.labelLast + 1));
    for (let k = scorer.expected[r].block.columns.length; k > 0; k--, v += 2) fields.push(values[v], values[v + 1]);
    out.push({ line: c.line, fields, labelFirst: c.labelFirst, labelLast: c.labelLast, label: joined[r], lastLine: lastLine[r] });
  }
  return out;
}
