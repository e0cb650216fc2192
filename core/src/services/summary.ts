// One row per report for a reviewer's batch summary: the body, year and format version, the
// counts of findings, the relations left unchecked, and the figures a reviewer compares (本年新收,
// 上年结转, 办结, 结转下年, 行政复议, 行政诉讼, 公开率), with the report's findings by line. Plain
// data, no I/O: `govreport summary` (cli/src/summary.ts) prints and writes it, the language
// server answers it (govreport/summary) for the summary view in VS Code.
import type { Finding } from '../findings';
import { identityOf } from '../identity';
import type { CellRef } from '../formats/types';
import { cellOf, type Report } from '../model';
import { formatNumber } from '../numbers';
import { numericValue, relationTally } from '../relations';

export interface SummaryFinding {
  /** 1-based line of the finding's start. */
  line: number;
  rule: string;
  severity: Finding['severity'];
  message: string;
}

export interface SummaryRow {
  file: string;
  body: string | null;
  year: number | null;
  formatVersion: string | null;
  errors: number;
  warnings: number;
  infos: number;
  /** Relations of the tables not checked: a cell of each is missing or not a number. */
  unchecked: number;
  /** The key figures; null when a cell is missing or not a number. */
  figures: Record<FigureId, number | null>;
  findings: SummaryFinding[];
  /** Why the file was not checked (then no figures and no findings). */
  skipped?: string;
}

export type FigureId = 'new' | 'carried' | 'handled' | 'carryOver' | 'reviews' | 'lawsuits' | 'openRate';

const t3 = (row: string): CellRef => ({ table: 't3', block: 'main', row, column: 'total' });
const t4 = (group: string): CellRef => ({ table: 't4', block: 'main', row: 'cases', column: `${group}_total` });

export const FIGURES: { id: FigureId; zh: string; en: string; title: { zh: string; en: string } }[] = [
  { id: 'new', zh: '本年新收', en: 'new', title: { zh: '一、本年新收政府信息公开申请数量（总计）', en: 'applications received this year (total)' } },
  { id: 'carried', zh: '上年结转', en: 'carried', title: { zh: '二、上年结转政府信息公开申请数量（总计）', en: 'applications carried over from last year' } },
  { id: 'handled', zh: '办结', en: 'handled', title: { zh: '（七）总计·总计', en: 'applications handled: （七）总计' } },
  { id: 'carryOver', zh: '结转下年', en: 'to next year', title: { zh: '四、结转下年度继续办理（总计）', en: 'carried over to next year' } },
  { id: 'reviews', zh: '行政复议', en: 'reviews', title: { zh: '表四 行政复议·总计', en: 'administrative reviews' } },
  { id: 'lawsuits', zh: '行政诉讼', en: 'lawsuits', title: { zh: '表四 行政诉讼（两类）总计之和', en: 'administrative lawsuits (both kinds)' } },
  { id: 'openRate', zh: '公开率', en: 'disclosed', title: { zh: '（（一）予以公开 + （二）部分公开）÷（七）总计', en: '(（一） disclosed + （二） partly) ÷ （七） handled' } },
];

function sum(report: Report, refs: CellRef[]): number | null {
  let s = 0;
  for (const r of refs) {
    const v = numericValue(cellOf(report, r));
    if (v === null) return null;
    s += v;
  }
  return s;
}

/**
 * What a row needs of a report's text, and nothing more: its body, year, format version, the
 * relations left unchecked, the key figures and each finding's line. A few hundred bytes, plain
 * data (structured-clonable): a workspace check can compute it where it parses the report and
 * keep it, so that a closed report's row is made without reading and parsing its file again.
 */
export interface SummaryFacts {
  body: string | null;
  year: number | null;
  formatVersion: string | null;
  unchecked: number;
  figures: Record<FigureId, number | null>;
  /** The 1-based line of each finding's start, in the order of the findings given. */
  lines: number[];
}

/** The facts of a parsed report for its row, with the lines of the findings of its check. */
export function summaryFacts(report: Report, findings: readonly Finding[]): SummaryFacts {
  const handled = sum(report, [t3('r7')]);
  const disclosed = sum(report, [t3('r1'), t3('r2')]);
  return {
    body: identityOf(report).body,
    year: report.year,
    formatVersion: report.formatVersion,
    unchecked: relationTally(report).unchecked,
    figures: {
      new: sum(report, [t3('new')]),
      carried: sum(report, [t3('carried')]),
      handled,
      carryOver: sum(report, [t3('carry_over')]),
      reviews: sum(report, [t4('review')]),
      lawsuits: sum(report, [t4('direct'), t4('after')]),
      openRate: handled !== null && disclosed !== null && handled > 0 ? Math.round((disclosed / handled) * 1000) / 10 : null,
    },
    lines: findings.map((f) => report.lineIndex.positionAt(f.start).line + 1),
  };
}

/**
 * A row from a report's facts and the findings they were made with (undefined when the facts
 * are of other findings: the lines would not be theirs).
 */
export function rowOfFacts(file: string, facts: SummaryFacts, findings: readonly Finding[]): SummaryRow | undefined {
  if (facts.lines.length !== findings.length) return undefined;
  const c = { errors: 0, warnings: 0, infos: 0 };
  for (const f of findings) {
    if (f.severity === 'error') c.errors++;
    else if (f.severity === 'warning') c.warnings++;
    else c.infos++;
  }
  return {
    file,
    body: facts.body,
    year: facts.year,
    formatVersion: facts.formatVersion,
    ...c,
    unchecked: facts.unchecked,
    figures: { ...facts.figures },
    findings: findings.map((f, k) => ({ line: facts.lines[k], rule: f.rule, severity: f.severity, message: f.message })),
  };
}

/** A checked report's row: `file` as the caller names it, the findings of its check. */
export function summaryRow(file: string, report: Report, findings: readonly Finding[]): SummaryRow {
  return rowOfFacts(file, summaryFacts(report, findings), findings)!;
}

/** A file that was not checked: its reason (`reason: message`), no figures, no findings. */
export function skippedRow(file: string, reason: string, message: string): SummaryRow {
  return { file, body: null, year: null, formatVersion: null, errors: 0, warnings: 0, infos: 0, unchecked: 0, figures: noFigures(), findings: [], skipped: `${reason}: ${message}` };
}

/** Every figure unknown. */
export function noFigures(): SummaryRow['figures'] {
  return Object.fromEntries(FIGURES.map((f) => [f.id, null])) as SummaryRow['figures'];
}

/** A figure as shown: "51", "63.3%", "—" when unknown. */
export function figureText(id: FigureId, v: number | null): string {
  return v === null ? '—' : id === 'openRate' ? `${formatNumber(v)}%` : formatNumber(v);
}
