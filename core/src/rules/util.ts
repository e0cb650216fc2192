import { cellName, type Cell, type Report } from '../model';

export function nameOf(report: Report, cell: Cell): string {
  return cellName(report, cell.ref);
}
