import { cellName, type Cell, type Report } from '../model';

/** Every cell found, in text order of tables, blocks and rows. */
export function* allCells(report: Report): Generator<Cell> {
  for (const table of Object.values(report.tables)) {
    for (const block of table!.blocks) for (const row of block.rows) yield* row.cells;
  }
}

export function nameOf(report: Report, cell: Cell): string {
  return cellName(report, cell.ref);
}
