// Parts of the format that both versions share: the six sections, the columns of table 三 and
// the whole of table 四. Version files import these pieces and add what differs.
import type { BlockDef, CellRef, ColumnDef, ProseClaimDef, RelationDef, RowDef, SectionDef, TableDef } from './types';

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
/** A negation that states none, not "未经（复议）" (without prior review) nor "无论" (whether). */
const NEGATION = '(?:未(?!经)|没有|无(?!论))';
const t3 = (row: string): CellRef => ({ table: 't3', block: 'main', row, column: 'total' });
const t4 = (group: string): CellRef => ({ table: 't4', block: 'main', row: 'cases', column: `${group}_total` });

export const PROSE_CLAIMS: ProseClaimDef[] = [
  {
    id: 'applications',
    subject: { zh: '收到的政府信息公开申请', en: 'information disclosure applications received' },
    mentions: '申请',
    patterns: [
      // Not a count of applications together with something else ("申请和咨询共30件").
      { re: new RegExp(`(?:收到|受理|接收|接到)[^,;。]{0,15}?申请[^,;。\\d零〇一二两三四五六七八九十、和及与咨]{0,8}?${COUNT}`) },
      { re: /(?:未|没有|无)(?:收到|受理|接收|接到)[^,;。]{0,15}?申请/, none: true },
    ],
    sums: [[t3('new')], [t3('new'), t3('carried')]],
  },
  {
    id: 'reviews',
    subject: { zh: '行政复议', en: 'administrative reviews' },
    mentions: '复议',
    patterns: [
      { re: new RegExp(`行政复议[^,;。\\d零〇一二两三四五六七八九十、和及与诉]{0,8}?${COUNT}`) },
      { re: new RegExp(`${NEGATION}[^,;。]{0,20}?行政复议`), none: true },
    ],
    sums: [[t4('review')]],
  },
  {
    id: 'lawsuits',
    subject: { zh: '行政诉讼', en: 'administrative lawsuits' },
    mentions: '诉讼',
    patterns: [
      // Not a count of reviews and lawsuits together ("行政复议和行政诉讼共3件").
      { re: new RegExp(`(?<!复议[、和及与])行政诉讼[^,;。\\d零〇一二两三四五六七八九十、和及与]{0,8}?${COUNT}`) },
      { re: new RegExp(`${NEGATION}[^,;。]{0,20}?行政诉讼`), none: true },
    ],
    sums: [[t4('direct'), t4('after')]],
  },
];
