// Hover text: what a cell or a row label means to the checker, in words. Markdown, plain data.
import type { Finding, Locale } from '../findings';
import { cellKey, cellName, cellOf, rowName, type Cell, type Report, type RowNode } from '../model';
import { clip, formatNumber, oddityWords } from '../numbers';
import type { Equation } from '../relations';
import { cellAt, rowLabelAt, type CellPlace, type RowPlace } from './locate';
import { md, numericValue, placeWords, relationIndex, relationWords, rowTotals, shortValue, translator, type T } from './words';

export interface HoverResult {
  markdown: string;
  /** The range the hover is about (the cell or the label). */
  start: number;
  end: number;
}

/** Hover markdown at an offset, or null when nothing of a table is there. */
export function hoverAt(report: Report, findings: readonly Finding[], offset: number, locale: Locale = 'zh'): string | null {
  return hoverInfo(report, findings, offset, locale)?.markdown ?? null;
}

/** Like hoverAt, with the range it is about. */
export function hoverInfo(report: Report, findings: readonly Finding[], offset: number, locale: Locale = 'zh'): HoverResult | null {
  const t = translator(locale);
  const cell = cellAt(report, offset);
  if (cell) return { markdown: cellHover(report, findings, cell, t), start: cell.cell.start, end: cell.cell.end };
  const row = rowLabelAt(report, offset);
  if (row) return { markdown: rowHover(report, row, t), start: row.row.labelStart, end: row.row.labelEnd };
  return null;
}

const BR = '  \n';

function kindWords(cell: Cell, t: T): string {
  switch (cell.column.kind) {
    case 'count':
      return t('计数（非负整数）', 'count (whole number ≥ 0)');
    case 'signed':
      return t('增减数（可带 +、-、增、减）', 'change (may carry +, -, 增, 减)');
    case 'money':
      return t('金额（可有小数和单位）', 'amount (decimals and a unit allowed)');
  }
}

/** The value line: the number and how the checker read it. */
function valueWords(cell: Cell, t: T): string {
  const v = cell.value;
  const raw = cell.raw;
  switch (v.status) {
    case 'blank':
      return raw
        ? t(`「${md(raw)}」视为空白，计算时按 0 处理`, `"${md(raw)}" is read as blank, counted as 0`)
        : t('空白，计算时按 0 处理', 'blank, counted as 0');
    case 'too-long':
      return t(`「${md(clip(raw))}」位数过多（${raw.length} 个字符），不参与计算`, `"${md(clip(raw))}" has too many digits (${raw.length} characters) and is left out of the arithmetic`);
    case 'text':
      return (
        t(`「${md(raw)}」不是数字，不参与计算`, `"${md(raw)}" is not a number and is left out of the arithmetic`) +
        (v.suggestion ? t(`（可能是 ${md(v.suggestion)}）`, ` (perhaps ${md(v.suggestion)})`) : '')
      );
    case 'number': {
      const n = formatNumber(v.value ?? 0);
      if (v.unit) return t(`**${n}** ${v.unit}（单位写在单元格中）`, `**${n}** ${v.unit} (unit written in the cell)`);
      return `**${n}**`;
    }
    case 'odd-number': {
      const n = formatNumber(v.value ?? 0);
      const why = (v.oddities ?? []).map((o) => t(...oddityWords(o, v.unit)));
      return t(
        `**${n}**（写作「${md(raw)}」，含${why.join('、')}，规范写法为 ${md(v.normalized ?? n)}）`,
        `**${n}** (written "${md(raw)}" with ${why.join(', ')}; normally written ${md(v.normalized ?? n)})`,
      );
    }
  }
}

/** A term's value for a formula: "3", "0（空白）", "?（「x」）". */
function termValue(cell: Cell | undefined, t: T): string {
  if (!cell || !cell.present) return t('?（缺失）', '? (missing)');
  if (cell.value.status === 'blank') return t('0（空白）', '0 (blank)');
  const v = numericValue(cell);
  if (v === null) return t(`?（「${md(cell.raw)}」）`, `? ("${md(cell.raw)}")`);
  return formatNumber(v);
}

function termName(report: Report, eq: Equation, cell: Cell | undefined, ref: Equation['terms'][number]['ref']): string {
  if (eq.kind === 'row-sum') return cell?.column.label ?? ref.column;
  if (cell) return rowName(cell.row);
  return cellName(report, ref);
}

function equationHover(report: Report, eq: Equation, anchor: Cell, t: T): string {
  const cells = eq.terms.map((term) => cellOf(report, term.ref));
  const values = cells.map((c) => numericValue(c));
  const known = values.every((v) => v !== null && Number.isFinite(v));
  const title = `**${relationWords(eq.id, t)}**${t(`（${eq.id}）`, ` (${eq.id})`)}`;
  const lines: string[] = [];
  if (eq.kind === 'balance') {
    const name = (refs: Equation['terms'][number]['ref'][]) =>
      refs.map((r) => termName(report, eq, cellOf(report, r), r)).join(' + ');
    lines.push(`${title}${t('：', ': ')}${name(eq.left!)} = ${name(eq.right!)}`);
    eq.terms.forEach((term, k) => lines.push(`- ${termName(report, eq, cells[k], term.ref)}${t('：', ': ')}${termValue(cells[k], t)}`));
    if (!known) lines.push(t('有单元格缺失或不是数字，无法核对', 'a cell is missing or not a number: not checked'));
    else {
      const side = (refs: Equation['terms'][number]['ref'][]) => refs.reduce((s, r) => s + (numericValue(cellOf(report, r)) ?? 0), 0);
      const l = side(eq.left!);
      const r = side(eq.right!);
      const ok = Math.abs(l - r) < 1e-9;
      lines.push(
        t(`左边 **${formatNumber(l)}**，右边 **${formatNumber(r)}**`, `left **${formatNumber(l)}**, right **${formatNumber(r)}**`) +
          (ok ? ' ✓' : t(`，不相等（差 ${formatNumber(l - r)}）`, `: not equal (off by ${formatNumber(l - r)})`)),
      );
    }
    return lines.join('\n');
  }
  const parts = eq.terms.slice(1);
  const totalName = termName(report, eq, anchor, eq.anchor);
  lines.push(`${title}${t('：', ': ')}${totalName} = ${parts.length > 6 ? t(`${parts.length} 项之和`, `sum of ${parts.length} items`) : parts.map((p, k) => termName(report, eq, cells[k + 1], p.ref)).join(' + ')}`);
  parts.forEach((p, k) => lines.push(`- ${termName(report, eq, cells[k + 1], p.ref)}${t('：', ': ')}${termValue(cells[k + 1], t)}`));
  const written = values[0];
  if (!known) {
    const sumKnown = values.slice(1).every((v) => v !== null && Number.isFinite(v));
    if (written === null && sumKnown) {
      const sum = values.slice(1).reduce((s: number, v) => s + (v ?? 0), 0);
      lines.push(t(`计算 **${formatNumber(sum)}**；合计不是数字，无法核对`, `computed **${formatNumber(sum)}**; the total is not a number: not checked`));
    } else lines.push(t('有单元格缺失或不是数字，无法核对', 'a cell is missing or not a number: not checked'));
    return lines.join('\n');
  }
  const computed = values.slice(1).reduce((s: number, v) => s + (v ?? 0), 0);
  const ok = Math.abs(computed - (written ?? 0)) < 1e-9;
  const writtenText = anchor.value.status === 'blank' ? t('空白（按 0）', 'blank (0)') : `**${formatNumber(written ?? 0)}**`;
  lines.push(
    t(`写明 ${writtenText}，计算 **${formatNumber(computed)}**`, `written ${writtenText}, computed **${formatNumber(computed)}**`) +
      (ok ? ' ✓' : t(`，不符（差 ${formatNumber((written ?? 0) - computed)}）`, `: mismatch (off by ${formatNumber((written ?? 0) - computed)})`)),
  );
  return lines.join('\n');
}

function cellHover(report: Report, findings: readonly Finding[], place: CellPlace, t: T): string {
  const { table, block, row, cell } = place;
  const out: string[] = [];
  const head: string[] = [`**${placeWords(table, block)}**`];
  if (!row.def.unlabeled) head.push(`${t('行：', 'Row: ')}${rowName(row.def)}`);
  head.push(`${t('列：', 'Column: ')}${cell.column.label}`);
  head.push(`${t('值：', 'Value: ')}${valueWords(cell, t)}`);
  head.push(`${t('类型：', 'Kind: ')}${kindWords(cell, t)}`);
  out.push(head.join(BR));
  const key = cellKey(cell.ref);
  // A finding of the arithmetic on this cell may know the value the relations ask for.
  for (const f of findings) {
    const ref = f.data?.cell as Cell['ref'] | undefined;
    if (!ref || typeof f.data?.expected !== 'number' || cellKey(ref) !== key) continue;
    out.push(t(`按勾稽关系推算应为 **${formatNumber(f.data.expected)}**`, `The relations ask for **${formatNumber(f.data.expected)}**`));
    break;
  }
  const { anchored, partOf } = relationIndex(report.format);
  for (const eq of anchored.get(key) ?? []) out.push(equationHover(report, eq, cell, t));
  const parts = partOf.get(key) ?? [];
  if (parts.length > 0) {
    const names = [...new Set(parts.map((eq) => `${relationWords(eq.id, t)}（${cellName(report, eq.anchor)}）`))];
    out.push(`${t('计入：', 'Counted in: ')}${names.join(t('；', '; '))}`);
  }
  return out.join('\n\n---\n\n');
}

function rowHover(report: Report, place: RowPlace, t: T): string {
  const { table, block, row } = place;
  const head: string[] = [`**${rowName(row.def)}**`, placeWords(table, block)];
  if (!row.exact) head.push(t(`原文「${md(row.labelText.trim())}」，按「${row.def.label}」识别`, `written "${md(row.labelText.trim())}", read as "${row.def.label}"`));
  else if (row.alias) head.push(t(`原文为别称「${row.alias}」`, `written as the variant "${row.alias}"`));
  const out = [head.join(BR)];
  out.push(valuesTable(row, t));
  const totals = rowTotals(report, row);
  if (totals.length > 0) {
    const lines = totals.map(({ eq, cell }) => {
      const parts = eq.terms.slice(1).map((term) => numericValue(cellOf(report, term.ref)));
      const known = parts.every((v) => v !== null);
      const sum = parts.reduce((s: number, v) => s + (v ?? 0), 0);
      const written = numericValue(cell);
      const label = cell?.column.label ?? eq.anchor.column;
      let check = '';
      if (known && written !== null) check = Math.abs(sum - written) < 1e-9 ? ' ✓' : t(`（各项之和为 ${formatNumber(sum)}，不符）`, ` (the parts add up to ${formatNumber(sum)}: mismatch)`);
      else if (known) check = t(`（各项之和为 ${formatNumber(sum)}）`, ` (the parts add up to ${formatNumber(sum)})`);
      return `${label}${t('：', ': ')}**${shortValue(cell)}**${check}`;
    });
    out.push(lines.join(BR));
  }
  return out.join('\n\n');
}

function valuesTable(row: RowNode, t: T): string {
  const header = row.cells.map((c) => md(c.column.label));
  const values = row.cells.map((c) => (c.present ? (c.value.status === 'blank' ? t('·（空）', '· (blank)') : md(c.raw)) : t('✗（缺）', '✗ (missing)')));
  return `| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|\n| ${values.join(' | ')} |`;
}
