import type { Rule } from './types';

export const sectionOrder: Rule = {
  meta: {
    id: 'section-order',
    description: { zh: '章节重复或顺序错误', en: 'A section is duplicated or out of order' },
    defaultSeverity: 'warning',
    fix: 'none',
  },
  check(ctx) {
    const { report, t } = ctx;
    const seen = new Map<number, (typeof report.sections)[number]>();
    let maxId = 0;
    let maxNode: (typeof report.sections)[number] | undefined;
    for (const s of report.sections) {
      const first = seen.get(s.def.id);
      if (first) {
        ctx.add({
          // Messages as functions: only the locale's is built (a pasted-twice report has many).
          message: t(
            () => `章节「${s.def.heading}」重复出现（第一次在第 ${first.line + 1} 行）`,
            () => `Section "${s.def.heading}" appears again (first at line ${first.line + 1})`,
          ),
          start: s.start,
          end: s.end,
          related: [{ start: first.start, end: first.end, message: t('第一次出现', 'First occurrence') }],
        });
        continue;
      }
      seen.set(s.def.id, s);
      if (s.def.id < maxId && maxNode) {
        ctx.add({
          message: t(
            () => `章节顺序错误：「${s.def.heading}」应在「${maxNode!.def.heading}」之前`,
            () => `Sections out of order: "${s.def.heading}" should come before "${maxNode!.def.heading}"`,
          ),
          start: s.start,
          end: s.end,
          related: [{ start: maxNode.start, end: maxNode.end, message: maxNode.def.heading }],
        });
      } else {
        maxId = s.def.id;
        maxNode = s;
      }
    }
  },
};
