import { sectionSkeleton } from '../skeleton';
import type { Rule } from './types';

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
