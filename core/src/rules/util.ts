import { cellName, type Cell, type Report } from '../model';

const cellsCache = new WeakMap<Report, Cell[]>();

/** Every cell found, in text order of tables, blocks and rows (computed once per report). */
export function allCells(report: Report): Cell[] {
  let cells = cellsCache.get(report);
  if (!cells) {
    cells = [];
    for (const table of Object.values(report.tables)) {
      for (const block of table!.blocks) for (const row of block.rows) for (const c of row.cells) cells.push(c);
    }
    cellsCache.set(report, cells);
  }
  return cells;
}

export function nameOf(report: Report, cell: Cell): string {
  return cellName(report, cell.ref);
}
