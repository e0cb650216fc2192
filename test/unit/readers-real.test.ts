// The readers on real published reports. HTML: the three 平潭综合实验区 articles of
// test/fixtures/web-text/ (provenance in its README: archived pages of www.pingtan.gov.cn, every
// relation checked by hand). Read directly, they check with no false finding, and every cell
// holds what the browser copy of the same page (`*.webcopy.txt`) holds. PDF: the two 洪泽区 reports
// of test/fixtures/published/ (provenance in its README): exactly their real findings, every cell
// as `pdftotext -layout` gives it, and every number of tables 三 and 四 changed by one is found.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { check, type Finding, type Report } from '../../core/src';
import { readHtml } from '../../core/src/readers';
import { readPdf } from '../../core/src/readers/pdf';
import { fetched, fetchedSkip } from '../fetched';

const FIXTURES = join(__dirname, '..', 'fixtures');
const DIR = join(FIXTURES, 'web-text');

/** Every cell the parser read: key → value as read. */
function cells(report: Report): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of report.cellOrder) out[c.key] = JSON.stringify(c.value);
  return out;
}

describe('HTML reader on real report pages (平潭 2019, 2023, 2024)', () => {
  const expected: Record<string, { version: string; findings: string[] }> = {
    // The one finding of the web copy too, judged right in the fixtures' README.
    '2019': { version: '2019', findings: ['information number-format'] },
    '2023': { version: '2021', findings: [] },
    '2024': { version: '2021', findings: [] },
  };
  for (const [year, want] of Object.entries(expected)) {
    it(`pingtan_${year}.html: no false finding; the cells of its browser copy`, () => {
      const conv = readHtml(readFileSync(join(DIR, `pingtan_${year}.html`)));
      const { report, findings } = check(conv.text);
      assert.equal(report.formatVersion, want.version);
      assert.equal(report.year, Number(year));
      assert.deepEqual(findings.map((f) => `${f.severity} ${f.rule}`), want.findings, findings.map((f) => f.message).join('\n'));
      const copy = check(readFileSync(join(DIR, `pingtan_${year}.webcopy.txt`), 'utf8')).report;
      assert.ok(report.cellOrder.length > 100);
      assert.deepEqual(cells(report), cells(copy));
      // Every table row of the converted text is located in a table of the page.
      for (const c of report.cellOrder) {
        const line = report.lineIndex.positionAt(c.start).line;
        assert.equal(conv.lines[line]?.kind, 'html-cell', `${c.key} at line ${line + 1}`);
      }
    });
  }
});

/** Findings by severity and rule, counted ("warning blank-cell ×26"), in order of first appearance. */
function tally(findings: Finding[]): string[] {
  const n = new Map<string, number>();
  for (const f of findings) n.set(`${f.severity} ${f.rule}`, (n.get(`${f.severity} ${f.rule}`) ?? 0) + 1);
  return [...n].map(([k, v]) => (v === 1 ? k : `${k} ×${v}`));
}

describe('HTML reader on more real report pages (沭阳县发展和改革局 2023, 上海市人民政府办公厅 2019)', () => {
  // Provenance and the judgement of every finding: test/fixtures/web-text/README.md.
  it('shuyang_fgj_2023: no error (its findings are real: 规范性文件 for 行政规范性文件, 整改措施, blank cells)', () => {
    const conv = readHtml(readFileSync(join(DIR, 'shuyang_fgj_2023.html')));
    const { report, findings } = check(conv.text);
    assert.equal(report.formatVersion, '2021');
    assert.deepEqual(tally(findings), ['warning format-version', 'warning blank-cell ×25', 'information section-heading']);
    for (const copy of ['webcopy', 'chromesel']) {
      const c = check(readFileSync(join(DIR, `shuyang_fgj_2023.${copy}.txt`), 'utf8'));
      assert.deepEqual(c.findings.filter((f) => f.severity === 'error').map(shown), [], copy);
    }
    assert.deepEqual(cells(report), cells(check(readFileSync(join(DIR, 'shuyang_fgj_2023.webcopy.txt'), 'utf8')).report));
    // Chromium's selection text: a blank cell leaves one more empty line (parse/blanklines.ts);
    // every cell of tables 三 and 四 as on the page.
    const sel = check(readFileSync(join(DIR, 'shuyang_fgj_2023.chromesel.txt'), 'utf8'));
    assert.deepEqual(sel.report.unread, {});
    assert.deepEqual(tally(sel.findings), tally(findings));
    const of = (r: Report, t: string) => Object.entries(cells(r)).filter(([k]) => k.startsWith(t));
    for (const t of ['t3/', 't4/']) assert.deepEqual(of(sel.report, t), of(report, t), t);
  });

  it('shanghai_bgt_2019: the labels spanning columns leave each row its blank 总计; exactly the real errors', () => {
    const conv = readHtml(readFileSync(join(DIR, 'shanghai_bgt_2019.html')));
    // 「（一）予以公开」 spans two columns of the grid and its row ends in a blank 总计: the label
    // stands in the last column of its span, the values right after it.
    assert.ok(conv.text.includes('\n三、本年度办理结果\t\t（一）予以公开\t258\t12\t\t\t1\t1\t\n'));
    const { report, findings } = check(conv.text);
    assert.equal(report.formatVersion, '2019');
    const row = (id: string) => report.cellOrder.filter((c) => c.key.startsWith(`t3/main/${id}/`)).map((c) => c.raw);
    assert.deepEqual(row('r1'), ['258', '12', '', '', '1', '1', '']);
    // The published table leaves the 总计 of eleven rows blank while their parts are not 0; the
    // column of totals then does not add up to （七）总计's 805. Nothing else is an error.
    const errors = findings.filter((f) => f.severity === 'error');
    assert.equal(errors.length, 12);
    assert.ok(errors.every((f) => f.rule === 'sum-mismatch'));
    for (const f of errors.slice(0, 11)) assert.match(f.message, /·总计 应为 \d+（.*），实为 空/);
    assert.match(errors[11].message, /^（七）总计·总计 应为 0/);
    assert.deepEqual(cells(report), cells(check(readFileSync(join(DIR, 'shanghai_bgt_2019.webcopy.txt'), 'utf8')).report));
    // Chromium's selection text: table 四's bare blank cells come as tab-joined runs between its
    // paragraph cells, table 三's blank cells as NBSP paragraphs; both read whole, every cell as
    // on the page, with the same 12 real errors.
    const sel = check(readFileSync(join(DIR, 'shanghai_bgt_2019.chromesel.txt'), 'utf8'));
    assert.deepEqual(sel.findings.filter((f) => f.severity === 'error').map((f) => f.message), errors.map((f) => f.message));
    assert.deepEqual(sel.report.unread, {});
    const of = (r: Report, t: string) => Object.entries(cells(r)).filter(([k]) => k.startsWith(t));
    for (const t of ['t3/', 't4/']) assert.deepEqual(of(sel.report, t), of(report, t), t);
  });
});

describe('PDF reader on real pages printed (沭阳县发展和改革局 2023, 上海市人民政府办公厅 2019, Chromium)', () => {
  it('shanghai_bgt_2019.print.pdf: every cell as on the page (blank rows, run-together headers), its real errors', async () => {
    const conv = await readPdf(new Uint8Array(readFileSync(join(FIXTURES, 'published', 'shanghai_bgt_2019.print.pdf'))));
    const { report, findings } = check(conv.text);
    const page = cells(check(readHtml(readFileSync(join(DIR, 'shanghai_bgt_2019.html'))).text).report);
    const read = cells(report);
    // Table by table: 二, 三, then 四, whose header names (「结果维持」 … 「总计」, runs of their own a
    // narrow gap apart: one cell) name its blank 结果纠正 and 其他结果 columns at their runs' edges.
    for (const t of ['t2/', 't3/', 't4/']) {
      const of = (c: Record<string, string>) => Object.entries(c).filter(([k]) => k.startsWith(t));
      assert.ok(of(page).length > 0, t);
      assert.deepEqual(of(read), of(page), t);
    }
    assert.deepEqual(read, page);
    assert.deepEqual(Object.entries(read).filter(([k]) => k.startsWith('t4/')).map(([, v]) => JSON.parse(v).value), [5, null, null, 2, 7, 8, null, null, 1, 9, null, null, null, null, null]);
    // The 12 real errors of table 三 (web-text README), and nothing else.
    const errors = findings.filter((f) => f.severity === 'error');
    assert.equal(errors.length, 12, errors.map(shown).join('\n'));
    assert.ok(errors.every((f) => f.rule === 'sum-mismatch'));
  });

  it('shuyang_fgj_2023.print.pdf: the blank columns named by wrapped headers are kept; the findings of the page', async () => {
    const conv = await readPdf(new Uint8Array(readFileSync(join(FIXTURES, 'published', 'shuyang_fgj_2023.print.pdf'))));
    const { report, findings } = check(conv.text);
    assert.deepEqual(tally(findings), ['warning format-version', 'warning blank-cell ×25', 'information section-heading']);
    const page = cells(check(readHtml(readFileSync(join(DIR, 'shuyang_fgj_2023.html'))).text).report);
    // （六）2's 自然人 「0」 stands 6 pt (half a character) right of the second line of its wrapped
    // label, closer than a cell gap: one cell with it, split off where the value column starts.
    const read = cells(report);
    assert.equal(read['t3/main/r6_2/natural'], '{"status":"number","value":0}');
    for (const t of ['t2/', 't3/', 't4/']) {
      const of = (c: Record<string, string>) => Object.entries(c).filter(([k]) => k.startsWith(t));
      assert.ok(of(page).length > 0, t);
      assert.deepEqual(of(read), of(page), t);
    }
    assert.deepEqual(read, page);
    assert.ok(conv.text.includes('\n2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t0\t\t\t\t\t\t0\n'));
  });
});

/** A finding as the tests compare it: severity, rule, message. */
const shown = (f: Finding) => `${f.severity} ${f.rule} ${f.message}`;

/**
 * For every number of table 三 and 四, the text with that number raised by one. Each change must
 * give at least one error that the text did not have, and every such new error must be on that
 * cell or name it among its parts. Returns the changes that were missed or reported elsewhere.
 */
function missedChanges(text: string): { tried: number; missed: string[] } {
  const base = check(text);
  const before = new Set(base.findings.filter((f) => f.severity === 'error').map((f) => `${f.start} ${shown(f)}`));
  const missed: string[] = [];
  let tried = 0;
  for (const [key, c] of base.report.cells) {
    if (!(key.startsWith('t3/') || key.startsWith('t4/')) || !c.located || c.value.status !== 'number') continue;
    tried++;
    const changed = text.slice(0, c.start) + String(c.value.value! + 1) + text.slice(c.end);
    const fresh = check(changed).findings.filter((f) => f.severity === 'error' && !before.has(`${f.start} ${shown(f)}`));
    const onCell = (f: Finding) => f.start === c.start || (f.related ?? []).some((r) => r.start === c.start);
    if (fresh.length === 0 || !fresh.every(onCell)) missed.push(`${key} ${c.raw}→${c.value.value! + 1}: ${fresh.map(shown).join('; ')}`);
  }
  return { tried, missed };
}

describe('PDF reader on real published reports (洪泽 2023, 2024)', () => {
  // The real findings, judged in test/fixtures/pdf-text/README.md: both reports mix the versions
  // (2021 table 二, 2019's single （六）其他处理 row); 洪泽 2023's table 四 is wrong as published
  // (行政复议 10 + 1 with 总计 0; 复议后起诉 结果维持 5 with 总计 0; checked with pdftotext -bbox).
  const MIXED = 'warning format-version 表三（收到和处理政府信息公开申请情况）的「（六）其他处理」是 2019 版格式的写法；2021 版格式中分为 （六）1.申请人逾期不补正、（六）2.申请人逾期未缴费、（六）3.其他。按其数值作为这几行的合计检查';
  const expected: Record<string, string[]> = {
    '2023': [
      MIXED,
      'error sum-mismatch 行政复议·总计 应为 11（结果维持 + 结果纠正 + 其他结果 + 尚未审结 之和），实为 0',
      'error sum-mismatch 行政诉讼（复议后起诉）·总计 应为 5（结果维持 + 结果纠正 + 其他结果 + 尚未审结 之和），实为 0',
    ],
    '2024': [MIXED],
  };
  for (const [year, want] of Object.entries(expected)) {
    it(`hongze_${year}.pdf: exactly its real findings; the cells of pdftotext -layout; every changed number found`, { skip: fetchedSkip }, async () => {
      const conv = await readPdf(new Uint8Array(readFileSync(fetched(`hongze_${year}.pdf`))));
      assert.deepEqual(conv.notes, []);
      const { report, findings } = check(conv.text);
      assert.equal(report.year, Number(year));
      assert.deepEqual(findings.map(shown), want);
      const layout = check(readFileSync(fetched(`hongze_${year}.layout.txt`), 'utf8')).report;
      assert.ok(report.cellOrder.length >= 200, `only ${report.cellOrder.length} cells`);
      assert.deepEqual(cells(report), cells(layout));
      const { tried, missed } = missedChanges(conv.text);
      assert.ok(tried >= 150, `only ${tried} numbers in tables 三 and 四`);
      assert.deepEqual(missed, []);
    });
  }
});
