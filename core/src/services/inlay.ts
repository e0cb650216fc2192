// Inlay hints: in a one-cell-per-line table nothing on a line says which column a number is in,
// so the column's name is shown beside each value.
import type { Report } from '../model';
import { cellsInRange, locatedCells } from './locate';

export interface InlayHintData {
  /** Where the hint goes: just after the value. */
  offset: number;
  /** The column name, e.g. "自然人" or "行政复议·结果维持". */
  label: string;
  /** Longer text for a tooltip: row · column. */
  tooltip: string;
}

export interface InlayOptions {
  /** Restrict to cells starting in [start, end) (the visible range). */
  start?: number;
  end?: number;
  /** Also label rows written one per line (tab-separated); by default only one-cell-per-line rows. */
  allRows?: boolean;
}

export function inlayHints(report: Report, options: InlayOptions = {}): InlayHintData[] {
  const places = options.start !== undefined || options.end !== undefined ? cellsInRange(report, options.start ?? 0, options.end ?? report.text.length) : locatedCells(report);
  const out: InlayHintData[] = [];
  for (const { table, block, row, cell } of places) {
    if (row.layout !== 'cell-per-line' && !options.allRows) continue;
    const rowWords = row.def.unlabeled ? table.def.name : `${block.def.title ? block.def.title + ' · ' : ''}${row.def.name ?? row.def.label}`;
    out.push({ offset: cell.end, label: cell.column.label, tooltip: `${rowWords} · ${cell.column.label}` });
  }
  return out;
}
