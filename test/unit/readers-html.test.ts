// The HTML reader on pages made here: the 2021 example with table 三 and 四 merged by rowspan
// and colspan, in UTF-8 and in GBK, inside a government site's page chrome.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { check } from '../../core/src';
import { decodeHtml, htmlToText, readDocx, readHtml, readPublished, reportSpan } from '../../core/src/readers';
import { sourceAt } from '../../core/src/readers/source';
import { docxOfModel, htmlBytes, htmlOfModel, report2021Model, setValue } from './readers-helpers';

function locate(conv: { text: string; lines: Parameters<typeof sourceAt>[0]['lines'] }, offset: number) {
  const lineStart = conv.text.lastIndexOf('\n', offset - 1) + 1;
  const line = conv.text.slice(0, lineStart).split('\n').length - 1;
  return sourceAt(conv, lineStart, line, offset - lineStart);
}

describe('HTML reader', () => {
  const model = report2021Model();
  const docxText = readDocx(docxOfModel(model)).text;

  for (const charset of ['utf-8', 'gbk', 'gb2312']) {
    it(`the 2021 example in a page with navigation and footer, ${charset}: the report only, no finding`, async () => {
      const bytes = htmlBytes(htmlOfModel(model, { charset, chrome: true }), charset === 'utf-8' ? 'utf-8' : 'gbk');
      const conv = await readPublished(bytes, 'report.html');
      assert.equal(conv.format, 'html');
      assert.deepEqual(conv.notes, []);
      // The report as the Word document gives it, with the signature under section 六.
      assert.equal(conv.text, docxText + '示例市示例区人民政府办公室\n2022年1月20日\n');
      assert.deepEqual(check(conv.text).findings.map((f) => f.message), []);
      // Tables are numbered from the report's first (the page's layout table is not one).
      const row = conv.text.split('\n').indexOf('规章\t0\t0\t3');
      assert.deepEqual(conv.lines[row], { kind: 'html-cell', table: 0, row: 2, cell: 0 });
    });
  }

  it('one changed number: exactly one arithmetic finding, on that row of table 2', () => {
    const conv = readHtml(htmlBytes(htmlOfModel(setValue(model, '（一）予以公开', 0, '21'), { chrome: true })));
    const errors = check(conv.text).findings.filter((f) => f.severity === 'error');
    assert.equal(errors.length, 1, errors.map((f) => f.message).join('\n'));
    assert.equal(errors[0].rule, 'sum-mismatch');
    const where = locate(conv, errors[0].start);
    assert.ok(where?.kind === 'html-cell');
    assert.equal(where.table, 1);
    assert.equal(where.row, 5);
    assert.ok(where.cell === 3 || where.cell === 9, `cell ${where.cell}`);
  });

  it('charset: BOM, meta charset, http-equiv, a stale GB2312 declaration on UTF-8, no declaration', () => {
    const zh = '<p>政府信息公开</p>';
    assert.equal(decodeHtml(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(zh)])).text, zh);
    const gbk = new Uint8Array(iconv.encode(`<meta charset="GBK">${zh}`, 'gbk'));
    assert.deepEqual([decodeHtml(gbk).charset, decodeHtml(gbk).text.endsWith(zh)], ['gb18030', true]);
    const gb2312 = new Uint8Array(iconv.encode(`<html><head><meta http-equiv="content-type" content="text/html;charset=gb2312"></head>${zh}`, 'gbk'));
    assert.equal(decodeHtml(gb2312).charset, 'gb18030');
    const stale = new TextEncoder().encode(`<meta charset="gb2312">${zh}`);
    assert.equal(decodeHtml(stale).charset, 'utf-8');
    assert.equal(decodeHtml(stale).text.endsWith(zh), true);
    assert.equal(decodeHtml(new Uint8Array(iconv.encode(zh, 'gbk'))).charset, 'gb18030');
    assert.equal(decodeHtml(new TextEncoder().encode(zh)).charset, 'utf-8');
    const big5 = new Uint8Array(iconv.encode('<meta charset="big5"><p>政府資訊公開</p>', 'big5'));
    assert.equal(decodeHtml(big5).text.endsWith('<p>政府資訊公開</p>'), true);
  });

  it('scripts, styles, head and form controls left out; <br>, <pre>, entities; rowspan 0 and stray text', () => {
    const html =
      '<html><head><title>标题</title><script>document.write("<p>脚本</p>")</script></head><body>' +
      '<p>甲&nbsp;&amp;&#20057;<br>丙</p><select><option>部门</option></select><pre>规章\t0\t0\t3\n行政许可\t5</pre>' +
      '<table><caption>表</caption>x<tr><td rowspan="0">左</td><td>1</td></tr><tr><td>2</td></tr><tr><td colspan="2000">宽</td><td>3</td></tr></table>' +
      '</body></html>';
    const conv = htmlToText(html);
    const lines = conv.text.split('\n');
    assert.deepEqual(lines.slice(0, 4), ['甲 &乙', '丙', '规章\t0\t0\t3', '行政许可\t5']);
    assert.deepEqual(lines.slice(4, 8), ['表', 'x', '左\t1', '\t2']);
    // Under the rowspan="0" cell, a colspan clamped to 1,000; the label before the value stands
    // in the last column of its span.
    assert.equal(lines[8], `\t${'\t'.repeat(999)}宽\t3`);
  });

  // Rows of table 三 of the real 上海市人民政府办公厅 2019 page (test/fixtures/web-text/shanghai_bgt_2019.html):
  // 「（一）予以公开」 spans two grid columns and its row ends in a blank 总计.
  it('a label spanning columns before the values stands in the last column of its span', () => {
    const td = (v: string, a = '') => `<td${a} nowrap="nowrap"><p align="center">${v}</p></td>`;
    const html =
      '<table>' +
      `<tr>${td('一、本年新收政府信息公开申请数量', ' colspan="3"')}${['821', '35', '&nbsp;', '&nbsp;', '2', '1', '859'].map((v) => td(v)).join('')}</tr>` +
      `<tr>${td('三、本年度办理结果', ' rowspan="2"')}${td('（一）予以公开', ' colspan="2"')}${['258', '12', '&nbsp;', '&nbsp;', '1', '1', '&nbsp;'].map((v) => td(v)).join('')}</tr>` +
      `<tr>${td('（二）部分公开（区分处理的，只计这一情形，不计其他情形）', ' colspan="2"')}${['3', '&nbsp;', '&nbsp;', '&nbsp;', '&nbsp;', '&nbsp;', '&nbsp;'].map((v) => td(v)).join('')}</tr>` +
      '</table>';
    assert.deepEqual(htmlToText(html).text.split('\n').slice(0, 3), [
      '\t\t一、本年新收政府信息公开申请数量\t821\t35\t\t\t2\t1\t859',
      '三、本年度办理结果\t\t（一）予以公开\t258\t12\t\t\t1\t1\t',
      '\t\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t3\t\t\t\t\t\t',
    ]);
    // Header rows keep their text first: nothing but labels follows 「申请人情况」.
    assert.equal(htmlToText(`<table><tr>${td('（本列数据的勾稽关系为…）', ' colspan="3"')}${td('申请人情况', ' colspan="7"')}</tr><tr><td>x</td></tr></table>`).text.split('\n')[0], `（本列数据的勾稽关系为…）\t\t\t申请人情况${'\t'.repeat(6)}`);
  });

  it('a layout table: a single-cell frame and a cell holding the article are read as blocks', () => {
    const html = '<table><tr><td><p>一、总体情况</p><p>正文一</p><table><tr><td>规章</td><td>0</td></tr><tr><td>规范</td><td>1</td></tr></table><p>六、其他需要报告的事项</p><p>无。</p></td></tr></table>';
    const conv = htmlToText(html);
    assert.equal(conv.text, '一、总体情况\n正文一\n规章\t0\n规范\t1\n六、其他需要报告的事项\n无。\n');
    assert.deepEqual(conv.lines[2], { kind: 'html-cell', table: 0, row: 0, cell: 0 });
  });

  it('the report cut out of the page: from the title (not the breadcrumb) or heading 一, to the date under 六', () => {
    const page = ['首页', '当前位置：首页 > 某区2021年政府信息公开工作年度报告', '某区2021年政府信息公开工作年度报告', '一、总体情况', '六、其他需要报告的事项', '无。', '某区人民政府', '2022年1月20日', '【打印本页】'];
    assert.deepEqual(reportSpan(page), [2, 8]);
    assert.deepEqual(reportSpan(['导航', '一、总体情况', '六、其他需要报告的事项', '无。', '上一篇：某文', '主办单位']), [1, 4]);
    assert.deepEqual(reportSpan(['导航', '正文', '页脚']), [0, 3]);
  });
});
