// The summary view's rows as data (client/webview/summary.ts): which rows a filter keeps and in
// which order a sort puts them, computed on the rows themselves, never on the DOM, so that a sort
// or a filter of 10,000 reports costs a few milliseconds and the view then draws only what is on
// screen. No DOM here: unit-tested in Node (test/unit/summary-data.test.ts).
import type { SummaryViewRow } from './summaryMessages';

export type SortDir = 'ascending' | 'descending';
export interface SortSpec {
  key: string;
  dir: SortDir;
}

/** The value a row sorts by in a column (numeric columns: a number; unknown: -1, first). */
export function sortValue(r: SummaryViewRow, key: string): string | number {
  switch (key) {
    case 'file':
      return r.file;
    case 'body':
      return r.body ?? '';
    case 'year':
      return r.year ?? -1;
    case 'version':
      return r.formatVersion ?? '';
    case 'errors':
      return r.errors;
    case 'warnings':
      return r.warnings;
    case 'infos':
      return r.infos;
    case 'unchecked':
      return r.skipped ? -1 : r.unchecked;
    default:
      return (r.figures as Record<string, number | null>)[key] ?? -1;
  }
}

/** The words of a filter: each must occur in the row's file name or body (case ignored). */
export function filterTerms(filter: string): string[] {
  return filter.toLowerCase().split(/\s+/).filter((t) => t.length > 0);
}

export class SummaryData {
  /** Per column: each row's rank in ascending order (ties share a rank), made on first use. */
  private readonly ranks = new Map<string, Int32Array | Float64Array>();
  private haystacks: string[] | undefined;
  private readonly collator: Intl.Collator;

  constructor(
    readonly rows: readonly SummaryViewRow[],
    locale: string,
  ) {
    this.collator = new Intl.Collator(locale || 'zh-CN');
  }

  /** The rows a filter keeps (indexes into rows, in data order). */
  filtered(filter: string): number[] {
    const terms = filterTerms(filter);
    const all = this.rows.map((_, i) => i);
    if (terms.length === 0) return all;
    const hay = (this.haystacks ??= this.rows.map((r) => `${r.file}\n${r.body ?? ''}`.toLowerCase()));
    return all.filter((i) => terms.every((t) => hay[i].includes(t)));
  }

  /** A column's sort key per row: numbers as they are, text as its rank by the collator. */
  private keysOf(key: string, numeric: boolean): Int32Array | Float64Array {
    let keys = this.ranks.get(key);
    if (keys) return keys;
    if (numeric) keys = Float64Array.from(this.rows, (r) => Number(sortValue(r, key)));
    else {
      // Text compared by the collator once per pair of a sort of the rows' indexes, then kept as
      // ranks: every later sort by this column (the other direction, after a filter) is numeric.
      const values = this.rows.map((r) => String(sortValue(r, key)));
      const byText = values.map((_, i) => i).sort((a, b) => this.collator.compare(values[a], values[b]));
      keys = new Int32Array(this.rows.length);
      let rank = 0;
      for (let k = 0; k < byText.length; k++) {
        if (k > 0 && this.collator.compare(values[byText[k - 1]], values[byText[k]]) !== 0) rank++;
        keys[byText[k]] = rank;
      }
    }
    this.ranks.set(key, keys);
    return keys;
  }

  /**
   * The rows shown: those the filter keeps, in the order of the sort (ties in data order, in
   * either direction), or in data order without a sort.
   */
  order(sort: SortSpec | null, numeric: boolean, filter: string): number[] {
    const rows = this.filtered(filter);
    if (!sort) return rows;
    const keys = this.keysOf(sort.key, numeric);
    const sign = sort.dir === 'ascending' ? 1 : -1;
    return rows.sort((a, b) => sign * (keys[a] - keys[b]) || a - b);
  }
}
