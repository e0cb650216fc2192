// Writes the hand-checked 2021-version fixtures in several layouts from one set of numbers
// whose sums hold. Run once: npx tsx scripts/make-2021-fixtures.ts; the outputs are committed.
import { writeFileSync } from 'node:fs';
import { FORMATS } from '../core/src';

const f = FORMATS['2021'];
const t3 = f.tables.find((t) => t.id === 't3')!.blocks[0];
// Parts (自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他) per leaf row.
const leaves: Record<string, number[]> = {
  r1: [20, 3, 0, 1, 0, 2],
  r2: [4, 1, 0, 0, 0, 0],
  r3_1: [0, 0, 0, 0, 0, 0],
  r3_2: [1, 0, 0, 0, 0, 0],
  r3_3: [0, 0, 0, 0, 0, 0],
  r3_4: [2, 0, 0, 0, 0, 0],
  r3_5: [0, 0, 0, 0, 0, 0],
  r3_6: [1, 0, 0, 0, 0, 0],
  r3_7: [0, 0, 0, 0, 0, 0],
  r3_8: [0, 0, 0, 0, 0, 0],
  r4_1: [6, 1, 0, 0, 0, 1],
  r4_2: [0, 0, 0, 0, 0, 0],
  r4_3: [1, 0, 0, 0, 0, 0],
  r5_1: [2, 0, 0, 0, 0, 0],
  r5_2: [1, 0, 0, 0, 0, 0],
  r5_3: [0, 0, 0, 0, 0, 0],
  r5_4: [0, 0, 0, 0, 0, 0],
  r5_5: [0, 0, 0, 0, 0, 0],
  r6_1: [1, 0, 0, 0, 0, 0],
  r6_2: [0, 0, 0, 0, 0, 0],
  r6_3: [1, 0, 0, 0, 0, 0],
};
const withTotal = (p: number[]) => [...p, p.reduce((a, b) => a + b, 0)];
const r7 = [0, 1, 2, 3, 4, 5].map((k) => Object.values(leaves).reduce((s, v) => s + v[k], 0));
const carryOver = [2, 1, 0, 0, 0, 0];
const carried = [1, 0, 0, 0, 0, 0];
// 一 + 二 = 七 + 四  →  一 = 七 + 四 − 二
const newly = r7.map((v, k) => v + carryOver[k] - carried[k]);
const rows: Record<string, number[]> = { new: withTotal(newly), carried: withTotal(carried), r7: withTotal(r7), carry_over: withTotal(carryOver) };
for (const [id, v] of Object.entries(leaves)) rows[id] = withTotal(v);
const t4 = [2, 1, 0, 1, 4, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0];

const t2Rows: [string, string, (string | number)[]][] = [
  ['第二十条第（一）项', '信息内容\t本年制发件数\t本年废止件数\t现行有效件数', []],
  ['', '规章', [0, 0, 3]],
  ['', '行政规范性文件', [5, 2, 41]],
  ['第二十条第（五）项', '信息内容\t本年处理决定数量', []],
  ['', '行政许可', [1326]],
  ['第二十条第（六）项', '信息内容\t本年处理决定数量', []],
  ['', '行政处罚', [87]],
  ['', '行政强制', [4]],
  ['第二十条第（八）项', '信息内容\t本年收费金额（单位：万元）', []],
  ['', '行政事业性收费', ['12.5']],
];

type Layout = 'tabs' | 'cells' | 'pipes' | 'spaces';
function render(layout: Layout): string {
  const out: string[] = [];
  const row = (label: string, values: (string | number)[]) => {
    if (layout === 'tabs') out.push([label, ...values].join('\t'));
    else if (layout === 'pipes') out.push(`| ${[label, ...values].join(' | ')} |`);
    else if (layout === 'spaces') out.push([label, ...values].join('   '));
    else {
      out.push('\t\u3000\u3000' + label);
      for (const v of values) out.push('\t\u3000\u3000' + v);
      out.push('');
    }
  };
  out.push('示例市示例区人民政府2021年政府信息公开工作年度报告');
  out.push('');
  out.push('本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。');
  out.push('一、总体情况');
  out.push('2021年，我区认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开、依申请公开、政府信息管理、平台建设、监督保障各项工作有序推进。');
  out.push('二、主动公开政府信息情况');
  for (const [title, header, values] of t2Rows) {
    if (title) {
      out.push(layout === 'cells' ? '\t\u3000\u3000' + title : title);
      if (layout === 'cells') out.push('');
      if (layout === 'cells') {
        for (const h of header.split('\t')) out.push('\t\u3000\u3000' + h);
        out.push('');
      } else out.push(layout === 'pipes' ? `| ${header.split('\t').join(' | ')} |` : layout === 'spaces' ? header.split('\t').join('   ') : header);
      continue;
    }
    row(header, values);
  }
  out.push('三、收到和处理政府信息公开申请情况');
  const head = ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '申请人情况'];
  if (layout === 'cells') {
    for (const h of head) out.push('\t\u3000\u3000' + h);
    out.push('');
    for (const h of ['自然人', '法人或其他组织', '总计']) out.push('\t\u3000\u3000' + h);
    out.push('');
    for (const h of ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']) out.push('\t\u3000\u3000' + h);
    out.push('');
  } else {
    const sep = layout === 'spaces' ? '   ' : '\t';
    const wrap = (cells: string[]) => (layout === 'pipes' ? `| ${cells.join(' | ')} |` : cells.join(sep));
    out.push(wrap([head[0], '申请人情况']));
    out.push(wrap(['', '自然人', '法人或其他组织', '总计']));
    out.push(wrap(['', '', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']));
  }
  for (const r of t3.rows) {
    if (r.group) {
      out.push(layout === 'cells' ? '\t\u3000\u3000' + r.label : r.label);
      if (layout === 'cells') out.push('');
      continue;
    }
    row(r.label, rows[r.id]);
  }
  out.push('四、政府信息公开行政复议、行政诉讼情况');
  const t4head = ['行政复议', '行政诉讼'];
  if (layout === 'cells') {
    for (const h of t4head) out.push('\t\u3000\u3000' + h);
    out.push('');
    for (const v of t4) out.push('\t\u3000\u3000' + v);
    out.push('');
  } else {
    const sep = layout === 'spaces' ? '   ' : '\t';
    const wrap = (cells: (string | number)[]) => (layout === 'pipes' ? `| ${cells.join(' | ')} |` : cells.join(sep));
    out.push(wrap(t4head));
    out.push(wrap(['结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '未经复议直接起诉', '复议后起诉']));
    out.push(wrap(t4));
  }
  out.push('五、存在的主要问题及改进情况');
  out.push('一是公开内容的全面性有待提高；二是解读形式还不够丰富。下一步，我区将进一步规范公开流程。');
  out.push('六、其他需要报告的事项');
  out.push('本年度未收取信息处理费。');
  out.push('');
  return out.join('\n');
}

for (const layout of ['tabs', 'cells', 'pipes', 'spaces'] as Layout[]) {
  writeFileSync(`test/fixtures/reports/2021-${layout}.txt`, render(layout));
}
console.log('r7', rows.r7, 'new', rows.new);
