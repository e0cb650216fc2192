// `govreport check --format csv` and `govreport summary` (issue 16): the CSV a spreadsheet opens
// (BOM, CRLF, quoting, no formula from a report's text), one row per finding and per file not
// checked; the summary's text, CSV and HTML — one self-contained page whose CSP admits only its
// own style and script, sorted and opened in headless Chromium (with a screenshot).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { check, relationTally } from '../../core/src';
import { SEEDS_DIR } from './helpers';
import { run } from './cli-run';

const ROOT = join(import.meta.dirname ?? __dirname, '..', '..');
const WRONG = readFileSync(join(ROOT, 'test', 'e2e', 'workspace', 'wrong-total.report.txt'), 'utf8');


/** RFC 4180 rows of a CSV text (quoted fields with commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'govreport-summary-'));
  // A wrong total, a blank, cells that are text (one of them in sums: those relations are not
  // checked) and a prose figure quoted with a comma; a binary file.
  const mutated = WRONG.replace('规章\t0\t0\t3', '规章\t/\t0\t3').replace('行政处罚\t87', '行政处罚\t=1+86').replace('（一）予以公开\t20\t3', '（一）予以公开\t二十\t3').replace('本年度未收取信息处理费。', '本年度未收取信息处理费，"特此说明"。');
  writeFileSync(join(dir, 'a.report.txt'), mutated);
  writeFileSync(join(dir, 'b.report.txt'), WRONG.replace('2\t1\t0\t1\t5\t1', '2\t1\t0\t1\t4\t1'));
  writeFileSync(join(dir, 'c.txt'), Buffer.from([0, 0, 0, 0, 1, 2, 3, 0, 0]));
  return dir;
}

describe('govreport check --format csv', () => {
  it('one row per finding and per file not checked; BOM, CRLF, quoting; no formula from the text', async () => {
    const dir = folder();
    const { code, stdout } = await run(['check', '--format', 'csv', '--locale', 'en', '.'], dir);
    assert.equal(code, 1);
    assert.ok(stdout.startsWith('\uFEFFfile,body,year,format version,line,rule,severity,table,row,column,written,expected,message\r\n'));
    assert.ok(stdout.endsWith('\r\n') && !/[^\r]\n/.test(stdout), 'CRLF line ends only');
    const rows = parseCsv(stdout.slice(1));
    const findings = check(readFileSync(join(dir, 'a.report.txt'), 'utf8'), { locale: 'en' }).findings;
    const b = check(readFileSync(join(dir, 'b.report.txt'), 'utf8'), { locale: 'en' }).findings;
    assert.equal(rows.length, 1 + findings.length + b.length + 1);
    assert.ok(rows.every((r) => r.length === 13), 'every row has the 13 fields');
    const byRule = (rule: string) => rows.find((r) => r[0] === 'a.report.txt' && r[5] === rule)!;
    assert.deepEqual(byRule('sum-mismatch').slice(1, 12), ['示例市示例区人民政府', '2021', '2021', '58', 'sum-mismatch', 'error', 'table 四 (administrative review and litigation)', '', '行政复议·总计', '5', '4']);
    assert.deepEqual(byRule('blank-cell').slice(7, 11), ['table 二 (proactive disclosure)', '第二十条第（一）项·规章', '本年制发件数', '/']);
    // "=1+86" from the report is text to a spreadsheet, not a formula.
    assert.equal(byRule('non-numeric-cell')[10], "'=1+86");
    assert.deepEqual(rows[rows.length - 1].slice(0, 7), ['c.txt', '', '', '', '', '', 'skipped:binary']);
  });
});

describe('govreport summary', () => {
  it('text on stdout, a CSV and one self-contained HTML page', async () => {
    const dir = folder();
    const { code, stdout, stderr } = await run(['summary', '--locale', 'en', '--html', 'summary.html', '--csv', 'summary.csv', '.'], dir);
    assert.equal(code, 1, stderr);
    const lines = stdout.trimEnd().split('\n');
    assert.equal(lines[0], 'file\tbody\tyear\tformat\terrors\twarnings\tnotes\tunchecked\tnew\tcarried\thandled\tto next year\treviews\tlawsuits\tdisclosed');
    // The text cell of a makes the relations through it unchecked: counted, not hidden.
    const unchecked = relationTally(check(readFileSync(join(dir, 'a.report.txt'), 'utf8')).report).unchecked;
    assert.ok(unchecked >= 2, `relations through the text cell: ${unchecked}`);
    assert.equal(lines[1].split('\t')[7], String(unchecked));
    assert.match(lines[2], /^b\.report\.txt\t示例市示例区人民政府\t2021\t2021\t0\t\d+\t\d+\t0\t51\t1\t49\t3\t4\t1\t63\.3%$/);
    assert.match(lines[3], /^c\.txt\tnot checked: binary/);
    const csv = parseCsv(readFileSync(join(dir, 'summary.csv'), 'utf8').slice(1));
    assert.equal(csv.length, 4);
    assert.deepEqual(csv[2].slice(0, 5), ['b.report.txt', '示例市示例区人民政府', '2021', '2021', '0']);
    const html = readFileSync(join(dir, 'summary.html'), 'utf8');
    // Nothing from elsewhere: no URL to fetch, and a CSP that admits only this style and script.
    assert.ok(!/(src|href)\s*=/i.test(html), 'no src or href');
    assert.ok(!/https?:\/\//.test(html), 'no URL');
    const csp = /content="default-src 'none'; style-src '(sha256-[^']+)'; script-src '(sha256-[^']+)'"/.exec(html)!;
    const hash = (s: string) => `sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}`;
    assert.equal(csp[1], hash(/<style>([\s\S]*?)<\/style>/.exec(html)![1]));
    assert.equal(csp[2], hash(/<script>([\s\S]*?)<\/script>/.exec(html)![1]));
    // The report's own text is escaped: the quote of a.report.txt is not markup.
    assert.ok(!html.includes('"特此说明"'));
  });

  it('--html and --csv belong to summary; summary takes neither --fix nor --format', async () => {
    assert.equal((await run(['check', '--html', 'x.html', SEEDS_DIR])).code, 2);
    assert.equal((await run(['summary', '--fix', SEEDS_DIR])).code, 2);
    assert.equal((await run(['summary', '--format', 'json', SEEDS_DIR])).code, 2);
  });

  it('in headless Chromium: sorts by a column and opens a report to its findings (screenshot)', { skip: !existsSync('/usr/bin/chromium') && 'no Chromium' }, async () => {
    const dir = folder();
    await run(['summary', '--locale', 'en', '--html', 'summary.html', '.', SEEDS_DIR], dir);
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1300, height: 620 } });
      const blocked: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith('file:')) blocked.push(r.url());
      });
      const violations: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
      });
      await page.goto(`file://${join(dir, 'summary.html')}`);
      const files = () => page.$$eval('tbody.report tr:first-child td:first-child', (tds) => tds.map((td) => td.textContent!.replace('▸', '').trim()));
      // Errors, descending: the report with the most errors first.
      const errors = page.locator('th', { hasText: /^errors$/ });
      await errors.click();
      await errors.click();
      assert.equal(await errors.getAttribute('aria-sort'), 'descending');
      assert.equal((await files())[0], 'a.report.txt');
      // Keyboard: Enter on the year header sorts too.
      await page.locator('th', { hasText: /^year$/ }).focus();
      await page.keyboard.press('Enter');
      assert.equal(await page.locator('th', { hasText: /^year$/ }).getAttribute('aria-sort'), 'ascending');
      await errors.click();
      await errors.click();
      await page.locator('tbody.report').first().locator('button.toggle').click();
      const details = page.locator('tbody.report').first().locator('tr.details');
      assert.equal(await details.isVisible(), true);
      assert.match((await details.textContent())!, /sum-mismatch/);
      const out = join(ROOT, 'test-results', 'screenshots');
      mkdirSync(out, { recursive: true });
      await page.screenshot({ path: join(out, 'summary-html.png'), fullPage: true });
      assert.deepEqual(blocked, []);
      assert.deepEqual(violations, []);
    } finally {
      await browser.close();
    }
  });
});
