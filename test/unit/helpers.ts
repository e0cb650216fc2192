// Shared test helpers: fixtures, mutations through the model, compact finding strings.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits, cellKey, check, type CellRef, type CheckOptions, type Finding, type Report } from '../../core/src';

const ROOT = join(__dirname, '..', '..');
export const SEEDS_DIR = join(ROOT, 'test', 'fixtures', 'seeds');
export const REPORTS_DIR = join(ROOT, 'test', 'fixtures', 'reports');

export const SEED_NAMES = readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).sort();

/** A seed by its number prefix ("000"…"004"). */
export function seed(prefix: string): string {
  const name = SEED_NAMES.find((n) => n.startsWith(prefix));
  if (!name) throw new Error(`no seed ${prefix}`);
  return readFileSync(join(SEEDS_DIR, name), 'utf8');
}

export function report2021(layout: 'tabs' | 'cells' | 'pipes' | 'spaces'): string {
  return readFileSync(join(REPORTS_DIR, `2021-${layout}.txt`), 'utf8');
}

/** Layouts used by the per-rule tests: each is a clean report (no errors). */
export const CLEAN: Record<string, () => string> = {
  'seed000 (cell per line)': () => seed('000'),
  'seed003 (cell per line)': () => seed('003'),
  'seed002 (tab rows)': () => seed('002'),
  '2021 tabs': () => report2021('tabs'),
  '2021 cells': () => report2021('cells'),
  '2021 pipes': () => report2021('pipes'),
  '2021 spaces': () => report2021('spaces'),
};

export function ref(table: CellRef['table'], block: string, row: string, column: string): CellRef {
  return { table, block, row, column };
}

export function cellOf(report: Report, r: CellRef) {
  const c = report.cells.get(cellKey(r));
  if (!c) throw new Error(`no cell ${cellKey(r)}`);
  return c;
}

/** Rewrites one cell's text (found through the parser, whose ranges the parser tests check). */
export function setCell(text: string, r: CellRef, value: string, options: CheckOptions = {}): string {
  const { report } = check(text, options);
  const c = cellOf(report, r);
  if (!c.located) throw new Error(`cell ${cellKey(r)} has no place in the text`);
  return applyEdits(text, [{ start: c.start, end: c.end, newText: value }]);
}

export function replaceOnce(text: string, from: string, to: string): string {
  const i = text.indexOf(from);
  if (i < 0) throw new Error(`not found: ${from}`);
  return text.slice(0, i) + to + text.slice(i + from.length);
}

/** "line:col severity rule message" with 1-based line and column, like the CLI's text output. */
export function show(report: Report, f: Finding): string {
  const p = report.lineIndex.positionAt(f.start);
  return `${p.line + 1}:${p.character + 1} ${f.severity} ${f.rule} ${f.message}`;
}

export function findingsOf(text: string, rule?: string, options: CheckOptions = {}): string[] {
  const { report, findings } = check(text, options);
  return findings.filter((f) => !rule || f.rule === rule).map((f) => show(report, f));
}

/** Findings of rules other than `rule`, as a sorted multiset of rule ids (for "no cascade" checks). */
export function otherRules(text: string, rule: string): string[] {
  return check(text)
    .findings.filter((f) => f.rule !== rule)
    .map((f) => f.rule)
    .sort();
}

/** Line number (1-based) of the first line containing `needle`. */
export function lineOf(text: string, needle: string, from = 0): number {
  const i = text.indexOf(needle, from);
  if (i < 0) throw new Error(`not found: ${needle}`);
  return text.slice(0, i).split(/\r\n|\r|\n/).length;
}
