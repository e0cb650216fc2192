// 国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》: report years 2021 onward.
import { PROSE_PERCENT, PROSE_TOPICS, proseClaims, SECTIONS, T3_COLUMNS, T3_LEAVES_HEAD, T3_ROWS_HEAD, T3_ROWS_TAIL, T4_RELATIONS, T4_TABLE, t3Relations } from './common';
import type { ColumnDef, FormatDef } from './types';

const DECISIONS: ColumnDef[] = [{ id: 'decisions', label: '本年处理决定数量', kind: 'count' }];

export const FORMAT_2021: FormatDef = {
  version: '2021',
  source: '国办公开办函〔2021〕30号',
  years: { from: 2021 },
  sections: SECTIONS,
  tables: [
    {
      id: 't2',
      name: '表二（主动公开政府信息情况）',
      nameEn: 'table 二 (proactive disclosure)',
      section: 2,
      blocks: [
        {
          id: 'b1',
          title: '第二十条第（一）项',
          ordinal: '一',
          columns: [
            { id: 'issued', label: '本年制发件数', kind: 'count' },
            { id: 'repealed', label: '本年废止件数', kind: 'count' },
            { id: 'in_force', label: '现行有效件数', kind: 'count' },
          ],
          rows: [
            { id: 'rules', label: '规章' },
            // Reports often keep the 2019 wording; accepted, with a format-version warning.
            { id: 'normative', label: '行政规范性文件', aliases: ['规范性文件'] },
          ],
        },
        { id: 'b5', title: '第二十条第（五）项', ordinal: '五', columns: DECISIONS, rows: [{ id: 'licensing', label: '行政许可' }] },
        {
          id: 'b6',
          title: '第二十条第（六）项',
          ordinal: '六',
          columns: DECISIONS,
          rows: [
            { id: 'penalty', label: '行政处罚' },
            { id: 'enforcement', label: '行政强制' },
          ],
        },
        {
          id: 'b8',
          title: '第二十条第（八）项',
          ordinal: '八',
          columns: [{ id: 'fee_amount', label: '本年收费金额（单位：万元）', kind: 'money' }],
          rows: [{ id: 'fees', label: '行政事业性收费' }],
        },
      ],
    },
    {
      id: 't3',
      name: '表三（收到和处理政府信息公开申请情况）',
      nameEn: 'table 三 (requests received and handled)',
      section: 3,
      blocks: [
        {
          id: 'main',
          columns: T3_COLUMNS,
          rows: [
            ...T3_ROWS_HEAD,
            { id: 'r6', label: '（六）其他处理', group: true },
            {
              id: 'r6_1',
              label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
              name: '（六）1.申请人逾期不补正',
            },
            {
              id: 'r6_2',
              label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
              name: '（六）2.申请人逾期未缴费',
            },
            { id: 'r6_3', label: '3.其他', name: '（六）3.其他', foreign: { version: '2019', label: '（六）其他处理', covers: ['r6_1', 'r6_2'] } },
            ...T3_ROWS_TAIL,
          ],
        },
      ],
    },
    T4_TABLE,
  ],
  relations: [...t3Relations([...T3_LEAVES_HEAD, 'r6_1', 'r6_2', 'r6_3']), ...T4_RELATIONS],
  claims: proseClaims(['r6_1', 'r6_2', 'r6_3']),
  topics: PROSE_TOPICS,
  percent: PROSE_PERCENT,
  markers: ['本年制发件数', '本年废止件数', '现行有效件数', '本年处理决定数量', '本年收费金额', '逾期不补正', '逾期未按收费通知'],
};
