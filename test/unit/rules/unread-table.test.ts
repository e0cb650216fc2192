import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { check } from '../../../core/src';
import { CLEAN, findingsOf, otherRules, replaceOnce, report2021, SEED_NAMES, seed } from '../helpers';
import { fetched, fetchedSkip } from '../../fetched';

const RULE = 'unread-table';
const PDF_TEXT = join(__dirname, '..', '..', 'fixtures', 'pdf-text');
const WEB_TEXT = join(__dirname, '..', '..', 'fixtures', 'web-text');

/** A 2021 report of one cell per line turned into one paragraph per cell: an empty line after each cell. */
function paragraphs(text: string): string {
  return text.replace(/\n(?=[^\n])/g, '\n\n');
}

describe(RULE, () => {
  /** Every cell's value of tables 二 and 三 as read, by block and row. */
  const cellsOf = (text: string, id: 't2' | 't3') => check(text).report.tables[id]?.blocks.map((b) => b.rows.map((r) => `${r.def.id} ${r.cells.map((c) => c.value.value).join(' ')}`));

  it('values aligned by spaces with blank cells (上海 2019 print: pdftotext -layout): tables 三 and 四 unread, no false count or sum', () => {
    for (const [file, lines] of [['shanghai_bgt_2019.print.layout.txt', ['105:1', '184:1']]] as const) {
      const text = readFileSync(join(PDF_TEXT, file), 'utf8');
      const { findings } = check(text);
      assert.deepEqual(
        findings.filter((f) => f.rule === RULE).map((f) => f.data),
        [{ table: 't3', why: 'spaced-blanks' }, { table: 't4', why: 'spaced-blanks' }],
        file,
      );
      assert.deepEqual(findingsOf(text, RULE).map((f) => f.split(' ')[0]), [...lines], file);
      assert.match(findingsOf(text, RULE)[0], /数值以空格分隔，而有的单元格为空/);
      // Before: 27 cell-count errors, a false balance-mismatch and sum-mismatch, a false text-vs-table.
      assert.deepEqual(findings.filter((f) => f.severity === 'error'), [], file);
      assert.deepEqual(otherRules(text, RULE), ['number-format', 'section-heading'], file);
    }
  });

  it('blank cells as NBSP items between single spaces (上海 2019 print, pypdf): tables 三 and 四 read as on the page; an NBSP too few or too many is unread', () => {
    const text = readFileSync(join(PDF_TEXT, 'shanghai_bgt_2019.print.pypdf.txt'), 'utf8');
    const page = readFileSync(join(WEB_TEXT, 'shanghai_bgt_2019.webcopy.txt'), 'utf8');
    const of = (t: string) => {
      const r = check(t);
      return [...r.report.cells].filter(([k]) => k.startsWith('t3/') || k.startsWith('t4/')).map(([k, c]) => `${k} ${c.value.status === 'blank' ? '' : c.value.value}`);
    };
    assert.deepEqual(findingsOf(text, RULE), []);
    assert.equal(of(text).length, 176);
    assert.deepEqual(of(text), of(page));
    const errs = (t: string) => check(t).findings.filter((f) => f.severity === 'error').map((f) => f.message);
    assert.deepEqual(errs(text), errs(page));
    // （二）部分公开 「3」 and six NBSPs: one NBSP fewer, or one more, and table 三 is unread;
    // table 四 (read only after table 三 was) too.
    const row = '不计其他情形） 3 \u00a0 \u00a0 \u00a0 \u00a0 \u00a0 \u00a0\n';
    assert.ok(text.includes(row));
    for (const changed of [row.replace(' \u00a0\n', '\n'), row.replace('\u00a0\n', '\u00a0 \u00a0\n'), row.replace(' 3 \u00a0', ' 3  \u00a0')]) {
      const t = replaceOnce(text, row, changed);
      assert.deepEqual(check(t).findings.filter((f) => f.rule === RULE).map((f) => f.data), [{ table: 't3', why: 'spaced-blanks' }, { table: 't4', why: 'spaced-blanks' }], JSON.stringify(changed));
      assert.deepEqual(errs(t), []);
    }
    // Trailing blanks lost (an editor trims the NBSP at a line's end): unread, not shifted.
    assert.deepEqual(findingsOf(text.replace(/ \u00a0\n/g, '\n'), RULE).length, 2);
  });

  it('the space-separated layout a person types (gaps of one width): a short row is a cell-count slip, not an unread table', () => {
    const text = readFileSync(join(__dirname, '..', '..', 'fixtures', 'reports', '2021-spaces.txt'), 'utf8');
    const short = text.replace(/^(（一）予以公开 {3}20 {3}3 {3}0 {3}1 {3}0 {3}2) {3}26$/m, '$1');
    assert.notEqual(short, text);
    assert.deepEqual(findingsOf(short, RULE), []);
    assert.ok(check(short).findings.some((f) => f.rule === 'cell-count'));
  });

  it('plain pdftotext (huaian 2024): table 四 recognised and left unread, once; tables 二 and 三 read as -layout reads them', () => {
    const text = readFileSync(join(PDF_TEXT, 'huaian_szf_2024.raw.txt'), 'utf8');
    assert.deepEqual(
      findingsOf(text, RULE).map((f) => f.replace(/：.*/, '')),
      ['578:1 warning unread-table 表四（行政复议、行政诉讼情况）的版式无法可靠读取'],
    );
    assert.deepEqual(otherRules(text, RULE), []);
    const layout = readFileSync(join(PDF_TEXT, 'huaian_szf_2024.layout.txt'), 'utf8');
    for (const id of ['t2', 't3'] as const) assert.deepEqual(cellsOf(text, id), cellsOf(layout, id), id);
  });

  it('plain pdftotext (洪泽 2023 and 2024): table 三 in columns and table 四 read, as -layout reads them; nothing unread', { skip: fetchedSkip }, () => {
    for (const y of ['2023', '2024']) {
      const text = readFileSync(fetched(`hongze_${y}.raw.txt`), 'utf8');
      const layout = readFileSync(fetched(`hongze_${y}.layout.txt`), 'utf8');
      assert.deepEqual(findingsOf(text, RULE), [], y);
      assert.deepEqual(
        check(text).findings.map((f) => `${f.rule} ${f.severity}`),
        check(layout).findings.map((f) => `${f.rule} ${f.severity}`),
        y,
      );
      for (const id of ['t2', 't3'] as const) assert.deepEqual(cellsOf(text, id), cellsOf(layout, id), `${y} ${id}`);
    }
  });

  it('a stream of paragraphs whose labels do not lead their values where the order says is unread', () => {
    // huaian's table 三 with 「二、上年结转」 moved one value later: its anchor no longer fits.
    const text = readFileSync(join(PDF_TEXT, 'huaian_szf_2024.raw.txt'), 'utf8');
    const moved = replaceOnce(text, '4\n\n3119\n\n二、上年结转政府信息公开申请数量\n\n34\n', '4\n\n3119\n\n34\n\n二、上年结转政府信息公开申请数量\n');
    assert.deepEqual(findingsOf(moved, RULE).length, 2);
    assert.deepEqual(otherRules(moved, RULE), []);
  });

  it('says nothing on the layouts it reads: seeds, clean reports, web copies, one paragraph per cell', () => {
    for (const n of SEED_NAMES) assert.deepEqual(findingsOf(seed(n.slice(0, 3)), RULE), [], n);
    for (const [name, text] of Object.entries(CLEAN)) assert.deepEqual(findingsOf(text(), RULE), [], name);
    for (const y of ['2019', '2023', '2024']) assert.deepEqual(findingsOf(readFileSync(join(WEB_TEXT, `pingtan_${y}.chromesel.txt`), 'utf8'), RULE), [], y);
    assert.deepEqual(check(paragraphs(report2021('cells'))).findings, []);
  });

  it('blank cells as NBSP paragraphs (Chromium, <p>&nbsp;</p>) keep their columns; one too few or too many is unread', () => {
    const text = paragraphs(report2021('cells'));
    // The second value of 一、本年新收 made a blank paragraph.
    const at = text.indexOf('一、本年新收政府信息公开申请数量');
    const v1 = text.indexOf('\n\n', at) + 2;
    const v2 = text.indexOf('\n\n', v1) + 2;
    const e2 = text.indexOf('\n', v2);
    const blank = text.slice(0, v2) + '\u00a0' + text.slice(e2);
    const r = check(blank);
    assert.deepEqual(r.report.unread, {});
    const row = r.report.tables.t3!.blocks[0].rows.find((x) => x.def.id === 'new')!;
    assert.deepEqual(row.cells.map((c) => c.value.status)[1], 'blank');
    assert.deepEqual(findingsOf(blank, RULE), []);
    // The blank paragraph removed, or doubled: the row is one short or one over.
    const short = text.slice(0, v2) + text.slice(e2 + 2);
    const over = text.slice(0, v2) + '\u00a0\n\n\u00a0' + text.slice(e2);
    for (const t of [short, over]) assert.deepEqual(findingsOf(t, RULE).length, 1);
    // A form feed or a line of ASCII spaces after the row's last value is no cell.
    const next = text.lastIndexOf('\n', text.indexOf('二、上年结转政府信息公开申请数量')) + 1;
    for (const line of ['\f', '   ']) assert.deepEqual(check(text.slice(0, next) + line + '\n\n' + text.slice(next)).findings, [], JSON.stringify(line));
  });

  it('blank cells as one more empty line each (Chromium, <p><o:p> </o:p></p>) keep their columns; a line too few or too many is unread', () => {
    // Every paragraph one empty line from the next, rows too (as Chromium writes them).
    const text = report2021('cells').replace(/\n+/g, '\n\n');
    assert.deepEqual(check(text).findings, []);
    // The second and third values of 一、本年新收 gone, each leaving its empty line.
    const at = text.indexOf('一、本年新收政府信息公开申请数量');
    const v2 = text.indexOf('\n\n', text.indexOf('\n\n', at) + 2) + 2;
    const v4 = text.indexOf('\n\n', text.indexOf('\n\n', v2) + 2) + 2;
    const blank = text.slice(0, v2) + '\n\n' + text.slice(v4);
    const r = check(blank);
    assert.deepEqual(r.report.unread, {});
    const row = r.report.tables.t3!.blocks[0].rows.find((x) => x.def.id === 'new')!;
    assert.deepEqual(row.cells.map((c) => c.value.status), ['number', 'blank', 'blank', 'number', 'number', 'number', 'number']);
    // The sum finds the two values gone (41 + 3 … ≠ 51), on the total.
    assert.deepEqual(r.findings.filter((f) => f.severity === 'error').map((f) => f.rule), ['sum-mismatch']);
    // One empty line fewer or more: the row has six or eight cells; unread, not guessed.
    for (const t of [text.slice(0, v2) + '\n' + text.slice(v4), text.slice(0, v2) + '\n\n\n' + text.slice(v4)]) {
      assert.deepEqual(check(t).findings.map((f) => `${f.rule} ${f.severity}`), ['unread-table warning']);
    }
  });

  it('says what it saw: values in pdftotext order (columns), or paragraph rows of the wrong count (a browser copy)', () => {
    const why = (text: string) => check(text).findings.filter((f) => f.rule === RULE).map((f) => f.data!.why);
    // 沭阳 2023, Chromium's selection copy (its blank cells leave one empty line each) with one of
    // those empty lines gone: a row of six cells.
    const full = readFileSync(join(WEB_TEXT, 'shuyang_fgj_2023.chromesel.txt'), 'utf8');
    assert.deepEqual(why(full), []);
    const shuyang = replaceOnce(full, '26\n\n\n\n\n\n\n26\n', '26\n\n\n\n\n\n26\n');
    assert.deepEqual(why(shuyang), ['paragraph-count']);
    const msg = findingsOf(shuyang, RULE)[0];
    assert.match(msg, /每个单元格各占一段，但有的行的数值段数与单元格数不符/);
    assert.doesNotMatch(msg, /pdftotext/);
    const en = check(shuyang, { locale: 'en' }).findings.find((f) => f.rule === RULE)!.message;
    assert.match(en, /^Table 三 .*every cell a paragraph of its own, but some row has more or fewer value paragraphs than cells/);
    assert.doesNotMatch(en, /pdftotext/);
    // 淮安 2024, plain pdftotext: table 四's values among header words.
    const raw = readFileSync(join(PDF_TEXT, 'huaian_szf_2024.raw.txt'), 'utf8');
    assert.deepEqual(why(raw), ['columns']);
    assert.match(findingsOf(raw, RULE)[0], /夹在表头文字之间，如不带 -layout 的 pdftotext 文本/);
    // Table 四 in paragraphs one value short, no header word among them: the count, not pdftotext.
    const text = paragraphs(report2021('cells'));
    const t4 = check(text).report.tables.t4!.blocks[0].rows[0].cells[3];
    const ls = text.lastIndexOf('\n', t4.start) + 1;
    assert.deepEqual(why(text.slice(0, ls) + text.slice(text.indexOf('\n', t4.end) + 2)), ['paragraph-count']);
  });

  it('a paragraph table with a row short of one value is unread, not guessed', () => {
    const text = paragraphs(report2021('cells'));
    // The first value of 一、本年新收 removed (its line and the empty line after it).
    const at = text.indexOf('一、本年新收政府信息公开申请数量');
    const v = text.indexOf('\n\n', at) + 2;
    const broken = text.slice(0, v) + text.slice(text.indexOf('\n\n', v) + 2);
    assert.deepEqual(
      check(broken).findings.map((f) => `${f.rule} ${f.severity}`),
      ['unread-table warning'],
    );
  });
});
