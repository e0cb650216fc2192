// Shared wording for the editor services: values of cells, totals of rows, names of relations.
import type { Locale } from '../findings';
import type { FormatDef } from '../formats/types';
import { cellKey, cellOf, type BlockNode, type Cell, type Report, type RowNode, type TableNode } from '../model';
import { formatNumber } from '../numbers';
import { equationsOf, numericValue, type Equation } from '../relations';

export type T = (zh: string, en: string) => string;

export function translator(locale: Locale | undefined): T {
  return locale === 'en' ? (_zh, en) => en : (zh) => zh;
}

/** Escapes text taken from the document for use inside markdown. */
export function md(s: string): string {
  return s.replace(/[\\`*_{}[\]()<>#+!|~]/g, (c) => '\\' + c).replace(/\r?\n|\r/g, ' ');
}

/** A cell's value in a few characters: "12", "61355元", "·" (blank), "?" (unreadable). */
export function shortValue(cell: Cell | undefined): string {
  if (!cell || !cell.present) return '✗';
  const v = cell.value;
  if (v.status === 'blank') return '·';
  if (v.status === 'text' || v.value === null) return '?';
  return formatNumber(v.value) + (cell.column.kind === 'money' && v.unit ? v.unit : '');
}

export interface RelationIndex {
  /** Equations whose anchor (the total, or the balance's anchor row) is the cell. */
  anchored: Map<string, Equation[]>;
  /** Equations the cell is a part of (not the anchor). */
  partOf: Map<string, Equation[]>;
}

const relationCache = new WeakMap<FormatDef, RelationIndex>();

export function relationIndex(format: FormatDef): RelationIndex {
  const cached = relationCache.get(format);
  if (cached) return cached;
  const anchored = new Map<string, Equation[]>();
  const partOf = new Map<string, Equation[]>();
  const push = (m: Map<string, Equation[]>, k: string, eq: Equation) => {
    const list = m.get(k);
    if (list) list.push(eq);
    else m.set(k, [eq]);
  };
  for (const eq of equationsOf(format)) {
    const anchor = cellKey(eq.anchor);
    push(anchored, anchor, eq);
    for (const term of eq.terms) {
      const k = cellKey(term.ref);
      if (k !== anchor) push(partOf, k, eq);
    }
  }
  const index = { anchored, partOf };
  relationCache.set(format, index);
  return index;
}

/** Row-sum equations anchored in a row: its total(s). */
export function rowTotals(report: Report, row: RowNode): { eq: Equation; cell: Cell | undefined }[] {
  const { anchored } = relationIndex(report.format);
  const out: { eq: Equation; cell: Cell | undefined }[] = [];
  for (const cell of row.cells) {
    for (const eq of anchored.get(cellKey(cell.ref)) ?? []) {
      if (eq.kind === 'row-sum') out.push({ eq, cell: cellOf(report, eq.anchor) });
    }
  }
  return out;
}

/** Outline detail of a row: "总计 12" when the row has a total, else its values. */
export function rowDetail(report: Report, row: RowNode, t: T): string {
  const totals = rowTotals(report, row);
  if (totals.length > 0) return `${t('总计', 'total')} ${totals.map((x) => shortValue(x.cell)).join(' · ')}`;
  return row.cells.map(shortValue).join(' · ');
}

export function relationWords(id: string, t: T): string {
  switch (id) {
    case 'T3-row':
      return t('本行总计', 'row total');
    case 'T3-results':
      return t('办理结果总计', 'total of the results');
    case 'T3-balance':
      return t('勾稽关系', 'balance');
    case 'T4-group':
      return t('本组总计', 'group total');
    default:
      return id;
  }
}

/** Where a table / block lives, in words: "表二（…） · 第二十条第（一）项". */
export function placeWords(table: TableNode, block: BlockNode): string {
  return block.def.title ? `${table.def.name} · ${block.def.title}` : table.def.name;
}

export { numericValue };
