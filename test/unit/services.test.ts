// Unit tests of the editor services (core/src/services): outline, cell lookup, hover, inlay hints
// and folding, on the five seeds. No server involved.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check, parseReport } from '../../core/src';
import { cellAt, foldingRanges, hoverAt, inlayHints, locatedCells, outline, type OutlineNode } from '../../core/src/services';

const seedDir = join(import.meta.dirname ?? __dirname, '..', 'fixtures', 'seeds');
const seeds = readdirSync(seedDir).filter((f) => f.endsWith('.txt')).sort();
const read = (name: string) => readFileSync(join(seedDir, name), 'utf8');

for (const name of seeds) {
  const text = read(name);
  const report = parseReport(text);

  test(`${name}: outline has six sections holding three tables, children inside parents`, () => {
    const roots = outline(report);
    const sections = roots.filter((n) => n.kind === 'section');
    assert.equal(sections.length, 6);
    const tables = sections.flatMap((s) => s.children.filter((c) => c.kind === 'table').map((c) => [s.name[0], c.name] as const));
    assert.deepEqual(
      tables.map(([ordinal]) => ordinal),
      ['二', '三', '四'],
    );
    const inside = (n: OutlineNode, parent?: OutlineNode) => {
      assert.ok(n.start <= n.selStart && n.selStart <= n.selEnd && n.selEnd <= n.end, `${n.name}: selection outside range`);
      if (parent) assert.ok(parent.start <= n.start && n.end <= parent.end, `${n.name} outside ${parent.name}`);
      assert.ok(n.name.length > 0);
      for (const c of n.children) inside(c, n);
    };
    for (const r of roots) inside(r);
  });

  test(`${name}: cellAt (binary search) agrees with a linear scan at every offset`, () => {
    const cells = locatedCells(report);
    for (let o = 0; o <= text.length; o++) {
      const got = cellAt(report, o)?.cell ?? null;
      // Linear: the last cell starting at or before o whose range holds o (end included).
      let want = null;
      for (const p of cells) if (p.cell.start <= o && o <= p.cell.end) want = p.cell;
      if (want !== got) assert.fail(`offset ${o}: ${got?.raw} vs ${want?.raw}`);
    }
  });

  test(`${name}: every value cell has a hover naming its column; prose has none`, () => {
    const { findings } = check(text);
    for (const { cell } of locatedCells(report)) {
      if (cell.end === cell.start) continue;
      const h = hoverAt(report, findings, cell.start, 'zh');
      assert.ok(h && h.includes(`列：${cell.column.label}`), `${cell.raw} at ${cell.start}`);
    }
    const first = report.sections[0];
    assert.equal(hoverAt(report, findings, first.start + 2, 'zh'), null);
  });

  test(`${name}: folding ranges are well-formed and cover the sections`, () => {
    const ranges = foldingRanges(report);
    for (const f of ranges) assert.ok(f.endLine > f.startLine);
    for (const s of report.sections.slice(0, 4)) assert.ok(ranges.some((f) => f.kind === 'section' && f.startLine === s.line), s.text);
  });

  test(`${name}: inlay hints only for one-cell-per-line rows, at value ends`, () => {
    const hints = inlayHints(report);
    const expected = locatedCells(report).filter((p) => p.row.layout === 'cell-per-line');
    assert.equal(hints.length, expected.length);
    hints.forEach((h, k) => {
      assert.equal(h.offset, expected[k].cell.end);
      assert.equal(h.label, expected[k].cell.column.label);
    });
    const all = inlayHints(report, { allRows: true });
    assert.equal(all.length, locatedCells(report).length);
  });
}

test('hover on a wrong total gives written vs computed and the expected value', () => {
  const text = read(seeds[3]);
  const cell = parseReport(text).cells.get('t3/main/r1/natural')!;
  const broken = text.slice(0, cell.start) + '5' + text.slice(cell.end);
  const { report, findings } = check(broken);
  const h = hoverAt(report, findings, cell.start, 'zh')!;
  assert.match(h, /^✗ \*\*写明 5，按勾稽关系应为 0\*\*\n\n/);
  const total = report.cells.get('t3/main/r1/total')!;
  const ht = hoverAt(report, findings, total.start, 'zh')!;
  // The verdict first, on its own; then the formula; then its parts, names over values.
  const blocks = ht.split('\n\n');
  assert.equal(blocks[0], '✗ **写明 0，计算 5，差 -5**');
  assert.equal(blocks[1], '本行总计（T3-row）：（一）予以公开·总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他');
  assert.equal(blocks[2], '| 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |\n|--:|--:|--:|--:|--:|--:|\n| **5** ✗ | 0 | 0 | 0 | 0 | 0 |');
});

/** Lines a hover shows: its non-empty markdown lines, less the tables' alignment rows. */
const shownLines = (h: string) => h.split('\n').filter((l) => l.trim() !== '' && !/^\|[-:|]+\|$/.test(l)).length;

test('hover on the largest relation: under 15 lines, the culprit bold among the parts, nothing glued', () => {
  const text = read(seeds[3]);
  const r = parseReport(text);
  // Every result row of 自然人 non-zero, and （七）总计 wrong: the 21 parts of T3-results and the balance.
  let broken = text;
  const cells = [...r.cells.values()].filter((c) => c.ref.table === 't3' && c.ref.column === 'natural' && c.located).sort((a, b) => b.start - a.start);
  for (const c of cells) broken = broken.slice(0, c.start) + (c.ref.row === 'r7' ? '99' : '1') + broken.slice(c.end);
  const { report, findings } = check(broken);
  for (const key of ['t3/main/r7/natural', 't3/main/r7/total', 't3/main/r1/natural', 't3/main/new/total']) {
    const c = report.cells.get(key)!;
    for (const locale of ['zh', 'en'] as const) {
      const h = hoverAt(report, findings, c.start, locale)!;
      assert.ok(shownLines(h) <= 15, `${key} ${locale}: ${shownLines(h)} lines\n${h}`);
      // Each line is one thing: no verdict after a value on the same line.
      for (const line of h.split('\n')) assert.ok(!/\d (written|写明)/.test(line), line);
    }
  }
  const h = hoverAt(report, findings, report.cells.get('t3/main/r7/natural')!.start, 'en')!;
  assert.match(h.split('\n')[0], /^✗ \*\*written 99, /);
  assert.match(h, /\| （一） \| 1 \| （二） \| 1 \|/);
});
