// Regression tests of issue 11, engine half: safe fixes never change what a report says. Each
// case is one the issue reproduced (numbers apart joined, look-alikes folded into digits, heading
// fixes deleting the text after the heading, numbers rounded), rebuilt on the fixtures.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { check, fixAll, safeEdits, type CheckResult } from '../../core/src';
import { findingsOf, ref, report2021, replaceOnce, setCell, cellOf } from './helpers';
import { fetched, fetchedSkip, isFetched } from '../fetched';

/** Every cell's value (number, blank, or the text of an unreadable cell), by key. */
function values(r: CheckResult): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, c] of r.report.cells) out[key] = !c.present ? 'absent' : c.value.status === 'blank' ? 'blank' : c.value.value === null ? `${c.value.status}:${c.raw}` : String(c.value.value);
  return out;
}

/** fixAll leaves the text as it is, and nothing among the findings has a safe fix. */
function noSafeFix(text: string): void {
  const r = check(text);
  assert.deepEqual(safeEdits(r.findings), [], 'no safe edit');
  assert.equal(fixAll(text).text, text, 'fixAll changes nothing');
}

const R1 = ['41', '6', '0', '1', '0', '3', '51'];
const tabs = report2021('tabs');
const r1Line = `一、本年新收政府信息公开申请数量\t${R1.join('\t')}`;

describe('issue 11: numbers apart are several cells, never joined', () => {
  it('a tab cell "41 6" (and with U+3000, U+00A0, U+2009) reads as two cells: the row reads as written', () => {
    const clean = values(check(tabs));
    for (const space of [' ', '\u3000', '\u00a0', '\u2009', '   ']) {
      const text = replaceOnce(tabs, r1Line, `一、本年新收政府信息公开申请数量\t41${space}6\t0\t1\t0\t3\t51`);
      assert.deepEqual(values(check(text)), clean, JSON.stringify(space));
      assert.deepEqual(findingsOf(text), findingsOf(tabs));
      noSafeFix(text);
    }
  });

  it('a whole row in one tab field ("67 3 0 0 1 0 71") reads as its seven cells', () => {
    const text = replaceOnce(tabs, r1Line, `一、本年新收政府信息公开申请数量\t${R1.join(' ')}`);
    assert.deepEqual(values(check(text)), values(check(tabs)));
    noSafeFix(text);
  });

  it('one-cell-per-line: a value line "41 6 0 1 0 3 51" reads as the row\'s seven cells', () => {
    const cells = report2021('cells');
    const { report } = check(cells);
    const first = cellOf(report, ref('t3', 'main', 'r1', 'natural'));
    const last = cellOf(report, ref('t3', 'main', 'r1', 'total'));
    const row = report.tables.t3!.blocks[0].rows.find((r) => r.def.id === 'r1')!;
    const text = cells.slice(0, first.start) + row.cells.map((c) => c.raw).join(' ') + cells.slice(last.end);
    assert.deepEqual(values(check(text)), values(check(cells)));
    assert.deepEqual(findingsOf(text, 'number-format'), []);
    noSafeFix(text);
  });

  it('table 四 wrapped over lines (PDF text) reads its 15 cells; changing one gives the sum finding', () => {
    const spaces = report2021('spaces');
    const line = '2   1   0   1   4   1   0   0   0   1   0   0   0   0   0';
    const text = replaceOnce(spaces, line, '2 1 0 1\n4 1 0 0\n0 1 0 0\n0 0 0');
    assert.deepEqual(values(check(text)), values(check(spaces)));
    assert.deepEqual(findingsOf(text), []);
    noSafeFix(text);
    const broken = replaceOnce(spaces, line, '2 1 0 1\n5 1 0 0\n0 1 0 0\n0 0 0');
    assert.deepEqual(findingsOf(broken).map((l) => l.split(' ').slice(0, 3).join(' ')), ['59:1 error sum-mismatch']);
  });

  it('a cell that still holds digits apart is unreadable, not a number to be joined', () => {
    // "1 2x": not a run of values, so one field; its digits are apart, so it is not read as 12.
    const text = setCell(tabs, ref('t3', 'main', 'r1', 'natural'), '1 2x');
    assert.equal(check(text).report.cells.get('t3/main/r1/natural')!.value.status, 'text');
    noSafeFix(text);
  });
});

describe('issue 11: look-alikes, the full-width comma and money units are findings, not safe fixes', () => {
  const at = ref('t3', 'main', 'r1', 'natural');
  for (const [raw, suggestion] of [
    ['5¹', '51'],
    ['41²', '412'],
    ['4₁', '41'],
    ['①', '1'],
    ['⓪', '0'],
    ['4，100', undefined],
    ['41万元', undefined],
  ] as const) {
    it(`"${raw}" in a count cell`, () => {
      const text = setCell(tabs, at, raw);
      const r = check(text);
      const f = r.findings.filter((x) => x.start === cellOf(r.report, at).start);
      assert.deepEqual(f.map((x) => x.rule), ['non-numeric-cell']);
      assert.equal(f[0].fix?.safe ?? false, false);
      assert.equal(f[0].fix?.edits[0].newText, suggestion);
      noSafeFix(text);
    });
  }

  it('a count unit goes (the same number); a money unit on an amount stays', () => {
    const text = setCell(tabs, at, `${cellOf(check(tabs).report, at).raw}件`);
    assert.equal(fixAll(text).text, tabs);
    const money = setCell(tabs, ref('t2', 'b8', 'fees', 'fee_amount'), '12.5万元');
    assert.equal(fixAll(money).text, money);
  });
});

describe('issue 11: a heading fix touches the heading only', () => {
  const cases: [string, string, string][] = [
    ['六、其他需要报告的事项', '六、其他需要报告的事项：无。', ''],
    ['六、其他需要报告的事项', '六、其他需要报告的事项 本年度未收取信息处理费。', ''],
    ['六、其他需要报告的事项', '六、其他需要报告的事项 本年度共收取信息处理费 0 元。', ''],
    ['五、存在的主要问题及改进情况', '五、存在的主要问题及改进情况 ' + '公开内容的全面性有待提高，'.repeat(12), ''],
    ['五、存在的主要问题及改进情况', '五、存在的主要问题及改进情况 2021年，公开内容的全面性有待提高。', ''],
    ['一、总体情况', '一、总体情况（数据截至2021年12月31日）', ''],
    ['三、收到和处理政府信息公开申请情况', '三、收到和处理政府信息公开申请情况（单位：件）', ''],
    ['六、其他需要报告的事项', '七、其他需要报告的事项：无。', '六、其他需要报告的事项：无。'],
    ['五、存在的主要问题及改进情况', '五、存在问题及改进情况：公开内容的全面性有待提高。', '五、存在的主要问题及改进情况：公开内容的全面性有待提高。'],
  ];
  for (const [official, written, fixed] of cases) {
    it(written, () => {
      const text = replaceOnce(tabs, official, written);
      const findings = findingsOf(text, 'section-heading');
      if (!fixed) {
        // The official heading with text after it: no finding at all, and nothing to fix.
        assert.deepEqual(findingsOf(text), findingsOf(tabs));
        assert.equal(fixAll(text).text, text);
      } else {
        assert.equal(findings.length, 1);
        assert.equal(fixAll(text).text, replaceOnce(tabs, official, fixed));
      }
    });
  }

  it('a wrapped official heading is one heading, with no finding; a wrapped variant is only offered', () => {
    const wrapped = replaceOnce(tabs, '四、政府信息公开行政复议、行政诉讼情况', '四、政府信息公开行政复议、\n行政诉讼情况');
    assert.deepEqual(findingsOf(wrapped), findingsOf(tabs));
    assert.equal(fixAll(wrapped).text, wrapped);
    const variant = replaceOnce(tabs, '四、政府信息公开行政复议、行政诉讼情况', '四、政府信息公开行政复议、\n诉讼情况');
    const f = check(variant).findings.filter((x) => x.rule === 'section-heading');
    assert.equal(f.length, 1);
    assert.equal(f[0].fix?.safe, false);
    assert.equal(fixAll(variant).text, variant);
  });

  it('a heading written with digits ("2.存在…") is renamed only on request', () => {
    const text = replaceOnce(tabs, '五、存在的主要问题及改进情况', '2.存在的主要问题及改进情况');
    assert.equal(findingsOf(text, 'section-heading').length, 1);
    for (const f of check(text).findings.filter((x) => x.rule === 'section-heading')) assert.notEqual(f.fix?.safe, true);
    assert.equal(fixAll(text).text, text);
  });
});

describe('issue 11: exact numbers', () => {
  const at = ref('t3', 'main', 'r1', 'natural');
  it('a value of 16 digits or more is a finding with its digits as written, never rounded', () => {
    for (const raw of ['9007199254740993', '1'.repeat(400), '９００７１９９２５４７４０９９３']) {
      const text = setCell(tabs, at, raw);
      const r = check(text);
      const f = r.findings.filter((x) => x.start === cellOf(r.report, at).start);
      assert.deepEqual(f.map((x) => x.rule), ['invalid-number'], raw.slice(0, 20));
      assert.match(f[0].message, new RegExp(raw.slice(0, 20)));
      // No other finding is made of it: the relations it is in are not judged, no row goes missing.
      assert.deepEqual(r.findings.filter((x) => x !== f[0]).map((x) => x.rule), []);
      assert.ok(!r.findings.some((x) => /Infinity|e\+/.test(x.message)));
      noSafeFix(text);
    }
  });

  it('twelve digits are still a number, summed exactly', () => {
    const text = setCell(tabs, at, '999999999999');
    const r = check(text);
    assert.equal(cellOf(r.report, at).value.value, 999999999999);
    const sum = r.findings.find((x) => x.rule === 'sum-mismatch')!;
    assert.match(sum.message, /应为 20（.*实为 999999999999$/);
  });
});

describe('issue 11: fix-all on text extracted from a real PDF changes no number', () => {
  for (const name of ['huaian_szf_2024.layout.txt', 'huaian_szf_2024.raw.txt', 'hongze_2023.raw.txt', 'hongze_2024.raw.txt', 'huaian_szf_2024.pdfjs.txt']) {
    it(name, { skip: isFetched(name) && fetchedSkip }, () => {
      const text = readFileSync(isFetched(name) ? fetched(name) : join(__dirname, '..', 'fixtures', 'pdf-text', name), 'utf8');
      const fixed = fixAll(text).text;
      const digits = (t: string) => t.match(/[0-9０-９]+/g)?.join(' ');
      assert.equal(digits(fixed), digits(text));
      assert.equal(fixed.split('\n').length, text.split('\n').length);
      assert.deepEqual(values(check(fixed)), values(check(text)));
    });
  }
});
