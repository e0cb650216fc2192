import { identityOf, type DateFound, type Identity, type TextRange } from '../identity';
import type { RelatedInfo } from '../findings';
import type { Rule } from './types';

/**
 * The title's year, the statistics-period sentence and the 落款 date must agree: the period is
 * the title's year (1月1日 to 12月31日), the 落款 falls in the following year (spec §8). One
 * finding names all three; it sits on the one that disagrees with the others.
 */
export const yearConsistency: Rule = {
  meta: {
    id: 'year-consistency',
    description: {
      zh: '标题年份、统计期限和落款日期的年份不一致（落款应在报告年度的次年）',
      en: "The title's year, the statistics period and the year of the date at the end (落款, normally the following year) disagree",
    },
    defaultSeverity: 'error',
    fix: 'none',
  },
  check(ctx) {
    const { t } = ctx;
    const id = identityOf(ctx.report);
    const titleYear = id.title?.yearRange ? id.title.year : null;
    const period = id.period;
    const sig = id.signature;
    // The year the report is about: its title's, else its period's.
    const year = titleYear ?? period?.from.year ?? null;
    if (year === null) return;
    const periodOff = period !== null && (period.from.year !== year || period.to.year !== year);
    const sigOff = sig !== null && sig.year !== year + 1;
    if (!periodOff && !sigOff) return;
    // The odd one out: the period when the signature agrees with the title, the title when the
    // period and the signature agree with each other, else the signature or the period.
    let at: 'title' | 'period' | 'signature' = 'signature';
    if (periodOff) at = titleYear !== null && sig !== null && period!.from.year === period!.to.year && sig.year === period!.from.year + 1 ? 'title' : 'period';
    const text = ctx.report.text;
    const parts = describe(id, text, titleYear);
    const why = whyOf(at, year, id, titleYear);
    const ranges: Record<typeof at, TextRange | null> = { title: id.title?.yearRange ?? null, period: period, signature: sig };
    const where = ranges[at]!;
    const related: RelatedInfo[] = [];
    for (const k of ['title', 'period', 'signature'] as const) {
      const r = ranges[k];
      if (k !== at && r) related.push({ start: r.start, end: r.end, message: t(parts[k].zh, parts[k].en) });
    }
    ctx.add({
      message: t(
        `年份不一致：${parts.title.zh}，${parts.period.zh}，${parts.signature.zh}。${why.zh}`,
        `Years disagree: ${parts.title.en}; ${parts.period.en}; ${parts.signature.en}. ${why.en}`,
      ),
      start: where.start,
      end: where.end,
      related,
      data: { title: titleYear, period: period ? [period.from.year, period.to.year] : null, signature: sig ? sig.year : null },
    });
  },
};

function dateWords(d: DateFound): string {
  return `${d.year}年${d.month}月${d.day}日`;
}

function describe(id: Identity, text: string, titleYear: number | null): Record<'title' | 'period' | 'signature', { zh: string; en: string }> {
  const p = id.period;
  const s = id.signature;
  return {
    title: titleYear !== null ? { zh: `标题为 ${titleYear} 年`, en: `the title says ${titleYear}` } : { zh: '标题未写年份', en: 'the title gives no year' },
    period: p
      ? { zh: `统计期限为 ${dateWords(p.from)}至${dateWords(p.to)}`, en: `the statistics period is ${dateWords(p.from)}–${dateWords(p.to)}` }
      : { zh: '未写统计期限', en: 'no statistics period is stated' },
    signature: s ? { zh: `落款日期为 ${text.slice(s.start, s.end).replace(/\s+/g, '')}`, en: `the date at the end is ${dateWords(s)}` } : { zh: '未找到落款日期', en: 'no date at the end' },
  };
}

function whyOf(at: 'title' | 'period' | 'signature', year: number, id: Identity, titleYear: number | null): { zh: string; en: string } {
  if (at === 'signature') {
    return { zh: `${year} 年度报告的落款日期应在 ${year + 1} 年`, en: `A report for ${year} is dated in ${year + 1}` };
  }
  if (at === 'title') {
    const y = id.period!.from.year;
    return { zh: `统计期限和落款表明这是 ${y} 年度的报告，标题年份可能有误`, en: `The period and the date say this is the report for ${y}; the title's year may be wrong` };
  }
  const p = id.period!;
  if (titleYear === null || p.from.year === titleYear) {
    return { zh: `统计期限应为同一年的1月1日至12月31日`, en: 'The statistics period should run from 1 January to 31 December of one year' };
  }
  return { zh: `统计期限应为 ${year}年1月1日至${year}年12月31日`, en: `The statistics period should be 1 January to 31 December ${year}` };
}
