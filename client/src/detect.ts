// Pure detection of government information disclosure annual reports (政府信息公开工作年度报告)
// in plain text. No `vscode` import: unit tested with node:test.

/** How many lines from the top of a document are inspected by default. */
export const DETECT_LINE_LIMIT = 60;

/** The six statutory sections, in order, with the keywords that identify each one. */
const SECTION_ORDINALS = ['一', '二', '三', '四', '五', '六'] as const;

/**
 * Keyword tests per section ordinal. The ordinal alone is not enough: sub-headings of section
 * 一 are often numbered 一、二、… too ("一、主动公开情况。"), and table rows such as
 * "一、本年新收政府信息公开申请数量" or "四、结转下年度继续办理" look like headings.
 */
const SECTION_KEYWORDS: readonly RegExp[] = [
  /总体情况|基本情况|总体/,
  /主动公开/,
  /收到.{0,3}处理|处理.{0,12}申请|收到.{0,12}申请/,
  /行政复议|行政诉讼/,
  /问题.{0,4}改进|存在.{0,4}问题|改进情况/,
  /其他.{0,8}(?:事项|情况)|其他事项/,
];

/** Leading indentation seen in extracted text: tabs, spaces, U+3000, NBSP, BOM. */
const LEADING_SPACE = /^[\s\u3000\u00a0\ufeff]+/;
/** Extraction debris such as "[bookmark: _GoBack]" in front of a heading. */
const BOOKMARK_DEBRIS = /^\[bookmark:[^\]]*\]/i;
/** "一、…" / "一.…" / "一．…" with the rest of the line captured. */
const ORDINAL_LINE = /^([一二三四五六])\s*[、.．，,]\s*(.*)$/;

/** Strips indentation and known extraction debris from the start of a line. */
export function normalizeLine(line: string): string {
  let s = line.replace(LEADING_SPACE, '');
  for (;;) {
    const m = BOOKMARK_DEBRIS.exec(s);
    if (!m) break;
    s = s.slice(m[0].length).replace(LEADING_SPACE, '');
  }
  return s.replace(/[\s\u3000\u00a0]+$/, '');
}

/**
 * Returns the section number (1…6) when the line is one of the six statutory section headings,
 * otherwise 0. Tolerates indentation, debris, variant wordings and a trailing full stop/colon.
 */
export function sectionHeadingNumber(line: string): number {
  const s = normalizeLine(line);
  const m = ORDINAL_LINE.exec(s);
  if (!m) return 0;
  const index = SECTION_ORDINALS.indexOf(m[1] as (typeof SECTION_ORDINALS)[number]);
  const rest = m[2].replace(/[。：:；;]$/, '');
  // A heading is short and holds no sentence inside it, no table cells after it.
  if (rest.length === 0 || rest.length > 40 || /[。；;\t]/.test(rest)) return 0;
  return SECTION_KEYWORDS[index].test(rest) ? index + 1 : 0;
}

/** True when the line (or two joined lines) reads like the report's title. */
export function isReportTitle(text: string): boolean {
  const s = normalizeLine(text).replace(/[\s\u3000]+/g, '');
  if (s.length === 0 || s.length > 80) return false;
  if (!s.includes('政府信息公开')) return false;
  // Titles carry no sentence punctuation; prose that merely names the report does.
  if (/[。；;，,：:《》]/.test(s)) return false;
  return /年度报告|年报|年度.{0,12}报告|\d{4}年.{0,20}报告/.test(s);
}

export interface DetectionResult {
  /** True when the text looks like an annual report. */
  isReport: boolean;
  /** True when one of the first non-empty lines (or two of them joined) is a report title. */
  hasTitle: boolean;
  /** Distinct section numbers (1…6) whose headings were found, ascending. */
  sections: number[];
}

/** Splits off at most `maxLines` lines without splitting the whole (possibly huge) text. */
export function headLines(text: string, maxLines: number): string[] {
  const lines: string[] = [];
  let start = 0;
  while (lines.length < maxLines && start <= text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    lines.push(text.slice(start, end).replace(/\r$/, ''));
    if (nl < 0) break;
    start = nl + 1;
  }
  return lines;
}

/** Inspects the first `maxLines` lines of a text. */
export function detectReport(text: string, maxLines: number = DETECT_LINE_LIMIT): DetectionResult {
  const lines = headLines(text.replace(/^\ufeff/, ''), maxLines);
  const sections = new Set<number>();
  for (const line of lines) {
    const n = sectionHeadingNumber(line);
    if (n > 0) sections.add(n);
  }
  // The title is among the first few non-empty lines; it can wrap over two lines.
  const firstNonEmpty = lines.map(normalizeLine).filter((l) => l.length > 0).slice(0, 5);
  let hasTitle = false;
  for (let i = 0; i < firstNonEmpty.length && !hasTitle; i++) {
    hasTitle =
      isReportTitle(firstNonEmpty[i]) ||
      (i + 1 < firstNonEmpty.length && isReportTitle(firstNonEmpty[i] + firstNonEmpty[i + 1]));
  }
  const sorted = [...sections].sort((a, b) => a - b);
  return { isReport: hasTitle || sorted.length >= 2, hasTitle, sections: sorted };
}

/** The predicate used by the extension: does this text look like an annual report? */
export function looksLikeReport(text: string, maxLines: number = DETECT_LINE_LIMIT): boolean {
  return detectReport(text, maxLines).isReport;
}
