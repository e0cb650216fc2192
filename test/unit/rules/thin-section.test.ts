import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../../../core/src';
import { findingsOf, otherRules, replaceOnce, report2021, seed } from '../helpers';
import { fixturePath, present } from '../../fetched';

const RULE = 'thin-section';

const FIVE_2021 = '一是公开内容的全面性有待提高；二是解读形式还不够丰富。下一步，我区将进一步规范公开流程。';

describe(RULE, () => {
  it('silent on the seeds and the 2021 reports (五 of two sentences, 一 naming the five topics)', () => {
    for (const s of ['000', '001', '002', '003', '004']) assert.deepEqual(findingsOf(seed(s), RULE), [], s);
    for (const l of ['tabs', 'cells', 'pipes', 'spaces'] as const) assert.deepEqual(findingsOf(report2021(l), RULE), [], l);
  });

  it('五 that says "无": a warning on its heading', () => {
    const text = replaceOnce(report2021('tabs'), FIVE_2021, '无。');
    assert.deepEqual(findingsOf(text, RULE), ['59:1 warning thin-section 「五、存在的主要问题及改进情况」只写了「无。」：应写明存在的主要问题及改进措施']);
    assert.deepEqual(otherRules(text, RULE), []);
  });

  it('五 empty, or one short sentence; in the one-cell-per-line layout', () => {
    assert.deepEqual(findingsOf(replaceOnce(report2021('cells'), FIVE_2021 + '\n', ''), RULE).map((s) => s.replace(/^\S+ /, '')), [
      'warning thin-section 「五、存在的主要问题及改进情况」没有内容：应写明存在的主要问题及改进措施',
    ]);
    assert.deepEqual(findingsOf(replaceOnce(report2021('tabs'), FIVE_2021, '我区政府信息公开工作仍有不足，今后将进一步改进。'), RULE), [
      '59:1 warning thin-section 「五、存在的主要问题及改进情况」只有一句话（22 字）：应写明存在的主要问题及改进措施',
    ]);
    // One long sentence is not thin.
    const long = '我区政府信息公开工作存在公开内容不够全面、政策解读形式单一、依申请公开答复规范性有待提高等问题，今后将加强培训、完善制度、强化考核，切实加以改进。';
    assert.deepEqual(findingsOf(replaceOnce(report2021('tabs'), FIVE_2021, long), RULE), []);
    // "：无。" after the heading on its line.
    assert.equal(findingsOf(replaceOnce(report2021('tabs'), `情况\n${FIVE_2021}`, '情况：无。'), RULE).length, 1);
  });

  it('一 of a 2021 report leaving out topics: information naming them', () => {
    const text = replaceOnce(report2021('tabs'), '主动公开、依申请公开、政府信息管理、平台建设、监督保障各项工作有序推进', '主动公开、依申请公开各项工作有序推进');
    assert.deepEqual(findingsOf(text, RULE), [
      '4:1 information thin-section 「一、总体情况」未提及政府信息管理、平台建设、监督保障：2021 版格式要求总体情况涵盖主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障',
    ]);
    assert.deepEqual(otherRules(text, RULE), []);
    const f = check(text).findings.find((x) => x.rule === RULE)!;
    assert.deepEqual(f.data, { section: 1, missing: ['政府信息管理', '平台建设', '监督保障'] });
  });

  it('一 of a 2019-format report (the seeds, 2020) is not asked for the 2021 topics', () => {
    // Seed 004's 一 mentions none of 依申请公开, 信息管理, 平台, 监督.
    assert.deepEqual(findingsOf(seed('004'), RULE), []);
  });

  it('the real 2021-format reports cover the five topics (洪泽 2023/2024, 淮安 2024, 平潭 2023/2024)', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = join(__dirname, '..', '..', 'fixtures');
    // (洪泽 where the fetched files are here: test/fetched.ts.)
    for (const f of ['pdf-text/hongze_2023.layout.txt', 'pdf-text/hongze_2024.pypdf.txt', 'pdf-text/huaian_szf_2024.layout.txt', 'web-text/pingtan_2023.webcopy.txt', 'web-text/pingtan_2024.webcopy.txt'].filter(present)) {
      assert.deepEqual(findingsOf(readFileSync(fixturePath(root, f), 'utf8'), RULE), [], f);
    }
  });

  it('English', () => {
    const text = replaceOnce(report2021('tabs'), FIVE_2021, '无');
    assert.deepEqual(findingsOf(text, RULE, { locale: 'en' }), ['59:1 warning thin-section "五、存在的主要问题及改进情况" says only "无": it should state the main problems and what is done about them']);
  });
});
