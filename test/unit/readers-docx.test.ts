// The DOCX reader on Word documents made here with real merged cells (gridSpan, vMerge): the
// converted text checks clean, a changed number is one finding on that cell, and the text and
// its line map are what a copy out of Word gives.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { strToU8 } from 'fflate';
import { check } from '../../core/src';
import { documentXmlToText, readDocx, readPublished, ReaderError } from '../../core/src/readers';
import { describeSource, sourceAt } from '../../core/src/readers/source';
import { report2021 } from './helpers';
import { docxOf, docxOfModel, documentXml, report2021Model, setValue } from './readers-helpers';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const doc = (body: string) => `<w:document ${W}><w:body>${body}</w:body></w:document>`;

/** Where the finding lies in the file (the CLI's way: its line's source, the cell by tabs). */
function located(text: string, lines: Parameters<typeof sourceAt>[0]['lines'], offset: number) {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const line = text.slice(0, lineStart).split('\n').length - 1;
  return sourceAt({ text, lines }, lineStart, line, offset - lineStart);
}

describe('DOCX reader', () => {
  it('the 2021 example as a Word document with merged cells: the text of the tab layout, no finding', () => {
    const conv = readDocx(docxOfModel(report2021Model()));
    assert.equal(conv.format, 'docx');
    const { findings } = check(conv.text);
    assert.deepEqual(findings.map((f) => `${f.rule}: ${f.message}`), []);
    // Table 三's merged label columns: the group label once, continued cells empty; a label
    // spanning columns before the values stands in the last column of its span.
    assert.ok(conv.text.includes('\n三、本年度办理结果\t\t（一）予以公开\t20\t3\t0\t1\t0\t2\t26\n'));
    assert.ok(conv.text.includes('\n\t（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0\n'));
    assert.ok(conv.text.includes('\n\t\t2.其他法律行政法规禁止公开\t1\t0\t0\t0\t0\t0\t1\n'));
    // Every line has its source; prose lines are paragraphs, rows are table cells.
    const lines = conv.text.split('\n');
    assert.equal(conv.lines.length, lines.length - 1);
    assert.deepEqual(conv.lines[0], { kind: 'docx', paragraph: 0 });
    const t3 = lines.indexOf('\t\t一、本年新收政府信息公开申请数量\t41\t6\t0\t1\t0\t3\t51');
    assert.deepEqual(conv.lines[t3], { kind: 'docx-cell', table: 1, row: 3, cell: 0 });
    // The numbers are those of the text fixture.
    assert.deepEqual(cellsOf(conv.text), cellsOf(report2021('tabs')));
  });

  it('one changed number: exactly one arithmetic finding, located at that table, row and cell', () => {
    // 自然人 of （一）予以公开: 20 → 21 (table 三's 总计 column and （七）总计 no longer add up).
    const conv = readDocx(docxOfModel(setValue(report2021Model(), '（一）予以公开', 0, '21')));
    const { findings } = check(conv.text);
    const errors = findings.filter((f) => f.severity === 'error');
    assert.equal(errors.length, 1, errors.map((f) => f.message).join('\n'));
    assert.equal(errors[0].rule, 'sum-mismatch');
    const where = located(conv.text, conv.lines, errors[0].start);
    assert.ok(where && where.kind === 'docx-cell');
    assert.equal(conv.text.slice(errors[0].start, errors[0].end), conv.text.slice(errors[0].start, errors[0].end).trim());
    // The culprit is the changed cell or the total that disagrees with it, on the same row: table 2 (0-based 1), row 6.
    assert.equal(where.table, 1);
    assert.equal(where.row, 5);
    assert.ok(where.cell === 3 || where.cell === 9, `cell ${where.cell}`);
    assert.match(describeSource(where, 'zh'), /^表格 2 第 6 行第 (4|10) 格$/);
    assert.match(describeSource(where, 'en'), /^table 2, row 6, cell (4|10)$/);
  });

  it('gridSpan, vMerge, gridBefore, tabs and breaks in cells, deleted text and field codes', () => {
    const xml = doc(
      '<w:p><w:r><w:t>标题</w:t></w:r><w:r><w:tab/><w:t>甲</w:t></w:r></w:p>' +
        '<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t></w:r></w:p>' +
        '<w:p/>' +
        '<w:tbl>' +
        '<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>合并</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t></w:r></w:p></w:tc></w:tr>' +
        '<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>本年</w:t></w:r></w:p><w:p><w:r><w:t>新收</w:t></w:r></w:p></w:tc></w:tr>' +
        '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:p><w:r><w:t>x</w:t></w:r><w:del><w:r><w:delText>删</w:delText></w:r></w:del><w:ins><w:r><w:t>增</w:t></w:r></w:ins></w:p></w:tc><w:tc><w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:tc></w:tr>' +
        '</w:tbl>' +
        '<w:p><w:r><w:t xml:space="preserve">  后文 &amp; &lt;完&gt;  </w:t></w:r></w:p>',
    );
    const conv = documentXmlToText(xml);
    assert.equal(conv.text, '标题\t甲\n第一行\n第二行\n合并\t\ta b\n\t\t本年新收\n\tx增\t7\n后文 & <完>\n');
    assert.deepEqual(conv.lines, [
      { kind: 'docx', paragraph: 0 },
      { kind: 'docx', paragraph: 1 },
      { kind: 'docx', paragraph: 1 },
      { kind: 'docx-cell', table: 0, row: 0, cell: 0 },
      { kind: 'docx-cell', table: 0, row: 1, cell: 0 },
      { kind: 'docx-cell', table: 0, row: 2, cell: 0 },
      { kind: 'docx', paragraph: 3 },
    ]);
  });

  it('another namespace prefix, text boxes and fallback content left out, a table inside a cell flattened', () => {
    const xml =
      '<x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><x:body>' +
      '<x:p><x:r><x:t>正文</x:t></x:r><mc:AlternateContent><mc:Choice Requires="wps"><x:r><x:drawing><x:txbxContent><x:p><x:r><x:t>文本框</x:t></x:r></x:p></x:txbxContent></x:drawing></x:r></mc:Choice><mc:Fallback><x:r><x:t>备用</x:t></x:r></mc:Fallback></mc:AlternateContent></x:p>' +
      '<x:tbl><x:tr><x:tc><x:p><x:r><x:t>外</x:t></x:r></x:p><x:tbl><x:tr><x:tc><x:p><x:r><x:t>内1</x:t></x:r></x:p></x:tc><x:tc><x:p><x:r><x:t>内2</x:t></x:r></x:p></x:tc></x:tr></x:tbl></x:tc><x:tc><x:p><x:r><x:t>5</x:t></x:r></x:p></x:tc></x:tr></x:tbl>' +
      '</x:body></x:document>';
    const conv = documentXmlToText(xml);
    assert.equal(conv.text, '正文\n外内1内2\t5\n');
  });

  it('finds the main part through _rels/.rels when it is not word/document.xml', async () => {
    const bytes = docxOf('', {
      '_rels/.rels': strToU8('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/main.xml"/></Relationships>'),
      'word/main.xml': strToU8(doc('<w:p><w:r><w:t>在别处</w:t></w:r></w:p>')),
    });
    // docxOf wrote an empty word/document.xml: remove it by building without it.
    const { unzipSync, zipSync } = await import('fflate');
    const files = unzipSync(bytes);
    delete files['word/document.xml'];
    const conv = await readPublished(zipSync(files), 'a.docx');
    assert.equal(conv.text, '在别处\n');
  });

  it('a ZIP that is not a Word document, and a corrupt one: ReaderError', async () => {
    const { zipSync } = await import('fflate');
    await assert.rejects(readPublished(zipSync({ 'xl/workbook.xml': strToU8('<workbook/>') }), 'a.docx'), (e: unknown) => e instanceof ReaderError && e.code === 'not-a-docx');
    const good = docxOfModel(report2021Model());
    await assert.rejects(readPublished(good.subarray(0, good.length - 30), 'a.docx'), (e: unknown) => e instanceof ReaderError && e.code === 'zip-corrupt');
    // The deflated document damaged in places: a ReaderError or some text, never another error.
    for (let at = 520; at < good.length - 200; at += 97) {
      const bad = good.slice();
      for (let i = at; i < at + 40; i++) bad[i] ^= 0x5a;
      try {
        await readPublished(bad, 'a.docx');
      } catch (e) {
        assert.ok(e instanceof ReaderError, String(e));
      }
    }
  });

  it('the model has real merges: vMerge restart and continue, gridSpan', () => {
    const xml = documentXml(report2021Model());
    assert.ok(xml.includes('<w:vMerge w:val="restart"/>') && xml.includes('<w:vMerge/>') && xml.includes('<w:gridSpan w:val="3"/>'));
  });
});

/** The numbers of a text, in order (what the tables hold, whatever the layout). */
function cellsOf(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => l.includes('\t'))
    .flatMap((l) => l.split('\t'))
    .filter((c) => /^\d+(\.\d+)?$/.test(c));
}
