// Output formats of `govreport check`: ESLint-like text, one JSON object, SARIF 2.1.0.
import { pathToFileURL } from 'node:url';
import { RULE_META, type Finding, type LineIndex, type Locale, type Report, type Severity } from '../../core/src';
import type { SourceLocation } from '../../core/src/readers/types';
import type { SkipReason as FileSkipReason } from '../../host/src/files';
import type { PreviousFile } from './pairing';

/** Why a file was not checked: the file reader's reasons, or a format no reader reads (.doc, .wps). */
export type SkipReason = FileSkipReason | 'unsupported-format';

interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A finding with its offsets turned into positions: what the outputs need, without the text. */
export interface LocatedFinding {
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
  /** `file`: the related place is in last year's report, at that path (its positions are that file's). */
  related?: { message: string; range: Range; file?: string; fileConverted?: boolean }[];
  /** Safe fixes only (SARIF carries them). */
  fix?: { title: string; edits: { range: Range; newText: string }[] };
  /** A converted file's finding: where it lies in the PDF, Word document or web page. */
  source?: SourceLocation;
}

/**
 * One checked file, reduced to what the outputs print. The text and report are not kept: a
 * batch of thousands of reports holds only their findings.
 */
export interface FileResult {
  path: string;
  absPath: string;
  /** 'text', or the published format the file was converted from ('pdf', 'docx', 'html'); null when skipped. */
  format: string | null;
  formatVersion: string | null;
  year: number | null;
  findings: LocatedFinding[];
  /** Last year's report the cross-year rules compared it with (its path as shown). */
  previous?: string;
  /** Set when the file was not checked (findings then empty). */
  skipped?: { reason: SkipReason; message: string; /** named on the command line, or unreadable: exit 2 */ problem: boolean };
}

/** A file the walk or the command line gave that was not checked. */
export function skippedResult(path: string, absPath: string, reason: SkipReason, message: string, problem: boolean): FileResult {
  return { path, absPath, format: null, formatVersion: null, year: null, findings: [], skipped: { reason, message, problem } };
}

/** `where`: for a converted file, each finding's place in the published file. */
export function fileResult(path: string, absPath: string, report: Report, findings: Finding[], lineIndex: LineIndex, format = 'text', where?: (f: Finding) => SourceLocation | undefined, previous?: PreviousFile): FileResult {
  const range = (start: number, end: number): Range => ({ start: lineIndex.positionAt(start), end: lineIndex.positionAt(end) });
  const lastYear = previous?.report.lineIndex;
  const elsewhere = (start: number, end: number): Range => ({ start: lastYear!.positionAt(start), end: lastYear!.positionAt(end) });
  const result: FileResult = {
    path,
    absPath,
    format,
    formatVersion: report.sections.length > 0 || Object.keys(report.tables).length > 0 ? report.formatVersion : null,
    year: report.year,
    findings: findings.map((f) => {
      const out: LocatedFinding = { rule: f.rule, severity: f.severity, message: f.message, range: range(f.start, f.end) };
      if (f.related?.length) {
        out.related = f.related.map((r) =>
          r.file && previous ? { message: r.message, range: elsewhere(r.start, r.end), file: previous.absPath, fileConverted: previous.converted } : { message: r.message, range: range(r.start, r.end) },
        );
      }
      if (f.fix?.safe) out.fix = { title: f.fix.title, edits: f.fix.edits.map((e) => ({ range: range(e.start, e.end), newText: e.newText })) };
      const source = where?.(f);
      if (source) out.source = source;
      return out;
    }),
  };
  if (previous) result.previous = previous.name;
  return result;
}

export function formatJson(results: FileResult[]): string {
  return (
    JSON.stringify({
      files: results.map((r) => {
        const entry: Record<string, unknown> = {
          path: r.path,
          format: r.format,
          formatVersion: r.formatVersion,
          year: r.year,
          // A converted file's diagnostics also say where they lie in it (`source`); ranges are in the converted text.
          diagnostics: r.findings.map((f) => (f.source ? { code: f.rule, severity: f.severity, message: f.message, range: f.range, source: f.source } : { code: f.rule, severity: f.severity, message: f.message, range: f.range })),
        };
        if (r.previous !== undefined) entry.previous = r.previous;
        if (r.skipped) {
          entry.skipped = r.skipped.reason;
          entry.message = r.skipped.message;
        }
        return entry;
      }),
    }) + '\n'
  );
}

/** What the closing line of the text output counts. */
export interface TextCounts {
  files: number;
  skippedFiles: number;
  errors: number;
  warnings: number;
  infos: number;
}

/**
 * ESLint-like text, made file by file: `file(path, findings, lineIndex)` gives one file's lines
 * as soon as it is checked (so a batch keeps no findings until the end), `summary()` the closing
 * line.
 */
export class TextReport {
  private files = 0;
  private skippedFiles = 0;
  private errors = 0;
  private warnings = 0;
  private infos = 0;

  constructor(private readonly locale: Locale) {}

  /**
   * The lines of one checked file (its findings in text order; positions from `lineIndex`).
   * `where`: for a file converted from a PDF, Word document or web page, a finding's place in
   * it in words, printed after the line of the converted text ("46:12  表格 2 第 6 行第 10 格").
   */
  file(path: string, findings: readonly Finding[], lineIndex: LineIndex, where?: (f: Finding) => string | undefined): string {
    this.files++;
    if (findings.length === 0) return '';
    const rows = findings.map((f) => {
      const p = lineIndex.positionAt(f.start);
      if (f.severity === 'error') this.errors++;
      else if (f.severity === 'warning') this.warnings++;
      else this.infos++;
      return { pos: `${p.line + 1}:${p.character + 1}`, at: where?.(f) ?? '', sev: f.severity, msg: f.message.includes('\n') ? f.message.replace(/\s*\n\s*/g, ' ') : f.message, code: f.rule };
    });
    let posW = 0;
    let atW = 0;
    let sevW = 0;
    for (const x of rows) {
      if (x.pos.length > posW) posW = x.pos.length;
      if (width(x.at) > atW) atW = width(x.at);
      if (x.sev.length > sevW) sevW = x.sev.length;
    }
    let out = `${path}\n`;
    for (const x of rows) {
      const at = where ? `  ${x.at}${' '.repeat(atW - width(x.at))}` : '';
      out += `  ${x.pos.padStart(posW)}${at}  ${x.sev.padEnd(sevW)}  ${x.msg}  ${x.code}\n`;
    }
    return out + '\n';
  }

  /** The lines of a file that was not checked: its path, then why (both languages) and the reason's id. */
  skipped(path: string, reason: SkipReason, message: string): string {
    this.skippedFiles++;
    return `${path}\n  ${message}  ${reason}\n\n`;
  }

  /** What this report has counted (a worker's file, added to the batch's by `add`). */
  counts(): TextCounts {
    return { files: this.files, skippedFiles: this.skippedFiles, errors: this.errors, warnings: this.warnings, infos: this.infos };
  }

  /** Counts another TextReport made (a file checked by a worker thread). */
  add(c: TextCounts): void {
    this.files += c.files;
    this.skippedFiles += c.skippedFiles;
    this.errors += c.errors;
    this.warnings += c.warnings;
    this.infos += c.infos;
  }

  summary(): string {
    const zh = this.locale !== 'en';
    const { files, errors, warnings, infos, skippedFiles } = this;
    const total = errors + warnings + infos;
    const skipped = skippedFiles === 0 ? '' : zh ? `；跳过 ${skippedFiles} 个文件` : `; ${skippedFiles} file(s) skipped`;
    if (total === 0) return (zh ? `✔ 已检查 ${files} 个文件，没有发现问题` : `✔ ${files} file(s) checked, no problems`) + skipped + '\n';
    return (
      (zh
        ? `✖ ${files} 个文件中发现 ${total} 个问题（${errors} 个错误，${warnings} 个警告，${infos} 个提示）`
        : `✖ ${total} problem(s) in ${files} file(s) (${errors} error(s), ${warnings} warning(s), ${infos} info)`) +
      skipped +
      '\n'
    );
  }
}

/** Columns a string takes in a terminal: CJK characters two. */
function width(s: string): number {
  let n = 0;
  for (const ch of s) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return n;
}

const LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

/** The SARIF notification descriptors of the reasons a file is skipped. */
const SKIP_DESCRIPTORS: { id: SkipReason; zh: string; en: string }[] = [
  { id: 'binary', zh: '不是文本文件', en: 'not a text file' },
  { id: 'too-large', zh: '文件超过大小上限', en: 'larger than the size limit' },
  { id: 'unreadable', zh: '文件无法读取', en: 'cannot be read' },
  { id: 'not-a-regular-file', zh: '不是普通文件（目录、命名管道、设备、未跟随的符号链接）', en: 'not a regular file (folder, FIFO, device, symbolic link not followed)' },
  { id: 'unsupported-format', zh: '无法读取的文件格式（.doc、.wps 等）', en: 'a file format not read (.doc, .wps…)' },
];

/**
 * SARIF 2.1.0. Files not checked are artifacts too, and each is a toolExecutionNotification of
 * the run's invocation (level error when it makes the exit code 2, else warning), whose
 * descriptor is the skip reason. `successful`: no I/O or usage problem (exit code below 2).
 */
export function formatSarif(results: FileResult[], version: string, locale: Locale, successful = true): string {
  const rules = RULE_META.map((m) => ({
    id: m.id,
    name: m.id,
    shortDescription: { text: locale === 'en' ? m.description.en : m.description.zh },
    fullDescription: { text: `${m.description.zh} / ${m.description.en}` },
    defaultConfiguration: { level: LEVEL[m.defaultSeverity] },
    properties: { fix: m.fix },
  }));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'govreport',
            semanticVersion: version,
            version,
            rules,
            notifications: SKIP_DESCRIPTORS.map((d) => ({ id: d.id, name: d.id, shortDescription: { text: locale === 'en' ? d.en : d.zh }, fullDescription: { text: `${d.zh} / ${d.en}` } })),
          },
        },
        invocations: [
          {
            executionSuccessful: successful,
            toolExecutionNotifications: results.flatMap((r, artifactIndex) =>
              r.skipped
                ? [
                    {
                      level: r.skipped.problem ? 'error' : 'warning',
                      message: { text: r.skipped.message },
                      descriptor: { id: r.skipped.reason, index: SKIP_DESCRIPTORS.findIndex((d) => d.id === r.skipped!.reason) },
                      locations: [{ physicalLocation: { artifactLocation: { uri: pathToFileURL(r.absPath).href, index: artifactIndex } } }],
                    },
                  ]
                : [],
            ),
          },
        ],
        columnKind: 'utf16CodeUnits',
        artifacts: results.map((r) => ({ location: { uri: pathToFileURL(r.absPath).href } })),
        results: results.flatMap((r, artifactIndex) =>
          r.findings.map((f) => {
            const { start, end } = f.range;
            const region = { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
            // A converted file's lines and columns are those of the converted text, not of the
            // file: no region; the place in the file and the converted range are properties.
            const converted = r.format !== null && r.format !== 'text';
            const result: Record<string, unknown> = {
              ruleId: f.rule,
              level: LEVEL[f.severity],
              message: { text: f.message },
              locations: [
                {
                  physicalLocation: converted
                    ? { artifactLocation: { uri: pathToFileURL(r.absPath).href, index: artifactIndex } }
                    : { artifactLocation: { uri: pathToFileURL(r.absPath).href, index: artifactIndex }, region },
                },
              ],
            };
            if (converted) result.properties = { format: r.format, ...(f.source ? { source: f.source } : {}), convertedRegion: region };
            if (ruleIndex.has(f.rule)) result.ruleIndex = ruleIndex.get(f.rule);
            if (f.related?.length) {
              result.relatedLocations = f.related.map((rel, id) => {
                const { start: s, end: e } = rel.range;
                // A place in last year's report: that file (not an artifact of this run's list).
                const artifactLocation = rel.file ? { uri: pathToFileURL(rel.file).href } : { uri: pathToFileURL(r.absPath).href, index: artifactIndex };
                const noRegion = rel.file ? rel.fileConverted : converted;
                return {
                  id,
                  message: { text: rel.message },
                  physicalLocation: noRegion ? { artifactLocation } : { artifactLocation, region: { startLine: s.line + 1, startColumn: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 } },
                };
              });
            }
            // Fixes edit text: a converted file is not edited.
            if (f.fix && !converted) {
              result.fixes = [
                {
                  description: { text: f.fix.title },
                  artifactChanges: [
                    {
                      artifactLocation: { uri: pathToFileURL(r.absPath).href, index: artifactIndex },
                      replacements: f.fix.edits.map((e) => {
                        const { start: s, end: en } = e.range;
                        return {
                          deletedRegion: { startLine: s.line + 1, startColumn: s.character + 1, endLine: en.line + 1, endColumn: en.character + 1 },
                          insertedContent: { text: e.newText },
                        };
                      }),
                    },
                  ],
                },
              ];
            }
            return result;
          }),
        ),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
