import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { check } from '../../../core/src';
import { CLEAN, findingsOf, otherRules, report2021, SEED_NAMES, seed } from '../helpers';

const RULE = 'unread-table';
const PDF_TEXT = join(__dirname, '..', '..', 'fixtures', 'pdf-text');
const WEB_TEXT = join(__dirname, '..', '..', 'fixtures', 'web-text');

/** A 2021 report of one cell per line turned into one paragraph per cell: an empty line after each cell. */
function paragraphs(text: string): string {
  return text.replace(/\n(?=[^\n])/g, '\n\n');
}

describe(RULE, () => {
  it('plain pdftotext (huaian 2024): tables 三 and 四 recognised and left unread, once each; no error', () => {
    const text = readFileSync(join(PDF_TEXT, 'huaian_szf_2024.raw.txt'), 'utf8');
    assert.deepEqual(
      findingsOf(text, RULE).map((f) => f.replace(/：.*/, '')),
      ['126:1 warning unread-table 表三（收到和处理政府信息公开申请情况）的版式无法可靠读取', '578:1 warning unread-table 表四（行政复议、行政诉讼情况）的版式无法可靠读取'],
    );
    assert.deepEqual(otherRules(text, RULE), []);
    // Table 二 is label, then its values: read, and as the -layout text reads it.
    const layout = check(readFileSync(join(PDF_TEXT, 'huaian_szf_2024.layout.txt'), 'utf8')).report.tables.t2!;
    const raw = check(text).report.tables.t2!;
    assert.deepEqual(
      raw.blocks.map((b) => b.rows.map((r) => r.cells.map((c) => c.value.value))),
      layout.blocks.map((b) => b.rows.map((r) => r.cells.map((c) => c.value.value))),
    );
  });

  it('plain pdftotext (洪泽 2023 and 2024): tables 二, 三 and 四 unread, no error', () => {
    for (const name of ['hongze_2023.raw.txt', 'hongze_2024.raw.txt']) {
      const text = readFileSync(join(PDF_TEXT, name), 'utf8');
      const { findings } = check(text);
      assert.deepEqual(
        findings.map((f) => `${f.rule} ${f.data?.table}`),
        ['unread-table t2', 'unread-table t3', 'unread-table t4'],
        name,
      );
    }
  });

  it('says nothing on the layouts it reads: seeds, clean reports, web copies, one paragraph per cell', () => {
    for (const n of SEED_NAMES) assert.deepEqual(findingsOf(seed(n.slice(0, 3)), RULE), [], n);
    for (const [name, text] of Object.entries(CLEAN)) assert.deepEqual(findingsOf(text(), RULE), [], name);
    for (const y of ['2019', '2023', '2024']) assert.deepEqual(findingsOf(readFileSync(join(WEB_TEXT, `pingtan_${y}.chromesel.txt`), 'utf8'), RULE), [], y);
    assert.deepEqual(check(paragraphs(report2021('cells'))).findings, []);
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
