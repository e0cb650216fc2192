import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cellKey, check, parseReport, type Report } from '../../core/src';
import { cellOf, ref, report2021, seed, SEED_NAMES } from './helpers';

function allRowsFound(r: Report): string[] {
  const missing: string[] = [];
  for (const tdef of r.format.tables) {
    const t = r.tables[tdef.id];
    for (const b of tdef.blocks) for (const row of b.rows) {
      if (row.group) continue;
      if (!t?.blocks.find((x) => x.def === b)?.rows.find((x) => x.def === row)) missing.push(`${tdef.id}/${b.id}/${row.id}`);
    }
  }
  return missing;
}

describe('parser on the seeds', () => {
  for (const name of SEED_NAMES) {
    it(`${name}: 2019 version, year 2020, six official sections, every row and cell`, () => {
      const r = parseReport(seed(name.slice(0, 3)));
      assert.equal(r.formatVersion, '2019');
      assert.equal(r.versionSource, 'labels');
      assert.equal(r.year, 2020);
      assert.deepEqual(r.sections.map((s) => s.def.id), [1, 2, 3, 4, 5, 6]);
      assert.ok(r.sections.every((s) => s.official));
      assert.deepEqual(allRowsFound(r), []);
      // 22 cells in table 二, 23 × 7 in table 三, 15 in table 四.
      assert.equal(r.cells.size, 22 + 161 + 15);
      for (const c of r.cells.values()) {
        assert.ok(c.present, `${cellKey(c.ref)} present`);
        if (c.located) assert.equal(r.text.slice(c.start, c.end), c.raw, `${cellKey(c.ref)} range`);
      }
      // No arithmetic error and no error at all in a seed.
      assert.deepEqual(check(r.text).findings.filter((f) => f.severity === 'error'), []);
    });
  }

  it('seed 000 (one cell per line): values and exact ranges', () => {
    const r = parseReport(seed('000'));
    assert.equal(r.layout, 'cell-per-line');
    const fee = cellOf(r, ref('t2', 'b8', 'fees', 'previous'));
    assert.equal(fee.raw, '0项');
    assert.equal(fee.value.value, 0);
    assert.deepEqual(r.lineIndex.positionAt(fee.start), { line: 66, character: 3 });
    const amount = cellOf(r, ref('t2', 'b9', 'procurement', 'amount'));
    assert.equal(amount.value.value, 61355);
    assert.equal(amount.value.unit, '元');
    // A trailing NBSP is not part of the cell.
    const nbsp = cellOf(r, ref('t3', 'main', 'new', 'business'));
    assert.equal(nbsp.raw, '0');
    assert.equal(r.lineIndex.positionAt(nbsp.start).line, 100);
    const t4total = cellOf(r, ref('t4', 'main', 'cases', 'after_total'));
    assert.equal(r.lineIndex.positionAt(t4total.start).line, 390);
  });

  it('seed 001 (OCR): garbled labels land on their rows; a digit in a label is not a cell', () => {
    const r = parseReport(seed('001'));
    assert.equal(cellOf(r, ref('t2', 'b6', 'penalty', 'previous')).value.value, 5);
    assert.equal(cellOf(r, ref('t2', 'b6', 'penalty', 'decisions')).value.value, 8);
    assert.equal(cellOf(r, ref('t2', 'b9', 'procurement', 'amount')).value.value, 95180);
    // "(一) 引\t5以公开": the row 予以公开, all of whose cells are blank.
    const r1 = r.tables.t3!.blocks[0].rows.find((x) => x.def.id === 'r1')!;
    assert.match(r1.labelText, /5以公开/);
    assert.ok(r1.cells.every((c) => c.value.status === 'blank'));
    // Table 四 has numbers only in its three totals.
    const t4 = r.tables.t4!.blocks[0].rows[0].cells;
    assert.deepEqual(t4.map((c) => c.value.status === 'blank' ? '·' : String(c.value.value)).join(''), '····0····0····0');
  });

  it('seed 002 (tab rows, page-split header): merged label cells do not shift values', () => {
    const r = parseReport(seed('002'));
    assert.equal(r.layout, 'row-per-line');
    for (const row of ['new', 'carried', 'r1', 'r3_1', 'r3_7', 'r5_5', 'r7']) {
      const total = cellOf(r, ref('t3', 'main', row, 'total'));
      assert.equal(total.raw, '0', `${row} total`);
    }
    assert.equal(cellOf(r, ref('t2', 'b9', 'procurement', 'amount')).raw, '4168558 元');
    assert.equal(r.tables.t4!.blocks[0].rows[0].cells.filter((c) => c.raw === '0').length, 15);
  });

  it('seed 004: year from the body when the title has none', () => {
    const r = parseReport(seed('004'));
    assert.equal(r.year, 2020);
    assert.equal(r.yearSource, 'body');
    assert.equal(cellOf(r, ref('t2', 'b9', 'procurement', 'amount')).value.unit, '万元');
  });

  it('CRLF, BOM-stripped text, U+3000 and full-width digits do not change what is read', () => {
    const base = parseReport(seed('003'));
    const crlf = parseReport(seed('003').replace(/\n/g, '\r\n'));
    const values = (r: Report) => [...r.cells.values()].map((c) => `${cellKey(c.ref)}=${c.value.value}`);
    assert.deepEqual(values(crlf), values(base));
    const cr = parseReport(seed('003').replace(/\n/g, '\r'));
    assert.deepEqual(values(cr), values(base));
    const wide = parseReport(seed('003').replace(/\t(\u3000*)0$/gm, '\t$1０'));
    assert.deepEqual(values(wide), values(base));
  });
});

describe('parser on 2021 reports in four layouts', () => {
  for (const layout of ['tabs', 'cells', 'pipes', 'spaces'] as const) {
    it(`2021 ${layout}`, () => {
      const r = parseReport(report2021(layout));
      assert.equal(r.formatVersion, '2021');
      assert.equal(r.year, 2021);
      assert.equal(r.yearSource, 'title');
      assert.deepEqual(allRowsFound(r), []);
      assert.equal(r.cells.size, 10 + 175 + 15);
      assert.equal(cellOf(r, ref('t3', 'main', 'r7', 'total')).value.value, 49);
      assert.equal(cellOf(r, ref('t3', 'main', 'r6_1', 'natural')).value.value, 1);
      assert.equal(cellOf(r, ref('t2', 'b5', 'licensing', 'decisions')).value.value, 1326);
      assert.equal(cellOf(r, ref('t2', 'b8', 'fees', 'fee_amount')).value.value, 12.5);
      assert.equal(cellOf(r, ref('t4', 'main', 'cases', 'review_total')).value.value, 4);
      for (const c of r.cells.values()) if (c.located) assert.equal(r.text.slice(c.start, c.end), c.raw);
      assert.deepEqual(check(r.text).findings, []);
    });
  }

  it('format version can be forced', () => {
    const r = parseReport(report2021('tabs'), { formatVersion: '2019' });
    assert.equal(r.formatVersion, '2019');
    assert.equal(r.versionSource, 'override');
  });
});

describe('parser on text that is not a report', () => {
  for (const [name, text] of [
    ['empty', ''],
    ['one line', 'hello'],
    ['binary junk', '\u0000\u0001\u0002\uFFFD\uD800'],
    ['only numbers', '1\t2\t3\n4\t5\t6'],
    // Prose or page chrome with one line only like a table-三 label (「政府信息公开年报」 for
    // 「一、本年新收政府信息公开申请数量」) and no number: no table, not 24 missing rows.
    ['a line like a row label', '关于政府信息公开年报的说明\n本栏目发布政府信息公开年报。\n'],
    ['a line like a row label, then prose', '标题: 某区2025年度政府信息公开工作年度报告\n栏目: 政府信息公开年报\n正文略\n'],
    // A crawler's text of a real report page: the whole article on one line (test/fixtures/web-text).
    ['a real report flattened to one line', readFileSync(join(__dirname, '..', 'fixtures', 'web-text', 'pingtan_2025.crawler.txt'), 'utf8')],
    // Another (2020, 2019 format): some rows keep spaces between their cells ("4 0 0 0 0 0 4").
    ['a real 2019-format report flattened to one line', readFileSync(join(__dirname, '..', 'fixtures', 'web-text', 'pingtan_2020.crawler.txt'), 'utf8')],
  ] as const) {
    it(name, () => {
      const r = parseReport(text);
      assert.equal(r.sections.length, 0);
      const { findings } = check(text);
      // Binary junk's control and replacement characters are file-encoding's (one finding per run).
      assert.deepEqual(
        findings.filter((f) => f.rule === 'file-encoding').map((f) => [f.start, f.end]),
        name === 'binary junk' ? [[0, 3], [3, 4]] : [],
      );
      const others = findings.filter((f) => f.rule !== 'file-encoding');
      assert.equal(others.length, 1);
      assert.equal(others[0].rule, 'missing-section');
    });
  }
});

describe('section headings wrapped over two lines', () => {
  const sections = (text: string) => parseReport(text).sections.map((s) => [s.def.id, s.text]);
  it('a heading wrapped under its own ordinal takes its second line', () => {
    assert.deepEqual(sections('一、总体情况\n正文\n三、收到和处理政府信息公开\n申请情况\n正文'), [
      [1, '一、总体情况'],
      [3, '三、收到和处理政府信息公开\n申请情况'],
    ]);
  });
  it('a row label under a short heading is not its second line', () => {
    // "其他处理" is a row of table 三, not a piece of 收到和处理政府信息公开申请情况.
    assert.deepEqual(sections('三、申请\n其他处理\n0'), []);
  });
  it('a misnumbered first line is not joined with the next one', () => {
    assert.deepEqual(sections('一，处理\n申请\n1'), []);
  });
});
