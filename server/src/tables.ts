// The answer to govreport/tables: the grids of core/src/services/tableview.ts made from one
// analysis, offsets turned into ranges. Ranges are in UTF-16 columns whatever position encoding
// LSP negotiated: they travel in a message of our own, read by the client as vscode.Range.
import type { Report } from '../../core/src';
import { tablesView } from '../../core/src/services/tableview';
import type { TablesCell, TablesResult } from '../../protocol/src';
import { countsOf, tooLargeMessage, type Analysis } from './analysis';

function rangeOf(report: Report, start: number | null, end: number | null): TablesCell['range'] {
  if (start === null || end === null) return null;
  return { start: report.lineIndex.positionAt(start), end: report.lineIndex.positionAt(end) };
}

/** The tables of an analysis; `version`: the open document's version it was made from. */
export function tablesOf(a: Analysis): TablesResult {
  const c = countsOf(a);
  const base = { uri: a.uri, version: a.version, errors: c.errors, warnings: c.warnings, infos: c.infos, lastYear: a.previous ? (a.previous.label ?? a.previous.name) : null };
  if (!a.report) return { ...base, formatVersion: null, year: null, message: a.tooLarge ? tooLargeMessage(a) : '', tables: [] };
  const report = a.report;
  const view = tablesView(report, a.findings, a.locale, a.previous);
  return {
    ...base,
    formatVersion: report.formatVersion,
    year: report.year,
    message: null,
    tables: view.tables.map((t) => ({
      ...t,
      rows: t.rows.map((row) => row.map(({ start, end, ...cell }) => ({ ...cell, range: rangeOf(report, start, end) }))),
    })),
  };
}
