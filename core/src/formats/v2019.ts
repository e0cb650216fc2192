// 国办公开办函〔2019〕60号《中华人民共和国政府信息公开工作年度报告格式（试行）》: report years 2019, 2020.
import { PROSE_PERCENT, PROSE_TOPICS, proseClaims, SECTIONS, T3_COLUMNS, T3_LEAVES_HEAD, T3_ROWS_HEAD, T3_ROWS_TAIL, T4_RELATIONS, T4_TABLE, t3Relations } from './common';
import type { ColumnDef, FormatDef } from './types';

const MADE: ColumnDef[] = [
  { id: 'made', label: '本年新制作数量', kind: 'count' },
  { id: 'published', label: '本年新公开数量', kind: 'count' },
  { id: 'in_force', label: '对外公开总数量', kind: 'count' },
];
const ITEMS: ColumnDef[] = [
  { id: 'previous', label: '上一年项目数量', kind: 'count' },
  { id: 'change', label: '本年增/减', kind: 'signed' },
  { id: 'decisions', label: '处理决定数量', kind: 'count' },
];

export const FORMAT_2019: FormatDef = {
  version: '2019',
  source: '国办公开办函〔2019〕60号',
  years: { from: 2019, to: 2020 },
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
          columns: MADE,
          rows: [
            { id: 'rules', label: '规章' },
            { id: 'normative', label: '规范性文件', aliases: ['行政规范性文件'] },
          ],
        },
        {
          id: 'b5',
          title: '第二十条第（五）项',
          ordinal: '五',
          columns: ITEMS,
          rows: [
            { id: 'licensing', label: '行政许可' },
            { id: 'other_services', label: '其他对外管理服务事项' },
          ],
        },
        {
          id: 'b6',
          title: '第二十条第（六）项',
          ordinal: '六',
          columns: ITEMS,
          rows: [
            { id: 'penalty', label: '行政处罚' },
            { id: 'enforcement', label: '行政强制' },
          ],
        },
        { id: 'b8', title: '第二十条第（八）项', ordinal: '八', columns: ITEMS.slice(0, 2), rows: [{ id: 'fees', label: '行政事业性收费' }] },
        {
          id: 'b9',
          title: '第二十条第（九）项',
          ordinal: '九',
          columns: [
            { id: 'projects', label: '采购项目数量', kind: 'count' },
            { id: 'amount', label: '采购总金额', kind: 'money' },
          ],
          rows: [{ id: 'procurement', label: '政府集中采购' }],
        },
      ],
    },
    {
      id: 't3',
      name: '表三（收到和处理政府信息公开申请情况）',
      nameEn: 'table 三 (requests received and handled)',
      section: 3,
      blocks: [{ id: 'main', columns: T3_COLUMNS, rows: [...T3_ROWS_HEAD, { id: 'r6', label: '（六）其他处理' }, ...T3_ROWS_TAIL] }],
    },
    T4_TABLE,
  ],
  relations: [...t3Relations([...T3_LEAVES_HEAD, 'r6']), ...T4_RELATIONS],
  claims: proseClaims(['r6']),
  topics: PROSE_TOPICS,
  percent: PROSE_PERCENT,
  markers: ['本年新制作数量', '本年新公开数量', '对外公开总数量', '上一年项目数量', '本年增/减', '第二十条第(九)项', '采购项目数量', '采购总金额', '政府集中采购'],
};
