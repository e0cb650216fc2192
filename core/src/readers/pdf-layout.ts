// The geometry of a PDF's text layer, turned into the report as tab-row text. `pdf.ts` reads the
// text runs with pdfjs; this module is plain arithmetic on their positions (no pdfjs, no I/O), so
// it is tested on hand-made runs as well as on real files.
//
// The steps, in order:
//   1. runs → lines by baseline (runs within a fraction of the font size of each other), sorted
//      by x; a line's runs → cells where the gap between them is wide (about one character);
//   2. page furniture dropped: page numbers ("- 5 -", "-4-", "第 3 页") and text repeated at the
//      same place on several pages' top or bottom edge;
//   3. tables found: a *row line* is a line ending in value cells (numbers, placeholders) after a
//      label, or holding two or more values; consecutive row lines with what lies between them
//      form a table, with the header lines just above the first row; a line with text over the
//      value columns that is not a row, a line in a larger font or a full-width line ends it;
//      a header repeated at the top of a page continues the table above;
//   4. columns: the value cells' x-ranges, merged where they overlap, plus columns that only the
//      header names (a column blank in every row); each value lands in the column it overlaps,
//      a column without a value in a row is an empty field;
//   5. labels: the text left of the value columns, in label columns by x; pieces of one column on
//      consecutive baselines form a block; a block spanning one row's values is that row's label
//      (a wrapped label joined by geometry), a block beside several rows whose own labels sit
//      further right is a group label ("（三）不予公开", "三、本年度办理结果" written one character
//      a line) and becomes a line of its own before the first row of its group;
//   6. prose: the remaining lines, joined into paragraphs (a line that reaches the right margin
//      continues in the next line unless that one is indented).
import { FORMAT_LIST } from '../formats';
import { looksLikeValue } from '../numbers';
import { normalizeLabel } from '../text';
import type { SourceLocation } from './types';

/** One text run of a page, in display space (origin top left, y growing downward, PDF points). */
export interface PdfTextItem {
  str: string;
  /** Left and right edge. */
  x0: number;
  x1: number;
  /** Baseline. */
  y: number;
  /** Font size (glyph height). */
  size: number;
  /** The run's origin in PDF user space (origin bottom left), for the source map. */
  ux: number;
  uy: number;
}

export interface PdfPageText {
  /** 1-based. */
  page: number;
  width: number;
  height: number;
  items: PdfTextItem[];
}

export interface PdfLayout {
  text: string;
  /** Where each line of `text` starts in the file: its first run. */
  lines: SourceLocation[];
}

// ---------------------------------------------------------------------------------------------
// Step 1: lines and cells

/** A run of text within a line, separated from its neighbours by wide gaps. */
interface Cell {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
  page: number;
  /** Source of its first run. */
  ux: number;
  uy: number;
  /** Reads as a cell value (a number, a placeholder). */
  value: boolean;
  /** Its runs, in order. */
  runs: PdfTextItem[];
  /**
   * The x-extent of each of its text's non-space characters, in order (x0, x1 pairs): from the
   * run holding it, each character a share of its run's width (`glyphsOf`, computed when asked).
   * Header names printed as separate runs with narrow gaps between them (one cell) are split at
   * their runs' real edges.
   */
  glyphs?: number[];
}

interface Line {
  page: number;
  y: number;
  size: number;
  cells: Cell[];
  x0: number;
  x1: number;
  /** Index of the first cell of the trailing run of value cells (cells.length when none). */
  valueStart: number;
  row: boolean;
}

/** Baselines closer than this (× the smaller font size) are one line. */
const SAME_BASELINE = 0.45;
/** A gap of at least this (× font size) between runs separates cells. */
const CELL_GAP = 0.6;
/** Runs closer than this (× font size) are one word: no space between them. */
const WORD_GAP = 0.25;

const DIGIT = /[0-9\uff10-\uff19]/;
const CJK_SPACE = /(?<=[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]) (?=[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef])/g;
const ALNUM_END = /[A-Za-z0-9]$/;
const ALNUM_START = /^[A-Za-z0-9]/;

function isValueText(s: string): boolean {
  return s.length > 0 && looksLikeValue(s);
}

function isNumberText(s: string): boolean {
  return DIGIT.test(s) && isValueText(s);
}

/** Groups a page's runs into lines (by baseline) and each line's runs into cells (by gap). */
function pageLines(p: PdfPageText): Line[] {
  const items = p.items.filter((it) => it.str.trim().length > 0 && it.size > 0);
  items.sort((a, b) => a.y - b.y || a.x0 - b.x0);
  const groups: PdfTextItem[][] = [];
  let current: PdfTextItem[] = [];
  let anchor = 0;
  let anchorSize = 0;
  for (const it of items) {
    if (current.length > 0 && Math.abs(it.y - anchor) <= SAME_BASELINE * Math.min(it.size, anchorSize) && !overlapsAny(current, it)) {
      current.push(it);
      continue;
    }
    if (current.length > 0) groups.push(current);
    current = [it];
    anchor = it.y;
    anchorSize = it.size;
  }
  if (current.length > 0) groups.push(current);
  // A run that overlapped another on its baseline started a line of its own: lines are sorted by y again.
  const lines = groups.map((g) => lineOf(p.page, g));
  lines.sort((a, b) => a.y - b.y || a.x0 - b.x0);
  return lines;
}

/**
 * Whether `it` overlaps one of the line's last runs by more than half a character (it is another
 * line's text). Only the last few: runs come in reading order, and a line of thousands of runs
 * (a pathological page) must not cost a square.
 */
function overlapsAny(line: PdfTextItem[], it: PdfTextItem): boolean {
  for (let k = Math.max(0, line.length - 8); k < line.length; k++) {
    const o = line[k];
    const overlap = Math.min(o.x1, it.x1) - Math.max(o.x0, it.x0);
    if (overlap > 0.5 * Math.min(o.size, it.size) && overlap > 0.5 * Math.min(o.x1 - o.x0, it.x1 - it.x0)) return true;
  }
  return false;
}

function lineOf(page: number, runs: PdfTextItem[]): Line {
  runs.sort((a, b) => a.x0 - b.x0);
  const cells: Cell[] = [];
  let cell: Cell | undefined;
  let prev: PdfTextItem | undefined;
  for (const it of runs) {
    const str = cleanRun(it.str);
    if (cell && prev) {
      const size = Math.min(prev.size, it.size);
      const gap = it.x0 - prev.x1;
      // Two numbers apart are two cells even when close: digits of one number are not spaced.
      const numbersApart = gap > 0.1 * size && isNumberText(cleanRun(prev.str)) && isNumberText(str);
      // A label that starts after a gap starts a cell ("三、" | "（一）予以公开" in two narrow cells).
      const labelApart = gap > WORD_GAP * size && LABEL_START.test(str.trimStart());
      if (gap < CELL_GAP * size && !numbersApart && !labelApart) {
        cell.text += gap > WORD_GAP * size ? ` ${str}` : str;
        cell.runs.push(it);
        cell.x1 = Math.max(cell.x1, it.x1);
        cell.size = Math.max(cell.size, it.size);
        prev = it;
        continue;
      }
    }
    if (cell) cells.push(cell);
    cell = { text: str, x0: it.x0, x1: it.x1, y: it.y, size: it.size, page, ux: it.ux, uy: it.uy, value: false, runs: [it] };
    prev = it;
  }
  if (cell) cells.push(cell);
  for (const c of cells) {
    // Spaces between two CJK characters are letter-spacing ("结 果" in a narrow header), never words.
    c.text = c.text.replace(/\s+/g, ' ').trim().replace(CJK_SPACE, '');
    c.value = isValueText(c.text) && (DIGIT.test(c.text) || c.text.length <= 3);
  }
  const sizes = cells.map((c) => c.size).sort((a, b) => a - b);
  const line: Line = {
    page,
    y: runs.reduce((m, r) => Math.min(m, r.y), Infinity),
    size: sizes[sizes.length >> 1],
    cells,
    x0: cells[0].x0,
    x1: cells.reduce((m, c) => Math.max(m, c.x1), -Infinity),
    valueStart: cells.length,
    row: false,
  };
  classifyLine(line);
  return line;
}

/** Sets a line's trailing run of values and whether it is a row line, from its cells. */
function classifyLine(l: Line): void {
  const cells = l.cells;
  let valueStart = cells.length;
  while (valueStart > 0 && cells[valueStart - 1].value) valueStart--;
  const values = cells.length - valueStart;
  const numbers = cells.slice(valueStart).filter((c) => DIGIT.test(c.text)).length;
  l.valueStart = valueStart;
  // A label and values after it, or two or more values; at least one holds a digit.
  l.row = numbers > 0 && ((values >= 1 && valueStart >= 1) || values >= 2);
}

/** The extents of a cell's non-space characters (x0, x1 pairs): each a share of its run's width. */
function glyphsOf(c: Cell): number[] {
  if (c.glyphs) return c.glyphs;
  const out: number[] = [];
  for (const r of c.runs) {
    // The text as the cell holds it (cleanRun keeps the length).
    const str = cleanRun(r.str);
    const w = str.length > 0 ? (r.x1 - r.x0) / str.length : 0;
    for (let i = 0; i < str.length; i++) if (!/\s/.test(str[i])) out.push(r.x0 + i * w, r.x0 + (i + 1) * w);
  }
  return (c.glyphs = out);
}

/** A run's text with the characters that would break the tab-row layout made spaces. */
function cleanRun(s: string): string {
  // Tabs, line ends and form feeds become spaces (a cell never holds them); other control
  // characters become U+FFFD so that the file-encoding rule reports them instead of losing them.
  return s.replace(/[\t\n\v\f\r\u0085\u2028\u2029]/g, ' ').replace(/[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g, '\ufffd');
}

// ---------------------------------------------------------------------------------------------
// Step 2: page furniture

const PAGE_NUMBER = [
  /^[-—–－_~·•.]*\d{1,4}[-—–－_~·•.]*$/, // 5, - 5 -, -4-, —3—
  /^第\d{1,4}页(?:[,，/]?共\d{1,4}页)?$/, // 第 3 页, 第3页共6页
  /^共\d{1,4}页[,，/]?第\d{1,4}页$/,
  /^\d{1,4}\/\d{1,4}$/, // 3/6
  /^page\d{1,4}(?:of\d{1,4})?$/i,
];

/** Top or bottom band of a page where headers, footers and page numbers are. */
const EDGE_BAND = 0.075;

function isPageNumber(text: string): boolean {
  const t = text.replace(/[\s\u3000]+/g, '').normalize('NFKC');
  return PAGE_NUMBER.some((re) => re.test(t));
}

/**
 * Drops page numbers (anywhere in a page's top or bottom band, as long as nothing lies between
 * them and the edge) and running headers and footers: a short line at a page's edge whose text,
 * digits aside, is at the edge of at least two pages and half of them.
 */
function dropFurniture(pages: { page: PdfPageText; lines: Line[] }[]): void {
  const edgeKey = (l: Line) => l.cells.map((c) => c.text).join(' ').replace(/\d+/g, '#').replace(/\s+/g, '');
  const edgeLines = (p: PdfPageText, lines: Line[]): Line[] => {
    const out: Line[] = [];
    // From each edge inwards: the outermost two lines within the band.
    for (let i = 0; i < Math.min(2, lines.length) && lines[i].y < EDGE_BAND * p.height + lines[i].size; i++) out.push(lines[i]);
    for (let i = lines.length - 1; i >= Math.max(0, lines.length - 2) && lines[i].y > (1 - EDGE_BAND) * p.height; i--) if (!out.includes(lines[i])) out.push(lines[i]);
    return out;
  };
  const counts = new Map<string, number>();
  for (const { page, lines } of pages) {
    const seen = new Set<string>();
    for (const l of edgeLines(page, lines)) if (l.cells.length === 1) seen.add(edgeKey(l));
    for (const k of seen) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const repeated = (k: string) => pages.length >= 2 && (counts.get(k) ?? 0) >= Math.max(2, pages.length / 2);
  for (const p of pages) {
    const drop = new Set<Line>();
    for (const l of edgeLines(p.page, p.lines)) {
      const text = l.cells.map((c) => c.text).join(' ');
      if (l.cells.length === 1 ? isPageNumber(text) || (text.length <= 40 && repeated(edgeKey(l))) : isPageNumber(text)) drop.add(l);
    }
    if (drop.size > 0) p.lines = p.lines.filter((l) => !drop.has(l));
  }
}

// ---------------------------------------------------------------------------------------------
// Step 3: tables

interface Region {
  /** Its first line: a header line, or the first line of the body. */
  start: number;
  /** First line of the body: label lines of the first row, or the first row itself. */
  body: number;
  /** First and last row line (the body may end in label lines below the last row). */
  firstRow: number;
  end: number;
  /** Lines dropped as a header repeated after a page break. */
  skip: Set<number>;
}

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** Left edge of a row line's values. */
function valuesLeft(l: Line): number {
  let x = Infinity;
  for (let k = l.valueStart; k < l.cells.length; k++) x = Math.min(x, l.cells[k].x0);
  return x;
}

/** Right edge of a row line's label cells (-Infinity: none). */
function labelsRight(l: Line): number {
  let x = -Infinity;
  for (let k = 0; k < l.valueStart; k++) x = Math.max(x, l.cells[k].x1);
  return x;
}

function compactText(l: Line): string {
  return l.cells.map((c) => c.text).join('').replace(/\s+/g, '');
}

/** Lines of one label block are closer than this (× font size): wrapped lines, not rows. */
const WRAP_PITCH = 1.6;

function findRegions(lines: Line[], textWidth: (page: number) => number): Region[] {
  const regions: Region[] = [];
  let i = 0;
  let prevEnd = -1;
  while (i < lines.length) {
    if (!lines[i].row) {
      i++;
      continue;
    }
    const first = i;
    let dataLeft = valuesLeft(lines[i]);
    let labelRight = labelsRight(lines[i]);
    // The table's font size: the median of its first rows' (kept short: this runs per line).
    const sizes = [lines[i].size];
    let size = lines[i].size;
    const labelOnly = (l: Line) => !l.row && l.cells.every((c) => c.x1 <= dataLeft + 0.5 * c.size);
    let end = i;
    for (let j = i + 1; j < lines.length; j++) {
      const l = lines[j];
      if (l.row) {
        end = j;
        dataLeft = Math.min(dataLeft, valuesLeft(l));
        labelRight = Math.max(labelRight, labelsRight(l));
        if (sizes.length < 32) {
          sizes.push(l.size);
          size = median(sizes);
        }
        continue;
      }
      // Text over the value columns that is not a row, or a line of cells reaching from the
      // label column well into the values' side (a value centred in a wide cell leaves room
      // there): the header of another table.
      if (l.cells.some((c) => c.x0 >= dataLeft - 0.5 * c.size)) break;
      if (labelRight > -Infinity && l.cells.some((c, k) => k > 0 && c.x0 > labelRight + 1.5 * c.size)) break;
      // Prose: a larger font, or a single run as wide as the text.
      if (l.size > 1.3 * size) break;
      if (l.cells.length === 1 && l.x1 - l.x0 > 0.6 * textWidth(l.page)) break;
    }
    const near = (a: Line, b: Line) => a.page === b.page && Math.abs(b.y - a.y) <= WRAP_PITCH * Math.max(a.size, b.size) && Math.abs(a.size - b.size) <= 0.15 * size;
    // The last row's label may wrap below its values.
    while (end + 1 < lines.length && labelOnly(lines[end + 1]) && near(lines[end], lines[end + 1])) end++;
    // The first row's label may start above its values.
    let body = first;
    while (body - 1 > prevEnd && labelOnly(lines[body - 1]) && near(lines[body - 1], lines[body])) body--;
    // Header lines above the body.
    let start = body;
    for (let j = body - 1; j > prevEnd; j--) {
      const l = lines[j];
      const below = lines[j + 1];
      if (l.page !== lines[first].page) break;
      if (below.y - l.y > 4 * Math.max(l.size, below.size)) break;
      const overData = l.cells.some((c) => c.x0 >= dataLeft - 0.5 * c.size);
      const short = l.cells.length === 1 && l.size <= 1.15 * size && l.x1 - l.x0 < 0.5 * textWidth(l.page);
      if (!(l.cells.length >= 2 || overData || short)) break;
      start = j;
    }
    regions.push({ start, body, firstRow: first, end, skip: new Set() });
    prevEnd = end;
    i = end + 1;
  }
  return mergeContinued(regions, lines);
}

/**
 * A table broken across pages whose header is repeated at the top of the next page (Word's
 * "repeat header row", a browser's <thead>) is one table: the repeated header lines are dropped.
 */
function mergeContinued(regions: Region[], lines: Line[]): Region[] {
  const out: Region[] = [];
  for (const r of regions) {
    const prev = out[out.length - 1];
    if (prev && r.start === prev.end + 1 && r.body > r.start && lines[r.start].page > lines[prev.end].page && isPageTop(lines, r.start)) {
      const header = new Set<string>();
      for (let k = prev.start; k < prev.body; k++) header.add(compactText(lines[k]));
      let same = true;
      for (let k = r.start; k < r.body; k++) if (!header.has(compactText(lines[k]))) same = false;
      if (same) {
        for (let k = r.start; k < r.body; k++) prev.skip.add(k);
        for (const k of r.skip) prev.skip.add(k);
        prev.end = r.end;
        continue;
      }
    }
    out.push(r);
  }
  return out;
}

function isPageTop(lines: Line[], i: number): boolean {
  return i === 0 || lines[i - 1].page !== lines[i].page;
}

// ---------------------------------------------------------------------------------------------
// Step 4: columns

interface Column {
  x0: number;
  x1: number;
}

/**
 * Beyond these a "table" is no report table (one has at most 30 rows and 15 columns) and its
 * lines are written as they are, cells apart by tabs: the label and column matching below is
 * quadratic in rows and columns, and a pathological page must not make it slow.
 */
const MAX_TABLE_ROWS = 2000;
const MAX_TABLE_COLUMNS = 64;
const MAX_HEADER_CELLS = 400;

/** Leaf column names of every format's tables ("自然人", "结果维持", "本年制发件数"), normalised. */
let knownColumns: Set<string> | undefined;

function columnNames(): Set<string> {
  if (knownColumns) return knownColumns;
  const names = new Set<string>();
  for (const f of FORMAT_LIST) for (const t of f.tables) for (const b of t.blocks) for (const c of b.columns) names.add(normalizeLabel(c.label.split('·').pop() ?? c.label));
  return (knownColumns = names);
}

/** Leaf row labels that are a group label in no format (「（六）其他处理」 is one in 2021), normalised. */
let leafLabels: Set<string> | undefined;

function blankRowLabels(): Set<string> {
  if (leafLabels) return leafLabels;
  const leaves = new Set<string>();
  const groups = new Set<string>();
  for (const f of FORMAT_LIST) for (const t of f.tables) for (const b of t.blocks) for (const r of b.rows) (r.group ? groups : leaves).add(normalizeLabel(r.label));
  for (const g of groups) leaves.delete(g);
  return (leafLabels = leaves);
}

/** Labels that are a leaf row in one format and a group label in another, normalised. */
let groupLeaves: Set<string> | undefined;

function groupLeafLabels(): Set<string> {
  if (groupLeaves) return groupLeaves;
  const leaves = new Set<string>();
  const groups = new Set<string>();
  for (const f of FORMAT_LIST) for (const t of f.tables) for (const b of t.blocks) for (const r of b.rows) (r.group ? groups : leaves).add(normalizeLabel(r.label));
  return (groupLeaves = new Set([...groups].filter((g) => leaves.has(g))));
}

/** The text of the first cell of the next line of the table after line `i` ('' at its end). */
function nextLabelText(lines: Line[], region: Region, i: number): string {
  for (let j = i + 1; j <= region.end; j++) if (!region.skip.has(j)) return lines[j].cells[0]?.text ?? '';
  return '';
}

/** Whether a line of values of the table stands within about a line's height of line `l`. */
function valuesBeside(lines: Line[], region: Region, l: Line): boolean {
  for (let j = region.firstRow; j <= region.end; j++) {
    const o = lines[j];
    if (o.row && o.page === l.page && Math.abs(o.y - l.y) < 1.5 * l.size) return true;
  }
  return false;
}

/** How well a header text matches a known column name: the share of the name's characters in order. */
function nameMatch(text: string): boolean {
  const t = normalizeLabel(text);
  if (t.length === 0) return false;
  for (const name of columnNames()) {
    if (t === name) return true;
    // Characters of the name found in order in the text (wrapped and garbled headers: "商企业").
    let k = 0;
    for (let i = 0; i < t.length && k < name.length; i++) if (t[i] === name[k]) k++;
    if (name.length >= 3 && k >= 0.75 * name.length && t.length <= name.length + 2) return true;
  }
  return false;
}

function tableColumns(lines: Line[], region: Region): Column[] {
  const cells: Cell[] = [];
  for (let i = region.firstRow; i <= region.end; i++) {
    const l = lines[i];
    if (!l.row || region.skip.has(i)) continue;
    for (let k = l.valueStart; k < l.cells.length; k++) cells.push(l.cells[k]);
  }
  cells.sort((a, b) => a.x0 - b.x0);
  const cols: Column[] = [];
  for (const c of cells) {
    const pad = 0.15 * c.size;
    const last = cols[cols.length - 1];
    if (last && c.x0 - pad <= last.x1) last.x1 = Math.max(last.x1, c.x1 + pad);
    else cols.push({ x0: c.x0 - pad, x1: c.x1 + pad });
  }
  if (cols.length === 0) return cols;
  // Columns that no row fills but the header names: a header cell (alone or with the cell wrapped
  // below it, or with the end of the cell above it) that reads as a known column name and
  // overlaps no value column. Narrow header cells printed without a wide gap between them come
  // as one cell ("商业企业科研机构社会公益组织法律服务机构其他"): split into its names first.
  const dataLeft = cols[0].x0;
  const headerCells: Cell[] = [];
  for (let i = region.start; i < region.body; i++) {
    if (region.skip.has(i)) continue;
    for (const c of lines[i].cells) if (c.x0 >= dataLeft - c.size) for (const part of splitColumnNames(c)) headerCells.push(part);
  }
  if (headerCells.length > MAX_HEADER_CELLS) return cols;
  for (const h of headerCells) {
    if (cols.some((c) => overlap(c, h) > 0)) continue;
    // The cell above, when the header's first characters ended up in it ("自然商" over "业企业":
    // 自然人's and 商业企业's headers wrapped side by side, their first lines run together).
    let above: Cell | undefined;
    for (const a of headerCells) if (a.y < h.y && h.y - a.y <= 1.5 * h.size && a.x1 > h.x0 && a.x0 < h.x1 && (!above || a.y > above.y)) above = a;
    let matched = false;
    let x0 = h.x0;
    let x1 = h.x1;
    for (const prefix of above ? ['', above.text] : ['']) {
      let text = prefix + h.text;
      x0 = h.x0;
      x1 = h.x1;
      matched = nameMatch(text);
      for (const below of headerCells) {
        if (matched) break;
        if (below.y <= h.y || below.y - h.y > 3 * h.size || overlap(below, h) <= 0) continue;
        text += below.text;
        x0 = Math.min(x0, below.x0);
        x1 = Math.max(x1, below.x1);
        matched = nameMatch(text);
      }
      if (matched) break;
    }
    if (matched && !cols.some((c) => overlap(c, { x0, x1 }) > 0)) cols.push({ x0, x1 });
  }
  cols.sort((a, b) => a.x0 - b.x0);
  return cols;
}

/**
 * A header cell whose text is two or more known column names run together, split into one cell
 * per name, each from its first character's left edge to its last one's right edge (the runs'
 * positions: names printed as runs of their own keep their real edges, the narrow gaps between
 * them included); any other cell as it is.
 */
function splitColumnNames(c: Cell): Cell[] {
  const t = c.text.replace(/\s+/g, '');
  // Ten names of table 四 are 36 characters; longer runs are no header (and bound the search).
  if (t.length < 4 || t.length > 80) return [c];
  const names = columnNames();
  // The names covering t from the start, longest first at each step (depth-first, at most t.length steps deep).
  const parts: string[] = [];
  const cover = (at: number): boolean => {
    if (at === t.length) return true;
    for (let len = Math.min(8, t.length - at); len >= 2; len--) {
      const piece = t.slice(at, at + len);
      if (!names.has(piece)) continue;
      parts.push(piece);
      if (cover(at + len)) return true;
      parts.pop();
    }
    return false;
  };
  if (!cover(0) || parts.length < 2) return [c];
  const g = glyphsOf(c);
  if (g.length !== 2 * t.length) return [c];
  const out: Cell[] = [];
  let k = 0;
  for (const piece of parts) {
    const end = k + piece.length - 1;
    out.push({ ...c, text: piece, x0: g[2 * k], x1: g[2 * end + 1], glyphs: g.slice(2 * k, 2 * end + 2) });
    k += piece.length;
  }
  return out;
}

/**
 * A label cell that ends in a number standing in the first value column, closer to the label's
 * last character than a cell gap (「…政府信息公开」 wrapped to the column's edge, then its row's
 * 「0」 a few points to the right, one run apart): the number split off as a value cell of its
 * own. Only when the label's characters all end left of the value columns and the number's all
 * lie within one of them; the line is classified again.
 */
function splitTrailingValue(l: Line, cols: Column[]): void {
  if (cols.length === 0) return;
  const dataLeft = cols[0].x0;
  for (let k = 0; k < l.cells.length; k++) {
    const c = l.cells[k];
    if (c.value || c.x0 >= dataLeft || c.x1 <= dataLeft) continue;
    const g = glyphsOf(c);
    const n = g.length >> 1;
    // The first character inside the value columns; every one before it ends left of them.
    let first = 0;
    while (first < n && g[2 * first] < dataLeft) first++;
    if (first === 0 || first === n || g[2 * first - 1] > dataLeft) continue;
    // c.text's index of that character (the text's non-space characters are the glyphs).
    let at = 0;
    for (let seen = 0; at < c.text.length; at++) if (!/\s/.test(c.text[at]) && seen++ === first) break;
    const label = c.text.slice(0, at).trim();
    const value = c.text.slice(at).trim();
    if (!label || !isNumberText(value)) continue;
    const x0 = g[2 * first];
    const x1 = g[g.length - 1];
    const col = cols.find((o) => o.x0 <= x0 && x1 <= o.x1);
    if (!col) continue;
    const left: Cell = { ...c, text: label, x1: g[2 * first - 1], glyphs: g.slice(0, 2 * first), value: false };
    const right: Cell = { ...c, text: value, x0, x1, ux: c.ux + (x0 - c.x0), glyphs: g.slice(2 * first), value: true };
    l.cells.splice(k, 1, left, right);
    classifyLine(l);
    return;
  }
}

function overlap(a: { x0: number; x1: number }, b: { x0: number; x1: number }): number {
  return Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
}

/** The column a cell belongs to: the one it overlaps most, else the nearest. */
function columnOf(cols: Column[], c: Cell): number {
  let best = -1;
  let bestScore = -Infinity;
  const mid = (c.x0 + c.x1) / 2;
  for (let k = 0; k < cols.length; k++) {
    const o = overlap(cols[k], c);
    const score = o > 0 ? o : -Math.abs(mid - (cols[k].x0 + cols[k].x1) / 2);
    if (score > bestScore) {
      bestScore = score;
      best = k;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Step 5: labels

/** A label text in one label column: pieces on consecutive baselines of one page. */
interface Block {
  col: number;
  page: number;
  pieces: Cell[];
  top: number;
  bottom: number;
  /** Rows (indexes into the table's rows) whose values lie beside it. */
  rows: number[];
  /** Set when it is (part of) a row's own label, a group label, or a line of its own. */
  role?: 'own' | 'prefix' | 'group' | 'alone';
}

interface Row {
  line: number;
  page: number;
  y: number;
  /** The values by column (empty string for none). */
  fields: string[];
  /** The rightmost label column with text for this row (-1: none). */
  leaf: number;
  labels: Block[];
  /** Group label lines to print before it. */
  groupsBefore: Block[];
}

/** Starts a label ("（三）", "三、", "1.", "2、"): never the continuation of a wrapped one. */
const LABEL_START = /^(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|[0-9０-９]{1,2}[.．、，,])/;
const FIRST_SUBROW = /^[1１][.．、，,]/;

function blockText(b: Block): string {
  let s = '';
  for (const p of b.pieces) s += s && ALNUM_END.test(s) && ALNUM_START.test(p.text) ? ` ${p.text}` : p.text;
  return s;
}

/** Position in reading order: page, then y. */
function pos(page: number, y: number): number {
  return page * 1e6 + y;
}

interface TableOut {
  /** Lines in order: header lines, then rows with their group lines. */
  lines: { text: string; at: Cell }[];
}

function layoutTable(lines: Line[], region: Region): TableOut {
  const out: TableOut = { lines: [] };
  let rowCount = 0;
  for (let i = region.firstRow; i <= region.end; i++) if (lines[i].row) rowCount++;
  const cols = rowCount <= MAX_TABLE_ROWS ? tableColumns(lines, region) : [];
  if (rowCount > MAX_TABLE_ROWS || cols.length > MAX_TABLE_COLUMNS || region.end - region.start > 4 * MAX_TABLE_ROWS) {
    for (let i = region.start; i <= region.end; i++) if (!region.skip.has(i)) out.lines.push({ text: lines[i].cells.map((c) => c.text).join('\t'), at: lines[i].cells[0] });
    return out;
  }
  const dataLeft = cols.length > 0 ? cols[0].x0 : Infinity;
  for (let i = region.body; i <= region.end; i++) if (!region.skip.has(i)) splitTrailingValue(lines[i], cols);
  // Header lines, as they are.
  for (let i = region.start; i < region.body; i++) {
    if (region.skip.has(i)) continue;
    const cells = lines[i].cells;
    out.lines.push({ text: cells.map((c) => c.text).join('\t'), at: cells[0] });
  }
  // Rows and label pieces.
  const rows: Row[] = [];
  const pieces: { cell: Cell; row: number }[] = [];
  const strays: Line[] = [];
  for (let i = region.body; i <= region.end; i++) {
    if (region.skip.has(i)) continue;
    const l = lines[i];
    const isLabel = (c: Cell) => (c.x0 + c.x1) / 2 < dataLeft && !(l.row && c.value && c.x1 > dataLeft);
    if (!l.row) {
      if (!l.cells.every(isLabel)) {
        strays.push(l);
        continue;
      }
      // A row blank in every cell: a leaf row's label exactly ("2.其他法律行政法规禁止公开"), last
      // on its line, with no row of values beside it (a label on a baseline of its own next to its
      // values, as WPS writes some, is not one).
      const last = l.cells[l.cells.length - 1];
      const name = normalizeLabel(last.text);
      // A label that is a leaf in one format and a group in another (「（六）其他处理」): a leaf
      // when the next label line does not open its sub-rows (「1.」).
      const leaf = blankRowLabels().has(name) || (groupLeafLabels().has(name) && !FIRST_SUBROW.test(nextLabelText(lines, region, i)));
      if (cols.length > 0 && leaf && !valuesBeside(lines, region, l)) {
        const row = rows.length;
        for (const c of l.cells) pieces.push({ cell: c, row: c === last ? row : -1 });
        rows.push({ line: i, page: l.page, y: last.y, fields: cols.map(() => ''), leaf: -1, labels: [], groupsBefore: [] });
        continue;
      }
      for (const c of l.cells) pieces.push({ cell: c, row: -1 });
      continue;
    }
    const fields: string[] = cols.map(() => '');
    const row = rows.length;
    for (const c of l.cells) {
      if (isLabel(c)) {
        pieces.push({ cell: c, row });
        continue;
      }
      const k = columnOf(cols, c);
      fields[k] = fields[k] ? `${fields[k]} ${c.text}` : c.text;
    }
    const valueYs = l.cells.filter((c) => !isLabel(c)).map((c) => c.y);
    rows.push({ line: i, page: l.page, y: median(valueYs), fields, leaf: -1, labels: [], groupsBefore: [] });
  }
  const aloneAt = assignLabels(rows, pieces);
  // Lines inside the table that are neither rows nor labels (a note over the columns): kept in place.
  const strayAt = new Map<number, Line[]>();
  for (const s of strays) {
    const r = rows.findIndex((row) => pos(row.page, row.y) > pos(s.page, s.y));
    const k = r < 0 ? rows.length : r;
    const list = strayAt.get(k);
    if (list) list.push(s);
    else strayAt.set(k, [s]);
  }
  for (let r = 0; r <= rows.length; r++) {
    for (const s of strayAt.get(r) ?? []) out.lines.push({ text: s.cells.map((c) => c.text).join('\t'), at: s.cells[0] });
    for (const b of aloneAt[r] ?? []) out.lines.push({ text: blockText(b), at: b.pieces[0] });
    if (r === rows.length) break;
    const row = rows[r];
    for (const b of row.groupsBefore) out.lines.push({ text: blockText(b), at: b.pieces[0] });
    const labels = row.labels.sort((a, b) => a.col - b.col);
    const label = labels.map(blockText);
    const l = lines[row.line];
    const at = labels.length > 0 ? firstOf(labels.map((b) => b.pieces[0]).concat(l.cells)) : l.cells[0];
    out.lines.push({ text: [...label, ...row.fields].join('\t'), at });
  }
  return out;
}

/** The cell read first: the top one, then the left one. */
function firstOf(cells: Cell[]): Cell {
  let best = cells[0];
  for (const c of cells) if (pos(c.page, c.y) < pos(best.page, best.y) - 0.5 || (Math.abs(pos(c.page, c.y) - pos(best.page, best.y)) <= 0.5 && c.x0 < best.x0)) best = c;
  return best;
}

/** Label columns: label pieces clustered by their left edge. */
function labelColumns(pieces: { cell: Cell }[]): number[] {
  const xs = pieces.map((p) => p.cell).sort((a, b) => a.x0 - b.x0);
  const starts: number[] = [];
  for (const c of xs) if (starts.length === 0 || c.x0 - starts[starts.length - 1] > c.size) starts.push(c.x0);
  return starts;
}

function colIndex(starts: number[], c: Cell): number {
  let k = 0;
  for (let i = 0; i < starts.length; i++) if (c.x0 >= starts[i] - c.size / 2) k = i;
  return k;
}

/** Assigns label pieces to rows; returns, by row index, the label lines of their own before it (index rows.length: after the last). */
function assignLabels(rows: Row[], pieces: { cell: Cell; row: number }[]): Block[][] {
  const aloneAt: Block[][] = [];
  if (pieces.length === 0) return aloneAt;
  const starts = labelColumns(pieces);
  const colOf = new Map<Cell, number>();
  for (const p of pieces) colOf.set(p.cell, colIndex(starts, p.cell));
  // Leaf column of a row from the label pieces on its own line.
  for (const p of pieces) if (p.row >= 0) rows[p.row].leaf = Math.max(rows[p.row].leaf, colOf.get(p.cell)!);
  const rowOfPiece = new Map<Cell, number>();
  for (const p of pieces) rowOfPiece.set(p.cell, p.row);

  // The pitch of wrapped lines: the smallest baseline distance between two pieces of one
  // column, when it is clearly smaller than the distance between rows.
  const byColPage = new Map<string, Cell[]>();
  for (const p of pieces) {
    const key = `${colOf.get(p.cell)}:${p.cell.page}`;
    const list = byColPage.get(key);
    if (list) list.push(p.cell);
    else byColPage.set(key, [p.cell]);
  }
  let wrap = Infinity;
  for (const cells of byColPage.values()) {
    cells.sort((a, b) => a.y - b.y);
    for (let k = 1; k < cells.length; k++) {
      const d = cells[k].y - cells[k - 1].y;
      if (d >= 0.8 * cells[k].size) wrap = Math.min(wrap, d);
    }
  }
  let rowPitch = Infinity;
  for (let r = 1; r < rows.length; r++) if (rows[r].page === rows[r - 1].page) rowPitch = Math.min(rowPitch, rows[r].y - rows[r - 1].y);
  const joinPitch = wrap < 0.92 * rowPitch ? 1.25 * wrap : 0;

  // Blocks: pieces of one column on consecutive baselines. Two pieces on the lines of two rows
  // whose own labels are in this column are two labels; a piece that starts a label starts a block.
  const blocks: Block[] = [];
  for (const [key, cells] of byColPage) {
    const col = Number(key.split(':')[0]);
    let b: Block | undefined;
    let ownRow = -1;
    for (const c of cells) {
      const r = rowOfPiece.get(c)!;
      const own = r >= 0 && rows[r].leaf === col ? r : -1;
      const joins = b !== undefined && c.y - b.bottom <= joinPitch && !(own >= 0 && ownRow >= 0 && own !== ownRow) && !LABEL_START.test(c.text);
      if (!joins || !b) {
        b = { col, page: c.page, pieces: [c], top: c.y, bottom: c.y, rows: [] };
        blocks.push(b);
        ownRow = own;
        continue;
      }
      b.pieces.push(c);
      b.bottom = c.y;
      if (own >= 0) ownRow = own;
    }
  }
  // Rows beside each block: rows with a piece in it, and rows whose values' baseline lies within it.
  for (const b of blocks) {
    const size = b.pieces[0].size;
    const set = new Set<number>();
    for (const c of b.pieces) if (rowOfPiece.get(c)! >= 0) set.add(rowOfPiece.get(c)!);
    for (let r = 0; r < rows.length; r++) if (rows[r].page === b.page && rows[r].y >= b.top - 0.6 * size && rows[r].y <= b.bottom + 0.6 * size) set.add(r);
    b.rows = [...set].sort((x, y) => x - y);
  }
  // A row without a label on its own line (a wrapped label centred on its values): its leaf
  // column is that of the rightmost block beside it alone.
  for (const b of blocks) if (b.rows.length === 1 && rows[b.rows[0]].leaf < 0) rows[b.rows[0]].leaf = b.col;
  for (const b of blocks) if (b.rows.length === 1 && rows[b.rows[0]].leaf < b.col) rows[b.rows[0]].leaf = b.col;
  for (const b of blocks) {
    if (b.rows.length === 1 && rows[b.rows[0]].leaf === b.col) {
      b.role = 'own';
      rows[b.rows[0]].labels.push(b);
    }
  }
  // Group labels: blocks in a column left of the own labels of a run of rows.
  const ncols = starts.length;
  for (let col = 0; col < ncols; col++) {
    let r = 0;
    while (r < rows.length) {
      if (!(rows[r].leaf > col)) {
        r++;
        continue;
      }
      let e = r;
      while (e + 1 < rows.length && rows[e + 1].leaf > col) e++;
      groupRun(rows, blocks, col, r, e);
      r = e + 1;
    }
  }
  // What is left belongs to no row: lines of their own, in place.
  for (const b of blocks) {
    if (b.role) continue;
    b.role = 'alone';
    const p = pos(b.page, b.top);
    let r = rows.findIndex((row) => pos(row.page, row.y) > p);
    if (r < 0) r = rows.length;
    (aloneAt[r] ??= []).push(b);
  }
  for (const list of aloneAt) list?.sort((a, b) => pos(a.page, a.top) - pos(b.page, b.top));
  return aloneAt;
}

/** Assigns the blocks of column `col` beside rows first..last (whose own labels are further right). */
function groupRun(rows: Row[], blocks: Block[], col: number, first: number, last: number): void {
  const from = first > 0 ? pos(rows[first - 1].page, rows[first - 1].y) : -Infinity;
  const to = last + 1 < rows.length ? pos(rows[last + 1].page, rows[last + 1].y) : Infinity;
  const mid = (b: Block) => pos(b.page, (b.top + b.bottom) / 2);
  // Beside the run: not below its last row by more than a line (「（六）其他处理」, a row of its own
  // blank in every cell, after the run of （五）'s sub-rows, is no group label of it).
  const end = (b: Block) => pos(rows[last].page, rows[last].y + (b.bottom - b.top) / 2 + b.pieces[0].size);
  let cand = blocks.filter((b) => b.col === col && !b.role && mid(b) > from && mid(b) < to && mid(b) <= end(b));
  if (cand.length === 0) return;
  cand.sort((a, b) => pos(a.page, a.top) - pos(b.page, b.top));
  // One row and one block beside it: a label split over two cells of that row ("一、" | "本年新收…").
  if (first === last && cand.length === 1 && cand[0].rows.length <= 1) {
    cand[0].role = 'prefix';
    rows[first].labels.push(cand[0]);
    return;
  }
  // A group label broken by a page: its continuation at the top of the next page joins it.
  const merged: Block[] = [];
  for (const b of cand) {
    const prev = merged[merged.length - 1];
    const firstOnPage = !merged.some((m) => m.page === b.page);
    if (prev && firstOnPage && b.page === prev.page + 1 && !LABEL_START.test(blockText(b))) {
      prev.pieces.push(...b.pieces);
      b.role = 'group';
      continue;
    }
    merged.push(b);
  }
  cand = merged;
  for (const b of cand) b.role = 'group';
  const n = last - first + 1;
  const groupOf: number[] = new Array(n).fill(0);
  if (cand.length > 1) {
    // Sub-rows numbered from 1 again start the next group.
    const starts: number[] = [];
    for (let r = first; r <= last; r++) {
      const own = rows[r].labels.find((b) => b.role === 'own');
      if (r === first || (own && FIRST_SUBROW.test(blockText(own)))) starts.push(r);
    }
    if (starts.length === cand.length) {
      let g = -1;
      for (let r = first; r <= last; r++) {
        if (starts.includes(r)) g++;
        groupOf[r - first] = g;
      }
    } else {
      // Else the nearest group label, kept in order.
      let g = 0;
      for (let r = first; r <= last; r++) {
        const p = pos(rows[r].page, rows[r].y);
        let best = g;
        for (let k = g; k < cand.length; k++) if (Math.abs(mid(cand[k]) - p) < Math.abs(mid(cand[best]) - p)) best = k;
        g = best;
        groupOf[r - first] = g;
      }
    }
  }
  const placed = new Set<number>();
  for (let r = first; r <= last; r++) {
    const g = groupOf[r - first];
    if (placed.has(g)) continue;
    placed.add(g);
    // Groups that got no row of their own go before the next one that did.
    for (let k = 0; k <= g; k++) if (!placed.has(k) || k === g) {
      if (k !== g) placed.add(k);
      rows[r].groupsBefore.push(cand[k]);
    }
  }
  for (let k = 0; k < cand.length; k++) if (!placed.has(k)) rows[last].groupsBefore.push(cand[k]);
  for (const row of rows) row.groupsBefore.sort((a, b) => a.col - b.col || pos(a.page, a.top) - pos(b.page, b.top));
}

// ---------------------------------------------------------------------------------------------
// Step 6: prose, and the whole

export function layoutPdf(pages: PdfPageText[]): PdfLayout {
  const perPage = pages.map((page) => ({ page, lines: pageLines(page) }));
  dropFurniture(perPage);
  const lines = perPage.flatMap((p) => p.lines);
  // Margins per page, from the lines' extents.
  const margins = new Map<number, Margins>();
  for (const p of perPage) {
    if (p.lines.length === 0) continue;
    margins.set(p.page.page, { left: Math.min(...p.lines.map((l) => l.x0)), right: Math.max(...p.lines.map((l) => l.x1)), width: p.page.width });
  }
  const textWidth = (page: number) => {
    const m = margins.get(page);
    return m ? m.right - m.left : Infinity;
  };
  const regions = findRegions(lines, textWidth);
  const out: { text: string; at: Cell }[] = [];
  let i = 0;
  let para: { text: string; at: Cell; last: Line } | undefined;
  const flush = () => {
    if (para) out.push({ text: para.text, at: para.at });
    para = undefined;
  };
  let ri = 0;
  while (i < lines.length) {
    const region = regions[ri];
    if (region && i === region.start) {
      flush();
      out.push(...layoutTable(lines, region).lines);
      i = region.end + 1;
      ri++;
      continue;
    }
    const l = lines[i];
    const text = l.cells.map((c) => c.text).join(l.cells.length > 1 ? '\t' : '');
    if (para && continues(para.last, l, margins)) {
      para.text += ALNUM_END.test(para.text) && ALNUM_START.test(text) ? ` ${text}` : text;
      para.last = l;
    } else {
      flush();
      para = { text, at: l.cells[0], last: l };
    }
    i++;
  }
  flush();
  const textLines: string[] = [];
  const map: SourceLocation[] = [];
  for (const o of out) {
    textLines.push(o.text);
    map.push({ kind: 'pdf', page: o.at.page, x: round(o.at.ux), y: round(o.at.uy) });
  }
  return { text: textLines.join('\n'), lines: map };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

interface Margins {
  left: number;
  right: number;
  /** The page's width. */
  width: number;
}

/** A section heading's number at the start of a line: 「一、」 … 「十、」. */
const HEADING_START = /^\s*[一二三四五六七八九十]{1,2}\s*、/;

/** Whether prose line `next` continues the paragraph whose last line is `prev`. */
function continues(prev: Line, next: Line, margins: Map<number, Margins>): boolean {
  if (prev.cells.length > 1 || next.cells.length > 1) return false;
  const pm = margins.get(prev.page)!;
  const nm = margins.get(next.page)!;
  const size = Math.min(prev.size, next.size);
  if (Math.abs(prev.size - next.size) > 0.15 * size) return false;
  if (next.page === prev.page && next.y - prev.y > 2.5 * size) return false;
  // Two lines centred on one axis, the first nearly as wide as the text: a wrapped title.
  const centred = Math.abs((prev.x0 + prev.x1) / 2 - (next.x0 + next.x1) / 2) < size && next.page === prev.page && next.x0 > nm.left + 2 * size;
  if (centred && prev.x1 - prev.x0 > 0.7 * (pm.right - pm.left)) return true;
  // The previous line is full (reaches the right margin, and spans half the page at least) and
  // the next is not indented, nor a short line opening with a section number ("一、总体情况"
  // under a paragraph that fills its last line): a heading.
  if (prev.x1 < pm.right - 1.5 * size || prev.x1 - prev.x0 < 0.5 * pm.width) return false;
  if (HEADING_START.test(next.cells[0].text) && next.x1 < nm.right - 1.5 * size) return false;
  if (next.x0 > nm.left + 0.8 * size) return false;
  if (next.page === prev.page && next.y - prev.y > 2.5 * size) return false;
  if (next.page !== prev.page && next.page !== prev.page + 1) return false;
  return true;
}
