import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits, check } from '../../../core/src';
import { findingsOf, otherRules, report2021 } from '../helpers';
import { noSection1Seed001, noSection3HeadingTabs, noSection4AndTableTabs, noSection5Seed000 } from './sections.fixtures';

const RULE = 'missing-section';

function fixAndRecheck(text: string): string[] {
  const f = check(text).findings.find((x) => x.rule === RULE)!;
  assert.ok(f.fix, 'has a fix');
  assert.equal(f.fix.safe, false);
  const fixed = applyEdits(text, f.fix.edits);
  return check(fixed).findings.filter((x) => x.severity === 'error').map((x) => x.rule);
}

describe(RULE, () => {
  it('a deleted prose heading (seed 000, one cell per line)', () => {
    const text = noSection5Seed000();
    assert.deepEqual(findingsOf(text, RULE), ['396:3 error missing-section 缺少章节「五、存在的主要问题及改进情况」（应在「六、其他需要报告的事项」之前）']);
    assert.deepEqual(otherRules(text, RULE), ['number-format', 'number-format', 'number-format']);
    assert.deepEqual(fixAndRecheck(text), []);
  });

  it('a deleted heading whose table remains (2021 tabs): the fix inserts only the heading', () => {
    const text = noSection3HeadingTabs();
    assert.deepEqual(findingsOf(text, RULE), ['54:1 error missing-section 缺少章节「三、收到和处理政府信息公开申请情况」（应在「四、政府信息公开行政复议、行政诉讼情况」之前）']);
    assert.deepEqual(otherRules(text, RULE), []);
    assert.deepEqual(fixAndRecheck(text), []);
    const f = check(text).findings[0];
    assert.equal(f.fix!.edits[0].newText, '三、收到和处理政府信息公开申请情况\n');
  });

  it('a deleted section with its table: the fix inserts the heading and an empty skeleton', () => {
    const text = noSection4AndTableTabs();
    assert.deepEqual(findingsOf(text, RULE), ['55:1 error missing-section 缺少章节「四、政府信息公开行政复议、行政诉讼情况」（应在「五、存在的主要问题及改进情况」之前）']);
    // No missing-table or missing-row cascade.
    assert.deepEqual(otherRules(text, RULE), []);
    const f = check(text).findings[0];
    const fixed = applyEdits(text, f.fix!.edits);
    // The skeleton parses as table 四 (blank cells to fill, no errors).
    assert.deepEqual(check(fixed).findings.map((x) => x.rule), ['blank-cell']);
  });

  it('OCR layout (seed 001)', () => {
    assert.deepEqual(findingsOf(noSection1Seed001(), RULE), ['24:1 error missing-section 缺少章节「一、总体情况」（应在「二、主动公开政府信息情况」之前）']);
  });

  it('text that is no report at all gets one finding, not six', () => {
    assert.deepEqual(findingsOf('会议纪要\n今天讨论了三件事。\n', RULE), [
      '1:1 error missing-section 未识别出任何法定章节（一、总体情况 … 六、其他需要报告的事项）和统计表：这可能不是政府信息公开工作年度报告',
    ]);
  });
});

describe(`${RULE}: a report flattened to one line`, () => {
  const crawler = () => readFileSync(join(__dirname, '..', '..', 'fixtures', 'web-text', 'pingtan_2025.crawler.txt'), 'utf8');

  it("a crawler's text of a real page (平潭 2025): one warning on the first heading in the line, no error", () => {
    const text = crawler();
    const { findings } = check(text);
    assert.deepEqual(findings.map((f) => `${f.rule} ${f.severity}`), ['missing-section warning']);
    assert.equal(text.slice(findings[0].start, findings[0].end), '一、总体情况');
    assert.match(findings[0].message, /^全文挤在一行（第 10 行，2466 字，含 6 个章节标题）/);
    assert.deepEqual(findings[0].data, { flattened: true });
  });

  it('a clean report with its line breaks removed: the same one warning', () => {
    const flat = report2021('tabs').replace(/\r?\n/g, '');
    assert.deepEqual(check(flat).findings.map((f) => `${f.rule} ${f.severity}`), ['missing-section warning']);
  });

  it('a short text naming three headings on a line is no report: the error stays', () => {
    const text = '本报告分为：一、总体情况，二、主动公开政府信息情况，三、收到和处理政府信息公开申请情况。\n';
    assert.deepEqual(check(text).findings.map((f) => `${f.rule} ${f.severity}`), ['missing-section error']);
  });

  it('a configured severity still applies', () => {
    const { findings } = check(crawler(), { rules: { 'missing-section': 'information' } });
    assert.deepEqual(findings.map((f) => f.severity), ['information']);
  });
});
