import { sameDigitRuns } from '../numbers';
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
          ? t(() => `序号应为「${s.def.heading[0]}」而非「${s.ordinal}」`, () => `its ordinal should be "${s.def.heading[0]}", not "${s.ordinal}"`)
          : t('为变体写法', 'it uses a variant wording');
      // The edit covers the heading's own characters only; text after it on its line stays. A
      // heading over two lines is joined by the rename (a line goes): offered, never applied by
      // fix-all; so is one written with digits ("2.存在的主要问题…": a list item as much as a
      // heading), since a safe fix never drops a digit. A heading whose end cannot be told from
      // the text after it gets no fix.
      // Messages as functions: only the locale's is built (a text may have thousands of headings).
      const title = t(() => `改为「${s.def.heading}」`, () => `Rename to "${s.def.heading}"`);
      ctx.add({
        message: t(() => `章节标题「${s.text}」${why}，规范标题为「${s.def.heading}」`, () => `Section heading "${s.text}": ${why}; the official heading is "${s.def.heading}"`),
        start: s.start,
        end: s.end,
        fix: s.headingOnly ? { title, safe: !s.wrapped && sameDigitRuns(s.text, s.def.heading), edits: [{ start: s.start, end: s.end, newText: s.def.heading }] } : undefined,
      });
    }
  },
};
