// Hover text: what a cell or a row label means to the checker, in words. Markdown, plain data.
import type { PreviousReport } from '../engine';
import type { CellRef } from '../formats/types';
import type { Finding, Locale } from '../findings';
import { cellName, cellOf, rowName, type Cell, type Report, type RowNode } from '../model';
import { proseFigures } from '../rules/text-vs-table';
import { clip, formatNumber, oddityWords } from '../numbers';
import { formulasOf, type Formula, type FormulaTerm } from './formula';
import { cellAt, rowLabelAt, type CellPlace, type RowPlace } from './locate';
import { md, numericValue, placeWords, rowTotals, shortValue, translator, type T } from './words';

export interface HoverResult {
  markdown: string;
  /** The range the hover is about (the cell or the label). */
  start: number;
  end: number;
}

/** Hover markdown at an offset, or null when nothing of a table is there. */
export function hoverAt(report: Report, findings: readonly Finding[], offset: number, locale: Locale = 'zh', previous?: PreviousReport): string | null {
  return hoverInfo(report, findings, offset, locale, previous)?.markdown ?? null;
}

/**
 * Like hoverAt, with the range it is about. `previous`: last year's report the findings were
 * checked against (a cell's hover then shows last year's value of it).
 */
export function hoverInfo(report: Report, findings: readonly Finding[], offset: number, locale: Locale = 'zh', previous?: PreviousReport): HoverResult | null {
  const t = translator(locale);
  const cell = cellAt(report, offset);
  if (cell) return { markdown: cellHover(report, findings, cell, t, previous), start: cell.cell.start, end: cell.cell.end };
  const row = rowLabelAt(report, offset);
  if (row) return { markdown: rowHover(report, row, t), start: row.row.labelStart, end: row.row.labelEnd };
  return proseHover(report, findings, offset, locale, t);
}

/** "表三 · 一、本年新收申请·总计 = **51**": a cell compared with, in one line. */
function cellLine(report: Report, cell: Cell, t: T): string {
  const table = report.format.tables.find((x) => x.id === cell.ref.table);
  const tableName = table ? t(table.name, table.nameEn) : cell.ref.table;
  return `${tableName} · ${md(cellName(report, cell.ref))} = **${shortValue(cell)}**`;
}

/**
 * A figure of the prose (text-vs-table): the verdict, then the table cells it was compared with.
 * Figures that agree have no finding; they are read again here (`proseFigures`).
 */
function proseHover(report: Report, findings: readonly Finding[], offset: number, locale: Locale, t: T): HoverResult | null {
  if (report.format.claims.length === 0) return null;
  const figures = proseFigures({ report, locale, t: (zh, en) => { const m = locale === 'en' ? en : zh; return typeof m === 'function' ? m() : m; }, add: () => {} });
  for (const f of figures) {
    if (offset < f.start || offset >= f.end) continue;
    if (f.percent) {
      const { written, subject, part } = f.percent;
      const dot = written.indexOf('.');
      const computed = ((part * 100) / f.total).toFixed(dot < 0 ? 0 : written.length - dot - 1);
      const names = f.cells.map((c) => md(cellName(report, c.ref))).join(' + ');
      const ratio = t(`${subject.zh} ${formatNumber(part)} ÷ ${names}（${formatNumber(f.total)}）= ${computed}%`, `${subject.en}, ${formatNumber(part)}, ÷ ${names} (${formatNumber(f.total)}) = ${computed}%`);
      const lines = f.cells.map((c) => cellLine(report, c, t));
      return { markdown: `✓ **${t(`正文 ${written}%，与表中一致`, `the text says ${written}%, as the table does`)}**\n\n${ratio}${BR}${t('对照：', 'Compared with: ')}${BR}${lines.join(BR)}`, start: f.start, end: f.end };
    }
    const verdict = f.agrees
      ? `✓ **${t(`正文 ${formatNumber(f.stated)}，与表中一致`, `the text says ${formatNumber(f.stated)}, as the table does`)}**`
      : `✗ **${t(`正文 ${formatNumber(f.stated)}，表中为 ${formatNumber(f.total)}`, `the text says ${formatNumber(f.stated)}, the table ${formatNumber(f.total)}`)}**`;
    const lines = f.cells.map((c) => cellLine(report, c, t));
    if (f.cells.length > 1) lines.push(t(`合计 **${formatNumber(f.total)}**`, `sum **${formatNumber(f.total)}**`));
    return { markdown: `${verdict}\n\n${t('对照：', 'Compared with: ')}${BR}${lines.join(BR)}`, start: f.start, end: f.end };
  }
  // A percentage (or another figure) found wrong: the cells its finding names.
  for (const f of findings) {
    if (f.rule !== 'text-vs-table' || offset < f.start || offset >= f.end) continue;
    const lines: string[] = [];
    for (const r of f.related ?? []) {
      const at = r.file ? null : cellAt(report, r.start);
      if (at) lines.push(cellLine(report, at.cell, t));
    }
    return { markdown: `✗ **${md(f.message)}**${lines.length ? `\n\n${t('对照：', 'Compared with: ')}${BR}${lines.join(BR)}` : ''}`, start: f.start, end: f.end };
  }
  return null;
}

/** Last year's counterpart of a cell: 二、上年结转 ↔ last year's 四、结转下年度继续办理 (carry-over); else the same cell. */
function lastYearRef(ref: CellRef): CellRef {
  return ref.table === 't3' && ref.row === 'carried' ? { ...ref, row: 'carry_over' } : ref;
}

/**
 * The cross-year line of a cell's hover: last year's value, named and from which file, and the
 * change; for 二、上年结转 without last year's report, that none was compared.
 */
function lastYearLine(report: Report, cell: Cell, t: T, previous: PreviousReport | undefined): string | null {
  const carried = cell.ref.table === 't3' && cell.ref.row === 'carried';
  if (!previous) return carried ? t('未找到上年报告：上年结转未与上年的结转下年度核对', "No report of last year found: 上年结转 not compared with last year's 结转下年度") : null;
  const ref = lastYearRef(cell.ref);
  const there = cellOf(previous.report, ref);
  if (!there || !there.present) return null;
  const file = md(previous.label ?? previous.name);
  const before = numericValue(there);
  const now = numericValue(cell);
  let change = '';
  if (before !== null && now !== null) {
    if (carried) change = before === now ? ' ✓' : t(`（不等于本年的 ${formatNumber(now)}）✗`, ` (not this year's ${formatNumber(now)}) ✗`);
    else if (before !== now) change = t(`，本年${now > before ? '增' : '减'} ${formatNumber(Math.abs(now - before))}`, `, ${now > before ? '+' : '−'}${formatNumber(Math.abs(now - before))} this year`);
  }
  const name = carried ? md(cellName(previous.report, ref)) : t('同项', 'same cell');
  return `${t(`上年（${file}）`, `Last year (${file})`)}${t('：', ': ')}${name} = **${shortValue(there)}**${change}`;
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

/** A term's value in a compact table: the culprit's in bold with a cross. */
function termCell(term: FormulaTerm): string {
  return term.culprit ? `**${md(term.value)}** ✗` : md(term.value);
}

/**
 * The parts of a formula as a compact markdown table: up to six side by side (names over values);
 * more (（七）总计's twenty-one) as name–value pairs four to a row, named by their ordinals.
 */
function partsTable(f: Formula, t: T): string {
  const terms = f.parts;
  if (terms.length <= 6) {
    const names = terms.map((x, k) => (f.kind === 'balance' && k === f.leftCount ? `= ${md(x.name)}` : md(x.name)));
    return `| ${names.join(' | ')} |\n|${names.map(() => '--:').join('|')}|\n| ${terms.map(termCell).join(' | ')} |`;
  }
  const perRow = 4;
  const head = Array.from({ length: perRow }, () => `${t('项', 'item')} | ${t('值', 'value')}`).join(' | ');
  const lines = [`| ${head} |`, `|${Array.from({ length: perRow }, () => ':--|--:').join('|')}|`];
  for (let k = 0; k < terms.length; k += perRow) {
    const cells: string[] = [];
    for (let j = k; j < k + perRow; j++) cells.push(j < terms.length ? `${md(terms[j].short)} | ${termCell(terms[j])}` : ' | ');
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

const MARK: Record<Formula['state'], string> = { ok: '✓', broken: '✗', unknown: '?' };

/** The verdict in one line, first: "✗ **写明 5，计算 4，差 1**". */
// Verdicts and expressions are made of the template's names and numbers: no markdown in them.
function verdictLine(f: Formula): string {
  return `${MARK[f.state]} **${f.verdict}**`;
}

function formulaTitle(f: Formula, t: T): string {
  return `${f.title}${t(`（${f.id}）`, ` (${f.id})`)}${t('：', ': ')}${f.expression}`;
}

/** Where the cell is, in one line: "表三（…） · 行：（一）予以公开 · 列：自然人". */
function placeLine(place: CellPlace, t: T): string {
  const { table, block, row, cell } = place;
  const tableName = t(table.def.name, table.def.nameEn);
  const parts = [block.def.title ? `${tableName} · ${block.def.title}` : tableName];
  if (!row.def.unlabeled) parts.push(`${t('行：', 'Row: ')}${rowName(row.def)}`);
  parts.push(`${t('列：', 'Column: ')}${cell.column.label}`);
  if (cell.column.kind !== 'count') parts.push(kindWords(cell, t));
  return parts.join(' · ');
}

/**
 * A cell's hover: the verdict first (written vs computed, or what the relations ask for), then
 * the formula with its parts in a compact table, the cell's other relations a line each, where
 * it counts, and where it is. Blocks are paragraphs: nothing runs into the next line.
 */
function cellHover(report: Report, findings: readonly Finding[], place: CellPlace, t: T, previous?: PreviousReport): string {
  const { cell } = place;
  const f = formulasOf(report, findings, cell, t);
  const blocks: string[] = [];
  const [first, ...others] = f.anchored;
  const written = numericValue(cell);
  if (f.expected !== null) {
    const shown = cell.value.status === 'blank' ? t('空白', 'blank') : written === null ? md(cell.raw) : formatNumber(written);
    blocks.push(`✗ **${t(`写明 ${shown}，按勾稽关系应为 ${formatNumber(f.expected)}`, `written ${shown}, the relations ask for ${formatNumber(f.expected)}`)}**`);
  } else if (first) blocks.push(verdictLine(first));
  // The value as read, when it says more than the number (odd writing, blank, text) or there is no verdict.
  if ((!first && f.expected === null) || cell.value.status !== 'number') blocks.push(`${t('值：', 'Value: ')}${valueWords(cell, t)}`);
  if (first) blocks.push(`${formulaTitle(first, t)}\n\n${partsTable(first, t)}`);
  // After the parts, the formula's own verdict when it says something the first line did not.
  if (first && f.expected !== null && first.state !== 'ok' && first.computed !== f.expected) blocks.push(verdictLine(first));
  if (others.length > 0) blocks.push(others.map((x) => `${MARK[x.state]} ${x.title}${t(`（${x.id}）`, ` (${x.id})`)}${t('：', ': ')}${x.verdict}`).join(BR));
  if (f.partOf.length > 0) blocks.push(`${t('计入：', 'Counted in: ')}${f.partOf.map(md).join(t('；', '; '))}`);
  const last = lastYearLine(report, cell, t, previous);
  // Last year's 结转 not carried in is this cell's verdict: first.
  if (last && last.endsWith('✗')) blocks.unshift(last);
  else if (last) blocks.push(last);
  blocks.push(placeLine(place, t));
  return blocks.join('\n\n');
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
