// Finding what sits at an offset: the cell or row label under the cursor. The index is built once
// per report (cells and labels sorted by start) and kept in a WeakMap, so a hover is a binary
// search, not a walk over the tables.
import type { BlockNode, Cell, Report, RowNode, TableNode } from '../model';

export interface RowPlace {
  table: TableNode;
  block: BlockNode;
  row: RowNode;
}

export interface CellPlace extends RowPlace {
  cell: Cell;
}

interface Index {
  /** Cells whose range is a real field of the text, sorted by start then end. */
  cells: CellPlace[];
  cellStarts: Int32Array;
  /** Labelled rows with a non-empty label range, sorted by labelStart. */
  labels: RowPlace[];
  labelStarts: Int32Array;
}

const indexCache = new WeakMap<Report, Index>();

function indexOf(report: Report): Index {
  const cached = indexCache.get(report);
  if (cached) return cached;
  const cells: CellPlace[] = [];
  const labels: RowPlace[] = [];
  for (const table of Object.values(report.tables)) {
    if (!table) continue;
    for (const block of table.blocks) {
      for (const row of block.rows) {
        if (!row.def.unlabeled && row.labelEnd > row.labelStart) labels.push({ table, block, row });
        for (const cell of row.cells) {
          // Cells that ran short or whose place is inferred point at someone else's text.
          if (cell.present && cell.located) cells.push({ table, block, row, cell });
        }
      }
    }
  }
  cells.sort((a, b) => a.cell.start - b.cell.start || a.cell.end - b.cell.end);
  labels.sort((a, b) => a.row.labelStart - b.row.labelStart);
  const index: Index = {
    cells,
    cellStarts: Int32Array.from(cells, (c) => c.cell.start),
    labels,
    labelStarts: Int32Array.from(labels, (l) => l.row.labelStart),
  };
  indexCache.set(report, index);
  return index;
}

/** Index of the last element of `starts` that is ≤ offset, or -1. */
function lastAtOrBefore(starts: Int32Array, offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * The cell at an offset: the cell whose range holds it, the end included (so the cursor just
 * after a number, or on an empty cell's zero-length range, finds it).
 */
export function cellAt(report: Report, offset: number): CellPlace | null {
  const { cells, cellStarts } = indexOf(report);
  const k = lastAtOrBefore(cellStarts, offset);
  if (k < 0) return null;
  const hit = cells[k];
  if (offset <= hit.cell.end) return hit;
  return null;
}

/** The row whose label holds the offset (end included). */
export function rowLabelAt(report: Report, offset: number): RowPlace | null {
  const { labels, labelStarts } = indexOf(report);
  const k = lastAtOrBefore(labelStarts, offset);
  if (k < 0) return null;
  const hit = labels[k];
  if (offset <= hit.row.labelEnd) return hit;
  return null;
}

/** Every located cell, in text order (shared with inlay hints). */
export function locatedCells(report: Report): readonly CellPlace[] {
  return indexOf(report).cells;
}

/** Located cells whose start lies in [start, end), by binary search. */
export function cellsInRange(report: Report, start: number, end: number): CellPlace[] {
  const { cells, cellStarts } = indexOf(report);
  let k = lastAtOrBefore(cellStarts, start - 1) + 1;
  const out: CellPlace[] = [];
  for (; k < cells.length && cells[k].cell.start < end; k++) out.push(cells[k]);
  return out;
}
