// Published files made in the tests: the 2021 example report (test/fixtures/reports/2021-tabs.txt)
// as a Word document and as a web page, with its tables merged the way the official template
// merges them (table 三's label columns and header, table 四's two-level header, table 二's block
// titles), so that the readers meet real gridSpan / vMerge and rowspan / colspan.
import { strToU8, zipSync, type Zippable } from 'fflate';
import iconv from 'iconv-lite';
import { report2021 } from './helpers';

/** A cell as HTML has it: covered positions (under a rowspan) are absent from later rows. */
export interface MCell {
  text: string;
  colspan?: number;
  rowspan?: number;
}

export type MBlock = { p: string } | { table: MCell[][] };

const c = (text: string, colspan = 1, rowspan = 1): MCell => ({ text, colspan, rowspan });

/** The 2021 example report as paragraphs and merged tables (numbers from 2021-tabs.txt). */
export function report2021Model(): MBlock[] {
  const lines = report2021('tabs').split('\n');
  const at = (label: string) => {
    const l = lines.find((x) => x.startsWith(label + '\t'));
    if (!l) throw new Error(`no row ${label}`);
    return l.split('\t').slice(1);
  };
  const blocks: MBlock[] = [];
  const prose = (from: string, to?: string) => {
    const i = lines.indexOf(from);
    const j = to ? lines.indexOf(to) : lines.length;
    for (const l of lines.slice(i, j)) if (l.trim()) blocks.push({ p: l });
  };
  prose(lines[0], '二、主动公开政府信息情况');
  blocks.push({ p: '二、主动公开政府信息情况' });
  const t2: MCell[][] = [];
  const b1 = [c('第二十条第（一）项', 4)], head1 = ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'].map((x) => c(x));
  t2.push(b1, head1, [c('规章'), ...at('规章').map((x) => c(x))], [c('行政规范性文件'), ...at('行政规范性文件').map((x) => c(x))]);
  for (const [title, col, rows] of [
    ['第二十条第（五）项', '本年处理决定数量', ['行政许可']],
    ['第二十条第（六）项', '本年处理决定数量', ['行政处罚', '行政强制']],
    ['第二十条第（八）项', '本年收费金额（单位：万元）', ['行政事业性收费']],
  ] as const) {
    t2.push([c(title, 4)], [c('信息内容'), c(col, 3)]);
    for (const r of rows) t2.push([c(r), c(at(r)[0], 3)]);
  }
  blocks.push({ table: t2 });
  blocks.push({ p: '三、收到和处理政府信息公开申请情况' });
  const n = (label: string) => at(label).map((x) => c(x));
  const t3: MCell[][] = [
    [c('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', 3, 3), c('申请人情况', 7)],
    [c('自然人', 1, 2), c('法人或其他组织', 5), c('总计', 1, 2)],
    ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'].map((x) => c(x)),
    [c('一、本年新收政府信息公开申请数量', 3), ...n('一、本年新收政府信息公开申请数量')],
    [c('二、上年结转政府信息公开申请数量', 3), ...n('二、上年结转政府信息公开申请数量')],
  ];
  const groups: [string, string[]][] = [
    ['（三）不予公开', ['1.属于国家秘密', '2.其他法律行政法规禁止公开', '3.危及“三安全一稳定”', '4.保护第三方合法权益', '5.属于三类内部事务信息', '6.属于四类过程性信息', '7.属于行政执法案卷', '8.属于行政查询事项']],
    ['（四）无法提供', ['1.本机关不掌握相关政府信息', '2.没有现成信息需要另行制作', '3.补正后申请内容仍不明确']],
    ['（五）不予处理', ['1.信访举报投诉类申请', '2.重复申请', '3.要求提供公开出版物', '4.无正当理由大量反复申请', '5.要求行政机关确认或重新出具已获取信息']],
    ['（六）其他处理', ['1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', '3.其他']],
  ];
  // Rows under 三、本年度办理结果: (一), (二), the four groups, (七).
  const resultRows = 2 + groups.reduce((s, g) => s + g[1].length, 0) + 1;
  t3.push([c('三、本年度办理结果', 1, resultRows), c('（一）予以公开', 2), ...n('（一）予以公开')]);
  t3.push([c('（二）部分公开（区分处理的，只计这一情形，不计其他情形）', 2), ...n('（二）部分公开（区分处理的，只计这一情形，不计其他情形）')]);
  for (const [g, items] of groups) {
    items.forEach((item, k) => t3.push([...(k === 0 ? [c(g, 1, items.length)] : []), c(item), ...n(item)]));
  }
  t3.push([c('（七）总计', 2), ...n('（七）总计')]);
  t3.push([c('四、结转下年度继续办理', 3), ...n('四、结转下年度继续办理')]);
  blocks.push({ table: t3 });
  blocks.push({ p: '四、政府信息公开行政复议、行政诉讼情况' });
  const t4Numbers = lines[lines.indexOf('四、政府信息公开行政复议、行政诉讼情况') + 3].split('\t');
  const results = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  blocks.push({
    table: [
      [c('行政复议', 5), c('行政诉讼', 10)],
      [...results.map((x) => c(x, 1, 2)), c('未经复议直接起诉', 5), c('复议后起诉', 5)],
      [...results, ...results].map((x) => c(x)),
      t4Numbers.map((x) => c(x)),
    ],
  });
  prose('五、存在的主要问题及改进情况');
  return blocks;
}

/** Replaces the text of the first cell whose row starts with `rowLabel` at value column `k` (0-based). */
export function setValue(model: MBlock[], rowLabel: string, k: number, value: string): MBlock[] {
  const copy: MBlock[] = JSON.parse(JSON.stringify(model));
  for (const b of copy) {
    if (!('table' in b)) continue;
    for (const row of b.table) {
      const i = row.findIndex((x) => x.text === rowLabel);
      if (i >= 0) {
        row[i + 1 + k].text = value;
        return copy;
      }
    }
  }
  throw new Error(`no row ${rowLabel}`);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The grid of a table: for each row, each grid column's cell, the cell's origin, or null. */
function grid(rows: MCell[][]): { cell: MCell; first: boolean; top: boolean }[][] {
  const out: { cell: MCell; first: boolean; top: boolean }[][] = rows.map(() => []);
  rows.forEach((row, r) => {
    let col = 0;
    for (const cell of row) {
      while (out[r][col]) col++;
      for (let dr = 0; dr < (cell.rowspan ?? 1); dr++) {
        for (let dc = 0; dc < (cell.colspan ?? 1); dc++) out[r + dr][col + dc] = { cell, first: dc === 0, top: dr === 0 };
      }
      col += cell.colspan ?? 1;
    }
  });
  return out;
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

function wPara(text: string): string {
  // A tab inside a paragraph is w:tab, as Word writes it.
  const runs = text.split('\t').map((t) => `<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">${esc(t)}</w:t></w:r>`);
  return `<w:p><w:pPr><w:jc w:val="left"/></w:pPr>${runs.join('<w:r><w:tab/></w:r>')}</w:p>`;
}

/** word/document.xml of the model: gridSpan for colspans, vMerge restart/continue for rowspans. */
export function documentXml(model: MBlock[]): string {
  let body = '';
  for (const b of model) {
    if ('p' in b) {
      body += wPara(b.p);
      continue;
    }
    const g = grid(b.table);
    const width = Math.max(...g.map((r) => r.length));
    body += `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>${'<w:gridCol w:w="800"/>'.repeat(width)}</w:tblGrid>`;
    for (const row of g) {
      body += '<w:tr><w:trPr><w:jc w:val="center"/></w:trPr>';
      for (const pos of row) {
        if (!pos.first) continue;
        const span = pos.cell.colspan ?? 1;
        const merged = (pos.cell.rowspan ?? 1) > 1;
        const pr = `<w:tcPr><w:tcW w:w="${800 * span}" w:type="dxa"/>${span > 1 ? `<w:gridSpan w:val="${span}"/>` : ''}${merged ? (pos.top ? '<w:vMerge w:val="restart"/>' : '<w:vMerge/>') : ''}</w:tcPr>`;
        body += `<w:tc>${pr}${pos.top ? wPara(pos.cell.text) : '<w:p/>'}</w:tc>`;
      }
      body += '</w:tr>';
    }
    body += '</w:tbl><w:p/>';
  }
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${W} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>${body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`;
}

/** A .docx: the three parts Word needs, deflated. */
export function docxOf(documentXmlText: string, extra: Zippable = {}): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/document.xml': strToU8(documentXmlText),
    ...extra,
  });
}

export function docxOfModel(model: MBlock[]): Uint8Array {
  return docxOf(documentXml(model));
}

function htmlTable(rows: MCell[][]): string {
  let out = '<table border="1" cellspacing="0" style="width:100%">\n<tbody>\n';
  for (const row of rows) {
    out += '<tr>';
    for (const cell of row) {
      const a = `${(cell.colspan ?? 1) > 1 ? ` colspan="${cell.colspan}"` : ''}${(cell.rowspan ?? 1) > 1 ? ` rowspan="${cell.rowspan}"` : ''}`;
      out += `<td${a}><p style="text-align:center"><span style="font-size:12px">${esc(cell.text)}</span></p></td>`;
    }
    out += '</tr>\n';
  }
  return out + '</tbody>\n</table>\n';
}

/** The report as an article, `chrome`: inside a government site's page (navigation, scripts, footer, layout tables). */
export function htmlOfModel(model: MBlock[], opts: { charset?: string; chrome?: boolean } = {}): string {
  const charset = opts.charset ?? 'utf-8';
  let article = '';
  for (const b of model) article += 'p' in b ? `<p style="text-indent:2em">${esc(b.p)}</p>\n` : htmlTable(b.table);
  const meta = charset === 'utf-8' ? '<meta charset="utf-8">' : `<meta http-equiv="Content-Type" content="text/html; charset=${charset}">`;
  if (!opts.chrome) return `<!DOCTYPE html>\n<html><head>${meta}<title>年度报告</title></head><body>\n${article}</body></html>\n`;
  return `<!DOCTYPE html>
<html>
<head>
${meta}
<title>示例市示例区人民政府2021年政府信息公开工作年度报告_示例区人民政府</title>
<style>body { font-family: SimSun; } .nav li { float: left; }</style>
<script>var _hmt = _hmt || []; document.write("<div>统计代码</div>");</script>
</head>
<body>
<div class="top"><a href="/">示例区人民政府</a> | <a href="/en">English</a> <form><input name="q"><button>搜索</button></form></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/bs">政务服务</a></li><li><a href="/hd">互动交流</a></li></ul>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 政府信息公开年度报告 &gt; 示例市示例区人民政府2021年政府信息公开工作年度报告</div>
<table width="1000" align="center"><tr><td width="200" valign="top">
<ul><li>政府信息公开指南</li><li>政府信息公开制度</li><li>政府信息公开年报</li></ul>
</td><td valign="top">
<div class="info">发布时间：2022-01-20 来源：区政府办 字号：【大】【中】【小】</div>
<div class="article">
${article}<p style="text-align:right">示例市示例区人民政府办公室</p>
<p style="text-align:right">2022年1月20日</p>
</div>
<div class="tools">【打印本页】【关闭窗口】</div>
</td></tr></table>
<div class="related">相关链接：<a href="/2020">示例区2020年政府信息公开工作年度报告</a></div>
<div class="footer">主办单位：示例区人民政府办公室 网站标识码：1234567890 京ICP备12345678号</div>
<script>console.log("</div>")</script>
</body>
</html>
`;
}

/** Bytes of a page in a charset (GBK through iconv-lite). */
export function htmlBytes(html: string, charset = 'utf-8'): Uint8Array {
  return charset === 'utf-8' ? new TextEncoder().encode(html) : new Uint8Array(iconv.encode(html, charset));
}
