import type { Rule } from './types';

export const sectionHeading: Rule = {
  meta: {
    id: 'section-heading',
    description: { zh: '章节标题为变体写法或序号错误', en: 'A section heading uses a variant wording or a wrong ordinal' },
    defaultSeverity: 'information',
    fix: 'safe',
  },
  check(ctx) {
    const { report, t } = ctx;
    for (const s of report.sections) {
      if (s.official) continue;
      const why = !s.ordinal
        ? t('缺少序号', 'it has no ordinal')
        : !s.ordinalOk
          ? t(`序号应为「${s.def.heading[0]}」而非「${s.ordinal}」`, `its ordinal should be "${s.def.heading[0]}", not "${s.ordinal}"`)
          : t('为变体写法', 'it uses a variant wording');
      ctx.add({
        message: t(`章节标题「${s.text}」${why}，规范标题为「${s.def.heading}」`, `Section heading "${s.text}": ${why}; the official heading is "${s.def.heading}"`),
        start: s.start,
        end: s.end,
        fix: {
          title: t(`改为「${s.def.heading}」`, `Rename to "${s.def.heading}"`),
          safe: true,
          edits: [{ start: s.start, end: s.end, newText: s.def.heading }],
        },
      });
    }
  },
};
