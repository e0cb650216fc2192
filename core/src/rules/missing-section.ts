import { sectionSkeleton } from '../skeleton';
import type { Report } from '../model';
import type { Rule } from './types';

/** A line at least this long, holding section headings, is a report flattened to one line. */
const FLAT_LINE = 1000;

interface FlatLine {
  line: number;
  length: number;
  headings: number;
  /** The first heading's range in the text. */
  start: number;
  end: number;
}

/**
 * The line a report was flattened into (a crawler's text: prose, headings, tables and cells run
 * together), when no section or table was found line by line: the longest line of at least
 * FLAT_LINE characters holding at least three of the six headings, exactly and in order. Null
 * for anything else.
 */
function flattenedLine(report: Report): FlatLine | null {
  let best: FlatLine | null = null;
  for (let i = 0; i < report.lines.length; i++) {
    const start = report.lines.startOf(i);
    const length = report.lines.endOf(i) - start;
    if (length < FLAT_LINE || (best && length <= best.length)) continue;
    const line = report.text.slice(start, start + length);
    let from = 0;
    let headings = 0;
    let first = -1;
    let firstEnd = -1;
    for (const def of report.format.sections) {
      const k = line.indexOf(def.heading, from);
      if (k < 0) continue;
      if (first < 0) [first, firstEnd] = [k, k + def.heading.length];
      headings++;
      from = k + def.heading.length;
    }
    if (headings >= 3) best = { line: i, length, headings, start: start + first, end: start + firstEnd };
  }
  return best;
}

export const missingSection: Rule = {
  meta: {
    id: 'missing-section',
    description: { zh: '缺少六个法定章节之一', en: 'One of the six statutory sections is absent' },
    defaultSeverity: 'error',
    fix: 'suggested',
  },
  check(ctx) {
    const { report, t } = ctx;
    const found = new Set(report.sections.map((s) => s.def.id));
    const anyTable = Object.keys(report.tables).length > 0;
    if (found.size === 0 && !anyTable) {
      const flat = flattenedLine(report);
      if (flat) {
        // The report is there, with no line breaks (a crawler's text of a web page): the text
        // cannot be read, which is no error of the report.
        ctx.add({
          message: t(
            `全文挤在一行（第 ${flat.line + 1} 行，${flat.length} 字，含 ${flat.headings} 个章节标题）：章节和表格之间没有换行、各格之间没有分隔，无法读取，未检查。请从网页或原文档重新复制（保留换行和表格的制表符）`,
            `The whole report is on one line (line ${flat.line + 1}, ${flat.length} characters, ${flat.headings} section headings in it): no line breaks between sections and tables and no separators between cells, so it cannot be read and is not checked. Copy it again from the web page or the original, keeping line breaks and the tables' tabs`,
          ),
          severity: 'warning',
          start: flat.start,
          end: flat.end,
          data: { flattened: true },
        });
        return;
      }
      const first = report.lines.find((l) => l.text.trim().length > 0) ?? report.lines.at(0);
      ctx.add({
        message: t(
          '未识别出任何法定章节（一、总体情况 … 六、其他需要报告的事项）和统计表：这可能不是政府信息公开工作年度报告',
          'No statutory section (一、总体情况 … 六、其他需要报告的事项) and no table found: this may not be an annual report on government information disclosure',
        ),
        start: first.start,
        end: first.end,
      });
      return;
    }
    const eol = report.text.includes('\r\n') ? '\r\n' : '\n';
    for (const def of report.format.sections) {
      if (found.has(def.id)) continue;
      // Insert before the first heading of a later section, else at the end of the text.
      const next = report.sections.filter((s) => s.def.id > def.id).sort((a, b) => a.start - b.start)[0];
      const prev = report.sections.filter((s) => s.def.id < def.id).sort((a, b) => b.start - a.start)[0];
      let at: number;
      let prefix = '';
      // The table may be there without its heading: then only the heading goes in, above it.
      const table = def.table ? report.tables[def.table] : undefined;
      const headingOnly = table !== undefined;
      if (table) at = report.lines.startOf(report.lineIndex.positionAt(table.start).line);
      else if (next) at = report.lines.startOf(next.line);
      else {
        at = report.text.length;
        if (at > 0 && !/[\r\n]$/.test(report.text)) prefix = eol;
      }
      const anchor = next ?? prev;
      const range = anchor ? { start: anchor.start, end: anchor.end } : { start: 0, end: report.lines.endOf(0) };
      ctx.add({
        message: t(
          `缺少章节「${def.heading}」${next ? `（应在「${next.text}」之前）` : ''}`,
          `Missing section "${def.heading}"${next ? ` (expected before "${next.text}")` : ''}`,
        ),
        ...range,
        fix: {
          title: t(`插入「${def.heading}」${def.table && !headingOnly ? '及空表' : ''}`, `Insert "${def.heading}"${def.table && !headingOnly ? ' with an empty table' : ''}`),
          safe: false,
          edits: [{ start: at, end: at, newText: prefix + (headingOnly ? def.heading + eol : sectionSkeleton(report.format, def.id, eol)) }],
        },
        data: { section: def.id },
      });
    }
  },
};
