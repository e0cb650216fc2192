// The batch summary's rows (core/src/services/summary.ts): what `govreport summary` prints and the
// summary view in VS Code shows, one row per report — counts by severity, the relations left
// unchecked, the key figures (null when a cell is not a number), the findings by line.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { check, relationTally } from '../../core/src';
import { FIGURES, figureText, noFigures, rowOfFacts, skippedRow, summaryFacts, summaryRow } from '../../core/src/services/summary';
import { SummaryRows } from '../../server/src/summary';

const ROOT = join(import.meta.dirname ?? __dirname, '..', '..');
const WRONG = readFileSync(join(ROOT, 'test', 'e2e', 'workspace', 'wrong-total.report.txt'), 'utf8');

describe('summaryRow', () => {
  it('a report with one wrong total: body, year, counts, figures, its finding by line', () => {
    const text = WRONG.replace('2\t1\t0\t1\t5\t1', '2\t1\t0\t1\t4\t1');
    const { report, findings } = check(text, { locale: 'en' });
    const row = summaryRow('b.report.txt', report, findings);
    assert.equal(row.file, 'b.report.txt');
    assert.equal(row.body, '示例市示例区人民政府');
    assert.equal(row.year, 2021);
    assert.equal(row.formatVersion, '2021');
    assert.equal(row.errors, 0);
    assert.equal(row.errors + row.warnings + row.infos, findings.length);
    assert.equal(row.unchecked, 0);
    assert.deepEqual(row.figures, { new: 51, carried: 1, handled: 49, carryOver: 3, reviews: 4, lawsuits: 1, openRate: 63.3 });
    assert.equal(row.skipped, undefined);
    // Each finding at the 1-based line of its start, in the check's order.
    const lines = text.split('\n');
    assert.equal(row.findings.length, findings.length);
    for (const [k, f] of row.findings.entries()) {
      assert.equal(f.rule, findings[k].rule);
      assert.equal(f.severity, findings[k].severity);
      assert.equal(f.message, findings[k].message);
      const before = text.slice(0, findings[k].start).split('\n').length;
      assert.equal(f.line, before, `${f.rule} at line ${before}: ${lines[before - 1]}`);
    }
  });

  it('a wrong total is an error; a cell that is not a number leaves its figure unknown and its relations unchecked', () => {
    const text = WRONG.replace('2\t1\t0\t1\t5\t1', '2\t1\t0\t1\t4\t1').replace('（一）予以公开\t20\t3\t0\t1\t0\t2\t26', '（一）予以公开\t20\t3\t0\t1\t0\t2\t二十六');
    const { report, findings } = check(text, { locale: 'zh' });
    const row = summaryRow('a.txt', report, findings);
    assert.equal(row.figures.openRate, null, 'the disclosure rate needs （一）予以公开');
    assert.equal(row.figures.new, 51);
    assert.equal(row.unchecked, relationTally(report).unchecked);
    assert.ok(row.unchecked >= 1);
    const broken = summaryRow('c.txt', ...(() => {
      const r = check(WRONG.replace('（一）予以公开\t20\t3\t0\t1\t0\t2\t26', '（一）予以公开\t20\t3\t0\t1\t0\t2\t27'));
      return [r.report, r.findings] as const;
    })());
    assert.ok(broken.errors >= 1);
    assert.ok(broken.findings.some((f) => f.severity === 'error' && f.rule === 'sum-mismatch'));
  });

  it('a file not checked: its reason, no figures, no findings', () => {
    const row = skippedRow('c.txt', 'binary', 'not a text file');
    assert.equal(row.skipped, 'binary: not a text file');
    assert.deepEqual(row.figures, noFigures());
    assert.deepEqual(Object.keys(row.figures), FIGURES.map((f) => f.id));
    assert.ok(Object.values(row.figures).every((v) => v === null));
    assert.deepEqual(row.findings, []);
  });

  it('figures as shown', () => {
    assert.equal(figureText('new', 1234), '1234');
    assert.equal(figureText('openRate', 63.3), '63.3%');
    assert.equal(figureText('reviews', null), '—');
  });

  it('a row from the facts a check kept is the row from the report; facts of other findings make none', () => {
    const text = WRONG.replace('（一）予以公开\t20\t3\t0\t1\t0\t2\t26', '（一）予以公开\t20\t3\t0\t1\t0\t2\t27');
    const { report, findings } = check(text, { locale: 'en' });
    assert.ok(findings.length > 0);
    const facts = summaryFacts(report, findings);
    // Plain data, small: what a worker thread can send back with the findings.
    assert.deepEqual(structuredClone(facts), facts);
    assert.ok(JSON.stringify(facts).length < 400 + 8 * findings.length, JSON.stringify(facts));
    assert.deepEqual(rowOfFacts('a.txt', facts, findings), summaryRow('a.txt', report, findings));
    assert.equal(rowOfFacts('a.txt', facts, findings.slice(1)), undefined);
  });
});

describe('SummaryRows (server): a closed report whose facts the check kept', () => {
  it('is made from them, its file not read (it does not exist)', async () => {
    const { report, findings } = check(WRONG, { locale: 'en' });
    const facts = summaryFacts(report, findings);
    const uri = 'file:///nowhere/gone.report.txt';
    const host = {
      locale: () => 'en' as const,
      label: () => 'gone.report.txt',
      covered: () => [{ uri, findings, open: false, facts }],
      folderOf: () => 'file:///nowhere',
      settings: () => Promise.reject(new Error('not asked: nothing is read')),
      openUris: () => [],
      openAnalysis: () => Promise.resolve(undefined),
    };
    const rows = new SummaryRows(host as unknown as ConstructorParameters<typeof SummaryRows>[0]);
    const r = await rows.rows();
    assert.deepEqual(r.rows, [{ ...summaryRow('gone.report.txt', report, findings), uri }]);
    // Without the facts, the file is read: gone, no row.
    const without = new SummaryRows({ ...host, covered: () => [{ uri, findings, open: false }], settings: () => Promise.resolve({ maxFileSize: 1_000_000, formatVersion: 'auto' }) } as unknown as ConstructorParameters<typeof SummaryRows>[0]);
    assert.deepEqual((await without.rows()).rows, []);
  });
});
