// The report model: what the parser understood, with the exact source range of everything.
// Offsets are UTF-16 offsets into the text the parser was given.
import type { BlockDef, CellRef, ColumnDef, FormatDef, FormatVersion, RowDef, SectionDef, TableDef, TableId } from './formats/types';
import type { CellValue } from './numbers';
import type { LineIndex, Lines } from './text';

export type Layout = 'cell-per-line' | 'row-per-line' | 'mixed' | 'none';

export interface SectionNode {
  def: SectionDef;
  /**
   * Range of the heading text (debris like "[bookmark: _GoBack]" excluded; text after the
   * heading on its line excluded, see `headingOnly`).
   */
  start: number;
  end: number;
  line: number;
  text: string;
  /** The heading is the official one (after normalisation). */
  official: boolean;
  /** The ordinal written before the heading, if any ("一" ...), and whether it is the right one. */
  ordinal: string | null;
  ordinalOk: boolean;
  /** The heading runs over two lines (`start`…`end` holds the line break). */
  wrapped: boolean;
  /**
   * `start`…`end` is the heading alone: the text after it on its line ("：无。", "（单位：件）")
   * is left out. False when the heading's end could not be told from that text.
   */
  headingOnly: boolean;
  /** End of the section's body: the start of the next heading's line, or the end of the text. */
  bodyEnd: number;
}

export interface Cell {
  ref: CellRef;
  /** `cellKey(ref)`: the key of this cell in `Report.cells`. */
  key: string;
  /** `cellSlot(ref).index`: the index of this cell in `Report.cellsBySlot`. */
  slot: number;
  row: RowDef;
  column: ColumnDef;
  /** Trimmed text of the cell. */
  raw: string;
  /** Range of the cell's text; for an empty cell, a zero-length range where a value would go. */
  start: number;
  end: number;
  /** Whether the cell exists in the text at all (false: the row ran short; start/end then point at the row). */
  present: boolean;
  /** Whether start/end point at a real field of the text (false for cells whose place is inferred). */
  located: boolean;
  value: CellValue;
}

/**
 * Why a table was left unread: its values stand before their labels, in a column's run or among
 * header words (plain pdftotext: `columns`); every cell is a paragraph but a row has more or
 * fewer value paragraphs than cells (a browser's copy whose blank cells leave only an empty
 * line: `paragraph-count`); or its values are separated by spaces while some cells are blank
 * (pdftotext -layout, pypdf: `spaced-blanks`), so which cells the blanks are cannot be told.
 */
export type UnreadWhy = 'columns' | 'paragraph-count' | 'spaced-blanks';

export interface RowNode {
  def: RowDef;
  /** Range of the label as found (may cover several fields); for an unlabeled row, its first cell. */
  labelStart: number;
  labelEnd: number;
  labelText: string;
  /** The label matched the official one or an alias exactly (after normalisation). */
  exact: boolean;
  /** Which alias matched exactly, if not the official label. */
  alias?: string;
  /** One per column of the block, in order. */
  cells: Cell[];
  /** Values beyond the number of columns. */
  extra: { text: string; start: number; end: number }[];
  /** Where the row's last character is (for folding and ranges). */
  end: number;
  layout: 'cell-per-line' | 'row-per-line';
  line: number;
  /** Read from another version's row standing for it and siblings (`RowDef.foreign`): that version. */
  foreign: FormatVersion | undefined;
  /** Not in the text: covered by another version's row (its cells are 0, not located). */
  implied: boolean;
}

export interface BlockNode {
  def: BlockDef;
  /** Title range, when the block has one and it was found. */
  titleStart?: number;
  titleEnd?: number;
  rows: RowNode[];
  start: number;
  end: number;
}

export interface TableNode {
  def: TableDef;
  /** Blocks found, in template order. */
  blocks: BlockNode[];
  /** Titles of blocks found in the text that this version does not have ("第二十条第（九）项" in 2021). */
  foreignBlocks: { ordinal: string; start: number; end: number }[];
  /**
   * Rows written twice: a second line whose label is exactly a row's that another line was read
   * for (`read`: that row's label start). Its values are not read.
   */
  duplicates: { row: RowDef; block: BlockDef; start: number; end: number; read: number }[];
  start: number;
  end: number;
}

export interface Report {
  text: string;
  lines: Lines;
  lineIndex: LineIndex;
  format: FormatDef;
  formatVersion: FormatVersion;
  /** How the version was decided. */
  versionSource: 'override' | 'labels' | 'year' | 'default';
  /** Marker phrases of each version found in the text. */
  markers: ReadonlyMap<FormatVersion, number>;
  year: number | null;
  yearSource: 'title' | 'period' | 'body' | null;
  titleLine: number | null;
  layout: Layout;
  sections: SectionNode[];
  tables: Partial<Record<TableId, TableNode>>;
  /**
   * Tables whose layout was recognised but could not be read without guessing (parse/paragraphs.ts:
   * plain pdftotext's cells in column order): the range of their lines. Absent from `tables`; no
   * cell of them is checked, and `unread-table` says so once.
   */
  unread: Partial<Record<TableId, { start: number; end: number; why?: UnreadWhy }>>;
  /**
   * Every cell found, keyed by `table/block/row/column`, in text order of tables, blocks and
   * rows. Built on first use (the rules read `cellsBySlot`; hover and tests read this).
   */
  readonly cells: Map<string, Cell>;
  /** The same cells by `cellSlot(ref).index`: what hot loops (the arithmetic) read. */
  cellsBySlot: (Cell | undefined)[];
  /** Every cell found, in text order of tables, blocks and rows (see `cellList`). */
  cellOrder: Cell[];
}

/**
 * A report as the parser makes it: the fields it fills in, and `cells` built on first use. A
 * class, so that `cells` is a getter of the prototype: a getter in an object literal made every
 * report a slow object that survived young-generation collections (a third of parse time went
 * to the collector).
 */
export class ParsedReport implements Report {
  text: string;
  lines: Lines;
  lineIndex: LineIndex;
  format: FormatDef;
  formatVersion: FormatVersion;
  versionSource: Report['versionSource'];
  markers: ReadonlyMap<FormatVersion, number>;
  year: number | null;
  yearSource: Report['yearSource'];
  titleLine: number | null;
  layout: Layout;
  sections: SectionNode[];
  tables: Report['tables'];
  unread: Report['unread'];
  cellsBySlot: (Cell | undefined)[];
  cellOrder: Cell[];
  #cells: Map<string, Cell> | undefined;
  constructor(fields: Omit<Report, 'cells'>) {
    this.text = fields.text;
    this.lines = fields.lines;
    this.lineIndex = fields.lineIndex;
    this.format = fields.format;
    this.formatVersion = fields.formatVersion;
    this.versionSource = fields.versionSource;
    this.markers = fields.markers;
    this.year = fields.year;
    this.yearSource = fields.yearSource;
    this.titleLine = fields.titleLine;
    this.layout = fields.layout;
    this.sections = fields.sections;
    this.tables = fields.tables;
    this.unread = fields.unread;
    this.cellsBySlot = fields.cellsBySlot;
    this.cellOrder = fields.cellOrder;
  }
  get cells(): Map<string, Cell> {
    return (this.#cells ??= cellMap(this));
  }
}

/** Every cell found, in text order of tables, blocks and rows. */
export function cellList(report: Report): Cell[] {
  return report.cellOrder;
}

/** The cell of a report at a position, if found (by slot: no map of the report is needed). */
export function cellOf(report: Report, ref: CellRef): Cell | undefined {
  return report.cellsBySlot[cellSlot(ref).index];
}

/** The `cells` map of a report, made from its tables (see `Report.cells`). */
export function cellMap(report: Report): Map<string, Cell> {
  const map = new Map<string, Cell>();
  for (const c of cellList(report)) map.set(c.key, c);
  return map;
}

export function cellKey(ref: CellRef): string {
  return `${ref.table}/${ref.block}/${ref.row}/${ref.column}`;
}

/** A cell position of some format: its reference, its key, and a small integer index. */
export interface CellSlot {
  ref: CellRef;
  key: string;
  index: number;
}

const slots = new Map<string, CellSlot>();

/**
 * The one slot of a cell position, made on first use and shared by every format and report
 * (positions are few: every cell of every format version). Parser and relations both use it,
 * so a report's cells are found by index rather than by hashing keys.
 */
export function cellSlot(ref: CellRef): CellSlot {
  const key = cellKey(ref);
  let slot = slots.get(key);
  if (!slot) {
    slot = { ref: Object.freeze({ table: ref.table, block: ref.block, row: ref.row, column: ref.column }), key, index: slots.size };
    slots.set(key, slot);
  }
  return slot;
}

/** "（七）总计·自然人", "第二十条第（一）项·规章·本年新制作数量", "行政复议·总计". */
export function cellName(report: Report, ref: CellRef): string {
  const table = report.format.tables.find((t) => t.id === ref.table);
  const block = table?.blocks.find((b) => b.id === ref.block);
  const row = block?.rows.find((r) => r.id === ref.row);
  const col = block?.columns.find((c) => c.id === ref.column);
  const parts: string[] = [];
  if (block?.title) parts.push(block.title);
  if (row && !row.unlabeled) parts.push(rowName(row));
  if (col) parts.push(col.label);
  return parts.join('·');
}

export function rowName(row: RowDef): string {
  return row.name ?? row.label;
}
