// `govreport summary PATH... [--html OUT] [--csv OUT]`: one row per report for a reviewer — the
// body, year and format version, the counts of findings, and the figures a reviewer compares
// (本年新收, 上年结转, 办结, 结转下年, 行政复议, 行政诉讼, 公开率) — as text, as a CSV (UTF-8 with
// BOM) and as one self-contained HTML file: no network, no file beside it; its table sorts by any
// column (click or Enter on the header) and each report opens to its findings.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Locale } from '../../core/src';
import { FIGURES, figureText, type SummaryRow } from '../../core/src/services/summary';
import { formatCsv } from './csv';
import { escapeHtml } from '../../core/src/escape';

// The rows themselves are the core's (core/src/services/summary.ts), shared with the language
// server's summary view.
export { FIGURES, skippedRow, summaryRow, type FigureId, type SummaryFinding, type SummaryRow } from '../../core/src/services/summary';

// ---------------------------------------------------------------------------------------------

const WORDS = {
  zh: { file: '文件', body: '机关', year: '年度', version: '格式', errors: '错误', warnings: '警告', infos: '提示', unchecked: '未核对关系', uncheckedTitle: '勾稽关系中有单元格缺失或不是数字、因而未核对的条数', title: '政府信息公开年报检查汇总', reports: '份报告', findings: '问题', none: '未发现问题', skipped: '未检查', line: '行', show: '展开', sortHint: '单击列标题排序；单击“展开”查看该报告的问题。', generated: '由 govreport summary 生成' },
  en: { file: 'file', body: 'body', year: 'year', version: 'format', errors: 'errors', warnings: 'warnings', infos: 'notes', unchecked: 'unchecked', uncheckedTitle: 'relations (sums, 勾稽关系) not checked because a cell of them is missing or not a number', title: 'Annual reports: summary of the checks', reports: 'reports', findings: 'findings', none: 'no findings', skipped: 'not checked', line: 'line', show: 'show', sortHint: 'Click a column header to sort; "show" opens a report\'s findings.', generated: 'made by govreport summary' },
};

/** The summary as aligned text (stdout without --html or --csv). */
export function summaryText(rows: readonly SummaryRow[], locale: Locale): string {
  const w = WORDS[locale];
  const head = [w.file, w.body, w.year, w.version, w.errors, w.warnings, w.infos, w.unchecked, ...FIGURES.map((f) => f[locale])];
  const lines = rows.map((r) =>
    r.skipped
      ? [r.file, `${w.skipped}: ${r.skipped}`]
      : [r.file, r.body ?? '?', String(r.year ?? '?'), r.formatVersion ?? '?', String(r.errors), String(r.warnings), String(r.infos), String(r.unchecked), ...FIGURES.map((f) => figureText(f.id, r.figures[f.id]))],
  );
  return [head, ...lines].map((l) => l.join('\t')).join('\n') + '\n';
}

/** The summary as CSV: one row per report (UTF-8 with BOM, like check --format csv). */
export function summaryCsv(rows: readonly SummaryRow[], locale: Locale): string {
  const w = WORDS[locale];
  const header = [w.file, w.body, w.year, w.version, w.errors, w.warnings, w.infos, w.unchecked, ...FIGURES.map((f) => f[locale]), w.skipped];
  const body = rows.map((r) => [r.file, r.body ?? '', r.year, r.formatVersion ?? '', r.errors, r.warnings, r.infos, r.skipped ? '' : r.unchecked, ...FIGURES.map((f) => (r.figures[f.id] === null ? '' : figureText(f.id, r.figures[f.id]))), r.skipped ?? '']);
  return formatCsv(body, locale, header);
}

/** The page's CSP names its style and script by hash: nothing else runs or applies. */
function sha256(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

const STYLE = `:root { color-scheme: light dark; --border: #c8c8c8; --head: #f3f3f3; --err: #c62828; --warn: #a15c00; --muted: #666; }
@media (prefers-color-scheme: dark) { :root { --border: #555; --head: #2a2a2a; --err: #ff7b7b; --warn: #ffb74d; --muted: #aaa; } }
body { font-family: system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 24px; }
h1 { font-size: 1.3em; }
p.meta { color: var(--muted); }
table { border-collapse: collapse; font-size: 14px; }
th, td { border: 1px solid var(--border); padding: 4px 8px; }
th { background: var(--head); cursor: pointer; white-space: nowrap; position: sticky; top: 0; }
th[aria-sort="ascending"]::after { content: " ▲"; }
th[aria-sort="descending"]::after { content: " ▼"; }
th:focus-visible, button:focus-visible { outline: 2px solid #0a66c2; outline-offset: 1px; }
td[data-sort] { text-align: right; font-variant-numeric: tabular-nums; }
td:nth-child(-n+2), td:nth-child(4) { text-align: left; }
td { white-space: nowrap; }
tr.details td { white-space: normal; }
td.err { color: var(--err); font-weight: 600; }
td.warn { color: var(--warn); font-weight: 600; }
tbody.skipped td { color: var(--muted); font-style: italic; }
button.toggle { border: none; background: none; cursor: pointer; font: inherit; padding: 0 2px; }
button.toggle[aria-expanded="true"] { transform: rotate(90deg); }
tr.details td { text-align: left; background: var(--head); }
tr.details ul { margin: 4px 0; padding-left: 20px; }
li .sev { font-weight: 600; }
li.sev-error .sev { color: var(--err); }
li.sev-warning .sev { color: var(--warn); }
li .line, li .rule { color: var(--muted); }
`;

const SCRIPT = `(function () {
  var table = document.getElementById('summary');
  var heads = table.tHead.rows[0].cells;
  function sortBy(k) {
    var th = heads[k];
    var dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
    for (var i = 0; i < heads.length; i++) heads[i].setAttribute('aria-sort', 'none');
    th.setAttribute('aria-sort', dir);
    var numeric = th.getAttribute('data-numeric') === 'true';
    var bodies = Array.prototype.slice.call(table.tBodies);
    bodies.sort(function (a, b) {
      var x = a.rows[0].cells[k], y = b.rows[0].cells[k];
      var p = x ? x.getAttribute('data-sort') : '', q = y ? y.getAttribute('data-sort') : '';
      var c = numeric ? Number(p) - Number(q) : String(p).localeCompare(String(q), 'LOCALE');
      return dir === 'ascending' ? c : -c;
    });
    for (var j = 0; j < bodies.length; j++) table.appendChild(bodies[j]);
  }
  for (var k = 0; k < heads.length; k++) {
    (function (k) {
      heads[k].addEventListener('click', function () { sortBy(k); });
      heads[k].addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sortBy(k); } });
    })(k);
  }
  table.addEventListener('click', function (e) {
    var b = e.target.closest ? e.target.closest('button.toggle') : null;
    if (!b) return;
    var open = b.getAttribute('aria-expanded') !== 'true';
    b.setAttribute('aria-expanded', String(open));
    document.getElementById(b.getAttribute('aria-controls')).hidden = !open;
  });
})();
`;


/** The summary as one HTML file that needs nothing else: styles and script inside, no network. */
export function summaryHtml(rows: readonly SummaryRow[], locale: Locale, version: string): string {
  const w = WORDS[locale];
  const cols: { key: string; label: string; title?: string; numeric: boolean }[] = [
    { key: 'file', label: w.file, numeric: false },
    { key: 'body', label: w.body, numeric: false },
    { key: 'year', label: w.year, numeric: true },
    { key: 'version', label: w.version, numeric: false },
    { key: 'errors', label: w.errors, numeric: true },
    { key: 'warnings', label: w.warnings, numeric: true },
    { key: 'infos', label: w.infos, numeric: true },
    { key: 'unchecked', label: w.unchecked, title: w.uncheckedTitle, numeric: true },
    ...FIGURES.map((f) => ({ key: f.id, label: f[locale], title: f.title[locale], numeric: true })),
  ];
  const head = cols
    .map((c, k) => `<th scope="col" tabindex="0" role="columnheader" aria-sort="none" data-col="${k}" data-numeric="${c.numeric}"${c.title ? ` title="${escapeHtml(c.title)}"` : ''}>${escapeHtml(c.label)}</th>`)
    .join('');
  const bodies = rows
    .map((r, i) => {
      const cells: { text: string; sort: string | number }[] = r.skipped
        ? [{ text: r.file, sort: r.file }, { text: `${w.skipped}: ${r.skipped}`, sort: '' }]
        : [
            { text: r.file, sort: r.file },
            { text: r.body ?? '?', sort: r.body ?? '' },
            { text: String(r.year ?? '?'), sort: r.year ?? -1 },
            { text: r.formatVersion ?? '?', sort: r.formatVersion ?? '' },
            { text: String(r.errors), sort: r.errors },
            { text: String(r.warnings), sort: r.warnings },
            { text: String(r.infos), sort: r.infos },
            { text: String(r.unchecked), sort: r.unchecked },
            ...FIGURES.map((f) => ({ text: figureText(f.id, r.figures[f.id]), sort: r.figures[f.id] ?? -1 })),
          ];
      const tds = cells
        .map((c, k) => {
          const span = r.skipped && k === 1 ? ` colspan="${cols.length - 1}"` : '';
          const cls = k === 4 && r.errors > 0 ? ' class="err"' : k === 5 && r.warnings > 0 ? ' class="warn"' : '';
          const first = k === 0 ? `<button type="button" class="toggle" aria-expanded="false" aria-controls="f${i}" title="${escapeHtml(w.show)}">▸</button> ` : '';
          return `<td data-sort="${escapeHtml(String(c.sort))}"${span}${cls}>${first}${escapeHtml(c.text)}</td>`;
        })
        .join('');
      const findings =
        r.findings.length === 0
          ? `<p>${escapeHtml(r.skipped ? r.skipped : w.none)}</p>`
          : `<ul>${r.findings.map((f) => `<li class="sev-${f.severity}"><span class="sev">${escapeHtml(f.severity)}</span> <span class="line">${escapeHtml(w.line)} ${f.line}</span> ${escapeHtml(f.message)} <span class="rule">${escapeHtml(f.rule)}</span></li>`).join('')}</ul>`;
      return `<tbody class="report${r.skipped ? ' skipped' : ''}"><tr>${tds}</tr><tr class="details" id="f${i}" hidden><td colspan="${cols.length}">${findings}</td></tr></tbody>`;
    })
    .join('\n');
  const script = SCRIPT.replace('LOCALE', locale === 'zh' ? 'zh-CN' : 'en');
  const totals = rows.reduce((t, r) => ({ e: t.e + r.errors, w: t.w + r.warnings, i: t.i + r.infos }), { e: 0, w: 0, i: 0 });
  return `<!DOCTYPE html>
<html lang="${locale === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src '${sha256(STYLE)}'; script-src '${sha256(script)}'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(w.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(w.title)}</h1>
<p class="meta">${rows.length} ${escapeHtml(w.reports)} · ${totals.e} ${escapeHtml(w.errors)} · ${totals.w} ${escapeHtml(w.warnings)} · ${totals.i} ${escapeHtml(w.infos)} — ${escapeHtml(w.sortHint)}</p>
<table id="summary">
<thead><tr>${head}</tr></thead>
${bodies}
</table>
<p class="meta">${escapeHtml(w.generated)} ${escapeHtml(version)}</p>
<script>${script}</script>
</body>
</html>
`;
}

/** A path as the user would write it: relative to the folder when inside it. */
function shown(cwd: string, file: string): string {
  const r = relative(cwd, file);
  return r && !r.startsWith('..') ? r : file;
}

/**
 * Prints the summary as text and writes the HTML and CSV files asked for; false when a file could
 * not be written (said on stderr).
 */
export function writeSummary(
  rows: readonly SummaryRow[],
  opts: { html?: string; csv?: string; cwd: string; locale: Locale; version: string },
  io: { stdout: (s: string) => void; stderr: (s: string) => void },
): boolean {
  io.stdout(summaryText(rows, opts.locale));
  let ok = true;
  const write = (path: string | undefined, make: () => string) => {
    if (path === undefined) return;
    const file = resolve(opts.cwd, path);
    try {
      writeFileSync(file, make());
      io.stderr(`govreport: ${shown(opts.cwd, file)}: ${opts.locale === 'en' ? 'written' : '已写入'}\n`);
    } catch (err) {
      ok = false;
      io.stderr(`govreport: ${path}: 无法写入 / cannot write: ${(err as Error).message}\n`);
    }
  };
  write(opts.html, () => summaryHtml(rows, opts.locale, opts.version));
  write(opts.csv, () => summaryCsv(rows, opts.locale));
  return ok;
}
