// Parts of the format that both versions share: the six sections, the columns of table 三 and
// the whole of table 四. Version files import these pieces and add what differs.
import type { BlockDef, CellRef, ColumnDef, ProseClaimDef, ProseTopicDef, RelationDef, RowDef, SectionDef, TableDef } from './types';

export const SECTIONS: SectionDef[] = [
  { id: 1, heading: '一、总体情况', keywords: [['总体情况', '基本情况', '总体']], variants: ['工作基本情况', '基本情况', '概述'] },
  { id: 2, heading: '二、主动公开政府信息情况', keywords: [['主动公开']], variants: ['主动公开情况'], table: 't2' },
  {
    id: 3,
    heading: '三、收到和处理政府信息公开申请情况',
    keywords: [['申请'], ['收到', '处理', '依申请']],
    variants: ['依申请公开情况', '依申请公开政府信息情况'],
    table: 't3',
  },
  {
    id: 4,
    heading: '四、政府信息公开行政复议、行政诉讼情况',
    keywords: [['复议', '诉讼']],
    variants: ['因政府信息公开工作被申请行政复议、提起行政诉讼情况', '政府信息公开行政复议和行政诉讼情况'],
    table: 't4',
  },
  {
    id: 5,
    heading: '五、存在的主要问题及改进情况',
    keywords: [['问题'], ['改进', '整改']],
    variants: ['政府信息公开工作存在的主要问题及改进情况', '存在问题及改进情况', '存在的主要问题和改进情况'],
  },
  {
    id: 6,
    heading: '六、其他需要报告的事项',
    keywords: [['其他', '其它'], ['事项', '情况']],
    variants: ['其他需要报告的情况', '其他事项'],
  },
];

export const T3_COLUMNS: ColumnDef[] = [
  { id: 'natural', label: '自然人', kind: 'count' },
  { id: 'business', label: '商业企业', kind: 'count' },
  { id: 'research', label: '科研机构', kind: 'count' },
  { id: 'nonprofit', label: '社会公益组织', kind: 'count' },
  { id: 'legal', label: '法律服务机构', kind: 'count' },
  { id: 'other', label: '其他', kind: 'count' },
  { id: 'total', label: '总计', kind: 'count' },
];

/** Table 三 rows from 一 to （五）; the versions differ only from （六） on. */
export const T3_ROWS_HEAD: RowDef[] = [
  { id: 'new', label: '一、本年新收政府信息公开申请数量', name: '一、本年新收申请' },
  { id: 'carried', label: '二、上年结转政府信息公开申请数量', name: '二、上年结转申请' },
  { id: 'results', label: '三、本年度办理结果', group: true },
  { id: 'r1', label: '（一）予以公开' },
  { id: 'r2', label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', name: '（二）部分公开' },
  { id: 'r3', label: '（三）不予公开', group: true },
  { id: 'r3_1', label: '1.属于国家秘密', name: '（三）1.属于国家秘密' },
  { id: 'r3_2', label: '2.其他法律行政法规禁止公开', name: '（三）2.其他法律行政法规禁止公开' },
  { id: 'r3_3', label: '3.危及“三安全一稳定”', name: '（三）3.危及“三安全一稳定”' },
  { id: 'r3_4', label: '4.保护第三方合法权益', name: '（三）4.保护第三方合法权益' },
  { id: 'r3_5', label: '5.属于三类内部事务信息', name: '（三）5.属于三类内部事务信息' },
  { id: 'r3_6', label: '6.属于四类过程性信息', name: '（三）6.属于四类过程性信息' },
  { id: 'r3_7', label: '7.属于行政执法案卷', name: '（三）7.属于行政执法案卷' },
  { id: 'r3_8', label: '8.属于行政查询事项', name: '（三）8.属于行政查询事项' },
  { id: 'r4', label: '（四）无法提供', group: true },
  { id: 'r4_1', label: '1.本机关不掌握相关政府信息', name: '（四）1.本机关不掌握相关政府信息' },
  { id: 'r4_2', label: '2.没有现成信息需要另行制作', name: '（四）2.没有现成信息需要另行制作' },
  { id: 'r4_3', label: '3.补正后申请内容仍不明确', name: '（四）3.补正后申请内容仍不明确' },
  { id: 'r5', label: '（五）不予处理', group: true },
  { id: 'r5_1', label: '1.信访举报投诉类申请', name: '（五）1.信访举报投诉类申请' },
  { id: 'r5_2', label: '2.重复申请', name: '（五）2.重复申请' },
  { id: 'r5_3', label: '3.要求提供公开出版物', name: '（五）3.要求提供公开出版物' },
  { id: 'r5_4', label: '4.无正当理由大量反复申请', name: '（五）4.无正当理由大量反复申请' },
  { id: 'r5_5', label: '5.要求行政机关确认或重新出具已获取信息', name: '（五）5.要求行政机关确认或重新出具已获取信息' },
];

/** Table 三 rows after （六）. */
export const T3_ROWS_TAIL: RowDef[] = [
  { id: 'r7', label: '（七）总计' },
  { id: 'carry_over', label: '四、结转下年度继续办理', name: '四、结转下年度继续办理' },
];

export const T3_LEAVES_HEAD = ['r1', 'r2', 'r3_1', 'r3_2', 'r3_3', 'r3_4', 'r3_5', 'r3_6', 'r3_7', 'r3_8', 'r4_1', 'r4_2', 'r4_3', 'r5_1', 'r5_2', 'r5_3', 'r5_4', 'r5_5'];

const T4_RESULTS: [string, string][] = [
  ['upheld', '结果维持'],
  ['corrected', '结果纠正'],
  ['other', '其他结果'],
  ['pending', '尚未审结'],
  ['total', '总计'],
];
const T4_GROUPS: [string, string][] = [
  ['review', '行政复议'],
  ['direct', '行政诉讼（未经复议直接起诉）'],
  ['after', '行政诉讼（复议后起诉）'],
];

export const T4_BLOCK: BlockDef = {
  id: 'main',
  columns: T4_GROUPS.flatMap(([g, gl]) => T4_RESULTS.map(([r, rl]) => ({ id: `${g}_${r}`, label: `${gl}·${rl}`, kind: 'count' as const }))),
  rows: [{ id: 'cases', label: '案件数', unlabeled: true }],
};

export const T4_TABLE: TableDef = { id: 't4', name: '表四（行政复议、行政诉讼情况）', nameEn: 'table 四 (administrative review and litigation)', section: 4, blocks: [T4_BLOCK] };

export const T4_RELATIONS: RelationDef[] = T4_GROUPS.map(([g]) => ({
  kind: 'row-sum' as const,
  id: 'T4-group',
  table: 't4' as const,
  block: 'main',
  total: `${g}_total`,
  parts: [`${g}_upheld`, `${g}_corrected`, `${g}_other`, `${g}_pending`],
}));

export function t3Relations(leaves: string[]): RelationDef[] {
  return [
    {
      kind: 'row-sum',
      id: 'T3-row',
      table: 't3',
      block: 'main',
      total: 'total',
      parts: ['natural', 'business', 'research', 'nonprofit', 'legal', 'other'],
    },
    { kind: 'column-sum', id: 'T3-results', table: 't3', block: 'main', total: 'r7', parts: leaves },
    { kind: 'balance', id: 'T3-balance', table: 't3', block: 'main', left: ['new', 'carried'], right: ['r7', 'carry_over'], anchor: 'r7' },
  ];
}

// ---------------------------------------------------------------------------------------------
// What the prose says about the tables (the same in both versions)

/** A count in prose: Arabic digits or Chinese numerals, then a measure word. */
const COUNT = '(\\d+|[零〇一二两三四五六七八九十百]+)(?:件|条|个|份|宗|起|次|项|例)';
/** Between a claim's words and its count: no other number, no "和/及/与/、" joining another subject. */
const GAP = (n: number, more = '') => `[^,;。\\d零〇一二两三四五六七八九十、和及与${more}]{0,${n}}?`;
/** A negation that states none, not "未经（复议）" (without prior review) nor "无论" (whether). */
const NEGATION = '(?:未(?!经)|没有|无(?!论))';
const t3 = (row: string): CellRef => ({ table: 't3', block: 'main', row, column: 'total' });
const t4 = (column: string): CellRef => ({ table: 't4', block: 'main', row: 'cases', column });

/** What a percentage of a result of table 三 is of: all handled, the new ones, or those and last year's. */
const T3_BASES: CellRef[][] = [[t3('r7')], [t3('new')], [t3('new'), t3('carried')]];

const OUTCOMES: { id: string; zh: string; en: string; column: string; words: string }[] = [
  { id: 'upheld', zh: '结果维持', en: 'upheld', column: 'upheld', words: '(?:结果)?维持' },
  { id: 'corrected', zh: '结果纠正', en: 'corrected', column: 'corrected', words: '(?:结果)?纠正' },
  { id: 'other', zh: '其他结果', en: 'other outcome', column: 'other', words: '其他结果' },
  { id: 'pending', zh: '尚未审结', en: 'pending', column: 'pending', words: '(?:尚)?未审结' },
];

/** Outcome claims of reviews ("行政复议…其中结果维持72件") and of lawsuits (both kinds added). */
function outcomeClaims(): ProseClaimDef[] {
  const out: ProseClaimDef[] = [];
  for (const o of OUTCOMES) {
    // Words whose first character is rare in prose (a block is scanned for them character by character).
    const mentions = o.id === 'other' ? '他结果' : o.id === 'pending' ? '审结' : o.words.slice(-2);
    out.push({
      id: `review-${o.id}`,
      subject: { zh: `行政复议${o.zh}`, en: `administrative reviews ${o.en}` },
      mentions,
      patterns: [{ re: new RegExp(`${o.words}${GAP(4)}${COUNT}`) }],
      sums: [[t4(`review_${o.column}`)]],
      topic: 'review',
      percentOf: [[t4('review_total')]],
    });
    out.push({
      id: `lawsuit-${o.id}`,
      subject: { zh: `行政诉讼${o.zh}`, en: `administrative lawsuits ${o.en}` },
      mentions,
      patterns: [{ re: new RegExp(`${o.words}${GAP(4)}${COUNT}`) }],
      sums: [[t4(`direct_${o.column}`), t4(`after_${o.column}`)]],
      topic: 'lawsuit',
      percentOf: [[t4('direct_total'), t4('after_total')]],
    });
  }
  return out;
}

/** A result category of table 三 stated with its count ("不予公开3件", "无法提供12件"). */
function resultClaim(id: string, zh: string, en: string, words: string, mentions: string, rows: string[]): ProseClaimDef {
  return {
    id,
    subject: { zh, en },
    mentions,
    patterns: [{ re: new RegExp(`${words}${GAP(4)}${COUNT}`) }],
    sums: [rows.map(t3)],
    percentOf: T3_BASES,
  };
}

/**
 * The figures the prose states about the tables, in both versions; `otherLeaves`: the rows of
 * （六）其他处理 (2019: one; 2021: three).
 */
export function proseClaims(otherLeaves: string[]): ProseClaimDef[] {
  return [
    {
      id: 'applications',
      subject: { zh: '收到的政府信息公开申请', en: 'information disclosure applications received' },
      mentions: '申请',
      patterns: [
        // Not a count of applications together with something else ("申请和咨询共30件").
        { re: new RegExp(`(?:收到|受理|接收|接到|新收|办理)[^,;。]{0,15}?申请${GAP(8, '咨')}${COUNT}`) },
        { re: /(?:未|没有|无)(?:收到|受理|接收|接到)[^,;。]{0,15}?申请/, none: true },
      ],
      sums: [[t3('new')], [t3('new'), t3('carried')]],
      // A part of the body's applications: "区政府办代表区政府受理…17件" (洪泽 2024, whose table
      // counts the whole district's 95), "其中…", "本级…".
      unless: /代表|其中|本级/,
    },
    {
      id: 'carried',
      subject: { zh: '上年结转的申请', en: 'applications carried over from last year' },
      mentions: '结转',
      patterns: [{ re: new RegExp(`上一?年度?结转${GAP(10)}${COUNT}`) }],
      sums: [[t3('carried')]],
    },
    ...['下年度', '下一年度'].map(
      (next): ProseClaimDef => ({
        id: 'carry-over',
        subject: { zh: '结转下年度的申请', en: 'applications carried over to next year' },
        mentions: next,
        patterns: [
          { re: new RegExp(`(?:结转|顺延|转入|转)(?:至|到|入)?${next}${GAP(10)}${COUNT}`) },
          // "另有103件顺延到下年度答复".
          { re: new RegExp(`${COUNT}${GAP(6)}(?:结转|顺延|转入)(?:至|到|入)?${next}`) },
        ],
        sums: [[t3('carry_over')]],
      }),
    ),
    {
      id: 'completed',
      subject: { zh: '办结的申请', en: 'applications completed' },
      mentions: '办结',
      // Not "已办结上年结转申请3件" (last year's alone), nor a rate.
      patterns: [{ re: new RegExp(`办结(?![^,;。]{0,12}?结转)${GAP(10, '率')}${COUNT}`) }],
      sums: [[t3('r7')], [t3('new'), t3('carried')]],
    },
    {
      id: 'answered',
      subject: { zh: '答复的申请', en: 'applications answered' },
      mentions: '答复',
      // "答复 3050 件（含上年度结转申请 34 件" (淮安 2024): the applications handled.
      patterns: [{ re: new RegExp(`答复${GAP(4, '率')}${COUNT}`) }],
      sums: [[t3('r7')], [t3('new'), t3('carried')]],
    },
    {
      id: 'all-completed',
      subject: { zh: '申请均已办结', en: 'all applications completed' },
      mentions: '办结',
      // "均已办结", "全部按时办结", "均在法定期限内办结" — not followed by a count (that is a count).
      patterns: [{ re: /(?:均|全部|都)(?:已经?)?[^,;。\d]{0,8}?办结(?![^,;。]{0,6}?\d)/, none: true }],
      sums: [[t3('carry_over')]],
      unless: /上年|结转|复议|诉讼/,
    },
    // The words looked for (`mentions`) start with a character rare in prose: 以公开, not 予以公开.
    resultClaim('granted', '予以公开', 'disclosed', '(?<!不)予以公开', '以公开', ['r1']),
    resultClaim('granted-or-partly', '予以公开及部分公开', 'disclosed in full or in part', '予以公开[及和与、]部分公开', '分公开', ['r1', 'r2']),
    resultClaim('partly', '部分公开', 'disclosed in part', '(?<!予以公开[及和与、])部分公开', '分公开', ['r2']),
    resultClaim('refused', '不予公开', 'refused', '不予公开', '予公开', ['r3_1', 'r3_2', 'r3_3', 'r3_4', 'r3_5', 'r3_6', 'r3_7', 'r3_8']),
    resultClaim('unavailable', '无法提供', 'unavailable', '无法提供', '法提供', ['r4_1', 'r4_2', 'r4_3']),
    resultClaim('not-processed', '不予处理', 'not processed', '不予处理', '予处理', ['r5_1', 'r5_2', 'r5_3', 'r5_4', 'r5_5']),
    resultClaim('other-handling', '其他处理', 'otherwise handled', '其他处理', '他处理', otherLeaves),
    {
      id: 'reviews',
      subject: { zh: '行政复议', en: 'administrative reviews' },
      mentions: '复议',
      patterns: [
        { re: new RegExp(`行政复议${GAP(8, '诉')}${COUNT}`) },
        { re: new RegExp(`${NEGATION}[^,;。]{0,20}?行政复议`), none: true },
      ],
      sums: [[t4('review_total')]],
    },
    {
      id: 'lawsuits',
      subject: { zh: '行政诉讼', en: 'administrative lawsuits' },
      mentions: '诉讼',
      patterns: [
        // Not a count of reviews and lawsuits together ("行政复议和行政诉讼共3件").
        { re: new RegExp(`(?<!复议[、和及与])行政诉讼${GAP(8)}${COUNT}`) },
        { re: new RegExp(`${NEGATION}[^,;。]{0,20}?行政诉讼`), none: true },
      ],
      sums: [[t4('direct_total'), t4('after_total')]],
    },
    ...outcomeClaims(),
  ];
}

/** Review or lawsuit: what the outcome claims depend on ("复议后起诉" is a lawsuit). */
export const PROSE_TOPICS: ProseTopicDef[] = [
  { id: 'review', re: /复议(?!后)/g },
  { id: 'lawsuit', re: /诉讼|起诉/g },
];

/** "占36.5%", "比例为12%", "占比3.2%" (compacted: ％ folded to %). */
export const PROSE_PERCENT = { re: /(?:占|比例为|比例是|占比为?|比重为?)[^,;。\d]{0,4}?(\d+(?:\.\d+)?)%/, mentions: '%' };
