// The arithmetic of a report: the format's declarative relations expanded into equations over
// cells, evaluated once per report, with an explanation step so that one wrong number yields one
// finding rather than a cascade.
import type { CellRef, FormatDef, RelationDef } from './formats/types';
import { cellSlot, type Cell, type Report } from './model';

/** Σ coef·value = 0. For sums the total has coefficient +1 and the parts −1. */
export interface Equation {
  id: string;
  kind: RelationDef['kind'];
  /** The cell a finding sits on (the total; for the balance, the anchor row's cell). */
  anchor: CellRef;
  terms: { ref: CellRef; coef: number; key: string; slot: number }[];
  /** For balance: which refs are on the left side. */
  left?: CellRef[];
  right?: CellRef[];
}

const equationCache = new WeakMap<FormatDef, Equation[]>();

export function equationsOf(format: FormatDef): Equation[] {
  const cached = equationCache.get(format);
  if (cached) return cached;
  const out: Equation[] = [];
  for (const rel of format.relations) {
    const table = format.tables.find((t) => t.id === rel.table)!;
    const block = table.blocks.find((b) => b.id === rel.block)!;
    const dataRows = block.rows.filter((r) => !r.group).map((r) => r.id);
    const allCols = block.columns.map((c) => c.id);
    const ref = (row: string, column: string): CellRef => ({ table: rel.table, block: rel.block, row, column });
    if (rel.kind === 'row-sum') {
      for (const row of rel.rows ?? dataRows) {
        out.push({
          id: rel.id,
          kind: rel.kind,
          anchor: ref(row, rel.total),
          terms: [{ ref: ref(row, rel.total), coef: 1, key: '', slot: -1 }, ...rel.parts.map((p) => ({ ref: ref(row, p), coef: -1, key: '', slot: -1 }))],
        });
      }
    } else if (rel.kind === 'column-sum') {
      for (const col of rel.columns ?? allCols) {
        out.push({
          id: rel.id,
          kind: rel.kind,
          anchor: ref(rel.total, col),
          terms: [{ ref: ref(rel.total, col), coef: 1, key: '', slot: -1 }, ...rel.parts.map((p) => ({ ref: ref(p, col), coef: -1, key: '', slot: -1 }))],
        });
      }
    } else {
      for (const col of rel.columns ?? allCols) {
        const left = rel.left.map((r) => ref(r, col));
        const right = rel.right.map((r) => ref(r, col));
        out.push({
          id: rel.id,
          kind: rel.kind,
          anchor: ref(rel.anchor, col),
          terms: [...left.map((r) => ({ ref: r, coef: 1, key: '', slot: -1 })), ...right.map((r) => ({ ref: r, coef: -1, key: '', slot: -1 }))],
          left,
          right,
        });
      }
    }
  }
  for (const eq of out) {
    for (const t of eq.terms) {
      const slot = cellSlot(t.ref);
      t.key = slot.key;
      t.slot = slot.index;
    }
  }
  equationCache.set(format, out);
  return out;
}

export interface Violation {
  equation: Equation;
  /** Σ coef·value (≠ 0). */
  residual: number;
  cells: Cell[];
}

export interface Culprit {
  /** The single cell whose change would satisfy every violation listed. */
  cell: Cell;
  /** The value it should hold. */
  expected: number;
  violations: Violation[];
}

export interface Arithmetic {
  /** Violations explained by one cell (reported once, on that cell). */
  culprits: Culprit[];
  /** Violations reported on their own anchor cell. */
  single: Violation[];
}

const arithmeticCache = new WeakMap<Report, Arithmetic>();

/** Numeric value of a cell for arithmetic: blanks count as 0; unreadable cells make it unknown. */
export function numericValue(cell: Cell | undefined): number | null {
  if (!cell || !cell.present) return null;
  if (cell.value.status === 'blank') return 0;
  if (cell.value.status === 'text') return null;
  const v = cell.value.value;
  // A negative or fractional count has its own finding (invalid-number): unknown here, no cascade.
  if (v !== null && cell.column.kind === 'count' && (v < 0 || !Number.isInteger(v))) return null;
  return v;
}

/**
 * Σ coef·value of an equation's cells, or NaN when it cannot be judged: a relation with an
 * absent or unreadable cell is not judged (that cell has its own finding). NaN rather than null:
 * a function that returns a number or null boxes every number it returns (a few per cent of a
 * check).
 */
function residualOf(eq: Equation, bySlot: readonly (Cell | undefined)[]): number {
  let residual = 0;
  // Indexed loop (ARCHITECTURE.md, "Speed").
  for (let k = 0; k < eq.terms.length; k++) {
    const t = eq.terms[k];
    const v = numericValue(bySlot[t.slot]);
    if (v === null || !Number.isFinite(v)) return NaN;
    residual += t.coef * v;
  }
  return residual;
}

/** How many of a report's relations hold, fail, and could not be judged (a cell absent or unreadable). */
export interface RelationTally {
  total: number;
  holding: number;
  failing: number;
  /** Not judged: a cell of it is missing or not a number (the hover says which; it is no error). */
  unchecked: number;
}

/**
 * The relations of a report counted by outcome, for summaries (not the rules' path): a reviewer
 * must see that some relations were not checked rather than read "no error" as "all add up".
 */
export function relationTally(report: Report): RelationTally {
  const out: RelationTally = { total: 0, holding: 0, failing: 0, unchecked: 0 };
  for (const eq of equationsOf(report.format)) {
    out.total++;
    const residual = residualOf(eq, report.cellsBySlot);
    if (Number.isNaN(residual)) out.unchecked++;
    else if (Math.abs(residual) < 1e-9) out.holding++;
    else out.failing++;
  }
  return out;
}

export function analyse(report: Report): Arithmetic {
  const cached = arithmeticCache.get(report);
  if (cached) return cached;
  const holding: Equation[] = [];
  const failing: Violation[] = [];
  const bySlot = report.cellsBySlot;
  const equations = equationsOf(report.format);
  // Indexed loops (ARCHITECTURE.md, "Speed").
  for (let e = 0; e < equations.length; e++) {
    const eq = equations[e];
    const residual = residualOf(eq, bySlot);
    if (Number.isNaN(residual)) continue;
    if (Math.abs(residual) < 1e-9) holding.push(eq);
    else failing.push({ equation: eq, residual, cells: eq.terms.map((t) => bySlot[t.slot]!) });
  }
  if (failing.length === 0) {
    const clean: Arithmetic = { culprits: [], single: [] };
    arithmeticCache.set(report, clean);
    return clean;
  }
  // Explain: a cell present in several violations, in no holding equation, for which every
  // violation asks the same correction, is the one wrong number.
  const inHolding = new Set<string>();
  for (const eq of holding) for (const t of eq.terms) inHolding.add(t.key);
  const byCell = new Map<string, { cell: Cell; items: { v: Violation; delta: number }[] }>();
  for (const v of failing) {
    v.equation.terms.forEach((t, k) => {
      const key = t.key;
      if (inHolding.has(key)) return;
      const entry = byCell.get(key) ?? { cell: v.cells[k], items: [] };
      entry.items.push({ v, delta: -v.residual / t.coef });
      byCell.set(key, entry);
    });
  }
  const explained = new Set<Violation>();
  const culprits: Culprit[] = [];
  const ranked = [...byCell.values()].filter((e) => e.items.length >= 2).sort((a, b) => b.items.length - a.items.length || a.cell.start - b.cell.start);
  for (const e of ranked) {
    const items = e.items.filter((it) => !explained.has(it.v));
    if (items.length < 2) continue;
    const d = items[0].delta;
    if (!items.every((it) => Math.abs(it.delta - d) < 1e-9)) continue;
    const current = numericValue(e.cell)!;
    const expected = current + d;
    if (expected < 0) continue;
    for (const it of items) explained.add(it.v);
    culprits.push({ cell: e.cell, expected, violations: items.map((it) => it.v) });
  }
  const result: Arithmetic = { culprits, single: failing.filter((v) => !explained.has(v)) };
  arithmeticCache.set(report, result);
  return result;
}
