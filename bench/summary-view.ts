// The summary view's webview with 10,000 rows (issue 16, 18): dist/webview/summary.js and .css in
// headless Chromium (a page standing in for the webview: the same script and style, a stub of
// acquireVsCodeApi), given the update message the extension sends. Prints the medians over a few
// rounds of: the time from the message to the first rows painted (the frame that paints them, as
// the script reports it after that frame), a scroll to the end (scrollTop set → the last rows
// painted), a sort by errors (click → the sorted rows painted) and a filter typed (input → the
// rows kept painted). The table is virtual: only the rows on screen are drawn.
//
//   npm run build && node --import tsx bench/summary-view.ts [ROWS]
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check } from '../core/src';
import { FIGURES, summaryRow } from '../core/src/services/summary';
import type { SummaryReportRow } from '../protocol/src';

const ROOT = join(import.meta.dirname ?? __dirname, '..');

function rows(n: number): SummaryReportRow[] {
  const texts = [join(ROOT, 'test', 'e2e', 'workspace', 'wrong-total.report.txt'), join(ROOT, 'test', 'e2e', 'workspace', 'sample.report.txt'), join(ROOT, 'test', 'e2e', 'workspace', 'seed-002.txt')].map((p) => readFileSync(p, 'utf8'));
  const base = texts.map((t) => {
    const { report, findings } = check(t);
    return summaryRow('x', report, findings);
  });
  const out: SummaryReportRow[] = [];
  for (let i = 0; i < n; i++) {
    const b = base[i % base.length];
    const file = `县${Math.floor(i / 100)}/部门${i % 100}-${i}.txt`;
    out.push({ ...b, file, uri: `file:///reports/${encodeURIComponent(file)}`, errors: (i * 7919) % 5, warnings: (i * 104729) % 30 });
  }
  return out;
}

const labels = {
  title: '检查汇总',
  counts: '份报告',
  notValidated: '',
  validate: '',
  sortHint: '单击列标题排序',
  filter: '按文件名或机关名称筛选',
  shown: '显示 {0} / {1} 份报告',
  columns: [
    ['file', false],
    ['body', false],
    ['year', true],
    ['version', false],
    ['errors', true],
    ['warnings', true],
    ['infos', true],
    ['unchecked', true],
    ...FIGURES.map((f) => [f.id, true] as const),
  ].map(([key, numeric]) => ({ key, label: String(key), title: String(key), numeric })),
  show: '展开',
  none: '未发现问题',
  skipped: '未检查',
  line: '第 {0} 行',
  openFile: '打开',
  severities: { error: '错误', warning: '警告', information: '信息', hint: '提示' },
  empty: '',
};

/** The page's global object, as the evaluated functions see it (this file is type-checked for Node). */
declare const window: { postMessage(m: unknown, origin: string): void; __DATA: unknown; __MESSAGES: unknown[] };
declare const document: { querySelector(s: string): { scrollTop: number; scrollHeight: number } | null };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export interface SummaryViewTimes {
  rows: number;
  /** Per round (ms): first rows painted, scroll to the end, sort by errors, open a row, filter. */
  first: number[];
  own: number[];
  ends: number[];
  sorts: number[];
  opens: number[];
  filters: number[];
  /** Rows the filter kept. */
  kept: number;
}

export async function measureSummaryView(ROWS: number, ROUNDS: number): Promise<SummaryViewTimes> {
  const dir = mkdtempSync(join(tmpdir(), 'govreport-summary-bench-'));
  // As the extension sends them: the rows without their findings, which it sends when a row is opened.
  const all = rows(ROWS);
  const data = { validated: true, rows: all.map(({ findings: _f, ...r }) => r), elapsedMs: 0 };
  const findings = Object.fromEntries(all.map((r) => [r.uri, r.findings]));
  writeFileSync(join(dir, 'data.js'), `window.__DATA = ${JSON.stringify({ type: 'update', data, labels })};\nwindow.__FINDINGS = ${JSON.stringify(findings)};`);
  writeFileSync(
    join(dir, 'index.html'),
    `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><link rel="stylesheet" href="${join(ROOT, 'dist', 'webview', 'summary.css')}"></head>
<body class="vscode-light"><div id="root"></div>
<script>window.__MESSAGES = []; window.acquireVsCodeApi = () => ({ postMessage: (m) => { window.__MESSAGES.push({ ...m, at: performance.now() }); if (m.type === 'findings') window.postMessage({ type: 'findings', uri: m.uri, findings: window.__FINDINGS[m.uri] }, '*'); }, setState() {}, getState() { return undefined; } });</script>
<script src="data.js"></script>
<script src="${join(ROOT, 'dist', 'webview', 'summary.js')}"></script></body></html>`,
  );
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  const first: number[] = [];
  const own: number[] = [];
  const ends: number[] = [];
  const sorts: number[] = [];
  const filters: number[] = [];
  const opens: number[] = [];
  let kept = 0;
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(`file://${join(dir, 'index.html')}`);
      type Rendered = { why: string; ms: number | null; at: number; shown: number; from: number; drawn: number };
      const rendered = (pred: string) =>
        page.waitForFunction(`window.__MESSAGES.find((m) => m.type === 'rendered' && ${pred})`, undefined, { timeout: 120_000 }).then((h) => h.jsonValue() as Promise<Rendered>);
      const clear = () => page.evaluate(() => (window.__MESSAGES.length = 0));
      // From the message posted (its structured clone included) to the frame of the first rows.
      const t0 = await page.evaluate(() => {
        const t = performance.now();
        window.postMessage(window.__DATA, '*');
        return t;
      });
      const painted = await rendered(`m.why === 'update'`);
      first.push(Math.round(painted.at - t0));
      own.push(painted.ms!);
      // Scroll to the end: the last rows drawn and painted.
      await clear();
      const t1 = await page.evaluate(() => {
        const s = document.querySelector('.scroller')!;
        const t = performance.now();
        s.scrollTop = s.scrollHeight;
        return t;
      });
      const end = await rendered(`m.why === 'scroll' && m.from + m.drawn === m.shown`);
      ends.push(Math.round(end.at - t1));
      await clear();
      await page.click('th[data-key="errors"]');
      const sorted = await rendered(`m.why === 'sort' && m.sort && m.sort.key === 'errors'`);
      sorts.push(sorted.ms!);
      // Open the first row: its findings asked for, drawn, the rows below moved down.
      await clear();
      const t2 = await page.evaluate(() => {
        const t = performance.now();
        (document.querySelector('tbody.report button.toggle') as unknown as { click(): void }).click();
        return t;
      });
      const opened = await rendered(`m.why === 'findings'`);
      opens.push(Math.round(opened.at - t2));
      await clear();
      await page.fill('input.filter', '县1');
      const filtered = await rendered(`m.why === 'filter' && m.filter === '县1'`);
      filters.push(filtered.ms!);
      kept = filtered.shown;
      await page.close();
    }
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { rows: ROWS, first, own, ends, sorts, opens, filters, kept };
}

if (process.argv[1]?.endsWith(join('bench', 'summary-view.ts'))) {
  void (async () => {
    const { rows: n, first, own, ends, sorts, opens, filters, kept } = await measureSummaryView(Number(process.argv[2] ?? 10_000), 5);
    console.log(`summary view, ${n} rows, 5 rounds (median): first rows painted ${median(first)} ms, scroll to the end ${median(ends)} ms, sort by errors ${median(sorts)} ms, open a row ${median(opens)} ms, filter '县1' (${kept} rows kept) ${median(filters)} ms`);
    console.log(`  first paint: ${first.join(', ')} ms (of which the script, from the message received: ${own.join(', ')} ms); scroll to end: ${ends.join(', ')} ms; sorts: ${sorts.join(', ')} ms; opening: ${opens.join(', ')} ms; filters: ${filters.join(', ')} ms`);
  })();
}
