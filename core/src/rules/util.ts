import { cellList, cellName, type Cell, type Report } from '../model';

export { cellList };

export function nameOf(report: Report, cell: Cell): string {
  return cellName(report, cell.ref);
}
