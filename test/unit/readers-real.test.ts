// The HTML reader on real published report pages: the three 平潭综合实验区 articles of
// test/fixtures/web-text/ (provenance in its README: archived pages of www.pingtan.gov.cn, every
// relation checked by hand). Read directly, they check with no false finding, and every cell
// holds what the browser copy of the same page (`*.webcopy.txt`) holds.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { check, type Report } from '../../core/src';
import { readHtml } from '../../core/src/readers';

const DIR = join(__dirname, '..', 'fixtures', 'web-text');

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
