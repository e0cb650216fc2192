import type { SectionNode } from '../model';
import { CompactMatcher, foldNFKC } from '../text';
import type { Rule } from './types';

/**
 * Sections reviewers mark down as thin (spec §8, "Thin sections"): 五 must say what the problems
 * are and what is done about them (empty, "无" or one short sentence is a warning); 一 of a 2021
 * report should cover the five topics of the 2021 format notice (a missing one is information).
 */
export const thinSection: Rule = {
  meta: {
    id: 'thin-section',
    description: {
      zh: '第五部分（存在的主要问题及改进情况）为空、为“无”或只有一句短话；2021 版报告的总体情况缺少主动公开、依申请公开、政府信息管理、平台建设、监督保障之一',
      en: 'Section 五 (problems and improvements) is empty, "无" or one short sentence; 一 of a 2021 report leaves out one of 主动公开, 依申请公开, 政府信息管理, 平台建设, 监督保障',
    },
    defaultSeverity: 'warning',
    fix: 'none',
  },
  check(ctx) {
    const { report, t } = ctx;
    const five = report.sections.find((s) => s.def.id === 5);
    if (five && isThin(report.text, five.end, five.bodyEnd)) {
      const body = prose(report.text, five);
      const chars = body.replace(/[^\u4e00-\u9fff\d]/g, '');
      const sentences = body.split(/[。！？!?；;]/).filter((x) => /[\u4e00-\u9fff]/.test(x)).length;
      const none = chars.length === 0 || NONE_RE.test(chars);
      if (none || (sentences <= 1 && chars.length < SHORT_SENTENCE)) {
        ctx.add({
          message: t(
            none
              ? `「${five.text}」${chars.length === 0 ? '没有内容' : `只写了「${clip(body)}」`}：应写明存在的主要问题及改进措施`
              : `「${five.text}」只有一句话（${chars.length} 字）：应写明存在的主要问题及改进措施`,
            none
              ? `"${five.text}" ${chars.length === 0 ? 'is empty' : `says only "${clip(body)}"`}: it should state the main problems and what is done about them`
              : `"${five.text}" is one sentence (${chars.length} characters): it should state the main problems and what is done about them`,
          ),
          start: five.start,
          end: five.end,
          data: { section: 5, characters: chars.length, sentences },
        });
      }
    }
    // 一 of a 2021 report: the five topics of the 2021 format notice.
    const one = report.sections.find((s) => s.def.id === 1);
    if (!one || report.formatVersion !== '2021' || (report.year !== null && report.year < 2021)) return;
    // Words looked for across spaces and line breaks, without making the section's text.
    const found = TOPIC_MATCHER.find(report.text, one.end, one.bodyEnd);
    const missing = TOPICS.filter((tp) => !tp.words.some((w) => found[TOPIC_WORDS.indexOf(w)] === 1));
    if (missing.length === 0) return;
    ctx.add({
      severity: 'information',
      message: t(
        () => `「${one.text}」未提及${missing.map((m) => m.name).join('、')}：2021 版格式要求总体情况涵盖主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障`,
        () => `"${one.text}" does not mention ${missing.map((m) => m.name).join(', ')}: the 2021 format has 一 cover 主动公开, 依申请公开, 政府信息管理, 政府信息公开平台建设 and 监督保障`,
      ),
      start: one.start,
      end: one.end,
      data: { section: 1, missing: missing.map((m) => m.name) },
    });
  },
};

/** Fewer ideographs and digits than this in one sentence is "a single short sentence". */
const SHORT_SENTENCE = 40;

/** What says "nothing" (whole body, compacted to ideographs and digits). */
const NONE_RE = /^(?:无|暂无|没有|无问题|无相关问题|本年度无|无其他|无其他事项|无存在问题)$/;

/** The topics of 一 in the 2021 format notice, each with words that show it is covered. */
const TOPICS: { name: string; words: string[] }[] = [
  { name: '主动公开', words: ['主动公开'] },
  { name: '依申请公开', words: ['依申请', '申请公开', '公开申请'] },
  { name: '政府信息管理', words: ['信息管理'] },
  { name: '平台建设', words: ['平台'] },
  { name: '监督保障', words: ['监督'] },
];

const TOPIC_WORDS = [...new Set(TOPICS.flatMap((tp) => tp.words))];
const TOPIC_MATCHER = new CompactMatcher(TOPIC_WORDS);

/**
 * Whether [start, end) could be thin: fewer than SHORT_SENTENCE ideographs and digits (more are
 * neither a word that says nothing nor one short sentence). Stops counting there: most sections
 * are read no further than their first lines.
 */
function isThin(text: string, start: number, end: number): boolean {
  let chars = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (((c >= 0x4e00 && c <= 0x9fff) || (c >= 48 && c <= 57)) && ++chars >= SHORT_SENTENCE) return false;
  }
  return true;
}

/** A section's text after its heading, whitespace dropped (line wraps of PDF text joined). */
function prose(text: string, s: SectionNode): string {
  return foldNFKC(text.slice(s.end, s.bodyEnd)).replace(/[\s\ufeff\u200b]+/g, '');
}

function clip(s: string): string {
  return s.length > 20 ? s.slice(0, 20) + '…' : s;
}
