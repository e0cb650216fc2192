// Stage: tables. Each table of the format is read inside its section's lines (or between its
// neighbours when the heading is missing): table 二 and 三 by their labels, table 四 as the first
// line(s) of values; then the report's layout is named.
import { type BlockDef, type TableDef } from '../formats/types';
import { type BlockNode, type Cell, type Layout, type Report, type RowNode, type TableNode } from '../model';
import { type Lines, nfkcIndifferent, normalizeLabel, rangeIncludes, trimEnd as trimEndOf, trimSpan, trimStart } from '../text';
import { align, expectedRows, LabelScorer, type Match } from './align';
import { type Candidate, candidateOf, fieldEmpty, fieldEnd, type Fields, fieldsOf, fieldStart, looksLikeValueAt, pushTrimmed, wordyLength } from './fields';
import { addCell, cellSlots, impliedZero, placeRow, readRow, spanCells, spilledSpans, StopLines } from './rows';
import { paragraphsWhy } from './columns';
import { readSpaceGlyphBlanks, readSpaceGlyphRow } from './spacedblanks';
import { markUnread, paragraphLayout, readParagraphRow, readParagraphs } from './paragraphs';
import { joinWrappedLabels } from './wrapped';
import { nextLineHolding, type Region, trimmed } from './scan';

export function readTables(report: Report): void {
  const { format, sections } = report;
  let floor = 0;
  for (const tdef of format.tables) {
    // Table 四 has no labels: look for it only under its heading or right after table 三.
    if (tdef.id === 't4' && !sections.some((s) => s.def.id === 4) && !report.tables.t3) continue;
    const region = regionFor(report, tdef.section, floor);
    const table = tdef.id === 't4' ? readUnlabeledTable(report, tdef, region) : readLabeledTable(report, tdef, region);
    if (table) {
      report.tables[tdef.id] = table;
      floor = report.lineIndex.positionAt(table.end).line + 1;
    }
  }
}

/** Lines of the section holding a table; when the heading is missing, the lines between its neighbours. */
function regionFor(report: Report, sectionId: number, floorLine: number): Region {
  const { sections, lines } = report;
  const own = sections.find((s) => s.def.id === sectionId);
  if (own) {
    const endLine = report.lineIndex.positionAt(own.bodyEnd).line + (own.bodyEnd >= report.text.length ? 1 : 0);
    return { startLine: Math.max(own.line + 1, floorLine), endLine: Math.min(endLine, lines.length) };
  }
  let startLine = floorLine;
  let endLine = lines.length;
  for (const s of sections) {
    if (s.def.id < sectionId && s.line + 1 > startLine) startLine = Math.max(startLine, s.line + 1);
    if (s.def.id > sectionId && s.line < endLine && s.line >= startLine) endLine = s.line;
  }
  return { startLine, endLine };
}

const BLOCK_TITLE_RE = /第二十条第\s*[(（]\s*([一二三四五六七八九十]+)\s*[)）]\s*项/;

/**
 * `foldNFKC` as BLOCK_TITLE_RE needs it: full-width parentheses, which the pattern accepts as
 * written (and which are never in the group it reads), need no NFKC.
 */
function foldForBlockTitle(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0xff08 && c !== 0xff09 && !nfkcIndifferent(c)) return s.normalize('NFKC');
  }
  return s;
}

const scorerCache = new WeakMap<TableDef, LabelScorer>();

function readLabeledTable(report: Report, tdef: TableDef, region: Region): TableNode | null {
  const { text, lines } = report;
  let scorer = scorerCache.get(tdef);
  if (!scorer) {
    scorer = new LabelScorer(expectedRows(tdef));
    scorerCache.set(tdef, scorer);
  }
  const expected = scorer.expected;
  const titles: BlockTitle[] = [];
  const scanned: Candidate[] = [];
  scanLabels(text, lines, tdef, region, titles, scanned);
  // One paragraph a cell (parse/paragraphs.ts): each label's values gathered from the lines below.
  const paragraphs = paragraphLayout(text, lines, scanned, region) ? readParagraphs(text, lines, scanned, region, scorer) : undefined;
  if (paragraphs === null) return markUnread(report, tdef, region, paragraphsWhy(text, lines, scanned, region));
  const cands = paragraphs ? paragraphs.cands : joinWrappedLabels(text, lines, scanned, scorer);
  const matches = paragraphs ? paragraphs.matches : align(cands, scorer);
  if (matches.length === 0) return null;
  // Indexed loops, here and below (ARCHITECTURE.md, "Speed").
  const stopLines = new StopLines(region);
  for (let k = 0; k < titles.length; k++) stopLines.add(titles[k].line);
  for (let k = 0; k < matches.length; k++) {
    const c = cands[matches[k].cand];
    for (let l = c.line; l <= c.lastLine; l++) stopLines.add(l);
  }
  for (const s of report.sections) stopLines.add(s.line);

  // The rows found, by block index.
  const rowsByBlock: RowNode[][] = [];
  for (let b = 0; b < tdef.blocks.length; b++) rowsByBlock.push([]);
  for (let k = 0; k < matches.length; k++) {
    const m = matches[k];
    const exp = expected[m.exp];
    rowsByBlock[exp.blockIndex].push(readRow(report, exp.block, exp.row, cands[m.cand], m, region, stopLines));
  }
  // Values aligned by spaces of uneven width (pdftotext -layout, pypdf) and a row short of
  // values: its blank cells left no field, and which cells they are cannot be told from the text
  // (placing the values from the left gave false cell counts and false sums). Left unread.
  // Unless the blanks are space glyphs, one each, in every row (parse/spacedblanks.ts).
  if (!paragraphs && spacedWithBlanks(text, rowsByBlock) && !readSpaceGlyphBlanks(report, tdef, rowsByBlock)) return markUnread(report, tdef, region, 'spaced-blanks');
  // One label only like a row's, with no number and no block title: a line of prose or page chrome
  // ("栏目: 政府信息公开年报" read as 一、本年新收…), not a table of 24 missing rows.
  if (matches.length === 1 && !matches[0].exact && titles.length === 0 && !rowsByBlock.some((rows) => rows.some((r) => r.cells.some((c) => c.value.value !== null)))) return null;
  for (let b = 0; b < tdef.blocks.length; b++) foreignRows(tdef, tdef.blocks[b], rowsByBlock[b]);
  const blocks: BlockNode[] = [];
  let tStart = Infinity;
  let tEnd = 0;
  for (let b = 0; b < tdef.blocks.length; b++) {
    const bdef = tdef.blocks[b];
    const rows = rowsByBlock[b];
    const title = bdef.ordinal ? titles.find((t) => t.ordinal === bdef.ordinal) : undefined;
    if (rows.length === 0 && !title) continue;
    let start = title?.start ?? Infinity;
    let end = title?.end ?? 0;
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k];
      if (r.labelStart < start) start = r.labelStart;
      if (r.end > end) end = r.end;
    }
    // Paragraph tables (plain pdftotext) may give a row's values before any label: the block
    // spans them too, so that folding and the outline hold every cell.
    if (paragraphs) ({ start, end } = coverCells(rows, start, end));
    blocks.push({ def: bdef, titleStart: title?.start, titleEnd: title?.end, rows, start, end });
    tStart = Math.min(tStart, start);
    tEnd = Math.max(tEnd, end);
    for (let r = 0; r < rows.length; r++) {
      const cells = rows[r].cells;
      for (let k = 0; k < cells.length; k++) addCell(report, cells[k]);
    }
  }
  const foreignBlocks: TableNode['foreignBlocks'] = [];
  for (const t of titles) {
    if (tdef.blocks.some((b) => b.ordinal === t.ordinal)) continue;
    foreignBlocks.push({ ordinal: t.ordinal, start: t.start, end: t.end });
    tStart = Math.min(tStart, t.start);
    tEnd = Math.max(tEnd, t.end);
  }
  return { def: tdef, blocks, foreignBlocks, duplicates: duplicateRows(text, lines, cands, matches, scorer, blocks), start: tStart, end: tEnd };
}

/**
 * Whether the table's values are aligned by spaces of uneven width (pdftotext -layout, pypdf:
 * a blank cell leaves a wider gap, not a field) while some row runs short of values (cells
 * missing at its end): which cells the blanks are cannot be told from the text. Gaps of one
 * width (the space-separated layout a person types, "20   3   0") are no sign of blanks: a short
 * row there is a slip (cell-count). Tabs are cells' own separators: a gap holding one is not
 * counted.
 */
function spacedWithBlanks(text: string, rowsByBlock: RowNode[][]): boolean {
  // Most tables have no short row: nothing more to look at.
  let short = false;
  for (let b = 0; b < rowsByBlock.length && !short; b++) {
    const rows = rowsByBlock[b];
    for (let r = 0; r < rows.length && !short; r++) {
      const cells = rows[r].cells;
      for (let k = 0; k < cells.length; k++) {
        if (!cells[k].present) {
          short = true;
          break;
        }
      }
    }
  }
  if (!short) return false;
  let min = Infinity;
  let max = 0;
  for (const rows of rowsByBlock) {
    for (const r of rows) {
      let prev: Cell | undefined;
      for (const c of r.cells) {
        if (!c.located) continue;
        if (prev && spaceGap(text, prev.end, c.start)) {
          const w = c.start - prev.end;
          if (w < min) min = w;
          if (w > max) max = w;
        }
        prev = c;
      }
    }
  }
  return max >= 2 * min && max - min >= 2;
}

/** Whether text[from, to) is a non-empty run of spaces (no tab, nothing else). */
function spaceGap(text: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0xa0 && c !== 0x3000) return false;
  }
  return true;
}

/** [start, end) widened to hold every located cell of `rows`. */
function coverCells(rows: RowNode[], start: number, end: number): { start: number; end: number } {
  for (const r of rows) {
    for (const c of r.cells) {
      if (!c.located) continue;
      if (c.start < start) start = c.start;
      if (c.end > end) end = c.end;
    }
  }
  return { start, end };
}

interface BlockTitle {
  line: number;
  ordinal: string;
  start: number;
  end: number;
}

/**
 * The block titles (table 二) and candidate labels of a table's region, pushed on `titles` and
 * `cands`. The one loop over the region's lines, kept apart from the assembly of the table, so
 * that it is small and optimised early.
 */
function scanLabels(text: string, lines: Lines, tdef: TableDef, region: Region, titles: BlockTitle[], cands: Candidate[]): void {
  // A line without ideographs is neither a block title nor a label: skipped by one search.
  for (let i = nextLineHolding(text, lines, region.startLine, region.endLine); i < region.endLine; i = nextLineHolding(text, lines, i + 1, region.endLine)) {
    const start = lines.startOf(i);
    const end = lines.endOf(i);
    if (tdef.id === 't2' && rangeIncludes(text, start, end, '第二十条')) {
      const m = BLOCK_TITLE_RE.exec(foldForBlockTitle(text.slice(start, end)));
      if (m) {
        const span = trimSpan(text, start, end);
        titles.push({ line: i, ordinal: m[1], start: span.start, end: span.end });
        continue;
      }
    }
    const c = candidateOf(text, i, start, end);
    if (c) cands.push(c);
  }
}

/** Table 四: one data row with no label, the first line(s) of numbers in the section. */
function readUnlabeledTable(report: Report, tdef: TableDef, region: Region): TableNode | null {
  const { text, lines } = report;
  const block = tdef.blocks[0];
  const row = block.rows[0];
  const N = block.columns.length;
  // Built by a loop: a Set made from a mapped array cost more than the rest of a typical table 四.
  const sectionLines = new Set<number>();
  for (let k = 0; k < report.sections.length; k++) sectionLines.add(report.sections[k].line);
  const paragraphs = readParagraphRow(report, tdef, region, sectionLines);
  if (paragraphs !== undefined) return paragraphs;
  const found = firstValueRow(text, lines, region, sectionLines, N);
  if (found) {
    const { line: i, nonEmpty } = found;
    let f = found.fields;
    let lineEnd = lines.endOf(i);
    // A row of values wrapped over several lines (PDF text: "2 1 0 1 4 1 0 0" / "0 1 0 0 0 0 0"):
    // the lines that follow, holding only values, continue it up to N values.
    if (nonEmpty.length >= 2 && nonEmpty.length < N) {
      const joined = continuedRow(text, lines, i, region, sectionLines, f, nonEmpty.length, N);
      if (joined) {
        f = joined.fields;
        lineEnd = lines.endOf(joined.lastLine);
        for (let k = nonEmpty.length; k < f.length >> 1; k++) nonEmpty.push(k);
      }
    }
    const nf = f.length >> 1;
    const slots = cellSlots(tdef.id, block, row);
    const node: RowNode = {
      def: row,
      labelStart: 0,
      labelEnd: 0,
      labelText: '',
      exact: true,
      alias: undefined,
      cells: [],
      extra: [],
      end: lineEnd,
      layout: 'row-per-line',
      line: i,
      foreign: undefined,
      implied: false,
    };
    if (nonEmpty.length >= 2 || nf >= 4) {
      placeRow(report, node, block, row, slots, f, 0, nf, lineEnd);
      // Short of values, separated by spaces: which cells are blank cannot be told (as above).
      if (spacedWithBlanks(text, [[node]]) && !readSpaceGlyphRow(report, tdef, node)) return markUnread(report, tdef, region, 'spaced-blanks');
      const firstPlaced = node.cells.find((c) => c.present);
      node.labelStart = node.labelEnd = firstPlaced ? firstPlaced.start : fieldStart(f, nonEmpty.length > 0 ? nonEmpty[0] : 0);
    } else {
      const spans: number[] = [];
      // Leading blank cells: lines holding only a tab or spaces just before the first value, right
      // after a row break (an empty line, or the region's start), are the row's first cells.
      let lead = 0;
      while (i - lead - 1 >= region.startLine && blankCellLine(text, lines, i - lead - 1)) lead++;
      const before = i - lead - 1;
      if (lead > 0 && (before < region.startLine || lines.endOf(before) === lines.startOf(before))) {
        for (let j = i - lead; j < i; j++) pushTrimmed(spans, text, lines.startOf(j), lines.endOf(j));
      } else lead = 0;
      let end = lineEnd;
      for (let j = i; j < region.endLine; j++) {
        const ls = lines.startOf(j);
        const le = lines.endOf(j);
        if (le === ls || sectionLines.has(j)) break;
        // The first line is the value field found above ("| 10000 |" is a value, its whole line is not).
        const { s, e } = j === i && nonEmpty.length > 0 ? { s: fieldStart(f, nonEmpty[0]), e: fieldEnd(f, nonEmpty[0]) } : trimmed(text, ls, le);
        const valueLike = looksLikeValueAt(text, s, e);
        if (spans.length >= 2 * N) {
          if (s === e || !valueLike) break;
          node.extra.push({ start: s, end: e, text: text.slice(s, e) });
        } else {
          if (!valueLike && wordyLength(text, s, e) > 8) break;
          pushTrimmed(spans, text, s, e);
        }
        end = le;
      }
      node.layout = 'cell-per-line';
      node.end = end;
      // Leading blank lines that leave values without a column were layout, not cells.
      const excess = Math.min(lead, (spans.length >> 1) - N);
      if (excess > 0) spans.splice(0, 2 * excess);
      spilledSpans(text, spans, N, node);
      node.labelStart = node.labelEnd = spans[0];
      node.cells = spanCells(text, slots, row, block.columns, spans, end);
    }
    for (let k = 0; k < node.cells.length; k++) addCell(report, node.cells[k]);
    const start = node.labelStart;
    return { def: tdef, blocks: [{ def: block, titleStart: undefined, titleEnd: undefined, rows: [node], start, end: node.end }], foreignBlocks: [], duplicates: [], start, end: node.end };
  }
  return null;
}

/**
 * Another version's row standing for several of this version's (`RowDef.foreign`): when the row
 * read for the host was labelled as that row and none of the rows it covers was found, the host
 * keeps its values (marked `foreign`) and each covered row is implied, its cells 0 and not
 * located, so the relations run on what the report states and no row is reported missing.
 */
function foreignRows(tdef: TableDef, block: BlockDef, rows: RowNode[]): void {
  for (let r = 0; r < block.rows.length; r++) {
    const def = block.rows[r];
    const foreign = def.foreign;
    if (!foreign) continue;
    const host = rows.find((n) => n.def === def);
    if (!host || normalizeLabel(host.labelText) !== normalizeLabel(foreign.label)) continue;
    if (rows.some((n) => foreign.covers.includes(n.def.id))) continue;
    host.foreign = foreign.version;
    for (const id of foreign.covers) {
      const covered = block.rows.find((x) => x.id === id);
      if (!covered) continue;
      const slots = cellSlots(tdef.id, block, covered);
      const cells: Cell[] = [];
      for (let k = 0; k < block.columns.length; k++) cells.push(impliedZero(slots[k], covered, block.columns[k], host.labelStart));
      rows.push({ ...host, def: covered, labelEnd: host.labelStart, labelText: '', exact: false, alias: undefined, cells, extra: [], foreign: undefined, implied: true });
    }
    // Rows stay in template order.
    rows.sort((a, b) => block.rows.indexOf(a.def) - block.rows.indexOf(b.def));
  }
}

/**
 * Candidates left out by the alignment whose label is exactly that of a row read from another
 * line, and which hold values (on their line or one per line below): the row written twice.
 */
function duplicateRows(text: string, lines: Lines, cands: Candidate[], matches: Match[], scorer: LabelScorer, blocks: BlockNode[]): TableNode['duplicates'] {
  const out: TableNode['duplicates'] = NO_DUPLICATES;
  if (cands.length <= matches.length) return out;
  // Matches are in candidate order: the unmatched candidates are the gaps between them.
  let found: TableNode['duplicates'] | null = null;
  for (let c = 0, m = 0; c < cands.length; c++) {
    if (m < matches.length && matches[m].cand === c) {
      m++;
      continue;
    }
    const e = scorer.exactRow(cands[c].label);
    if (e < 0 || !matches.some((x) => x.exp === e)) continue;
    const cand = cands[c];
    const f = cand.fields;
    let values = false;
    for (let k = cand.labelLast + 1; k < f.length >> 1 && !values; k++) values = !fieldEmpty(f, k);
    if (!values && !(cand.line + 1 < lines.length && lineOfValues(text, lines, cand.line + 1))) continue;
    const exp = scorer.expected[e];
    const readRow = blocks.find((b) => b.def === exp.block)?.rows.find((r) => r.def === exp.row);
    if (!readRow) continue;
    (found ??= []).push({ row: exp.row, block: exp.block, start: fieldStart(f, cand.labelFirst), end: fieldEnd(f, cand.labelLast), read: readRow.labelStart });
  }
  return found ?? out;
}

/** No duplicates: shared, never written. */
const NO_DUPLICATES: TableNode['duplicates'] = [];

/** Whether line `i` holds something and only values (one cell per line). */
function lineOfValues(text: string, lines: Lines, i: number): boolean {
  const s = trimStart(text, lines.startOf(i), lines.endOf(i));
  const e = lines.endOf(i);
  return s < e && looksLikeValueAt(text, s, trimEndOf(text, s, e));
}

/** Whether line `i` holds only a tab or spaces (an empty cell of one-cell-per-line text; not an empty line). */
function blankCellLine(text: string, lines: Lines, i: number): boolean {
  const s = lines.startOf(i);
  const e = lines.endOf(i);
  return e > s && trimStart(text, s, e) === e;
}

/**
 * The fields of a row of values continued on the lines after `line` (each non-empty and holding
 * only values), up to N values in all; null when the next line does not continue it.
 */
function continuedRow(text: string, lines: Lines, line: number, region: Region, sectionLines: Set<number>, f: Fields, have: number, N: number): { fields: Fields; lastLine: number } | null {
  const out = f.slice();
  let n = have;
  let last = line;
  for (let j = line + 1; j < region.endLine && n < N; j++) {
    const ls = lines.startOf(j);
    const le = lines.endOf(j);
    if (le === ls || sectionLines.has(j)) break;
    const g = fieldsOf(text, ls, le);
    let ok = g.length > 0;
    for (let k = 0; k < g.length >> 1 && ok; k++) ok = !fieldEmpty(g, k) && looksLikeValueAt(text, fieldStart(g, k), fieldEnd(g, k));
    if (!ok || n + (g.length >> 1) > N) break;
    for (let k = 0; k < g.length; k++) out.push(g[k]);
    n += g.length >> 1;
    last = j;
  }
  return last === line ? null : { fields: out, lastLine: last };
}

/**
 * The first line of a region that holds only values (or N empty fields: an empty skeleton of the
 * row), with its fields and the indices of the non-empty ones. The loop of readUnlabeledTable,
 * kept apart so that it is small and optimised early.
 */
function firstValueRow(text: string, lines: Lines, region: Region, sectionLines: Set<number>, N: number): { line: number; fields: Fields; nonEmpty: number[] } | null {
  for (let i = region.startLine; i < region.endLine; i++) {
    const lineStart = lines.startOf(i);
    const lineEnd = lines.endOf(i);
    if (lineEnd === lineStart || sectionLines.has(i)) continue;
    const f = fieldsOf(text, lineStart, lineEnd);
    const nf = f.length >> 1;
    const nonEmpty: number[] = [];
    for (let k = 0; k < nf; k++) if (!fieldEmpty(f, k)) nonEmpty.push(k);
    // A row of N empty tab-separated cells (an empty skeleton) is the row too, blank throughout.
    const emptyRow = nonEmpty.length === 0 && nf >= N;
    if (nonEmpty.length === 0 && !emptyRow) continue;
    if (!nonEmpty.every((k) => looksLikeValueAt(text, fieldStart(f, k), fieldEnd(f, k))) && !mostlyValues(text, f, nonEmpty, N)) continue;
    return { line: i, fields: f, nonEmpty };
  }
  return null;
}

/**
 * A row of values with a slip or two ("十二	0	0	…" where a number belongs): nearly all of the
 * row's values are there, and the few fields that are not values are short. It is the row (the
 * slips are non-numeric cells), not a line to pass over, which left table 四 unread.
 */
function mostlyValues(text: string, f: Fields, nonEmpty: number[], N: number): boolean {
  if (nonEmpty.length < Math.max(3, N - 3)) return false;
  let slips = 0;
  for (let x = 0; x < nonEmpty.length; x++) {
    const k = nonEmpty[x];
    if (looksLikeValueAt(text, fieldStart(f, k), fieldEnd(f, k))) continue;
    if (++slips > 2 || fieldEnd(f, k) - fieldStart(f, k) > 4) return false;
  }
  return true;
}

export function layoutOf(report: Report): Layout {
  let perLine = 0;
  let perRow = 0;
  for (const t of Object.values(report.tables)) {
    for (const b of t!.blocks) for (let k = 0; k < b.rows.length; k++) b.rows[k].layout === 'cell-per-line' ? perLine++ : perRow++;
  }
  if (perLine === 0 && perRow === 0) return 'none';
  if (perLine === 0) return 'row-per-line';
  if (perRow === 0) return 'cell-per-line';
  return perLine >= perRow * 3 ? 'cell-per-line' : perRow >= perLine * 3 ? 'row-per-line' : 'mixed';
}
