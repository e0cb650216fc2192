// Makes the generated PDFs of test/fixtures/published/ (the PDF reader's tests): the 2021 report
// of test/fixtures/reports/2021-tabs.txt laid out as a published report (HTML tables with merged
// cells, printed by headless Chromium), once as it is and once with one number changed; a
// scanned page (an image, no text layer); and a password-protected copy (qpdf).
//
//   node --import tsx scripts/make-pdf-fixtures.ts
//
// Needs chromium (installed for the end-to-end tests) and qpdf (apt-get install qpdf). The PDFs
// are committed: the tests do not run this. Chromium writes its creation date into each file, so
// running it again changes bytes but not the text or the layout.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error: a JavaScript module without type declarations (JSDoc types only).
import { encodePng } from './png.mjs';

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, 'test', 'fixtures', 'published');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** The changed variant: （五）1.信访举报投诉类申请 · 自然人, 2 → 3 (on the page after table 三's page break). */
export const CHANGED = { row: '1.信访举报投诉类申请', column: 0, from: '2', to: '3' };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface Source {
  title: string;
  /** Lines before table 二, between the tables, after table 四: by section number. */
  prose: Map<string, string[]>;
  /** Row label → values, for every table row of the fixture. */
  values: Map<string, string[]>;
}

function readSource(): Source {
  const lines = readFileSync(join(ROOT, 'test', 'fixtures', 'reports', '2021-tabs.txt'), 'utf8').split(/\r?\n/);
  const prose = new Map<string, string[]>();
  const values = new Map<string, string[]>();
  let section = '0';
  for (const line of lines) {
    const m = /^([一二三四五六])、(.*)$/.exec(line);
    if (m && !line.includes('\t') && /情况|事项/.test(m[2])) section = m[1];
    if (line.includes('\t')) {
      const fields = line.split('\t');
      // Table 四's row has no label: all its fields are numbers.
      if (fields.every((v) => /^[\d.]+$/.test(v))) values.set('T4', fields);
      else if (fields.slice(1).every((v) => /^[\d.]+$/.test(v))) values.set(fields[0], fields.slice(1));
      continue;
    }
    if (line.trim() === '') continue;
    // Sections 二 to 四 hold their heading and the table (built below from the values).
    if ((section === '二' || section === '三' || section === '四') && !(m && /情况|事项/.test(m[2]))) continue;
    prose.set(section, [...(prose.get(section) ?? []), line]);
  }
  return { title: lines[0], prose, values };
}

function row(cells: string[]): string {
  return `<tr>${cells.join('')}</tr>`;
}

function td(text: string, attrs = ''): string {
  return `<td${attrs ? ` ${attrs}` : ''}>${esc(text)}</td>`;
}

function th(text: string, attrs = ''): string {
  return `<th${attrs ? ` ${attrs}` : ''}>${esc(text)}</th>`;
}

function nums(values: string[] | undefined, label: string): string[] {
  if (!values) throw new Error(`no values for ${label}`);
  return values.map((v) => td(v, 'class="n"'));
}

function table2(v: Map<string, string[]>): string {
  const rows: string[] = [];
  const block = (title: string, header: string[], labels: string[]) => {
    rows.push(row([th(title, 'colspan="4" class="title"')]));
    if (header.length === 3) rows.push(row([th('信息内容'), ...header.map((h) => th(h))]));
    else rows.push(row([th('信息内容'), th(header[0], 'colspan="3"')]));
    for (const l of labels) {
      const vals = v.get(l)!;
      rows.push(row([td(l), ...(vals.length === 3 ? nums(vals, l) : [td(vals[0], 'colspan="3" class="n"')])]));
    }
  };
  block('第二十条第（一）项', ['本年制发件数', '本年废止件数', '现行有效件数'], ['规章', '行政规范性文件']);
  block('第二十条第（五）项', ['本年处理决定数量'], ['行政许可']);
  block('第二十条第（六）项', ['本年处理决定数量'], ['行政处罚', '行政强制']);
  block('第二十条第（八）项', ['本年收费金额（单位：万元）'], ['行政事业性收费']);
  return `<table class="t2">${rows.join('\n')}</table>`;
}

const T3_GROUPS: [string, string[]][] = [
  ['（三）不予公开', ['1.属于国家秘密', '2.其他法律行政法规禁止公开', '3.危及“三安全一稳定”', '4.保护第三方合法权益', '5.属于三类内部事务信息', '6.属于四类过程性信息', '7.属于行政执法案卷', '8.属于行政查询事项']],
  ['（四）无法提供', ['1.本机关不掌握相关政府信息', '2.没有现成信息需要另行制作', '3.补正后申请内容仍不明确']],
  ['（五）不予处理', ['1.信访举报投诉类申请', '2.重复申请', '3.要求提供公开出版物', '4.无正当理由大量反复申请', '5.要求行政机关确认或重新出具已获取信息']],
  ['（六）其他处理', ['1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', '3.其他']],
];

function table3(v: Map<string, string[]>): string {
  const head = [
    row([th('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', 'colspan="3" rowspan="3" class="rel"'), th('申请人情况', 'colspan="7"')]),
    row([th('自然人', 'rowspan="2"'), th('法人或其他组织', 'colspan="5"'), th('总计', 'rowspan="2"')]),
    row(['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'].map((h) => th(h))),
  ];
  const body: string[] = [];
  body.push(row([td('一、本年新收政府信息公开申请数量', 'colspan="3"'), ...nums(v.get('一、本年新收政府信息公开申请数量'), '一')]));
  body.push(row([td('二、上年结转政府信息公开申请数量', 'colspan="3"'), ...nums(v.get('二、上年结转政府信息公开申请数量'), '二')]));
  const results = 2 + T3_GROUPS.reduce((n, [, rows]) => n + rows.length, 0) + 1;
  body.push(row([td('三、本年度办理结果', `rowspan="${results}" class="vert"`), td('（一）予以公开', 'colspan="2"'), ...nums(v.get('（一）予以公开'), '（一）')]));
  const partial = '（二）部分公开（区分处理的，只计这一情形，不计其他情形）';
  body.push(row([td(partial, 'colspan="2"'), ...nums(v.get(partial), partial)]));
  for (const [group, rows] of T3_GROUPS) {
    rows.forEach((label, k) => {
      const cells = [...(k === 0 ? [td(group, `rowspan="${rows.length}" class="group"`)] : []), td(label), ...nums(v.get(label), label)];
      body.push(row(cells));
    });
  }
  body.push(row([td('（七）总计', 'colspan="2"'), ...nums(v.get('（七）总计'), '（七）')]));
  body.push(row([td('四、结转下年度继续办理', 'colspan="3"'), ...nums(v.get('四、结转下年度继续办理'), '四')]));
  return `<table class="t3"><colgroup><col class="c0"><col class="c1"><col class="c2">${'<col class="cn">'.repeat(7)}</colgroup><thead>${head.join('\n')}</thead><tbody>${body.join('\n')}</tbody></table>`;
}

function table4(v: Map<string, string[]>): string {
  const results = ['结果维持', '结果纠正', '其他结果', '尚未审结'];
  const rows = [
    row([th('行政复议', 'colspan="5"'), th('行政诉讼', 'colspan="10"')]),
    row([...results.map((h) => th(h, 'rowspan="2"')), th('总计', 'rowspan="2"'), th('未经复议直接起诉', 'colspan="5"'), th('复议后起诉', 'colspan="5"')]),
    row([...results.map((h) => th(h)), th('总计'), ...results.map((h) => th(h)), th('总计')]),
    row(nums(v.get('T4'), 'table 四')),
  ];
  return `<table class="t4">${rows.join('\n')}</table>`;
}

function html(src: Source, values: Map<string, string[]>): string {
  const p = (section: string) => (src.prose.get(section) ?? []).map((l) => (/^[一二三四五六]、/.test(l) ? `<h2>${esc(l)}</h2>` : `<p>${esc(l)}</p>`)).join('\n');
  const [title, ...intro] = src.prose.get('0') ?? [];
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title><style>
@page { size: A4; margin: 25mm 22mm 25mm 22mm;
  @top-center { content: "${esc(src.title)}"; font: 9pt "WenQuanYi Micro Hei"; color: #666; }
  @bottom-center { content: "- " counter(page) " -"; font: 10pt "WenQuanYi Micro Hei"; } }
body { font: 15pt/1.6 "WenQuanYi Micro Hei", sans-serif; }
h1 { font-size: 20pt; text-align: center; font-weight: normal; }
h2 { font-size: 15pt; font-weight: normal; margin: 0; text-indent: 2em; }
p { margin: 0; text-indent: 2em; text-align: justify; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0; font: 10.5pt/1.35 "WenQuanYi Micro Hei", sans-serif; }
th, td { border: 0.75pt solid #000; padding: 3pt 4pt; font-weight: normal; text-align: left; vertical-align: middle; }
td.n { text-align: center; }
th { text-align: center; }
th.title { text-align: left; }
th.rel { text-align: left; }
col.c0 { width: 1.6em; } col.c1 { width: 4.6em; } col.c2 { width: 11em; } col.cn { width: 3.4em; }
td.vert { text-align: center; }
.t4 { font-size: 9pt; }
</style></head><body>
<h1>${esc(title)}</h1>
${intro.map((l) => `<p>${esc(l)}</p>`).join('\n')}
${p('一')}
${p('二')}
${table2(values)}
${p('三')}
${table3(values)}
${p('四')}
${table4(values)}
${p('五')}
${p('六')}
</body></html>`;
}

function printPdf(htmlText: string, out: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'govreport-pdf-'));
  try {
    const file = join(dir, 'report.html');
    writeFileSync(file, htmlText);
    execFileSync(CHROMIUM, ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--user-data-dir=${join(dir, 'profile')}`, `--print-to-pdf=${out}`, `file://${file}`], { stdio: 'ignore' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A grey-scale PNG of a "scanned" page: lines of dark blocks where text would be. */
function scanPng(width: number, height: number): Buffer {
  const pixels = Buffer.alloc(width * height, 255);
  for (let y = 0; y < height; y++) {
    const line = Math.floor(y / 24);
    if (y % 24 < 14 && line > 1 && line < height / 24 - 2) {
      for (let x = 40; x < width - 40; x++) if (Math.floor(x / 16) % 7 !== 6 && (x * 7 + line * 13) % 29 > 3) pixels[y * width + x] = 40;
    }
  }
  return encodePng(width, height, 0, pixels);
}

function main(): void {
  const src = readSource();
  const clean = join(OUT, 'generated-2021.pdf');
  printPdf(html(src, src.values), clean);
  const changed = new Map(src.values);
  const vals = [...changed.get(CHANGED.row)!];
  if (vals[CHANGED.column] !== CHANGED.from) throw new Error(`${CHANGED.row}: expected ${CHANGED.from}, found ${vals[CHANGED.column]}`);
  vals[CHANGED.column] = CHANGED.to;
  changed.set(CHANGED.row, vals);
  printPdf(html(src, changed), join(OUT, 'generated-2021-changed.pdf'));
  const png = scanPng(700, 990).toString('base64');
  printPdf(`<!doctype html><html><head><style>@page { size: A4; margin: 0; } body { margin: 0; } img { width: 210mm; height: 297mm; display: block; }</style></head><body><img src="data:image/png;base64,${png}"></body></html>`, join(OUT, 'generated-scan.pdf'));
  // The smallest of the files, encrypted: what the reader must do with it does not depend on its text.
  execFileSync('qpdf', ['--encrypt', 'user-secret', 'owner-secret', '256', '--', join(OUT, 'generated-scan.pdf'), join(OUT, 'generated-encrypted.pdf')]);
  console.log(`written to ${OUT}`);
}

main();
