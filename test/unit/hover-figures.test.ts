// The hover on what issue 15 compares: a figure of the prose shows the table cells it was compared
// with (text-vs-table), and a cell shows last year's value of it (carry-over: last year's 结转下年度)
// or, for 二、上年结转 with no last year's report, that it was not compared.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { check, parseReport, type PreviousReport } from '../../core/src';
import { hoverAt, hoverInfo } from '../../core/src/services';

const ROOT = join(__dirname, '..', '..');
const read = (...p: string[]) => readFileSync(join(ROOT, ...p), 'utf8');
/** One body's reports of 2021 and 2022 (the e2e workspace's): 2021's 结转下年度·商业企业 is 0, 2022 carries 1 in. */
const NOW = read('test', 'e2e', 'workspace', 'transport-2022.report.txt');
const LAST = read('test', 'e2e', 'workspace', 'transport-2021.report.txt');
const PREVIOUS: PreviousReport = { report: parseReport(LAST), name: 'file:///w/transport-2021.report.txt', label: 'transport-2021.report.txt' };

describe('hover: last year\'s value of a cell', () => {
  const { report, findings } = check(NOW, { previous: PREVIOUS });
  const cell = (key: string) => report.cells.get(key)!;

  it('二、上年结转 not carried over: last year\'s cell and file first, with the verdict', () => {
    const h = hoverAt(report, findings, cell('t3/main/carried/business').start, 'zh', PREVIOUS)!;
    assert.equal(h.split('\n\n')[0], '上年（transport-2021.report.txt）：四、结转下年度继续办理·商业企业 = **0**（不等于本年的 1）✗');
    assert.match(h, /列：商业企业$/);
    const en = hoverAt(report, findings, cell('t3/main/carried/business').start, 'en', PREVIOUS)!;
    assert.equal(en.split('\n\n')[0], "Last year (transport-2021.report.txt): 四、结转下年度继续办理·商业企业 = **0** (not this year's 1) ✗");
  });

  it('二、上年结转 carried over: last year\'s cell after the relations, marked ✓', () => {
    const h = hoverAt(report, findings, cell('t3/main/carried/natural').start, 'zh', PREVIOUS)!;
    const blocks = h.split('\n\n');
    assert.equal(blocks[blocks.length - 2], '上年（transport-2021.report.txt）：四、结转下年度继续办理·自然人 = **2** ✓');
  });

  it('another cell: last year\'s value of the same cell and the change', () => {
    const h = hoverAt(report, findings, cell('t2/b1/normative/in_force').start, 'zh', PREVIOUS)!;
    assert.match(h, /上年（transport-2021\.report\.txt）：同项 = \*\*41\*\*，本年增 3/);
    const same = hoverAt(report, findings, cell('t3/main/new/natural').start, 'zh', PREVIOUS)!;
    assert.match(same, /上年（transport-2021\.report\.txt）：同项 = \*\*41\*\*\n/);
  });

  it('without last year\'s report: 二、上年结转 says it was not compared; other cells say nothing of last year', () => {
    const alone = check(NOW);
    const h = hoverAt(alone.report, alone.findings, alone.report.cells.get('t3/main/carried/business')!.start, 'zh')!;
    assert.match(h, /未找到上年报告：上年结转未与上年的结转下年度核对/);
    const other = hoverAt(alone.report, alone.findings, alone.report.cells.get('t3/main/new/natural')!.start, 'zh')!;
    assert.doesNotMatch(other, /上年（/);
  });
});

describe('hover: a figure of the prose shows the cells it was compared with', () => {
  it('an agreeing sum (平潭 2023: 予以公开及部分公开42件): each cell, its table and value, the sum', () => {
    const text = read('test', 'fixtures', 'web-text', 'pingtan_2023.webcopy.txt');
    const { report, findings } = check(text);
    const i = text.indexOf('42件');
    const h = hoverInfo(report, findings, i, 'zh')!;
    assert.equal(
      h.markdown,
      '✓ **正文 42，与表中一致**\n\n对照：  \n表三（收到和处理政府信息公开申请情况） · （一）予以公开·总计 = **22**  \n表三（收到和处理政府信息公开申请情况） · （二）部分公开·总计 = **20**  \n合计 **42**',
    );
    // The range is the claim's words, which hold the figure.
    assert.ok(h.start <= i && i < h.end);
    assert.match(text.slice(h.start, h.end), /42件$/);
  });

  it('an agreeing percentage (平潭 2023: 不予公开5件，占6.17%): the ratio to the precision written, and its base', () => {
    const text = read('test', 'fixtures', 'web-text', 'pingtan_2023.webcopy.txt');
    const { report, findings } = check(text);
    assert.equal(findings.filter((f) => f.rule === 'text-vs-table').length, 0);
    const i = text.indexOf('6.17%');
    const h = hoverInfo(report, findings, i + 1, 'zh')!;
    assert.equal(text.slice(h.start, h.end), '占6.17%');
    const lines = h.markdown.split('\n\n');
    assert.equal(lines[0], '✓ **正文 6.17%，与表中一致**');
    assert.match(lines[1], /^不予公开 5 ÷ .+（81）= 6\.17%  \n对照：  \n表三（收到和处理政府信息公开申请情况） · /);
    const en = hoverInfo(report, findings, i, 'en')!.markdown;
    assert.match(en, /^✓ \*\*the text says 6\.17%, as the table does\*\*\n\n.+, 5, ÷ .+ \(81\) = 6\.17%/);
  });

  it('a figure the tables contradict: the verdict and the cell', () => {
    const bad = NOW.replace('2022年，我局坚持', '2022年，本机关共收到政府信息公开申请60件。我局坚持');
    const { report, findings } = check(bad);
    assert.equal(findings.filter((f) => f.rule === 'text-vs-table').length, 1);
    const h = hoverAt(report, findings, bad.indexOf('60件'), 'en')!;
    assert.equal(h, "✗ **the text says 60, the table 51**\n\nCompared with:   \ntable 三 (requests received and handled) · 一、本年新收申请·总计 = **51**");
  });

  it('prose that states no figure has no hover', () => {
    const { report, findings } = check(NOW);
    assert.equal(hoverAt(report, findings, NOW.indexOf('我局坚持'), 'zh'), null);
  });
});
