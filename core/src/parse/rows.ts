// Stage: a matched row's values. Values follow the label on its line (merged cells and page
// layout placed by position), or stand one per line below it, up to a blank line or the next
// row; cells are made with their exact source ranges.
import { type BlockDef, type ColumnDef, type RowDef, type TableId } from '../formats/types';
import { type Cell, cellSlot, type CellSlot, type Report, type RowNode } from '../model';
import { BLANK, readCell } from '../numbers';
import { charCounts, labelSimilarity, normalizeLabel } from '../text';
import { type Match, MATCH_THRESHOLD } from './align';
import { type Candidate, fieldEmpty, fieldEnd, type Fields, fieldStart, looksLikeValueAt, pushTrimmed, wordyLength } from './fields';
import { type Region, trimmed } from './scan';

/**
 * The lines of a region where a row's values stop (block titles, labels, headings): a flag per
 * line of the region (lines outside it are never asked about).
 */
export class StopLines {
  private readonly base: number;
  private readonly flags: Uint8Array;
  constructor(region: Region) {
    this.base = region.startLine;
    this.flags = new Uint8Array(Math.max(0, region.endLine - region.startLine));
  }
  add(line: number): void {
    const k = line - this.base;
    if (k >= 0 && k < this.flags.length) this.flags[k] = 1;
  }
  has(line: number): boolean {
    const k = line - this.base;
    return k >= 0 && k < this.flags.length && this.flags[k] === 1;
  }
}

export function readRow(report: Report, block: BlockDef, row: RowDef, cand: Candidate, m: Match, region: Region, stopLines: StopLines): RowNode {
  const { text, lines } = report;
  const lineEnd = lines.endOf(cand.line);
  const f = cand.fields;
  const nf = f.length >> 1;
  const N = block.columns.length;
  // The values: fields `from` … nf - 1.
  let from = cand.labelLast + 1;
  let labelLast = cand.labelLast;
  // A row short of values whose label ends in a stray text field ("规章  无法统计  0  0"): that
  // field is a cell, as long as the label still matches without it.
  let nonEmptyAfter = 0;
  for (let k = from; k < nf; k++) if (!fieldEmpty(f, k)) nonEmptyAfter++;
  const oneCellBelow = from === nf && nextLineIsValue(report, cand.lastLine, region, stopLines);
  // A label wrapped over lines (parse/wrapped.ts) was joined whole: none of it is a value.
  const wrapped = cand.lastLine !== cand.line;
  if (!wrapped && (from < nf || (cand.labelLast > cand.labelFirst && !oneCellBelow)) && nonEmptyAfter < N && nf - from < N) {
    let k = labelLast;
    while (k > cand.labelFirst && nf - from < N) {
      if (fieldEmpty(f, k)) {
        k--;
        continue;
      }
      // The fields before k, as one label (separators are dropped by normalizeLabel).
      const shorter = normalizeLabel(text.slice(fieldStart(f, cand.labelFirst), fieldEnd(f, k - 1)));
      const official = officialLabelOf(row);
      if (shorter.length === 0 || labelSimilarity(shorter, official.norm, official.counts) < MATCH_THRESHOLD) break;
      labelLast = k - 1;
      from = k;
      // Field k is not empty: the values now start with it.
      nonEmptyAfter++;
      k--;
    }
  }
  const labelStart = fieldStart(f, cand.labelFirst);
  const labelEnd = Math.max(fieldEnd(f, labelLast), fieldEnd(f, cand.labelFirst));
  const slots = cellSlots(tableOf(report, block), block, row);
  const node: RowNode = {
    def: row,
    labelStart,
    labelEnd,
    labelText: text.slice(labelStart, labelEnd),
    exact: m.exact,
    alias: m.alias,
    cells: [],
    extra: [],
    end: lineEnd,
    layout: 'row-per-line',
    line: cand.line,
    foreign: undefined,
    implied: false,
  };
  const inline = from < nf && (nonEmptyAfter > 0 || !nextLineIsValue(report, cand.lastLine, region, stopLines));
  if (inline) {
    placeRow(report, node, block, row, slots, f, from, nf, lineEnd);
    // Values gathered from the lines below (parse/paragraphs.ts): the row ends at the last.
    if (fieldEnd(f, nf - 1) > lineEnd) node.end = fieldEnd(f, nf - 1);
    return node;
  }
  // One cell per line: the following lines, up to a blank line or the next row.
  node.layout = 'cell-per-line';
  const spans: number[] = [];
  for (let j = cand.lastLine + 1; j < region.endLine; j++) {
    if (stopLines.has(j)) break;
    const ls = lines.startOf(j);
    const le = lines.endOf(j);
    if (le === ls) break;
    const { s, e } = trimmed(text, ls, le);
    const valueLike = looksLikeValueAt(text, s, e);
    if (spans.length >= 2 * N) {
      if (s === e || !valueLike) break;
      node.extra.push({ start: s, end: e, text: text.slice(s, e) });
      node.end = le;
      continue;
    }
    if (!valueLike && wordyLength(text, s, e) > 12) break;
    // A line of several numbers apart is several cells.
    pushTrimmed(spans, text, s, e);
    node.end = le;
  }
  spilledSpans(text, spans, N, node);
  node.cells = spanCells(text, slots, row, block.columns, spans, node.end);
  return node;
}

/**
 * Spans beyond the row's N columns (a line of several numbers can carry past the last column)
 * become the row's extra values, before them those already found; nothing read is dropped.
 */
export function spilledSpans(text: string, spans: number[], N: number, node: RowNode): void {
  if (spans.length <= 2 * N) return;
  const extra: RowNode['extra'] = [];
  for (let k = 2 * N; k < spans.length; k += 2) extra.push({ start: spans[k], end: spans[k + 1], text: text.slice(spans[k], spans[k + 1]) });
  node.extra = extra.concat(node.extra);
  spans.length = 2 * N;
}

const officialLabelCache = new WeakMap<RowDef, { norm: string; counts: Map<string, number> }>();

/** A row's official label, normalised, with its character counts (made once per row of a format). */
function officialLabelOf(row: RowDef): { norm: string; counts: Map<string, number> } {
  let o = officialLabelCache.get(row);
  if (!o) {
    const norm = normalizeLabel(row.label);
    officialLabelCache.set(row, (o = { norm, counts: charCounts(norm) }));
  }
  return o;
}

function nextLineIsValue(report: Report, lineNo: number, region: Region, stopLines: StopLines): boolean {
  const next = lineNo + 1;
  if (next >= region.endLine || stopLines.has(next)) return false;
  const { s, e } = trimmed(report.text, report.lines.startOf(next), report.lines.endOf(next));
  return s < e && looksLikeValueAt(report.text, s, e);
}

function tableOf(report: Report, block: BlockDef): TableId {
  for (const t of report.format.tables) if (t.blocks.includes(block)) return t.id;
  return 't2';
}

/** Where `placeInline` puts a column: a field index, or one of these. */
const PAD = -1;

const MISSING = -2;

/**
 * Places fields `from` … `to - 1` (those that follow a label) into N columns: for each column a
 * field index, PAD (a blank cell where a merged cell pushed the row: not located, at `padAt`)
 * or MISSING; and the fields beyond N. Merged label cells leave empty fields before the values
 * and page layout leaves them after, so: trailing empties are dropped; if too many remain,
 * leading then inner empties go; a short row whose values start with empties is anchored right
 * (the merged cells pushed it), otherwise left, with any positions the row kept as blanks and
 * the rest missing.
 */
function placeInline(f: Fields, from: number, to: number, N: number): { cols: number[]; padAt: number; extra: readonly number[] } {
  // Trailing empties, then leading ones while too many remain, are passed over before the list
  // is made (rows of a spreadsheet copy end in many empty fields).
  let hi = to;
  while (hi > from && fieldEmpty(f, hi - 1)) hi--;
  const trailing = to - hi;
  let lo = from;
  while (hi - lo > N && fieldEmpty(f, lo)) lo++;
  const vals: number[] = [];
  for (let k = lo; k < hi; k++) vals.push(k);
  for (let k = 0; vals.length > N && k < vals.length; ) {
    if (fieldEmpty(f, vals[k])) vals.splice(k, 1);
    else k++;
  }
  // A full row (the common case) keeps its field list as the columns.
  if (vals.length === N) return { cols: vals, padAt: 0, extra: NO_EXTRA };
  if (vals.length > N) return { cols: vals.slice(0, N), padAt: 0, extra: vals.slice(N) };
  const cols: number[] = [];
  if (vals.length > 0 && fieldEmpty(f, vals[0])) {
    for (let k = vals.length; k < N; k++) cols.push(PAD);
    for (let k = 0; k < vals.length; k++) cols.push(vals[k]);
    return { cols, padAt: fieldStart(f, vals[0]), extra: NO_EXTRA };
  }
  for (let k = 0; k < vals.length; k++) cols.push(vals[k]);
  // Positions kept by trailing tabs are blank cells; beyond them the row ran short.
  for (let k = 0; cols.length < N; k++) cols.push(k < trailing ? from + vals.length + k : MISSING);
  return { cols, padAt: 0, extra: NO_EXTRA };
}

/**
 * No values beyond the columns: shared and never written (not frozen, so that it has the same
 * shape as the lists of extra values it stands beside).
 */
const NO_EXTRA: readonly number[] = [];

/** Fills a row's cells and extra values from fields `from` … `to - 1` of its line. */
export function placeRow(report: Report, node: RowNode, block: BlockDef, row: RowDef, slots: CellSlot[], f: Fields, from: number, to: number, lineEnd: number): void {
  const { text } = report;
  const placed = placeInline(f, from, to, block.columns.length);
  const cells: Cell[] = [];
  for (let k = 0; k < block.columns.length; k++) {
    const col = block.columns[k];
    const at = placed.cols[k];
    if (at === MISSING) cells.push(missingCell(slots[k], row, col, lineEnd));
    else if (at === PAD) cells.push(fieldCell(text, slots[k], row, col, placed.padAt, placed.padAt, false));
    else cells.push(fieldCell(text, slots[k], row, col, fieldStart(f, at), fieldEnd(f, at), true));
  }
  node.cells = cells;
  const extra: RowNode['extra'] = [];
  for (let x = 0; x < placed.extra.length; x++) {
    const k = placed.extra[x];
    extra.push({ start: fieldStart(f, k), end: fieldEnd(f, k), text: text.slice(fieldStart(f, k), fieldEnd(f, k)) });
  }
  node.extra = extra;
}

const slotCache = new WeakMap<BlockDef, Map<RowDef, CellSlot[]>>();

export function cellSlots(table: TableId, block: BlockDef, row: RowDef): CellSlot[] {
  let byRow = slotCache.get(block);
  if (!byRow) slotCache.set(block, (byRow = new Map()));
  let slots = byRow.get(row);
  if (!slots) {
    slots = block.columns.map((col) => cellSlot({ table, block: block.id, row: row.id, column: col.id }));
    byRow.set(row, slots);
  }
  return slots;
}

export function addCell(report: Report, cell: Cell): void {
  report.cellsBySlot[cell.slot] = cell;
  report.cellOrder.push(cell);
}

/**
 * A row's cells from one span per line (`spans`: start, end pairs); columns beyond them are
 * missing, placed at `end`. Cell arrays are built by push, never by `map`, whose result is holey
 * or packed depending on whether it ran optimised: two array kinds made the rules that read rows
 * fall back from optimised code.
 */
export function spanCells(text: string, slots: CellSlot[], row: RowDef, columns: readonly ColumnDef[], spans: number[], end: number): Cell[] {
  const cells: Cell[] = [];
  for (let k = 0; k < columns.length; k++) {
    cells.push(2 * k < spans.length ? fieldCell(text, slots[k], row, columns[k], spans[2 * k], spans[2 * k + 1], true) : missingCell(slots[k], row, columns[k], end));
  }
  return cells;
}

/** A cell the row does not have (it ran short): not present, placed at `at`. */
/** A cell of a row implied by another version's row (`RowDef.foreign`): present, 0, not located, at `at`. */
export function impliedZero(slot: CellSlot, row: RowDef, column: ColumnDef, at: number): Cell {
  return { ref: slot.ref, key: slot.key, slot: slot.index, row, column, raw: '', start: at, end: at, present: true, located: false, value: readCell('0', column.kind) };
}

function missingCell(slot: CellSlot, row: RowDef, column: ColumnDef, at: number): Cell {
  return { ref: slot.ref, key: slot.key, slot: slot.index, row, column, raw: '', start: at, end: at, present: false, located: false, value: BLANK };
}

/** A cell whose text is [start, end) of the report (`located`: that range is a real field). */
function fieldCell(text: string, slot: CellSlot, row: RowDef, column: ColumnDef, start: number, end: number, located: boolean): Cell {
  const raw = start === end ? '' : text.slice(start, end);
  return { ref: slot.ref, key: slot.key, slot: slot.index, row, column, raw, start, end, present: true, located, value: readCell(raw, column.kind) };
}
