// The relations a cell takes part in, as data: each formula with its terms, values and verdict
// (written vs computed). Shared by the hover (markdown) and the table view (plain text), so the
// two always say the same thing about a total.
import type { Finding } from '../findings';
import { cellKey, cellOf, cellName, rowName, type Cell, type Report } from '../model';
import { formatNumber } from '../numbers';
import type { Equation } from '../relations';
import { numericValue, relationIndex, relationWords, type T } from './words';

export interface FormulaTerm {
  /** The term's name in its relation: a column label for a row sum, a row name otherwise. */
  name: string;
  /** A shorter name for compact tables: "（三）2" for "（三）2.其他法律行政法规禁止公开". */
  short: string;
  /** Its value as it counts: "3", "0（空白）", "?（「x」）", "?（缺失）". */
  value: string;
  /** The number it counts as; null when missing or unreadable. */
  number: number | null;
  /** The cell a finding names as the one wrong number of this relation. */
  culprit: boolean;
  key: string;
}

export interface Formula {
  /** Relation id: T3-row, T3-results, T3-balance, T4-group. */
  id: string;
  /** The relation in words: "本行总计", "勾稽关系". */
  title: string;
  kind: 'sum' | 'balance';
  /** Sum: the total (the cell the formula is about). Balance: absent. */
  total?: FormulaTerm;
  /** Sum: the parts. Balance: the left side then the right side. */
  parts: FormulaTerm[];
  /** Balance only: how many of `parts` are on the left. */
  leftCount: number;
  /** Sum: the total as written; balance: the left side's sum. Null when not known. */
  written: number | null;
  /** Sum: the sum of the parts; balance: the right side's sum. Null when not known. */
  computed: number | null;
  state: 'ok' | 'broken' | 'unknown';
  /** "行政复议·总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结" (parts named in full up to six). */
  expression: string;
  /** One line: "写明 5，计算 4，差 1" / "written 5, computed 4: off by 1". */
  verdict: string;
}

export interface CellFormulas {
  /** Relations whose total (or balance anchor) is this cell; broken ones first. */
  anchored: Formula[];
  /** Relations this cell is a part of, named with their total: "本行总计（（一）予以公开·总计）". */
  partOf: string[];
  /** The value a finding of the arithmetic asks this cell to hold, if any. */
  expected: number | null;
}

/** "（三）2" of "（三）2.其他法律行政法规禁止公开", "一、" of "一、本年新收申请"; else the name. */
export function shortName(name: string): string {
  const m = /^(（[一二三四五六七八九十]+）)?(\d+)[.．]/.exec(name);
  if (m) return (m[1] ?? '') + m[2];
  const o = /^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)/.exec(name);
  if (o) return o[1].replace(/、$/, '');
  return name;
}

function termName(report: Report, eq: Equation, cell: Cell | undefined, ref: Equation['terms'][number]['ref']): string {
  if (eq.kind === 'row-sum') {
    const label = cell?.column.label ?? ref.column;
    // Table 四's columns are "行政复议·结果维持": within one group, the part after the dot.
    return label.includes('·') ? label.slice(label.lastIndexOf('·') + 1) : label;
  }
  if (cell) return rowName(cell.row);
  return cellName(report, ref);
}

function termValue(cell: Cell | undefined, t: T): string {
  if (!cell || !cell.present) return t('?（缺失）', '? (missing)');
  if (cell.value.status === 'blank') return t('0（空白）', '0 (blank)');
  const v = numericValue(cell);
  if (v === null) return t(`?（「${cell.raw}」）`, `? ("${cell.raw}")`);
  return formatNumber(v);
}

function term(report: Report, eq: Equation, k: number, culprit: string | null, t: T): FormulaTerm {
  const ref = eq.terms[k].ref;
  const cell = cellOf(report, ref);
  const name = termName(report, eq, cell, ref);
  const key = cellKey(ref);
  return { name, short: shortName(name), value: termValue(cell, t), number: numericValue(cell), culprit: key === culprit, key };
}

const sumOf = (terms: FormulaTerm[]): number | null => {
  let s = 0;
  for (const x of terms) {
    if (x.number === null || !Number.isFinite(x.number)) return null;
    s += x.number;
  }
  return s;
};

const same = (a: number, b: number) => Math.abs(a - b) < 1e-9;

function joinNames(terms: FormulaTerm[], t: T): string {
  if (terms.length > 6) return t(`${terms[0].short} 至 ${terms[terms.length - 1].short} 共 ${terms.length} 项之和`, `the sum of ${terms.length} items, ${terms[0].short} to ${terms[terms.length - 1].short}`);
  return terms.map((x) => x.name).join(' + ');
}

/** The formula of one equation, seen from `anchor` (its total or balance anchor). */
export function formulaOf(report: Report, eq: Equation, t: T, culprit: string | null = null): Formula {
  const title = relationWords(eq.id, t);
  if (eq.kind === 'balance') {
    const left = eq.left!.map((_, k) => term(report, eq, k, culprit, t));
    const right = eq.right!.map((_, k) => term(report, eq, left.length + k, culprit, t));
    const l = sumOf(left);
    const r = sumOf(right);
    const state = l === null || r === null ? 'unknown' : same(l, r) ? 'ok' : 'broken';
    const verdict =
      state === 'unknown'
        ? t('有单元格缺失或不是数字，未核对', 'a cell is missing or not a number: not checked')
        : state === 'ok'
          ? t(`左边 ${formatNumber(l!)} = 右边 ${formatNumber(r!)}`, `left ${formatNumber(l!)} = right ${formatNumber(r!)}`)
          : t(`左边 ${formatNumber(l!)}，右边 ${formatNumber(r!)}，差 ${formatNumber(l! - r!)}`, `left ${formatNumber(l!)}, right ${formatNumber(r!)}: off by ${formatNumber(l! - r!)}`);
    return {
      id: eq.id,
      title,
      kind: 'balance',
      parts: [...left, ...right],
      leftCount: left.length,
      written: l,
      computed: r,
      state,
      expression: `${left.map((x) => x.name).join(' + ')} = ${right.map((x) => x.name).join(' + ')}`,
      verdict,
    };
  }
  const total = term(report, eq, 0, culprit, t);
  const parts = eq.terms.slice(1).map((_, k) => term(report, eq, k + 1, culprit, t));
  const totalCell = cellOf(report, eq.anchor);
  const written = total.number;
  const computed = sumOf(parts);
  const state = written === null || computed === null ? 'unknown' : same(written, computed) ? 'ok' : 'broken';
  const writtenText = totalCell?.present && totalCell.value.status === 'blank' ? t('空白（按 0）', 'blank (0)') : written === null ? '?' : formatNumber(written);
  let verdict: string;
  if (state === 'ok') verdict = t(`写明 ${writtenText}，计算 ${formatNumber(computed!)}`, `written ${writtenText}, computed ${formatNumber(computed!)}`);
  else if (state === 'broken') verdict = t(`写明 ${writtenText}，计算 ${formatNumber(computed!)}，差 ${formatNumber(written! - computed!)}`, `written ${writtenText}, computed ${formatNumber(computed!)}: off by ${formatNumber(written! - computed!)}`);
  else if (computed !== null) verdict = t(`计算 ${formatNumber(computed)}；合计不是数字，未核对`, `computed ${formatNumber(computed)}; the total is not a number: not checked`);
  else verdict = t('有单元格缺失或不是数字，未核对', 'a cell is missing or not a number: not checked');
  const totalName = totalCell ? cellName(report, eq.anchor) : total.name;
  return { id: eq.id, title, kind: 'sum', total, parts, leftCount: 0, written, computed, state, expression: `${totalName} = ${joinNames(parts, t)}`, verdict };
}

/** Every relation of `cell`: those it is the total of (broken first), those it counts in. */
export function formulasOf(report: Report, findings: readonly Finding[], cell: Cell, t: T): CellFormulas {
  const key = cellKey(cell.ref);
  // A finding of the arithmetic names one wrong cell (the culprit) and the value it asks for.
  let expected: number | null = null;
  const culprits = new Set<string>();
  for (const f of findings) {
    const ref = f.data?.cell as Cell['ref'] | undefined;
    if (!ref || typeof f.data?.expected !== 'number') continue;
    culprits.add(cellKey(ref));
    if (expected === null && cellKey(ref) === key) expected = f.data.expected;
  }
  const { anchored, partOf } = relationIndex(report.format);
  const list: Formula[] = [];
  for (const eq of anchored.get(key) ?? []) {
    let culprit: string | null = null;
    for (const x of eq.terms) if (culprits.has(x.key)) culprit = x.key;
    list.push(formulaOf(report, eq, t, culprit));
  }
  const rank = (f: Formula) => (f.state === 'broken' ? 0 : f.state === 'unknown' ? 1 : 2);
  list.sort((a, b) => rank(a) - rank(b));
  const names = new Set<string>();
  for (const eq of partOf.get(key) ?? []) names.add(`${relationWords(eq.id, t)}${t(`（${cellName(report, eq.anchor)}）`, ` (${cellName(report, eq.anchor)})`)}`);
  return { anchored: list, partOf: [...names], expected };
}
