import type { Rule } from './types';

export const missingTable: Rule = {
  meta: {
    id: 'missing-table',
    description: { zh: '第二、三、四部分中没有可识别的统计表', en: 'Section 二, 三 or 四 holds no recognisable table' },
    defaultSeverity: 'error',
    fix: 'none',
  },
  check(ctx) {
    const { report, t } = ctx;
    for (const tdef of report.format.tables) {
      // A table read as unread is `unread-table`'s.
      if (report.tables[tdef.id] || report.unread[tdef.id]) continue;
      const section = report.sections.find((s) => s.def.id === tdef.section);
      // Without its section the missing-section finding (whose fix inserts the table) says it all.
      if (!section) continue;
      ctx.add({
        message: t(`「${section.def.heading}」中没有可识别的${tdef.name}`, `"${section.def.heading}" holds no recognisable ${tdef.nameEn}`),
        start: section.start,
        end: section.end,
      });
    }
  },
};
