// Whether a plain text is an annual report (政府信息公开工作年度报告): the parser's own stages read
// the first lines (section headings: parse/sections.ts; the title line: parse/version.ts), so a
// text is taken for a report by the same heading search that will check it.
// The VS Code client bundles this (switching a .txt to the report language, choosing the files
// *Validate All Reports in Workspace* validates); it has no heading patterns of its own.
import { findSections } from './parse/sections';
import { findYear } from './parse/version';
import { compact, splitLines } from './text';

/** How many lines from the top of a text are read by default. */
export const DETECT_LINE_LIMIT = 60;
/** At most this many characters are read, whatever the lines (a text of one huge line). */
export const DETECT_CHAR_LIMIT = 64 * 1024;

export interface Detection {
  /** The text looks like an annual report: a title, or two section headings. */
  isReport: boolean;
  /** The parser's title line (with the line before it, when the title wraps) is a report's title. */
  hasTitle: boolean;
  /** The sections (1…6) whose headings the parser found correctly numbered (or exactly worded), ascending. */
  sections: number[];
}

/** The first `maxLines` lines of a text (line ends kept, LF, CRLF or CR), at most DETECT_CHAR_LIMIT characters. */
export function headOf(text: string, maxLines: number = DETECT_LINE_LIMIT): string {
  const limit = Math.min(text.length, DETECT_CHAR_LIMIT);
  let lines = 0;
  for (let i = 0; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      if (++lines >= maxLines) return text.slice(0, i + 1);
    }
  }
  return text.slice(0, limit);
}

/** A report's title: names the disclosure and an annual report, and is no sentence. */
function isReportTitle(line: string): boolean {
  const s = compact(line);
  if (s.length === 0 || s.length > 80 || !s.includes('政府信息公开')) return false;
  // Titles carry no sentence punctuation; prose that merely names the report does.
  if (/[。；;，,：:《》]/.test(s)) return false;
  return /年度报告|年报|年度.{0,12}报告|\d{4}年.{0,20}报告/.test(s);
}

/** Reads the first `maxLines` lines of a text as the parser does and says whether it is a report. */
export function detectReport(text: string, maxLines: number = DETECT_LINE_LIMIT): Detection {
  const head = headOf(text, maxLines);
  const lines = splitLines(head);
  const found = new Set<number>();
  for (const s of findSections(head, lines)) {
    // A misnumbered heading stands in for a missing section when checking a report, but it is
    // no evidence that the text is one ("一、主动公开情况。" in a work summary).
    if (s.ordinalOk || s.ordinal === null) found.add(s.def.id);
  }
  let hasTitle = false;
  const t = findYear(head, lines).titleLine;
  if (t !== null) {
    const line = lines.at(t).text;
    hasTitle = isReportTitle(line);
    // A title wrapped over two lines: the parser's title line is its second (the one naming the report).
    for (let p = t - 1; !hasTitle && p >= 0; p--) {
      const before = lines.at(p).text;
      if (before.trim() === '') continue;
      hasTitle = isReportTitle(before + line);
      break;
    }
  }
  const sections = [...found].sort((a, b) => a - b);
  return { isReport: hasTitle || sections.length >= 2, hasTitle, sections };
}

/** The predicate the extension uses: does this text look like an annual report? */
export function looksLikeReport(text: string, maxLines: number = DETECT_LINE_LIMIT): boolean {
  return detectReport(text, maxLines).isReport;
}
