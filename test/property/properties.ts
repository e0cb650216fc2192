// The engine's properties, as plain functions that throw on violation. Shared by the property
// tests and scripts/fuzz.ts.
import { AssertionError, deepStrictEqual } from 'node:assert';
import { applyEdits, check, fixAll, INTERNAL_ERROR, safeEdits, type CheckOptions, type CheckResult, type Finding } from '../../core/src';

/** Hang guard: one `check` of at most 200 KB must finish within this. */
export const MAX_CHECK_MS = 2000;

function fail(property: string, message: string, extra?: unknown): never {
  throw new AssertionError({ message: `[${property}] ${message}${extra === undefined ? '' : '\n' + JSON.stringify(extra, null, 1).slice(0, 2000)}` });
}

/** What must be equal between two runs on the same text. */
function project(f: Finding) {
  return { rule: f.rule, severity: f.severity, message: f.message, start: f.start, end: f.end, related: f.related, fix: f.fix, data: f.data };
}

export function timedCheck(text: string, options: CheckOptions = {}): { result: CheckResult; ms: number } {
  const t0 = performance.now();
  const result = check(text, options);
  return { result, ms: performance.now() - t0 };
}

/** The engine never throws (nor does any rule: rule failures surface as internal-error findings) and is deterministic. */
export function propNoThrowDeterministic(text: string, options: CheckOptions = {}, first?: CheckResult): void {
  const a = first ?? check(text, options);
  const internal = a.findings.find((f) => f.rule === INTERNAL_ERROR);
  if (internal) fail('no-throw', internal.message);
  const b = check(text, options);
  try {
    deepStrictEqual(b.findings.map(project), a.findings.map(project));
  } catch (e) {
    fail('deterministic', 'two checks of the same text differ: ' + (e as Error).message.slice(0, 1500));
  }
}

function inRange(what: string, start: number, end: number, len: number, extra?: unknown): void {
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= len)) {
    fail('ranges', `${what}: [${start}, ${end}] not within [0, ${len}] with start ≤ end`, extra);
  }
}

/** Every finding, related, fix-edit and model range lies within [0, text.length], start ≤ end. */
export function propRanges(text: string, options: CheckOptions = {}, first?: CheckResult): void {
  const { report, findings } = first ?? check(text, options);
  const len = text.length;
  for (const f of findings) {
    inRange(`finding ${f.rule}`, f.start, f.end, len, f);
    for (const r of f.related ?? []) inRange(`related of ${f.rule}`, r.start, r.end, len, f);
    for (const e of f.fix?.edits ?? []) inRange(`fix edit of ${f.rule}`, e.start, e.end, len, f);
  }
  for (const [key, c] of report.cells) inRange(`cell ${key} (present=${c.present}, located=${c.located})`, c.start, c.end, len, { raw: c.raw });
  for (const s of report.sections) {
    inRange(`section ${s.def.id} heading`, s.start, s.end, len);
    inRange(`section ${s.def.id} body`, s.end, s.bodyEnd, len);
  }
  for (const [id, t] of Object.entries(report.tables)) {
    inRange(`table ${id}`, t!.start, t!.end, len);
    for (const fb of t!.foreignBlocks) inRange(`foreign block of ${id}`, fb.start, fb.end, len);
    for (const b of t!.blocks) {
      inRange(`block ${b.def.id}`, b.start, b.end, len);
      if (b.titleStart !== undefined) inRange(`block ${b.def.id} title`, b.titleStart, b.titleEnd!, len);
      for (const r of b.rows) {
        inRange(`row ${b.def.id}/${r.def.id} label`, r.labelStart, r.labelEnd, len);
        inRange(`row ${b.def.id}/${r.def.id}`, r.labelStart, r.end, len);
        for (const x of r.extra) inRange(`extra value of ${b.def.id}/${r.def.id}`, x.start, x.end, len);
      }
    }
  }
}

/**
 * A fix's edits stay on its finding: every edit lies within [finding.start, finding.end]; an
 * unsafe fix may instead insert (missing-section puts a whole section in). The edits of one fix
 * never overlap (applyEdits would silently drop one).
 */
export function propFixLocality(text: string, options: CheckOptions = {}, first?: CheckResult): void {
  const { findings } = first ?? check(text, options);
  for (const f of findings) {
    if (!f.fix) continue;
    const edits = [...f.fix.edits].sort((a, b) => a.start - b.start || a.end - b.end);
    for (let i = 0; i < edits.length; i++) {
      const e = edits[i];
      const inside = e.start >= f.start && e.end <= f.end;
      const insertion = e.start === e.end;
      if (!inside && (f.fix.safe || !insertion)) {
        fail('fix-locality', `${f.fix.safe ? 'safe' : 'unsafe'} fix of ${f.rule} edits [${e.start}, ${e.end}] outside its finding [${f.start}, ${f.end}]`, {
          finding: project(f),
          finding_text: text.slice(f.start, f.end),
          edit_text: text.slice(e.start, e.end),
        });
      }
      if (i > 0 && e.start < edits[i - 1].end) fail('fix-locality', `fix of ${f.rule} has overlapping edits`, project(f));
    }
  }
}

/**
 * Safe fixes converge: after fixAll nothing safe is left to fix, and fixAll is idempotent. Also
 * fixAll's first round is exactly applyEdits(text, safeEdits(findings)).
 */
export function propFixAll(text: string, options: CheckOptions = {}, first?: CheckResult): void {
  const a = first ?? check(text, options);
  const once = fixAll(text, options);
  const after = check(once.text, options);
  const left = after.findings.filter((f) => f.fix?.safe);
  if (left.length > 0) {
    fail('fix-all', `${left.length} safe-fixable finding(s) remain after fixAll (${once.applied} edits applied)`, {
      remaining: left.map((f) => ({ ...project(f), text: once.text.slice(f.start, f.end) })).slice(0, 5),
    });
  }
  const twice = fixAll(once.text, options);
  if (twice.text !== once.text) fail('fix-all', 'fixAll is not idempotent', { once: once.text.length, twice: twice.text.length, applied: twice.applied });
  const edits = safeEdits(a.findings);
  if (edits.length === 0 && once.text !== text) fail('fix-all', 'fixAll changed a text that had no safe fix');
  if (edits.length > 0 && once.applied === 0) fail('fix-all', 'safe edits exist but fixAll applied none');
  void applyEdits;
}

/** What a report says, for comparing before and after safe fixes (ARCHITECTURE.md, "A safe fix"). */
function meaningOf(r: CheckResult): { sections: string; tables: string; cells: Map<string, string> } {
  const { report } = r;
  const cells = new Map<string, string>();
  for (const [key, c] of report.cells) {
    const v = c.value;
    const what = !c.present ? 'absent' : v.status === 'blank' ? 'blank' : v.status === 'text' || v.status === 'too-long' ? `${v.status} ${JSON.stringify(c.raw)}` : `number ${v.value}`;
    cells.set(key, `${what}${c.located ? '' : ' (not located)'}`);
  }
  return {
    sections: report.sections.map((s) => s.def.id).join(','),
    tables: Object.values(report.tables)
      .map((t) => `${t!.def.id}:${t!.blocks.map((b) => `${b.def.id}[${b.rows.map((row) => row.def.id).join(' ')}]`).join(' ')}`)
      .join('; '),
    cells,
  };
}

const LINE_BREAK_RE = /\r\n|\r|\n/g;
const lineCount = (t: string) => (t.match(LINE_BREAK_RE)?.length ?? 0) + 1;

/**
 * The digit runs of a text as a safe number fix sees them: full-width digits folded, ASCII
 * thousands separators between digits dropped. A safe edit keeps this list as it is: it never
 * joins numbers written apart ("41 6" → "416"), never splits one, never adds or drops a digit.
 */
export function digitRuns(s: string): string[] {
  const folded = s.replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/(?<=\d),(?=\d{3})/g, '');
  return folded.match(/\d+/g) ?? [];
}

function compareMeaning(what: string, before: ReturnType<typeof meaningOf>, after: ReturnType<typeof meaningOf>, extra: unknown): void {
  if (before.sections !== after.sections) fail('fix-meaning', `${what} changed the sections: ${before.sections} → ${after.sections}`, extra);
  if (before.tables !== after.tables) fail('fix-meaning', `${what} changed the tables or rows: ${before.tables} → ${after.tables}`, extra);
  for (const [key, b] of before.cells) {
    const a = after.cells.get(key) ?? 'no cell';
    if (a !== b) fail('fix-meaning', `${what} changed cell ${key}: ${b} → ${a}`, extra);
  }
  for (const key of after.cells.keys()) if (!before.cells.has(key)) fail('fix-meaning', `${what} made a new cell ${key}`, extra);
}

/** How many safe fixes of one text are each applied and re-checked alone (fix-all covers the rest). */
const SINGLE_FIXES = 4;

/**
 * A safe fix never changes what the report says (ARCHITECTURE.md, "A safe fix"): applied alone or
 * all together by fixAll, the report parses to the same sections, tables, rows and cells, each
 * cell with the same value (the same number, blank, or the same unreadable text); no line is
 * added or removed; each safe edit stays on one line and keeps the digit runs it replaces.
 */
export function propFixMeaning(text: string, options: CheckOptions = {}, first?: CheckResult): void {
  const a = first ?? check(text, options);
  const safe = a.findings.filter((f) => f.fix?.safe);
  if (safe.length === 0) return;
  const before = meaningOf(a);
  for (const f of safe) {
    for (const e of f.fix!.edits) {
      const old = text.slice(e.start, e.end);
      const extra = { rule: f.rule, message: f.message, old, newText: e.newText };
      if (/[\r\n]/.test(old) || /[\r\n]/.test(e.newText)) fail('fix-meaning', `safe fix of ${f.rule} adds or removes a line break`, extra);
      if (JSON.stringify(digitRuns(old)) !== JSON.stringify(digitRuns(e.newText))) fail('fix-meaning', `safe fix of ${f.rule} changes the digits: ${JSON.stringify(digitRuns(old))} → ${JSON.stringify(digitRuns(e.newText))}`, extra);
    }
  }
  for (let i = 0; i < Math.min(SINGLE_FIXES, safe.length); i++) {
    const f = safe[i];
    const one = applyEdits(text, f.fix!.edits);
    compareMeaning(`the safe fix of ${f.rule} alone`, before, meaningOf(check(one, options)), { rule: f.rule, message: f.message, edits: f.fix!.edits });
  }
  const fixed = fixAll(text, options).text;
  if (lineCount(fixed) !== lineCount(text)) fail('fix-meaning', `fixAll changed the number of lines: ${lineCount(text)} → ${lineCount(fixed)}`);
  compareMeaning('fixAll', before, meaningOf(check(fixed, options)), { fixes: safe.map((f) => ({ rule: f.rule, message: f.message })).slice(0, 5) });
}

export function propFast(ms: number, len: number): void {
  if (ms > MAX_CHECK_MS) fail('hang-guard', `check of ${len} chars took ${ms.toFixed(0)} ms (> ${MAX_CHECK_MS} ms)`);
}

export const PROPERTY_NAMES = ['no-throw', 'deterministic', 'ranges', 'fix-locality', 'fix-all', 'fix-meaning', 'hang-guard'] as const;

/** All properties on one text, sharing the first check. Returns the time of that check. */
export function allProperties(text: string, options: CheckOptions = {}, skip: ReadonlySet<string> = new Set()): number {
  const { result, ms } = timedCheck(text, options);
  if (!skip.has('hang-guard')) propFast(ms, text.length);
  propNoThrowDeterministic(text, options, result);
  if (!skip.has('ranges')) propRanges(text, options, result);
  if (!skip.has('fix-locality')) propFixLocality(text, options, result);
  if (!skip.has('fix-all')) propFixAll(text, options, result);
  if (!skip.has('fix-meaning')) propFixMeaning(text, options, result);
  return ms;
}

/** Which property an error came from ("ranges", "fix-all"...), or "throw" for an exception of the engine itself. */
export function propertyOf(err: unknown): string {
  if (err instanceof AssertionError) {
    const m = /^\[([a-z-]+)\]/.exec(err.message);
    if (m) return m[1];
  }
  return 'throw';
}
