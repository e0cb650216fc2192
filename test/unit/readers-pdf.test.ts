// The PDF reader (core/src/readers/pdf.ts, geometry in pdf-layout.ts): a real published PDF, PDFs
// printed by Chromium from the example 2021 report (test/fixtures/published/, made by
// scripts/make-pdf-fixtures.ts), a scan, damaged and encrypted files, the bounds, and the
// layout rules on hand-made text runs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { check, type Report } from '../../core/src';
import { MAX_PDF_ITEMS_PER_PAGE, readPdf } from '../../core/src/readers/pdf';
import { layoutPdf, type PdfPageText, type PdfTextItem } from '../../core/src/readers/pdf-layout';
import { DEFAULT_READER_LIMITS, ReaderError, type Converted } from '../../core/src/readers/types';
import { report2021 } from './helpers';

// Taken before any PDF is read: loading pdfjs must leave them as they are.
const NATIVE = { push: Array.prototype.push, parse: JSON.parse, toString: Function.prototype.toString, self: 'self' in globalThis };

const ROOT = join(__dirname, '..', '..');
const DIR = join(ROOT, 'test', 'fixtures', 'published');
const file = (name: string) => new Uint8Array(readFileSync(join(DIR, name)));

function errors(text: string): string[] {
  const { report, findings } = check(text);
  return findings.filter((f) => f.severity === 'error').map((f) => `${report.lineIndex.positionAt(f.start).line + 1} ${f.rule} ${f.message}`);
}

/** Every cell of tables 三 and 四 the parser read: key → number (or the cell's status). */
function numbers(report: Report): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const c of report.cellOrder) if (c.ref.table !== 't2') out[c.key] = c.value.value ?? c.value.status;
  return out;
}

/** The page of a line's source location. */
function pageOf(conv: Converted, line: number): number | undefined {
  const loc = conv.lines[line];
  return loc?.kind === 'pdf' ? loc.page : undefined;
}

/** The converted line that starts with a label, split into its fields. */
function row(conv: Converted, label: string): string[] {
  const line = conv.text.split('\n').find((l) => l.startsWith(`${label}\t`));
  assert.ok(line, `no line for ${label}`);
  return line.split('\t').slice(1);
}

describe('PDF reader: the real report (淮安市人民政府 2024)', () => {
  let conv: Converted;
  it('converts, with no note', async () => {
    conv = await readPdf(file('huaian_szf_2024.pdf'));
    assert.equal(conv.format, 'pdf');
    assert.deepEqual(conv.notes, []);
    assert.equal(conv.lines.length, conv.text.split('\n').length);
    assert.ok(!conv.text.includes('\f'), 'a form feed in the text');
  });

  it('checks with no error', () => {
    assert.deepEqual(errors(conv.text), []);
  });

  it('reads every number of table 三 into its cell (as pdftotext -layout shows them)', () => {
    // 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计
    const t3: [string, number[]][] = [
      ['一、本年新收政府信息公开申请数量', [3001, 53, 0, 0, 61, 4, 3119]],
      ['二、上年结转政府信息公开申请数量', [34, 0, 0, 0, 0, 0, 34]],
      ['（一）予以公开', [1288, 21, 0, 0, 50, 3, 1362]],
      ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', [447, 7, 0, 0, 0, 0, 454]],
      ['1.属于国家秘密', [2, 0, 0, 0, 0, 0, 2]],
      ['2.其他法律行政法规禁止公开', [30, 1, 0, 0, 0, 0, 31]],
      ['3.危及“三安全一稳定”', [5, 0, 0, 0, 0, 0, 5]],
      ['4.保护第三方合法权益', [6, 0, 0, 0, 0, 0, 6]],
      ['5.属于三类内部事务信息', [7, 1, 0, 0, 0, 0, 8]],
      ['6.属于四类过程性信息', [12, 0, 0, 0, 0, 0, 12]],
      ['7.属于行政执法案卷', [9, 0, 0, 0, 0, 0, 9]],
      ['8.属于行政查询事项', [105, 0, 0, 0, 0, 0, 105]],
      ['1.本机关不掌握相关政府信息', [746, 12, 0, 0, 10, 1, 769]],
      ['2.没有现成信息需要另行制作', [11, 0, 0, 0, 0, 0, 11]],
      ['3.补正后申请内容仍不明确', [1, 0, 0, 0, 0, 0, 1]],
      ['1.信访举报投诉类申请', [56, 6, 0, 0, 0, 0, 62]],
      ['2.重复申请', [25, 0, 0, 0, 0, 0, 25]],
      ['3.要求提供公开出版物', [0, 0, 0, 0, 0, 0, 0]],
      ['4.无正当理由大量反复申请', [0, 0, 0, 0, 0, 0, 0]],
      // Wrapped labels: "5.要求行政机关确认或重新出" / "具已获取信息", and three lines each for （六）1 and 2.
      ['5.要求行政机关确认或重新出具已获取信息', [1, 0, 0, 0, 0, 0, 1]],
      ['1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', [67, 3, 0, 0, 1, 0, 71]],
      ['2、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', [6, 0, 0, 0, 0, 0, 6]],
      ['3、其他', [108, 2, 0, 0, 0, 0, 110]],
      ['（七）总计', [2932, 53, 0, 0, 61, 4, 3050]],
      ['四、结转下年度继续办理', [103, 0, 0, 0, 0, 0, 103]],
    ];
    for (const [label, want] of t3) assert.deepEqual(row(conv, label), want.map(String), label);
    // The group labels, each a line of its own before its first row: 三、 written one character
    // a line, （四） broken by the page break between its first and second row.
    const lines = conv.text.split('\n');
    const at = (s: string) => lines.indexOf(s);
    for (const [group, first] of [
      ['三、本年度办理结果', '（一）予以公开'],
      ['（三）不予公开', '1.属于国家秘密'],
      ['（四）无法提供', '1.本机关不掌握相关政府信息'],
      ['（五）不予处理', '1.信访举报投诉类申请'],
      ['（六）其他处理', '1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'],
    ]) {
      assert.ok(at(group) >= 0, `no line ${group}`);
      assert.equal(lines[at(group) + 1].split('\t')[0], first, `${group} before ${first}`);
    }
    // Through the engine: the cells as the parser reads them.
    const cells = numbers(check(conv.text).report);
    assert.equal(cells['t3/main/new/total'], 3119);
    assert.equal(cells['t3/main/r7/total'], 3050);
    assert.equal(cells['t3/main/carry_over/natural'], 103);
    assert.equal(cells['t3/main/r6_1/legal'], 1);
  });

  it('reads table 四 into its 15 cells', () => {
    const line = conv.text.split('\n').find((l) => l.startsWith('72\t'));
    assert.deepEqual(line?.split('\t'), ['72', '64', '178', '37', '351', '13', '4', '8', '1', '26', '12', '1', '1', '6', '20']);
    const cells = numbers(check(conv.text).report);
    assert.equal(cells['t4/main/cases/review_total'], 351);
    assert.equal(cells['t4/main/cases/direct_total'], 26);
    assert.equal(cells['t4/main/cases/after_upheld'], 12);
  });

  it('drops the page numbers ("-1-" … "-6-") and joins prose across lines and pages', () => {
    assert.ok(!/^-?\s*\d\s*-?$/m.test(conv.text), 'a page number left in the text');
    // 五's paragraph runs over the page break after "-5-": one line.
    assert.ok(conv.text.includes('对照上级新要求和公众新期待，还有一些需要加强和改进的地方。主要表现在：'));
    assert.ok(conv.text.includes('全年收取政府信息公开信息处理费3940 元。') || conv.text.includes('全年收取政府信息公开信息处理费 3940 元。'));
  });

  it('maps each line to its page and position: the first run of the line', () => {
    const lines = conv.text.split('\n');
    const where = (prefix: string) => lines.findIndex((l) => l.startsWith(prefix));
    assert.deepEqual(conv.lines[where('一、本年新收政府信息公开申请数量')], { kind: 'pdf', page: 4, x: 76.8, y: 372.99 });
    assert.equal(pageOf(conv, where('2.没有现成信息需要另行制作')), 5);
    // The group line of （四） is where its text starts: the bottom of page 4.
    assert.equal(pageOf(conv, where('（四）无法提供')), 4);
    assert.equal(pageOf(conv, where('六、其他需要报告的事项')), 6);
  });

  it('leaves the built-ins pdfjs polyfills as they were, and no global self', () => {
    assert.equal(Array.prototype.push, NATIVE.push);
    assert.equal(JSON.parse, NATIVE.parse);
    assert.equal(Function.prototype.toString, NATIVE.toString);
    assert.equal('self' in globalThis, NATIVE.self);
  });

  it('keeps pages to maxPages, with a note', async () => {
    const c = await readPdf(file('huaian_szf_2024.pdf'), { ...DEFAULT_READER_LIMITS, maxPages: 2 });
    assert.deepEqual(c.notes.map((n) => [n.code, n.severity]), [['pdf-too-many-pages', 'warning']]);
    assert.ok(c.text.includes('一、总体情况'));
    assert.ok(!c.text.includes('二、主动公开政府信息情况'));
    assert.ok(c.lines.every((l) => l && l.kind === 'pdf' && l.page <= 2));
  });

  it('stops at maxTextChars, with a note', async () => {
    const c = await readPdf(file('huaian_szf_2024.pdf'), { ...DEFAULT_READER_LIMITS, maxTextChars: 1500 });
    assert.deepEqual(c.notes.map((n) => n.code), ['pdf-truncated']);
    assert.ok(c.text.length < 1500);
  });

  it('refuses a file over maxInputBytes without opening it', async () => {
    await assert.rejects(readPdf(file('huaian_szf_2024.pdf'), { ...DEFAULT_READER_LIMITS, maxInputBytes: 1000 }), (e: unknown) => e instanceof ReaderError && e.code === 'pdf-too-large');
  });

  it("leaves the caller's buffer as it was (a Buffer, as the CLI reads files)", async () => {
    const buf = readFileSync(join(DIR, 'huaian_szf_2024.pdf'));
    const copy = Buffer.from(buf);
    await readPdf(buf);
    assert.equal(buf.length, copy.length);
    assert.ok(buf.equals(copy));
  });
});

describe('PDF reader: generated PDFs (the example 2021 report printed by Chromium)', () => {
  it('the clean one checks with no error, and holds every cell of the text it was made from', async () => {
    const conv = await readPdf(file('generated-2021.pdf'));
    assert.deepEqual(conv.notes, []);
    assert.deepEqual(errors(conv.text), []);
    assert.deepEqual(numbers(check(conv.text).report), numbers(check(report2021('tabs')).report));
    // Table 二 too: every cell, each block's rows under its own header.
    const t2 = (r: Report) => r.cellOrder.filter((c) => c.ref.table === 't2').map((c) => `${c.key}=${c.raw}`);
    assert.deepEqual(t2(check(conv.text).report), t2(check(report2021('tabs')).report));
  });

  it('joins labels wrapped inside their cells and keeps the header repeated after the page break out', async () => {
    const conv = await readPdf(file('generated-2021.pdf'));
    const lines = conv.text.split('\n');
    assert.ok(lines.includes('（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t4\t1\t0\t0\t0\t0\t5'));
    assert.ok(lines.includes('2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0'));
    assert.ok(lines.includes('三、本年度办理结果'), 'the group label written two characters a line');
    assert.equal(lines.filter((l) => l === '申请人情况').length, 1, 'the header once');
    // The running header and the page numbers are gone; the title is one line.
    assert.equal(lines.filter((l) => l.includes('示例市示例区人民政府2021年政府信息公开工作年度报告')).length, 1);
    assert.ok(!lines.some((l) => /^-\s*\d+\s*-$/.test(l)));
    // Table 三 spans pages 1 to 3 (its rows from page 2).
    const page = (prefix: string) => pageOf(conv, lines.findIndex((l) => l.startsWith(prefix)));
    assert.equal(page('一、本年新收政府信息公开申请数量'), 2);
    assert.equal(page('3.其他'), 3);
  });

  it('one changed number gives exactly one arithmetic finding, on that cell, on its page', async () => {
    const conv = await readPdf(file('generated-2021-changed.pdf'));
    const { report, findings } = check(conv.text);
    const arithmetic = findings.filter((f) => f.rule === 'sum-mismatch' || f.rule === 'balance-mismatch');
    assert.equal(arithmetic.length, 1, findings.map((f) => f.message).join('\n'));
    assert.deepEqual(findings.filter((f) => f.severity === 'error'), arithmetic);
    const f = arithmetic[0];
    assert.equal(conv.text.slice(f.start, f.end), '3');
    const line = report.lineIndex.positionAt(f.start).line;
    assert.ok(conv.text.split('\n')[line].startsWith('1.信访举报投诉类申请\t3\t'));
    assert.equal(pageOf(conv, line), 2);
  });
});

/** A minimal PDF: the objects in order (object 1 the catalog), with a correct cross-reference table. */
function makePdf(objects: string[]): Uint8Array {
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

const stream = (s: string) => `<< /Length ${Buffer.byteLength(s, 'latin1')} >>\nstream\n${s}\nendstream`;

describe('PDF reader: pathological pages', () => {
  it('a page of more text runs than MAX_PDF_ITEMS_PER_PAGE is left out with a note; the next page is read', async () => {
    const runs: string[] = [];
    for (let i = 0; i < MAX_PDF_ITEMS_PER_PAGE + 5000; i++) runs.push(`BT /F1 4 Tf ${(i * 7) % 500} ${(i * 13) % 800} Td (${i % 10}) Tj ET`);
    const pdf = makePdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
      stream(runs.join('\n')),
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 7 0 R >>',
      stream('BT /F1 12 Tf 72 720 Td (Second page) Tj ET'),
    ]);
    const conv = await readPdf(pdf);
    assert.deepEqual(conv.notes.map((n) => [n.code, n.severity]), [['pdf-page-too-complex', 'warning']]);
    assert.equal(conv.text, 'Second page');
    assert.deepEqual(conv.lines, [{ kind: 'pdf', page: 2, x: 72, y: 720 }]);
  });

  it('a font that is not embedded (宋体 by its CMap UniGB-UCS2-H): the cMaps are found locally', async () => {
    const pdf = makePdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F2 5 0 R >> >> /Contents 4 0 R >>',
      stream('BT /F2 12 Tf 72 700 Td <4E003001603B4F5360C551B5> Tj ET'),
      '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
      '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R /DW 1000 >>',
      '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
    ]);
    assert.equal((await readPdf(pdf)).text, '一、总体情况');
  });
});

describe('PDF reader: files it cannot read', () => {
  it('a scan (no text layer): the note, and no text', async () => {
    const conv = await readPdf(file('generated-scan.pdf'));
    assert.equal(conv.text, '');
    assert.deepEqual(conv.lines, []);
    assert.deepEqual(conv.notes, [
      { code: 'pdf-no-text-layer', severity: 'error', message: { zh: '扫描版 PDF：没有文字层，请先进行文字识别（OCR）', en: 'scanned PDF: no text layer; run OCR first' } },
    ]);
  });

  /** One page (or two: a page of text first) whose /Contents is object 6. */
  const pageOf = (contents: string, textPageFirst = false) =>
    makePdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      `<< /Type /Pages /Kids [${textPageFirst ? '7 0 R ' : ''}3 0 R] /Count ${textPageFirst ? 2 : 1} >>`,
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 6 0 R >>',
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
      stream('BT /F1 12 Tf 72 720 Td (First page) Tj ET'),
      contents,
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    ]);

  it('a damaged content stream (text operators, no text) is not called a scan', async () => {
    // An unterminated string: pdfjs reads the operators before it and no text.
    const conv = await readPdf(pageOf(stream('BT /F1 12 Tf 72 720 Td (First page Tj ET')));
    assert.equal(conv.text, '');
    assert.deepEqual(conv.notes.map((n) => [n.code, n.severity]), [['pdf-text-damaged', 'error']]);
    assert.match(conv.notes[0].message.en, /^damaged PDF: .*not a scan/);
    assert.match(conv.notes[0].message.zh, /已损坏.*不是扫描版/);
  });

  it('a damaged page among pages of text: said so, apart from blank pages', async () => {
    const conv = await readPdf(pageOf(stream('BT /F1 12 Tf 72 700 Td (Second page Tj ET'), true));
    assert.equal(conv.text, 'First page');
    assert.deepEqual(conv.notes.map((n) => [n.code, n.severity, n.message.en]), [
      ['pdf-page-text-damaged', 'warning', 'page(s) 2 of the PDF have text operators but no text could be read (damaged file)'],
    ]);
    const blank = await readPdf(pageOf(stream(''), true));
    assert.deepEqual(blank.notes.map((n) => n.code), ['pdf-page-no-text']);
  });

  it('contents that point at nothing, or a blank page: neither text nor images, not a scan', async () => {
    for (const contents of ['null', stream(''), stream('q 1 0 0 1 0 0 cm Q')]) {
      const conv = await readPdf(pageOf(contents));
      assert.deepEqual(conv.notes.map((n) => [n.code, n.message.en]), [['pdf-no-content', 'the PDF holds neither text nor images (blank pages, or a damaged file)']], contents);
    }
  });

  it('a page drawn without text (text in outlines, an inline image): no text layer, run OCR', async () => {
    for (const contents of [stream('72 700 m 100 720 l 120 700 l h f'), stream('q 100 0 0 100 72 600 cm BI /W 1 /H 1 /CS /G /BPC 8 ID \x80 EI Q')]) {
      const conv = await readPdf(pageOf(contents));
      assert.deepEqual(conv.notes.map((n) => n.code), ['pdf-no-text-layer'], contents);
    }
  });

  it('an encrypted PDF: ReaderError pdf-encrypted', async () => {
    await assert.rejects(readPdf(file('generated-encrypted.pdf')), (e: unknown) => e instanceof ReaderError && e.code === 'pdf-encrypted' && /password/.test(e.en) && /密码/.test(e.zh));
  });

  it('a truncated PDF: ReaderError, at any length', async () => {
    const bytes = file('huaian_szf_2024.pdf');
    for (const n of [0, 10, 1000, bytes.length >> 1, bytes.length - 100]) {
      await assert.rejects(readPdf(bytes.subarray(0, n)), (e: unknown) => e instanceof ReaderError && (e.code === 'pdf-corrupt' || e.code === 'pdf-not-pdf'), `cut at ${n}`);
    }
  });

  it('not a PDF: ReaderError pdf-not-pdf', async () => {
    await assert.rejects(readPdf(new TextEncoder().encode('一、总体情况\n')), (e: unknown) => e instanceof ReaderError && e.code === 'pdf-not-pdf');
  });

  it('mutated real PDFs: a result or a ReaderError, never another exception', async () => {
    const base = file('generated-2021.pdf');
    let seed = 20240601;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (let k = 0; k < 12; k++) {
      const m = new Uint8Array(base);
      const at = Math.floor(rand() * m.length);
      for (let i = 0; i < 64; i++) m[(at + i) % m.length] = Math.floor(rand() * 256);
      try {
        const conv = await readPdf(m);
        assert.equal(conv.lines.length, conv.text === '' ? 0 : conv.text.split('\n').length);
      } catch (e) {
        assert.ok(e instanceof ReaderError, `mutation ${k} at ${at}: ${String(e)}`);
      }
    }
  });
});

describe('PDF layout (pdf-layout.ts) on hand-made runs', () => {
  /** A run at (x, y) in display space (y down) on a page 600 high; user space y = 600 - y. */
  const run = (str: string, x: number, y: number, size = 10, width = str.length * size): PdfTextItem => ({ str, x0: x, x1: x + width, y, size, ux: x, uy: 600 - y });
  const page = (n: number, items: PdfTextItem[]): PdfPageText => ({ page: n, width: 400, height: 600, items });
  const nums = (y: number, values: string[], x0 = 200, step = 30) => values.map((v, k) => run(v, x0 + k * step, y, 10, v.length * 5));

  it('drops page numbers ("- 5 -", "-4-", "第 3 页", "3/7") and never writes a form feed', () => {
    for (const pn of ['- 5 -', '-4-', '第 3 页', '3/7', '—2—']) {
      const out = layoutPdf([page(1, [run('一、总体情况', 40, 60), run('正文。\f', 40, 80), run(pn, 190, 580, 9, 20)])]);
      assert.equal(out.text, '一、总体情况\n正文。', pn);
    }
  });

  it('drops a running header repeated at the top of the pages, keeps text that is on one page only', () => {
    const pages = [1, 2, 3].map((n) => page(n, [run('某某市人民政府办公室', 120, 25, 9), run(`第${n}页的正文`, 40, 100)]));
    pages[0].items.push(run('只在第一页顶端', 40, 40, 9));
    assert.equal(layoutPdf(pages).text, '只在第一页顶端\n第1页的正文\n第2页的正文\n第3页的正文');
  });

  it('a label wrapped above and below its values is one cell; an empty column is an empty field', () => {
    const items = [
      // Header: three value columns at x 200, 230, 260.
      run('项目', 40, 100), run('甲', 200, 100, 10, 10), run('乙', 230, 100, 10, 10), run('丙', 260, 100, 10, 10),
      run('第一行', 40, 130), ...nums(130, ['1', '2', '3']),
      // Wrapped label, values on a baseline between its two lines.
      run('第二行很长的标签', 40, 155), run('的后半', 40, 167), ...nums(161, ['4', '5', '6']),
      // Missing middle value.
      run('第三行', 40, 190), run('7', 200, 190, 10, 5), run('9', 260, 190, 10, 5),
    ];
    const out = layoutPdf([page(1, items)]);
    assert.equal(out.text, '项目\t甲\t乙\t丙\n第一行\t1\t2\t3\n第二行很长的标签的后半\t4\t5\t6\n第三行\t7\t\t9');
    assert.deepEqual(out.lines[2], { kind: 'pdf', page: 1, x: 40, y: 445 });
  });

  it('a column blank in every row, named in the header, is kept as an empty field', () => {
    const items = [
      run('项目', 40, 100), run('自然人', 200, 100, 10, 30), run('商业企业', 240, 100, 10, 40), run('总计', 290, 100, 10, 20),
      run('甲行', 40, 130), run('1', 210, 130, 10, 5), run('1', 295, 130, 10, 5),
      run('乙行', 40, 150), run('2', 210, 150, 10, 5), run('2', 295, 150, 10, 5),
    ];
    assert.equal(layoutPdf([page(1, items)]).text, '项目\t自然人\t商业企业\t总计\n甲行\t1\t\t1\n乙行\t2\t\t2');
  });

  // 2019年上海市人民政府办公厅 report (test/fixtures/web-text/shanghai_bgt_2019.html) printed: its
  // narrow nowrap header cells came as one run, and two of the five columns are blank in every row.
  it('header names run together in one cell are split: each blank column they name is kept', () => {
    const items = [
      run('自然人', 170, 100, 10, 30), run('商业企业科研机构社会公益组织法律服务机构其他', 200, 100, 10, 220), run('总计', 430, 100, 10, 20),
      run('甲行', 40, 130), run('821', 175, 130, 10, 15), run('35', 210, 130, 10, 10), run('2', 350, 130, 10, 5), run('1', 405, 130, 10, 5), run('859', 432, 130, 10, 15),
      run('乙行', 40, 150), run('18', 175, 150, 10, 10), run('18', 432, 150, 10, 10),
    ];
    const rows = layoutPdf([page(1, items)]).text.split('\n').slice(-2);
    assert.deepEqual(rows, ['甲行\t821\t35\t\t\t2\t1\t859', '乙行\t18\t\t\t\t\t\t18']);
  });

  // 沭阳县发展和改革局 2023 (test/fixtures/web-text/shuyang_fgj_2023.html) printed: the headers of
  // narrow columns wrap one or two characters a line, and the first line of 「商业企业」 ran into
  // 「自然人」's (「自然商」); every column but 自然人 and 总计 is blank.
  it('a wrapped header whose first characters ran into the cell on its left still names its column', () => {
    const items = [
      run('自然商', 200, 100, 10, 30), run('科', 240, 100, 10, 10), run('总', 280, 100, 10, 10),
      run('人', 200, 112, 10, 10), run('业', 220, 112, 10, 10), run('研', 240, 112, 10, 10), run('计', 280, 112, 10, 10),
      run('企', 220, 124, 10, 10), run('机', 240, 124, 10, 10),
      run('业', 220, 136, 10, 10), run('构', 240, 136, 10, 10),
      run('甲行', 40, 160), run('26', 200, 160, 10, 10), run('26', 280, 160, 10, 10),
      run('乙行', 40, 180), run('0', 200, 180, 10, 5), run('0', 280, 180, 10, 5),
    ];
    const rows = layoutPdf([page(1, items)]).text.split('\n').slice(-2);
    assert.deepEqual(rows, ['甲行\t26\t\t\t26', '乙行\t0\t\t\t0']);
  });

  // 上海 2019 printed: table 四's header names are runs of their own 3 pt apart (one cell, closer
  // than a cell gap); split by a share of the cell's width, 「其他结果」 would reach into the
  // 尚未审结 column and its blank column be lost.
  it('header names run together are split at their runs\' edges, not by a share of the width', () => {
    const names = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
    let x = 200;
    const items: PdfTextItem[] = [];
    for (const n of names) {
      items.push(run(n, x, 100, 10, n.length * 10));
      x += n.length * 10 + 3;
    }
    items.push(run('5', 200, 130, 10, 5), run('2', 329, 130, 10, 5), run('7', 372, 130, 10, 5));
    assert.deepEqual(layoutPdf([page(1, items)]).text.split('\n').slice(-1), ['5\t\t\t2\t7']);
  });

  // 沭阳 2023 printed: （六）2's 「0」 stands 6 pt right of its label's second line, closer than a
  // cell gap, and was read into the label.
  it('a number run into a wrapped label line goes to its column when it lies within it; a label ending in a number keeps it', () => {
    const items = [
      run('自然人', 200, 100, 10, 30), run('总计', 260, 100, 10, 20),
      run('甲行', 40, 130), run('3', 200, 130, 10, 5), run('3', 260, 130, 10, 5),
      run('2.申请人逾期未按收费通知要求缴', 40, 155, 10, 150), run('费用的申请人的申请内容', 40, 167, 10, 155), run('0', 200, 167, 10, 5), run('0', 260, 167, 10, 5),
      run('后半', 40, 179, 10, 20),
      run('第二行', 40, 210, 10, 30), run('12', 73, 210, 10, 10), run('1', 200, 210, 10, 5), run('1', 260, 210, 10, 5),
    ];
    const rows = layoutPdf([page(1, items)]).text.split('\n').slice(-3);
    assert.deepEqual(rows, ['甲行\t3\t3', '2.申请人逾期未按收费通知要求缴费用的申请人的申请内容后半\t0\t0', '第二行 12\t1\t1']);
  });

  // The same page: rows blank in every cell have no line of values, only their label.
  it('a leaf row\'s label alone, with no values beside it, is a row of blank cells', () => {
    const items = [
      run('自然人', 200, 100, 10, 30), run('总计', 240, 100, 10, 20),
      // Rows 30 apart (three lines), as on the page.
      run('（五）不予处理', 40, 160, 10, 70), run('1.信访举报投诉类申请', 120, 130, 10, 70), run('148', 200, 130, 10, 15), run('149', 240, 130, 10, 15),
      run('3.要求提供公开出版物', 120, 160, 10, 70),
      run('4.无正当理由大量反复申请', 120, 190, 10, 70),
      // 2019's （六）其他处理 (a group label in 2021): a leaf, since no 「1.」 row follows it.
      run('（六）其他处理', 40, 220, 10, 70),
      run('（七）总计', 40, 250, 10, 70), run('767', 200, 250, 10, 15), run('805', 240, 250, 10, 15),
    ];
    assert.deepEqual(layoutPdf([page(1, items)]).text.split('\n').slice(1), [
      '（五）不予处理',
      '1.信访举报投诉类申请\t148\t149',
      '3.要求提供公开出版物\t\t',
      '4.无正当理由大量反复申请\t\t',
      '（六）其他处理\t\t',
      '（七）总计\t767\t805',
    ]);
  });

  it('a short line opening with a section number after a full line is a heading, not the paragraph\'s end', () => {
    const items = [run('导语第一行', 40, 100, 10, 300), run('导语最后一行，满行。', 40, 115, 10, 300), run('一、总体情况', 40, 130, 10, 60), run('正文。', 60, 145, 10, 30)];
    assert.equal(layoutPdf([page(1, items)]).text, '导语第一行导语最后一行，满行。\n一、总体情况\n正文。');
  });

  it('a group label beside its sub-rows becomes a line before the first of them', () => {
    const items = [
      run('（一）甲', 40, 100), ...nums(100, ['1', '1']),
      run('1.子一', 100, 120), ...nums(120, ['2', '2']),
      run('（二）乙', 40, 130), run('组', 40, 142),
      run('2.子二', 100, 140), ...nums(140, ['3', '3']),
      run('3.子三', 100, 160), ...nums(160, ['4', '4']),
    ];
    assert.equal(layoutPdf([page(1, items)]).text, '（一）甲\t1\t1\n（二）乙组\n1.子一\t2\t2\n2.子二\t3\t3\n3.子三\t4\t4');
  });

  it('prose: lines reaching the right margin continue, an indented line starts a paragraph', () => {
    const w = 300;
    const items = [run('第一段第一行', 60, 100, 10, w - 20), run('第一段第二行。', 40, 115, 10, 70), run('第二段。', 60, 130, 10, 40), run('第三段第一行', 60, 145, 10, w - 20), run('延续。', 40, 160, 10, 30)];
    assert.equal(layoutPdf([page(1, items)]).text, '第一段第一行第一段第二行。\n第二段。\n第三段第一行延续。');
  });
});

describe('PDF reader in the built CLI (dist/pdfjs beside dist/readers.js)', () => {
  it('checks a PDF; its JSON output is clean (pdfjs prints nothing)', (t) => {
    if (!existsSync(join(ROOT, 'dist', 'pdfjs', 'pdf.mjs')) || !existsSync(join(ROOT, 'dist', 'cli.js'))) return t.skip('not built');
    let out: string;
    try {
      out = execFileSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'check', '--format', 'json', join(DIR, 'generated-2021-changed.pdf')], { encoding: 'utf8' });
    } catch (e) {
      out = (e as { stdout: string }).stdout; // exit 1: errors found
    }
    const json = JSON.parse(out) as { files: { diagnostics: { code: string; severity: string }[] }[] };
    assert.deepEqual(json.files[0].diagnostics.filter((d) => d.severity === 'error').map((d) => d.code), ['sum-mismatch']);
  });
});
