// One analysis of one text: the parsed report and its findings, plus the LSP diagnostics made
// from them (built once, on first use). Protocol types appear here only as output.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { check, RULE_META, type DecodeNote, type Finding, type Locale, type PreviousReport, type Report, type Severity } from '../../core/src';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver/node';
import type { ReportSummary } from '../../protocol/src';
import { positions } from './positions';
import type { LastYearInfo } from './lastyear';
import type { Settings } from './settings';

export const SOURCE = 'govreport';
/** Code of the single diagnostic given to a document over `govreport.maxFileSize`. */
export const TOO_LARGE = 'file-too-large';

export interface DiagnosticData {
  /** Document version the finding was computed for (null for a text not open in the editor). */
  version: number | null;
  ruleId: string;
  /** Index of the finding in the analysis' findings. */
  index: number;
}

export interface Analysis {
  uri: string;
  version: number | null;
  /** analysisKey of the settings used. */
  key: string;
  locale: Locale;
  /**
   * Set when the text was too large to check (`limit`: govreport.maxFileSize, in characters);
   * report is then absent. `bytes`: a file on disk too large for any text of `limit` characters,
   * not read (`length` is then its size in bytes, or what was seen of it).
   */
  tooLarge?: { length: number; limit: number; bytes?: boolean };
  report?: Report;
  findings: Finding[];
  /** Last year's report the cross-year rules compared this one with (its name is its URI). */
  previous?: PreviousReport;
  /** What the search for last year's report found (an open document's analysis only). */
  lastYear?: LastYearInfo;
  /** Built on first use. */
  diagnostics?: Diagnostic[];
}

/** `notes`: what decoding a file read from disk noticed (for the `file-encoding` rule). */
export function analyse(uri: string, version: number | null, text: string, settings: Settings, key: string, locale: Locale, notes?: readonly DecodeNote[], previous?: PreviousReport): Analysis {
  if (text.length > settings.maxFileSize) {
    return { uri, version, key, locale, tooLarge: { length: text.length, limit: settings.maxFileSize }, findings: [] };
  }
  const source = notes && notes.length > 0 ? { notes } : undefined;
  const { report, findings } = check(text, { formatVersion: settings.formatVersion, rules: settings.rules, locale, source, reviewer: settings.reviewer, previous });
  return previous ? { uri, version, key, locale, report, findings, previous } : { uri, version, key, locale, report, findings };
}

/** The analysis of a file on disk too large to hold `govreport.maxFileSize` characters or fewer: not read, not checked. */
export function tooLargeFile(uri: string, size: number, settings: Settings, key: string, locale: Locale): Analysis {
  return { uri, version: null, key, locale, tooLarge: { length: size, limit: settings.maxFileSize, bytes: true }, findings: [] };
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const DOCUMENTED = new Set(RULE_META.map((m) => m.id));
const hrefCache = new Map<string, string>();

/** file:// URI of a rule's page, next to the bundle: dist/server.js → docs/rules/<id>.md. */
export function ruleDocHref(id: string): string {
  let href = hrefCache.get(id);
  if (!href) {
    href = pathToFileURL(path.join(__dirname, '..', 'docs', 'rules', id + '.md')).href;
    hrefCache.set(id, href);
  }
  return href;
}

/** The LSP range of UTF-16 offsets [start, end) of the report, in the negotiated position encoding. */
export function rangeOf(report: Report, start: number, end: number): Range {
  return positions.range(report.text, report.lineIndex, start, end);
}

export function tooLargeMessage(a: Analysis): string {
  const { length, limit, bytes } = a.tooLarge!;
  if (bytes) {
    return a.locale === 'en'
      ? `This file (${length.toLocaleString('en')} bytes or more) holds more than the ${limit.toLocaleString('en')} characters govreport.maxFileSize allows. It was not read nor validated. Raise the setting to check it anyway.`
      : `该文件（至少 ${length} 字节）超过设置 govreport.maxFileSize 的上限（${limit} 个字符），未读取，也未作检查。如需检查，请调大该设置。`;
  }
  return a.locale === 'en'
    ? `This document is too large to check comfortably (${length.toLocaleString('en')} characters; the limit set by govreport.maxFileSize is ${limit.toLocaleString('en')}). It was not validated. Raise the setting to check it anyway.`
    : `该文件较大（${length} 个字符），超过设置 govreport.maxFileSize 的上限（${limit}），为保证编辑流畅，本次未作检查。如需检查，请调大该设置。`;
}

export function diagnosticsOf(a: Analysis): Diagnostic[] {
  if (a.diagnostics) return a.diagnostics;
  if (a.tooLarge) {
    a.diagnostics = [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Information,
        source: SOURCE,
        code: TOO_LARGE,
        message: tooLargeMessage(a),
      },
    ];
    return a.diagnostics;
  }
  const report = a.report!;
  a.diagnostics = a.findings.map((f, index): Diagnostic => {
    const d: Diagnostic = {
      range: rangeOf(report, f.start, f.end),
      severity: SEVERITY[f.severity] ?? DiagnosticSeverity.Error,
      source: SOURCE,
      code: f.rule,
      message: f.message,
      data: { version: a.version, ruleId: f.rule, index } satisfies DiagnosticData,
    };
    if (DOCUMENTED.has(f.rule)) d.codeDescription = { href: ruleDocHref(f.rule) };
    if (f.related?.length) {
      // A place in last year's report (`file`: its URI) is read in that report's text.
      const related = f.related.filter((r) => !r.file || a.previous?.name === r.file);
      d.relatedInformation = related.map((r) => ({ location: r.file ? { uri: r.file, range: rangeOf(a.previous!.report, r.start, r.end) } : { uri: a.uri, range: rangeOf(report, r.start, r.end) }, message: r.message }));
    }
    return d;
  });
  return a.diagnostics;
}

export interface Counts {
  errors: number;
  warnings: number;
  /** Information and hint findings (what the client shows as "notes"). */
  infos: number;
  /** Hint findings alone (a subset of infos). */
  hints: number;
}

/** What the client shows of an analysis (the govreport/status notification, the govreport/validate answer). */
export function summaryOf(a: Analysis): ReportSummary {
  const c = countsOf(a);
  return {
    formatVersion: a.report?.formatVersion ?? null,
    year: a.report?.year ?? null,
    layout: a.report?.layout ?? null,
    errors: c.errors,
    warnings: c.warnings,
    infos: c.infos,
    hints: c.hints,
    lastYear: a.lastYear?.state ?? null,
    lastYearUri: a.lastYear?.uri ?? null,
    lastYearLabel: a.lastYear?.label ?? null,
  };
}

export function countsOf(a: Analysis): Counts {
  const c: Counts = { errors: 0, warnings: 0, infos: 0, hints: 0 };
  if (a.tooLarge) return { ...c, infos: 1 };
  for (const f of a.findings) {
    if (f.severity === 'error') c.errors++;
    else if (f.severity === 'warning') c.warnings++;
    else {
      c.infos++;
      if (f.severity === 'hint') c.hints++;
    }
  }
  return c;
}

/**
 * The finding a diagnostic came from, in this analysis: by the index in its data when it was made
 * from this very analysis (same version, same rule, same range), else by rule and range.
 */
export function findingIndexOf(a: Analysis, d: Diagnostic): number {
  if (!a.report) return -1;
  const diags = diagnosticsOf(a);
  const data = d.data as Partial<DiagnosticData> | undefined;
  const same = (k: number) => a.findings[k]?.rule === (data?.ruleId ?? d.code) && sameRange(diags[k].range, d.range);
  if (data && typeof data.index === 'number' && data.version === a.version && same(data.index)) return data.index;
  for (let k = 0; k < a.findings.length; k++) if (same(k)) return k;
  return -1;
}

function sameRange(x: Range, y: Range): boolean {
  return x.start.line === y.start.line && x.start.character === y.start.character && x.end.line === y.end.line && x.end.character === y.end.character;
}
