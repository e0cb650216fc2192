// The summary view's script, run inside the webview (bundled as dist/webview/summary.js): the
// batch summary of the workspace as one table, a row per report (govreport/summary), drawn with
// the DOM, never with HTML strings. Sorts by any column (click, Enter or Space on its header),
// opens a row to its findings (the ▸ button, or a click on the row), and asks the extension to
// open a report at a finding's line (a click on the file name or on a finding).
//
// 10,000 rows: the first screenful is drawn at once, the rest in chunks between frames, each
// row's findings only when it is opened; rows off screen are not laid out (content-visibility).
import type { SummaryReportRow, SummaryResult } from '../../protocol/src';
import type { FromSummaryWebview, SummaryLabels, ToSummaryWebview } from './summaryMessages';

interface VsCodeApi {
  postMessage(message: FromSummaryWebview): void;
  setState(state: unknown): void;
  getState(): unknown;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const post = (m: FromSummaryWebview) => vscode.postMessage(m);

/** Rows drawn at once; then this many per chunk, one chunk per frame. */
const FIRST_ROWS = 120;
const CHUNK_ROWS = 600;

let data: SummaryResult | undefined;
let labels: SummaryLabels | undefined;
/** The rows in the order shown (indexes into data.rows). */
let order: number[] = [];
let sort: { key: string; dir: 'ascending' | 'descending' } | null = null;
/** Each row's <tbody>, made when first drawn (kept across sorts: an opened row stays open). */
let bodies: (HTMLTableSectionElement | undefined)[] = [];
let table: HTMLTableElement | undefined;
/** The drawing under way (a new one replaces it). */
let drawing = 0;
let received = 0;
let firstPaintMs = 0;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function themeOf(): string {
  const c = document.body.classList;
  for (const name of ['vscode-high-contrast-light', 'vscode-high-contrast', 'vscode-dark', 'vscode-light']) if (c.contains(name)) return name;
  return 'unknown';
}

function figureText(key: string, v: number | null): string {
  if (v === null) return '—';
  return key === 'openRate' ? `${v}%` : String(v);
}

/** The cells of a row as text and as the value it sorts by. */
function cellsOf(r: SummaryReportRow): { text: string; sort: string | number }[] {
  return [
    { text: r.file, sort: r.file },
    { text: r.body ?? '?', sort: r.body ?? '' },
    { text: r.year === null ? '?' : String(r.year), sort: r.year ?? -1 },
    { text: r.formatVersion ?? '?', sort: r.formatVersion ?? '' },
    { text: String(r.errors), sort: r.errors },
    { text: String(r.warnings), sort: r.warnings },
    { text: String(r.infos), sort: r.infos },
    { text: String(r.unchecked), sort: r.skipped ? -1 : r.unchecked },
    ...Object.entries(r.figures).map(([k, v]) => ({ text: figureText(k, v), sort: v ?? -1 })),
  ];
}

function rowBody(i: number): HTMLTableSectionElement {
  const made = bodies[i];
  if (made) return made;
  const r = data!.rows[i];
  const L = labels!;
  const tbody = el('tbody', r.skipped ? 'report skipped' : 'report');
  tbody.dataset.index = String(i);
  tbody.dataset.uri = r.uri;
  const tr = el('tr', 'main');
  const cells = cellsOf(r);
  const first = el('td', 'file');
  const toggle = el('button', 'toggle', '▸');
  toggle.type = 'button';
  toggle.title = L.show;
  toggle.setAttribute('aria-label', `${L.show}: ${r.file}`);
  toggle.setAttribute('aria-expanded', 'false');
  const file = el('button', 'file', r.file);
  file.type = 'button';
  file.title = `${L.openFile}\n${r.uri}`;
  file.dataset.uri = r.uri;
  first.append(toggle, file);
  tr.append(first);
  if (r.skipped) {
    const td = el('td', 'why', `${L.skipped}: ${r.skipped}`);
    td.colSpan = labels!.columns.length - 1;
    tr.append(td);
  } else {
    for (let k = 1; k < cells.length; k++) {
      const td = el('td', k >= 2 && labels!.columns[k].numeric ? 'num' : undefined, cells[k].text);
      if (k === 4 && r.errors > 0) td.classList.add('err');
      if (k === 5 && r.warnings > 0) td.classList.add('warn');
      tr.append(td);
    }
  }
  tbody.append(tr);
  bodies[i] = tbody;
  return tbody;
}

/** The row's findings, made when it is first opened. */
function details(i: number, tbody: HTMLTableSectionElement): HTMLTableRowElement {
  const existing = tbody.querySelector<HTMLTableRowElement>('tr.details');
  if (existing) return existing;
  const r = data!.rows[i];
  const L = labels!;
  const tr = el('tr', 'details');
  const td = el('td');
  td.colSpan = L.columns.length;
  if (r.findings.length === 0) td.append(el('p', 'none', r.skipped ? `${L.skipped}: ${r.skipped}` : L.none));
  else {
    const ul = el('ul', 'findings');
    for (const f of r.findings) {
      const li = el('li', `sev-${f.severity}`);
      const b = el('button', 'finding');
      b.type = 'button';
      b.dataset.uri = r.uri;
      b.dataset.line = String(f.line);
      b.append(el('span', 'sev', L.severities[f.severity]), ' ', el('span', 'line', L.line.replace('{0}', String(f.line))), ' ', el('span', 'message', f.message), ' ', el('span', 'rule', f.rule));
      li.append(b);
      ul.append(li);
    }
    td.append(ul);
  }
  tr.append(td);
  tbody.append(tr);
  return tr;
}

function toggle(tbody: HTMLTableSectionElement): void {
  const i = Number(tbody.dataset.index);
  const button = tbody.querySelector<HTMLButtonElement>('button.toggle')!;
  const open = button.getAttribute('aria-expanded') !== 'true';
  button.setAttribute('aria-expanded', String(open));
  tbody.classList.toggle('open', open);
  const d = details(i, tbody);
  d.hidden = !open;
}

/** A click on a header: ascending first, then each click the other way. */
function sortBy(key: string): void {
  applySort(key, sort?.key === key && sort.dir === 'ascending' ? 'descending' : 'ascending', performance.now());
}

function applySort(key: string, dir: 'ascending' | 'descending', start: number): void {
  if (!data || !labels) return;
  const k = labels.columns.findIndex((c) => c.key === key);
  if (k < 0) return;
  sort = { key, dir };
  const numeric = labels.columns[k].numeric;
  // Sort keys computed once per row, not once per comparison.
  const keys = data.rows.map((r) => cellsOf(r)[k].sort);
  const collator = new Intl.Collator(document.documentElement.lang || 'zh-CN');
  order = data.rows.map((_, i) => i);
  order.sort((a, b) => {
    const c = numeric ? (keys[a] as number) - (keys[b] as number) : collator.compare(String(keys[a]), String(keys[b]));
    return (dir === 'ascending' ? c : -c) || a - b;
  });
  vscode.setState({ sort });
  for (const th of Array.from(table!.tHead!.rows[0].cells)) th.setAttribute('aria-sort', th.dataset.key === key ? dir : 'none');
  drawRows(start);
}

/** Draws the rows in `order`: a screenful now, the rest a chunk per frame. */
function drawRows(start: number): void {
  const me = ++drawing;
  const t = table!;
  for (const b of Array.from(t.tBodies)) b.remove();
  let at = 0;
  const chunk = (n: number) => {
    const frag = document.createDocumentFragment();
    const end = Math.min(order.length, at + n);
    for (; at < end; at++) frag.append(rowBody(order[at]));
    t.append(frag);
  };
  chunk(FIRST_ROWS);
  requestAnimationFrame(() => {
    if (me !== drawing) return;
    firstPaintMs = performance.now() - start;
    report(null);
    const more = () => {
      if (me !== drawing) return;
      if (at >= order.length) {
        report(performance.now() - start);
        return;
      }
      chunk(CHUNK_ROWS);
      setTimeout(more, 0);
    };
    more();
  });
}

function report(allMs: number | null): void {
  const first: string[] = [];
  for (const b of Array.from(table?.tBodies ?? []).slice(0, 50)) first.push(data!.rows[Number(b.dataset.index)].file);
  post({ type: 'rendered', rows: data?.rows.length ?? 0, drawn: table?.tBodies.length ?? 0, firstPaintMs: Math.round(firstPaintMs * 10) / 10, allMs: allMs === null ? null : Math.round(allMs), theme: themeOf(), sort, first });
}

function render(): void {
  if (!data || !labels) return;
  const L = labels;
  document.title = L.title;
  const header = el('header');
  header.append(el('h1', undefined, L.title), el('span', 'counts', L.counts));
  const parts: HTMLElement[] = [header];
  if (!data.validated) {
    const note = el('p', 'note', L.notValidated + ' ');
    const b = el('button', 'primary', L.validate);
    b.type = 'button';
    b.addEventListener('click', () => post({ type: 'validate' }));
    note.append(b);
    parts.push(note);
  }
  parts.push(el('p', 'hint', L.sortHint));
  const t = el('table', 'summary');
  t.id = 'summary';
  const thead = el('thead');
  const hr = el('tr');
  for (const c of L.columns) {
    const th = el('th', c.numeric ? 'num' : undefined, c.label);
    th.scope = 'col';
    th.tabIndex = 0;
    th.dataset.key = c.key;
    th.title = c.title;
    th.setAttribute('aria-sort', sort?.key === c.key ? sort.dir : 'none');
    hr.append(th);
  }
  thead.append(hr);
  t.append(thead);
  table = t;
  bodies = [];
  const root = document.getElementById('root')!;
  if (data.rows.length === 0) root.replaceChildren(...parts, el('p', 'empty', L.empty));
  else root.replaceChildren(...parts, t);
  order = data.rows.map((_, i) => i);
  // An update keeps the column sorted by and its direction.
  if (sort && L.columns.some((c) => c.key === sort!.key)) applySort(sort.key, sort.dir, received);
  else drawRows(received);
}

document.addEventListener('click', (ev) => {
  const target = ev.target instanceof Element ? ev.target : null;
  if (!target) return;
  const th = target.closest<HTMLElement>('th[data-key]');
  if (th) {
    sortBy(th.dataset.key!);
    return;
  }
  const file = target.closest<HTMLElement>('button.file');
  if (file) {
    post({ type: 'open', uri: file.dataset.uri!, line: 0 });
    return;
  }
  const finding = target.closest<HTMLElement>('button.finding');
  if (finding) {
    post({ type: 'open', uri: finding.dataset.uri!, line: Number(finding.dataset.line) });
    return;
  }
  // The ▸ button, or anywhere else on a report's main row: open or close its findings.
  const main = target.closest('tr.main');
  const tbody = main?.parentElement;
  if (tbody instanceof HTMLTableSectionElement && tbody.classList.contains('report')) toggle(tbody);
});

document.addEventListener('keydown', (ev) => {
  const target = ev.target instanceof HTMLElement ? ev.target : null;
  if (!target || (ev.key !== 'Enter' && ev.key !== ' ')) return;
  if (target.matches('th[data-key]')) {
    ev.preventDefault();
    sortBy(target.dataset.key!);
  }
});

window.addEventListener('message', (ev: MessageEvent<ToSummaryWebview>) => {
  const m = ev.data;
  switch (m.type) {
    case 'update':
      received = performance.now();
      data = m.data;
      labels = m.labels;
      render();
      break;
    case 'click': {
      const b = document.querySelector<HTMLElement>(`button.file[data-uri="${CSS.escape(m.uri)}"]`);
      b?.click();
      break;
    }
  }
});

// The theme is a class of <body>, changed in place when the user switches themes.
new MutationObserver(() => {
  if (data) report(null);
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

const saved = vscode.getState() as { sort?: { key: string; dir: 'ascending' | 'descending' } } | undefined;
if (saved?.sort) sort = saved.sort;

post({ type: 'ready' });
