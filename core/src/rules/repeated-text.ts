import type { SectionNode } from '../model';
import { isSpaceCode } from '../text';
import type { Rule } from './types';
import { labelOf, lastYear } from './util';

/** Sections whose prose is compared with last year's: 一 (总体情况) and 五 (问题及改进). */
const SECTIONS = [1, 5];
/** Sentences shorter than this (ideographs and digits) are headings or formulas: not compared. */
const MIN_SENTENCE = 10;
/** A section of less prose than this is thin-section's business, not this rule's. */
const MIN_SECTION = 50;
/** More than this share of the section's prose, repeated: a finding. */
const SHARE = 0.5;

/**
 * The standard sentences of a report, written alike by every body and every year: not counted as
 * repeated (spec §8, "boilerplate aside").
 */
const STANDARD = [/统计期限/, /如对本报告有/, /报告如下/, /本报告(?:中所列|所列|的电子版|由|根据)/, /政府信息公开条例.{0,30}(?:要求|规定)(?:编制|制作)/];

interface Sentence {
  /** Compacted, years as "#" (a sentence copied with its year changed is still copied). */
  key: string;
  /** Ideographs and digits. */
  size: number;
  start: number;
  end: number;
}

/**
 * More than half of the prose of 一 or 五 identical to last year's report, sentence by sentence
 * (spec §8: reviewers mark down reports "over 50 % repeated from last year"). Standard sentences
 * and short ones (sub-headings) are left out; a year written in a sentence does not count.
 */
export const repeatedText: Rule = {
  meta: {
    id: 'repeated-text',
    description: {
      zh: '总体情况或存在的主要问题及改进情况中一半以上的文字与上年报告相同（逐句比较，标准表述除外）',
      en: "More than half of the prose of 一 or 五 is the same as last year's report (sentence by sentence, standard sentences aside)",
    },
    defaultSeverity: 'warning',
    fix: 'none',
  },
  check(ctx) {
    const prev = lastYear(ctx);
    if (!prev) return;
    const { report, t } = ctx;
    for (const id of SECTIONS) {
      const here = report.sections.find((s) => s.def.id === id);
      const there = prev.report.sections.find((s) => s.def.id === id);
      if (!here || !there) continue;
      const mine = sentencesOf(report.text, here);
      let total = 0;
      for (const s of mine) total += s.size;
      if (total < MIN_SECTION) continue;
      const before = new Map<string, Sentence>();
      for (const s of sentencesOf(prev.report.text, there)) if (!before.has(s.key)) before.set(s.key, s);
      let same = 0;
      const pairs: [Sentence, Sentence][] = [];
      for (const s of mine) {
        const b = before.get(s.key);
        if (!b) continue;
        same += s.size;
        pairs.push([s, b]);
      }
      if (same <= total * SHARE) continue;
      const pct = Math.round((100 * same) / total);
      ctx.add({
        message: t(
          `「${here.text}」有 ${pct}% 的文字与上年报告（${labelOf(prev)}）相同（${mine.length} 句中 ${pairs.length} 句）`,
          `${pct}% of "${here.text}" is the same as in last year's report (${labelOf(prev)}): ${pairs.length} of ${mine.length} sentences`,
        ),
        start: here.start,
        end: here.end,
        related: pairs.slice(0, 3).map(([, b]) => ({ start: b.start, end: b.end, message: t(`上年报告中的同一句（${labelOf(prev)}）`, `The same sentence last year (${labelOf(prev)})`), file: prev.name })),
        data: { section: id, share: same / total, sentences: mine.length, repeated: pairs.length, previousFile: prev.name },
      });
    }
  },
};

/** The sentences of a section's prose (after its heading), standard and short ones left out. */
function sentencesOf(text: string, s: SectionNode): Sentence[] {
  const out: Sentence[] = [];
  let key = '';
  let size = 0;
  let start = -1;
  let end = -1;
  for (let i = s.end; i <= s.bodyEnd; i++) {
    const c = i < s.bodyEnd ? text.charCodeAt(i) : 0x3002;
    if (c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0xff1b || c === 33 || c === 63 || c === 59) {
      if (size >= MIN_SENTENCE && !STANDARD.some((re) => re.test(key))) out.push({ key: key.replace(/(?:19|20)\d\d(?=年)/g, '#'), size, start, end });
      key = '';
      size = 0;
      start = -1;
      continue;
    }
    if (isSpaceCode(c)) continue;
    if (start < 0) start = i;
    end = i + 1;
    key += text[i];
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 48 && c <= 57)) size++;
  }
  return out;
}
