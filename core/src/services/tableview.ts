// The three tables as the official template draws them, as a grid of cells with spans: merged
// headers (申请人情况 over 自然人 … 总计; 行政诉讼 over its two kinds), group labels spanning their
// rows (三、本年度办理结果, （三）不予公开 …), block titles across the table (第二十条第（一）项).
// Each value cell carries the value as read, its state, the findings on it, whether it is part
// of a relation that does not hold, and its formulas in words. Plain data with offsets: the
// server turns offsets into ranges, the editor's table view draws it.
import type { PreviousReport } from '../engine';
import type { BlockDef, CellRef, TableDef } from '../formats/types';
import type { Finding, Locale, Severity } from '../findings';
import { cellKey, cellOf, rowName, type BlockNode, type Cell, type Report, type RowNode, type TableNode } from '../model';
import { formatNumber } from '../numbers';
import { analyse, numericValue } from '../relations';
import { formulasOf } from './formula';
import { cellAt, rowLabelAt } from './locate';
import { translator, type T } from './words';

/** How a value cell was read. */
export type ValueState = 'number' | 'odd' | 'blank' | 'text' | 'too-long' | 'missing' | 'implied';

export type GridKind = 'corner' | 'head' | 'title' | 'group' | 'label' | 'value';

export interface GridFinding {
  rule: string;
  severity: Severity;
  message: string;
}

export interface GridCell {
  kind: GridKind;
  /** What the cell shows: a template label, or a value as written ("" for an empty cell). */
  text: string;
  colspan: number;
  rowspan: number;
  /**
   * Value: the cell's key ("t3/main/r1/natural"); label: its row's ("t3/main/r1"); title: its
   * block's ("t2/b1"). Null for template headers.
   */
  key: string | null;
  /** Where it is, in words ("（一）予以公开 · 自然人"); empty for headers. */
  name: string;
  /** Where to jump in the text: the cell, the label, the title; null when not in the text. */
  start: number | null;
  end: number | null;
  /** Value cells: how the value was read; labels and titles: 'missing' when absent, else null. */
  state: ValueState | null;
  /** The worst severity of the findings on it; null when none. */
  severity: Severity | null;
  /** Part of a relation that does not hold (its sum or balance fails). */
  related: boolean;
  findings: GridFinding[];
  /** The cell's relations, a line each: formula, verdict, where it is counted. */
  formula: string[];
  /**
   * Value cells, when last year's report is known: last year's value as written (for
   * 二、上年结转, last year's 四、结转下年度继续办理: what carry-over compares), "" for a blank;
   * null otherwise.
   */
  previous: string | null;
  /** This year's value minus last year's, when both are numbers; null otherwise. */
  change: number | null;
}

export interface GridTable {
  id: string;
  name: string;
  /** Whether the table was found in the text (when not, its template is drawn with every cell missing). */
  found: boolean;
  /**
   * Whether the table is there but its layout could not be read reliably (`unread-table`): its
   * cells are not checked, and the view says so rather than "not found".
   */
  unread: boolean;
  /** Number of grid columns. */
  columns: number;
  /** Rows of cells; a cell covers `colspan` columns and `rowspan` rows from its place. */
  rows: GridCell[][];
}

export interface TablesView {
  formatVersion: string;
  year: number | null;
  /** How last year's report (the cells' `previous`) is named; null when there is none. */
  previous: string | null;
  tables: GridTable[];
}

const RANK: Record<Severity, number> = { error: 4, warning: 3, information: 2, hint: 1 };

/** Where each finding lands: on cells, on row labels, on block titles. */
interface Placed {
  byKey: Map<string, Finding[]>;
  /** Keys of cells of relations that do not hold. */
  related: Set<string>;
}

function push(map: Map<string, Finding[]>, key: string, f: Finding): void {
  const list = map.get(key);
  if (list) list.push(f);
  else map.set(key, [f]);
}

function isRef(v: unknown): v is Cell['ref'] {
  return typeof v === 'object' && v !== null && typeof (v as Cell['ref']).table === 'string' && typeof (v as Cell['ref']).column === 'string';
}

/** The table holding block `block` with row `row` (missing-row and duplicate-row name no table). */
function tableOfRow(report: Report, block: string, row: string | undefined): TableDef | undefined {
  return report.format.tables.find((t) => t.blocks.some((b) => b.id === block && (row === undefined || b.rows.some((r) => r.id === row))));
}

/** Where a finding is in the tables: a table, a block, a row, a column, as far as it says. */
export interface FindingPlace {
  table: TableDef['id'];
  block: string;
  row?: string;
  column?: string;
}

/**
 * The places of the tables a finding is about: the cell it names (sums, balance), the cells
 * (blank-cell, text-vs-table), the cell its range lies in, the row or block it names
 * (missing-row, duplicate-row), the row whose label holds its start. Empty for the rest
 * (sections, the year, the encoding).
 */
export function placesOf(report: Report, f: Finding): FindingPlace[] {
  const data = f.data ?? {};
  if (isRef(data.cell)) return [data.cell];
  if (Array.isArray(data.cells) && data.cells.length > 0 && data.cells.every(isRef)) return data.cells as Cell['ref'][];
  const at = cellAt(report, f.start);
  if (at && f.start >= at.cell.start && f.end <= at.cell.end) return [at.cell.ref];
  if (typeof data.block === 'string') {
    const row = typeof data.row === 'string' ? data.row : undefined;
    const table = tableOfRow(report, data.block, row);
    if (table) return [row ? { table: table.id, block: data.block, row } : { table: table.id, block: data.block }];
  }
  const label = rowLabelAt(report, f.start);
  if (label) return [{ table: label.table.def.id, block: label.block.def.id, row: label.row.def.id }];
  return [];
}

function place(report: Report, findings: readonly Finding[]): Placed {
  const byKey = new Map<string, Finding[]>();
  for (const f of findings) {
    for (const p of placesOf(report, f)) push(byKey, [p.table, p.block, p.row, p.column].filter((x) => x !== undefined).join('/'), f);
  }
  const related = new Set<string>();
  const arithmetic = analyse(report);
  const mark = (v: { cells: Cell[] }) => {
    for (const c of v.cells) related.add(c.key);
  };
  for (const v of arithmetic.single) mark(v);
  for (const c of arithmetic.culprits) for (const v of c.violations) mark(v);
  return { byKey, related };
}

function worst(list: readonly Finding[] | undefined): Severity | null {
  let w: Severity | null = null;
  for (const f of list ?? []) if (w === null || RANK[f.severity] > RANK[w]) w = f.severity;
  return w;
}

function gridFindings(list: readonly Finding[] | undefined): GridFinding[] {
  return (list ?? []).map((f) => ({ rule: f.rule, severity: f.severity, message: f.message }));
}

function header(text: string, colspan: number, rowspan: number, kind: GridKind = 'head'): GridCell {
  return { kind, text, colspan, rowspan, key: null, name: '', start: null, end: null, state: null, severity: null, related: false, findings: [], formula: [], previous: null, change: null };
}

// ---------------------------------------------------------------------------------------------
// Headers

/** One level of a column's header path: its text, or null to extend the level above down. */
type Level = string | null;

/** The header of each column from the top, as the template groups them. */
function columnPaths(table: TableDef, block: BlockDef): Level[][] {
  if (table.id === 't3') {
    // 申请人情况 over all; 法人或其他组织 over the five kinds of organisation.
    const org = new Set(['business', 'research', 'nonprofit', 'legal', 'other']);
    return block.columns.map((c) => (org.has(c.id) ? ['申请人情况', '法人或其他组织', c.label] : ['申请人情况', c.label]));
  }
  return block.columns.map((c) => {
    const dot = c.label.lastIndexOf('·');
    if (dot < 0) return [c.label];
    const group = c.label.slice(0, dot);
    const leaf = c.label.slice(dot + 1);
    // "行政诉讼（未经复议直接起诉）": 行政诉讼 over its kinds; 行政复议 spans both rows.
    const m = /^(.+?)（(.+)）$/.exec(group);
    return m ? [m[1], m[2], leaf] : [group, null, leaf];
  });
}

/**
 * Header rows of a block: the paths laid out, a path shorter than the deepest extending its
 * last level down, a null level extending the one above; equal neighbours merged.
 */
function headerRows(paths: Level[][], lastSpan: number): GridCell[][] {
  const depth = Math.max(...paths.map((p) => p.length));
  // levels[c][r]: the text at row r of column c and whether a cell starts there.
  const levels = paths.map((p) => {
    const out: { text: string; start: boolean }[] = [];
    for (let r = 0; r < depth; r++) {
      const v = r < p.length ? p[r] : undefined;
      if (v === undefined || v === null) out.push({ text: out[r - 1]?.text ?? '', start: false });
      else out.push({ text: v, start: true });
    }
    return out;
  });
  const samePrefix = (a: number, b: number, r: number) => {
    for (let k = 0; k <= r; k++) if (levels[a][k].text !== levels[b][k].text) return false;
    return true;
  };
  const rows: GridCell[][] = [];
  for (let r = 0; r < depth; r++) {
    const row: GridCell[] = [];
    for (let c = 0; c < paths.length; ) {
      if (!levels[c][r].start) {
        c++;
        continue;
      }
      let c2 = c + 1;
      while (c2 < paths.length && levels[c2][r].start && samePrefix(c, c2, r)) c2++;
      let rowspan = 1;
      while (r + rowspan < depth && !levels[c][r + rowspan].start) rowspan++;
      const span = c2 - c + (c2 === paths.length ? lastSpan : 0);
      row.push(header(levels[c][r].text, span, rowspan));
      c = c2;
    }
    rows.push(row);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Body

/** 1 for "一、…" and unnumbered labels, 2 for "（一）…", 3 for "1.…". */
function levelOf(label: string): number {
  if (/^（[一二三四五六七八九十]+）/.test(label)) return 2;
  if (/^\d+[.．]/.test(label)) return 3;
  return 1;
}

interface Context {
  report: Report;
  t: T;
  findings: readonly Finding[];
  placed: Placed;
  previous: PreviousReport | undefined;
}

/** Last year's value of a cell (`GridCell.previous`, `change`). */
function lastYearOf(ctx: Context, ref: CellRef, cell: Cell | undefined): { previous: string | null; change: number | null } {
  const prev = ctx.previous;
  if (!prev) return { previous: null, change: null };
  const there = cellOf(prev.report, ref.table === 't3' && ref.row === 'carried' ? { ...ref, row: 'carry_over' } : ref);
  if (!there || !there.present) return { previous: null, change: null };
  const before = numericValue(there);
  const now = cell && cell.present ? numericValue(cell) : null;
  return { previous: there.raw, change: before !== null && now !== null ? now - before : null };
}

function stateOf(row: RowNode | undefined, cell: Cell | undefined): ValueState {
  if (!row || !cell || !cell.present) return 'missing';
  if (row.implied) return 'implied';
  switch (cell.value.status) {
    case 'number':
      return 'number';
    case 'odd-number':
      return 'odd';
    case 'blank':
      return 'blank';
    case 'text':
      return 'text';
    case 'too-long':
      return 'too-long';
  }
}

function valueCell(ctx: Context, table: TableDef, block: BlockDef, rowDef: BlockDef['rows'][number], row: RowNode | undefined, k: number, colspan: number): GridCell {
  const { t, placed } = ctx;
  const column = block.columns[k];
  const cell = row?.cells[k];
  const ref: CellRef = { table: table.id, block: block.id, row: rowDef.id, column: column.id };
  const key = cellKey(ref);
  const state = stateOf(row, cell);
  const name = [block.title, rowDef.unlabeled ? '' : rowName(rowDef), column.label].filter(Boolean).join(' · ');
  const list = placed.byKey.get(key);
  const formula: string[] = [];
  if (cell && row && cell.present) {
    const f = formulasOf(ctx.report, ctx.findings, cell, t);
    if (f.expected !== null) formula.push(t(`按勾稽关系应为 ${formatNumber(f.expected)}`, `The relations ask for ${formatNumber(f.expected)}`));
    for (const x of f.anchored) {
      const mark = x.state === 'ok' ? '✓' : x.state === 'broken' ? '✗' : '?';
      formula.push(`${x.title}（${x.id}）${t('：', ': ')}${x.expression}`);
      formula.push(`${mark} ${x.verdict}`);
    }
    if (f.partOf.length > 0) formula.push(`${t('计入：', 'Counted in: ')}${f.partOf.join(t('；', '; '))}`);
  }
  if (row?.implied) formula.push(t(`未单列：由「${row.labelText || '（六）其他处理'}」一行涵盖，按 0 计`, 'Not written: covered by the other version\'s single row, counted as 0'));
  // A cell whose place is inferred, or that is absent, leads to its row.
  const located = cell && cell.present && cell.located;
  const start = located ? cell.start : row ? row.labelStart : null;
  const end = located ? cell.end : row ? Math.max(row.labelStart, row.labelEnd) : null;
  return {
    kind: 'value',
    text: cell && cell.present && !row?.implied ? cell.raw : '',
    colspan,
    rowspan: 1,
    key,
    name,
    start,
    end,
    state,
    severity: worst(list),
    related: placed.related.has(key),
    findings: gridFindings(list),
    formula,
    ...lastYearOf(ctx, ref, row?.implied ? undefined : cell),
  };
}

function labelCell(ctx: Context, table: TableDef, block: BlockDef, rowDef: BlockDef['rows'][number], row: RowNode | undefined, colspan: number): GridCell {
  const { t } = ctx;
  const key = `${table.id}/${block.id}/${rowDef.id}`;
  const list = ctx.placed.byKey.get(key);
  const formula: string[] = [];
  if (row && !row.implied && !row.exact && row.labelText.trim()) formula.push(t(`原文「${row.labelText.trim()}」`, `written "${row.labelText.trim()}"`));
  else if (row?.alias) formula.push(t(`原文为别称「${row.alias}」`, `written as the variant "${row.alias}"`));
  if (row && row.extra.length > 0) formula.push(t(`多出的值：${row.extra.map((e) => e.text).join('、')}`, `values beyond the columns: ${row.extra.map((e) => e.text).join(', ')}`));
  return {
    kind: 'label',
    text: rowDef.label,
    colspan,
    rowspan: 1,
    key,
    name: [block.title, rowName(rowDef)].filter(Boolean).join(' · '),
    start: row && !row.implied ? row.labelStart : null,
    end: row && !row.implied ? row.labelEnd : null,
    state: row ? null : 'missing',
    severity: worst(list),
    related: false,
    findings: gridFindings(list),
    formula,
    previous: null,
    change: null,
  };
}

function blockRows(ctx: Context, table: TableDef, block: BlockDef, node: BlockNode | undefined, width: number, labelCols: number): GridCell[][] {
  const out: GridCell[][] = [];
  const defs = block.rows;
  const levels = defs.map((r) => levelOf(r.label));
  // How many data rows each group label spans: those after it until a row of its level or above.
  const spans = defs.map((r, i) => {
    if (!r.group) return 0;
    let n = 0;
    for (let j = i + 1; j < defs.length && levels[j] > levels[i]; j++) if (!defs[j].group) n++;
    return n;
  });
  const lastSpan = width - labelCols - block.columns.length;
  let pending: GridCell[] = [];
  const open: { remaining: number }[] = [];
  for (let i = 0; i < defs.length; i++) {
    const rdef = defs[i];
    if (rdef.group) {
      if (spans[i] === 0) continue;
      const g = header(rdef.label, 1, spans[i], 'group');
      g.key = `${table.id}/${block.id}/${rdef.id}`;
      g.name = rdef.label;
      pending.push(g);
      open.push({ remaining: spans[i] });
      continue;
    }
    const row = node?.rows.find((r) => r.def === rdef);
    const cells: GridCell[] = pending;
    pending = [];
    // Group cells covering this row take the first label columns.
    const covering = open.length;
    if (labelCols > 0) cells.push(labelCell(ctx, table, block, rdef, row, Math.max(1, labelCols - covering)));
    for (let k = 0; k < block.columns.length; k++) {
      cells.push(valueCell(ctx, table, block, rdef, row, k, 1 + (k === block.columns.length - 1 ? lastSpan : 0)));
    }
    out.push(cells);
    for (const g of open) g.remaining--;
    while (open.length > 0 && open[open.length - 1].remaining <= 0) open.pop();
  }
  return out;
}

/** Text of the corner over the row labels, as the template has it. */
function cornerText(table: TableDef): string {
  if (table.id === 't3') return '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
  return '信息内容';
}

function tableGrid(ctx: Context, table: TableDef, node: TableNode | undefined): GridTable {
  const { t } = ctx;
  const labelColsOf = (b: BlockDef) => (b.rows.every((r) => r.unlabeled) ? 0 : Math.max(...b.rows.filter((r) => !r.unlabeled).map((r) => levelOf(r.label))));
  const labelCols = Math.max(...table.blocks.map(labelColsOf));
  const width = labelCols + Math.max(...table.blocks.map((b) => b.columns.length));
  const rows: GridCell[][] = [];
  for (const block of table.blocks) {
    const bnode = node?.blocks.find((b) => b.def === block);
    if (block.title) {
      const key = `${table.id}/${block.id}`;
      const list = ctx.placed.byKey.get(key);
      const title = header(block.title, width, 1, 'title');
      title.key = key;
      title.name = block.title;
      title.start = bnode?.titleStart ?? null;
      title.end = bnode?.titleEnd ?? null;
      title.state = bnode ? null : 'missing';
      title.severity = worst(list);
      title.findings = gridFindings(list);
      if (!bnode) title.formula = [t('此块在文中未找到', 'This block was not found in the text')];
      rows.push([title]);
    }
    const head = headerRows(columnPaths(table, block), width - labelCols - block.columns.length);
    if (labelCols > 0 && head.length > 0) head[0].unshift(header(cornerText(table), labelCols, head.length, 'corner'));
    rows.push(...head);
    rows.push(...blockRows(ctx, table, block, bnode, width, labelCols));
  }
  return { id: table.id, name: ctx.t(table.name, table.nameEn), found: node !== undefined, unread: !node && ctx.report.unread[table.id] !== undefined, columns: width, rows };
}

/** The report's tables as grids, with the findings on each cell. */
export function tablesView(report: Report, findings: readonly Finding[], locale: Locale = 'zh', previous?: PreviousReport): TablesView {
  const t = translator(locale);
  const ctx: Context = { report, t, findings, placed: place(report, findings), previous };
  return {
    formatVersion: report.formatVersion,
    year: report.year,
    previous: previous ? (previous.label ?? previous.name) : null,
    tables: report.format.tables.map((def) => tableGrid(ctx, def, report.tables[def.id])),
  };
}
