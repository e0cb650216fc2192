// `govreport check --format csv`: one row per finding (and one per file not checked), for a
// reviewer's spreadsheet: the file, the body and year, the rule and severity, where in the tables
// (table, row, column, in words), the value written and the value expected, the message. UTF-8
// with a BOM and CRLF line ends, so that Excel opens it as UTF-8; RFC 4180 quoting; a text cell
// that a spreadsheet would take for a formula (= + - @) is written with a leading apostrophe.
import { cellOf, formatNumber, rowName, type Finding, type Locale, type Report } from '../../core/src';
import { identityOf } from '../../core/src/identity';
import { placesOf } from '../../core/src/services/tableview';

export const CSV_HEADER: Record<Locale, string[]> = {
  zh: ['文件', '机关', '年度', '格式版本', '行号', '规则', '级别', '表', '行', '列', '写明', '应为', '说明'],
  en: ['file', 'body', 'year', 'format version', 'line', 'rule', 'severity', 'table', 'row', 'column', 'written', 'expected', 'message'],
};

export type Row = (string | number | null)[];

const num = (v: unknown): string => (typeof v === 'number' && Number.isFinite(v) ? formatNumber(v) : '');

/** The table, row and column of a finding, in words ('' where it says nothing of them). */
function where(report: Report, f: Finding, locale: Locale): { table: string; row: string; column: string; raw: string } {
  const places = placesOf(report, f);
  const tables = new Set<string>();
  const rows = new Set<string>();
  const columns = new Set<string>();
  let raw = '';
  for (const p of places) {
    const tdef = report.format.tables.find((t) => t.id === p.table);
    const bdef = tdef?.blocks.find((b) => b.id === p.block);
    if (!tdef || !bdef) continue;
    tables.add(locale === 'en' ? tdef.nameEn : tdef.name);
    const rdef = p.row === undefined ? undefined : bdef.rows.find((r) => r.id === p.row);
    const rowWords = [bdef.title, rdef && !rdef.unlabeled ? rowName(rdef) : undefined].filter(Boolean).join('·');
    if (rowWords) rows.add(rowWords);
    const cdef = p.column === undefined ? undefined : bdef.columns.find((c) => c.id === p.column);
    if (cdef) columns.add(cdef.label);
    if (places.length === 1 && p.row !== undefined && p.column !== undefined) {
      const cell = cellOf(report, { table: p.table, block: p.block, row: p.row, column: p.column });
      if (cell?.present) raw = cell.raw;
    }
  }
  const sep = locale === 'en' ? '; ' : '、';
  return { table: [...tables].join(sep), row: [...rows].join(sep), column: [...columns].join(sep), raw };
}

/** The rows of one checked file: one per finding. */
export function csvRows(shown: string, report: Report, findings: readonly Finding[], locale: Locale): Row[] {
  const id = identityOf(report);
  const out: Row[] = [];
  for (const f of findings) {
    const w = where(report, f, locale);
    const d = f.data ?? {};
    const written = num(d.written) || num(d.stated) || num(d.value) || num(d.percent) || w.raw;
    const expected = num(d.expected) || num(d.table) || num(d.computed) || (f.rule === 'carry-over' ? num(d.previous) : '');
    out.push([shown, id.body ?? '', report.year, report.formatVersion, report.lineIndex.positionAt(f.start).line + 1, f.rule, f.severity, w.table, w.row, w.column, written, expected, f.message]);
  }
  return out;
}

/** The row of a file not checked: its reason as the severity column says, and why. */
export function csvSkipped(shown: string, reason: string, message: string): Row {
  return [shown, '', null, '', null, '', `skipped:${reason}`, '', '', '', '', '', message];
}

function field(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  // A number stays a number; other text starting like a formula is not one.
  const s = /^[=+\-@\t\r]/.test(v) && !/^[+-]?\d+(\.\d+)?%?$/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The whole CSV text: BOM, header (the findings' by default), rows, CRLF. */
export function formatCsv(rows: readonly Row[], locale: Locale, header: readonly string[] = CSV_HEADER[locale]): string {
  const lines = [header, ...rows].map((r) => r.map(field).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
