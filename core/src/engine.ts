// The engine's entry points: check a text, apply fixes. Used alike by the language server, the
// CLI and the tests.
import type { FormatVersion } from './formats/types';
import type { Finding, Fix, Locale, Severity, TextEdit } from './findings';
import type { Report } from './model';
import { parseReport } from './parse';
import { RULES, type Rule, type RuleContext } from './rules';

export type RuleSetting = Severity | 'off';

export interface CheckOptions {
  formatVersion?: 'auto' | FormatVersion;
  locale?: Locale;
  /** Per rule id: a severity or "off". Unlisted rules keep their default severity. */
  rules?: Record<string, RuleSetting | undefined>;
  /** Rules to run instead of the registry (tests use this to inject a failing rule). */
  ruleSet?: Rule[];
  source?: { notes: readonly import('./encoding').DecodeNote[] }; // what decoding the file noticed (rule file-encoding)
  /** What a reviewer's rules assume about the body (publication-deadline): see `ReviewerOptions`. */
  reviewer?: ReviewerOptions;
  /**
   * Last year's report of the same body, for the cross-year rules (carry-over, stock-continuity,
   * repeated-text, year-on-year): its text (parsed here, once) or a report already parsed, and its
   * name (a path or URI: what related information in it is tagged with). Without it, or when both
   * years are known and not consecutive, those rules say nothing.
   */
  previous?: PreviousReport | { text: string; name: string; label?: string };
}

/** Last year's report as the rules see it. */
export interface PreviousReport {
  report: Report;
  /** Its path or URI: what related information in it is tagged with (`file`). */
  name: string;
  /** How messages name it (a path relative to the workspace, say); `name` when absent. */
  label?: string;
}

/**
 * The kind of body and the publication deadlines (条例 第四十九条), when the title does not tell
 * them right: `bodyKind` overrides the kind read from the title; `deadlines` the dates ("MM-DD" of
 * the year after the report's). Settings `govreport.reviewer.*`.
 */
export interface ReviewerOptions {
  bodyKind?: 'auto' | 'government' | 'department';
  deadlines?: { government?: string; department?: string };
  /** A report with no 落款 date at all gets an information finding (default: only one signed without a date). */
  requireDate?: boolean;
}

export interface CheckResult {
  report: Report;
  findings: Finding[];
  /** Last year's report, when one was given: related information with a `file` lies in it. */
  previous?: PreviousReport;
}

/** Id of the finding emitted when a rule itself fails; the other rules still report. */
export const INTERNAL_ERROR = 'internal-error';

export function check(text: string, options: CheckOptions = {}): CheckResult {
  const report = parseReport(text, { formatVersion: options.formatVersion });
  const previous = previousOf(options);
  if (!previous) return { report, findings: runRules(report, options) };
  return { report, findings: runRules(report, options, previous), previous };
}

/** Last year's report of the options, parsed (its version detected on its own). */
export function previousOf(options: CheckOptions): PreviousReport | undefined {
  const p = options.previous;
  if (!p) return undefined;
  return 'report' in p ? p : p.label === undefined ? { report: parseReport(p.text), name: p.name } : { report: parseReport(p.text), name: p.name, label: p.label };
}

export function runRules(report: Report, options: CheckOptions = {}, previous: PreviousReport | undefined = previousOf(options)): Finding[] {
  const locale = options.locale ?? 'zh';
  const findings: Finding[] = [];
  // One message picker for every rule (it depends on the locale alone).
  const t: RuleContext['t'] = (zh, en) => {
    const m = locale === 'en' ? en : zh;
    return typeof m === 'function' ? m() : m;
  };
  for (const rule of options.ruleSet ?? RULES) {
    const setting = options.rules?.[rule.meta.id];
    if (setting === 'off') continue;
    const severity = setting ?? rule.meta.defaultSeverity;
    const ctx: RuleContext = {
      report,
      locale,
      source: options.source,
      reviewer: options.reviewer,
      previous,
      t,
      add: (f) => {
        findings.push({
          message: f.message,
          related: f.related,
          fix: f.fix,
          data: f.data,
          rule: rule.meta.id,
          // A finding may set its own severity (units on money are information); a configured
          // severity different from the rule's default overrides it.
          severity: f.severity && (!setting || setting === rule.meta.defaultSeverity) ? f.severity : severity,
          start: clamp(f.start, report.text.length),
          end: clamp(Math.max(f.start, f.end), report.text.length),
        });
      },
    };
    try {
      rule.check(ctx);
    } catch (err) {
      findings.push({
        rule: INTERNAL_ERROR,
        severity: 'error',
        message: ctx.t(`规则 ${rule.meta.id} 内部出错，已跳过：${String(err)}`, `Rule ${rule.meta.id} failed and was skipped: ${String(err)}`),
        start: 0,
        end: 0,
      });
    }
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end);
  return findings;
}

function clamp(n: number, max: number): number {
  return Number.isFinite(n) ? Math.max(0, Math.min(n, max)) : 0;
}

/**
 * Applies edits to a text. Overlapping edits are skipped (the first by position wins), so the
 * result is always well-formed; re-check to see what remains.
 */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.start < pos) continue;
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return out + text.slice(pos);
}

/** The edits of every safe fix among the findings, without overlaps. */
export function safeEdits(findings: Finding[]): TextEdit[] {
  return nonOverlapping(findings.filter((f) => f.fix?.safe).map((f) => f.fix!));
}

export function nonOverlapping(fixes: Fix[]): TextEdit[] {
  const edits: TextEdit[] = [];
  // The ranges taken so far, disjoint, sorted by start (and so by end). Findings come sorted by
  // position, so a new range nearly always goes last: linear in practice (a quadratic scan of
  // every taken range made fix-all of 64k headings take 8.5 s).
  const starts: number[] = [];
  const ends: number[] = [];
  for (const fix of fixes) {
    if (fix.edits.some((e) => clashes(starts, ends, e))) continue;
    for (const e of fix.edits) {
      const at = insertionIndex(starts, ends, e);
      starts.splice(at, 0, e.start);
      ends.splice(at, 0, e.end);
      edits.push(e);
    }
  }
  return edits;
}

/** Whether an edit overlaps a taken range (or inserts at the very point of a taken insertion). */
function clashes(starts: number[], ends: number[], e: TextEdit): boolean {
  // The first taken range that ends at or after the edit's start; those before cannot overlap.
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ends[mid] < e.start) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < starts.length && starts[k] <= e.end; k++) {
    const s = starts[k];
    const en = ends[k];
    if ((e.start < en && s < e.end) || (e.start === e.end && e.start === s && s === en)) return true;
  }
  return false;
}

/** Where an edit's range goes among the sorted taken ranges. */
function insertionIndex(starts: number[], ends: number[], e: TextEdit): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] < e.start || (starts[mid] === e.start && ends[mid] <= e.end)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Applies every safe fix, re-checking until nothing safe remains (a fix can reveal another),
 * at most a few rounds. Returns the new text, how many fixes were applied, and the check of the
 * new text when the last round found nothing more to fix (so a caller need not check it again).
 */
export function fixAll(text: string, options: CheckOptions = {}): { text: string; applied: number; result?: CheckResult } {
  let current = text;
  let applied = 0;
  for (let round = 0; round < 5; round++) {
    const result = check(current, options);
    const edits = safeEdits(result.findings);
    if (edits.length === 0) return { text: current, applied, result };
    current = applyEdits(current, edits);
    applied += edits.length;
  }
  return { text: current, applied };
}
