// The summary view's script, run inside the webview (bundled as dist/webview/summary.js): the
// batch summary of the workspace as one table, a row per report (govreport/summary), drawn with
// the DOM, never with HTML strings. Sorts by any column (click, Enter or Space on its header),
// filters by file name and body (the filter box: VS Code's find only sees what is drawn), opens a
// row to its findings (the ▸ button, a click on the row, → and ←), and asks the extension to open
// a report at a finding's line (a click on the file name or on a finding).
//
// 10,000 rows: the table is virtual. Only the rows on screen (and a few around) are in the DOM,
// between two spacers that stand for the others; a collapsed row has one fixed height (measured
// once), an opened row its measured height. Sorting and filtering work on the data
// (summaryData.ts), then draw one screenful. For screen readers the table is a grid that says how
// many rows it has (aria-rowcount) and where each drawn row is (aria-rowindex); ↑ ↓ PageUp
// PageDown Home End move between rows, drawing them as they come.
import type { SummaryReportRow } from '../../protocol/src';
import { SummaryData, type SortSpec } from './summaryData';
import type { FromSummaryWebview, SummaryLabels, SummaryViewData, SummaryViewRow, ToSummaryWebview } from './summaryMessages';
import { el, themeOf } from './dom';

interface VsCodeApi {
  postMessage(message: FromSummaryWebview): void;
  setState(state: unknown): void;
  getState(): unknown;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const post = (m: FromSummaryWebview) => vscode.postMessage(m);

/** Rows drawn beyond each edge of the screen. */
const OVERSCAN = 10;

let data: SummaryViewData | undefined;
/** The findings of the rows opened, as the extension sent them (by data index). */
let findingsOf = new Map<number, SummaryReportRow['findings']>();
/** Each row's data index, by URI. */
let indexOf = new Map<string, number>();
let model: SummaryData | undefined;
let labels: SummaryLabels | undefined;
/** The rows shown, in the order shown (indexes into data.rows). */
let order: number[] = [];
/** Each shown row's position in `order` (by data index; -1: filtered out). */
let positionOf = new Int32Array(0);
let sort: SortSpec | null = null;
let filter = '';
/** Each row's <tbody>, made when first drawn (kept across sorts and scrolls: an opened row stays open). */
let bodies: (HTMLTableSectionElement | undefined)[] = [];
/** Opened rows' heights beyond a collapsed row's (by data index), as measured. */
const extra = new Map<number, number>();
/** The height of a collapsed row (px), measured on the first one drawn. */
let rowHeight = 0;
let measured = false;
/** tops[k]: where the k-th shown row starts below the header (px); tops[order.length]: the end. */
let tops = new Float64Array(1);
let scroller: HTMLDivElement | undefined;
let table: HTMLTableElement | undefined;
let spacerTop: HTMLTableSectionElement | undefined;
let spacerBottom: HTMLTableSectionElement | undefined;
let status: HTMLElement | undefined;
/** The rows drawn: positions in `order`, [from, to). */
let drawn = { from: 0, to: 0 };
/** The row last focused (data index), to give focus back when it is drawn again. */
let focusRow: { index: number; selector: string } | undefined;
let framePending = false;

function figureText(key: string, v: number | null): string {
  if (v === null) return '—';
  return key === 'openRate' ? `${v}%` : String(v);
}

/** The cells of a row as text. */
function cellTexts(r: SummaryViewRow): string[] {
  return [
    r.file,
    r.body ?? '?',
    r.year === null ? '?' : String(r.year),
    r.formatVersion ?? '?',
    String(r.errors),
    String(r.warnings),
    String(r.infos),
    String(r.unchecked),
    ...Object.entries(r.figures).map(([k, v]) => figureText(k, v)),
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
  tr.setAttribute('role', 'row');
  const cells = cellTexts(r);
  const first = el('td', 'file');
  first.setAttribute('role', 'gridcell');
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
    td.setAttribute('role', 'gridcell');
    td.colSpan = L.columns.length - 1;
    td.title = td.textContent ?? '';
    tr.append(td);
  } else {
    for (let k = 1; k < cells.length; k++) {
      const td = el('td', k >= 2 && L.columns[k]?.numeric ? 'num' : undefined, cells[k]);
      td.setAttribute('role', 'gridcell');
      if (k === 1) td.title = cells[k];
      if (k === 4 && r.errors > 0) td.classList.add('err');
      if (k === 5 && r.warnings > 0) td.classList.add('warn');
      tr.append(td);
    }
  }
  tbody.append(tr);
  bodies[i] = tbody;
  return tbody;
}

/** The row's findings, made when it is first opened (asked of the extension, then filled in). */
function details(i: number, tbody: HTMLTableSectionElement): HTMLTableRowElement {
  const existing = tbody.querySelector<HTMLTableRowElement>('tr.details');
  if (existing) return existing;
  const tr = el('tr', 'details');
  tr.setAttribute('role', 'row');
  const td = el('td');
  td.setAttribute('role', 'gridcell');
  td.colSpan = labels!.columns.length;
  tr.append(td);
  tbody.append(tr);
  const r = data!.rows[i];
  if (findingsOf.has(i) || r.skipped) fillDetails(i, td);
  else {
    td.append(el('p', 'none', '…'));
    post({ type: 'findings', uri: r.uri });
  }
  return tr;
}

function fillDetails(i: number, td: HTMLTableCellElement): void {
  const r = data!.rows[i];
  const L = labels!;
  const findings = findingsOf.get(i) ?? [];
  if (findings.length === 0) td.replaceChildren(el('p', 'none', r.skipped ? `${L.skipped}: ${r.skipped}` : L.none));
  else {
    const ul = el('ul', 'findings');
    for (const f of findings) {
      const li = el('li', `sev-${f.severity}`);
      const b = el('button', 'finding');
      b.type = 'button';
      b.dataset.uri = r.uri;
      b.dataset.line = String(f.line);
      b.append(el('span', 'sev', L.severities[f.severity]), ' ', el('span', 'line', L.line.replace('{0}', String(f.line))), ' ', el('span', 'message', f.message), ' ', el('span', 'rule', f.rule));
      li.append(b);
      ul.append(li);
    }
    td.replaceChildren(ul);
  }
}

/** Opens or closes a row's findings (`open` undefined: the other way). */
function toggle(tbody: HTMLTableSectionElement, open?: boolean): void {
  const i = Number(tbody.dataset.index);
  const button = tbody.querySelector<HTMLButtonElement>('button.toggle')!;
  const now = open ?? button.getAttribute('aria-expanded') !== 'true';
  button.setAttribute('aria-expanded', String(now));
  tbody.classList.toggle('open', now);
  const d = details(i, tbody);
  d.hidden = !now;
  if (now) extra.set(i, Math.max(0, tbody.getBoundingClientRect().height - rowHeight));
  else extra.delete(i);
  layout();
  draw();
}

/** Where each shown row starts, from the rows' heights. */
function layout(): void {
  const t = new Float64Array(order.length + 1);
  let y = 0;
  for (let k = 0; k < order.length; k++) {
    t[k] = y;
    y += rowHeight + (extra.get(order[k]) ?? 0);
  }
  t[order.length] = y;
  tops = t;
}

/** The shown row at a height below the header (a position in `order`). */
function positionAt(y: number): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tops[mid + 1] <= y) lo = mid + 1;
    else hi = mid;
  }
  return Math.min(lo, Math.max(0, order.length - 1));
}

function headHeight(): number {
  return table?.tHead?.getBoundingClientRect().height ?? 0;
}

/** Draws the rows on screen: the ones gone out, the ones come in; the others stay (and keep focus). */
function draw(): void {
  if (!scroller || !table || !spacerTop || !spacerBottom || !data) return;
  const head = headHeight();
  const y = Math.max(0, scroller.scrollTop - head);
  const from = order.length === 0 ? 0 : Math.max(0, positionAt(y) - OVERSCAN);
  const to = order.length === 0 ? 0 : Math.min(order.length, positionAt(y + scroller.clientHeight) + 1 + OVERSCAN);
  const wanted = new Set<HTMLTableSectionElement>();
  const list: HTMLTableSectionElement[] = [];
  for (let k = from; k < to; k++) {
    const b = rowBody(order[k]);
    b.querySelector('tr.main')!.setAttribute('aria-rowindex', String(k + 2));
    wanted.add(b);
    list.push(b);
  }
  // Rows no longer wanted leave first, so that the ones staying keep their order (no move, no blur).
  for (let n = spacerTop.nextElementSibling; n && n !== spacerBottom; ) {
    const next = n.nextElementSibling;
    if (!wanted.has(n as HTMLTableSectionElement)) n.remove();
    n = next;
  }
  let ref: Element | null = spacerTop.nextElementSibling;
  for (const b of list) {
    if (ref === b) ref = ref.nextElementSibling;
    else table.insertBefore(b, ref);
  }
  drawn = { from, to };
  (spacerTop.firstElementChild!.firstElementChild as HTMLElement).style.height = `${tops[from]}px`;
  (spacerBottom.firstElementChild!.firstElementChild as HTMLElement).style.height = `${tops[order.length] - tops[to]}px`;
  spacerTop.hidden = tops[from] === 0;
  spacerBottom.hidden = tops[order.length] - tops[to] === 0;
  if (!measured && list.length > 0) {
    // A collapsed row's height as the theme's font draws it; the layout again with it.
    measured = true;
    const h = list.find((b) => !b.classList.contains('open'))?.getBoundingClientRect().height;
    if (h && Math.abs(h - rowHeight) > 0.01) {
      rowHeight = h;
      layout();
      draw();
      return;
    }
  }
  // Opened rows drawn again (a new width, a new theme): their heights as they are now.
  let changed = false;
  for (const b of list) {
    if (!b.classList.contains('open')) continue;
    const i = Number(b.dataset.index);
    const e = Math.max(0, b.getBoundingClientRect().height - rowHeight);
    if (Math.abs(e - (extra.get(i) ?? 0)) > 0.5) {
      extra.set(i, e);
      changed = true;
    }
  }
  if (changed) {
    layout();
    draw();
    return;
  }
  if (focusRow && document.activeElement === document.body) {
    const b = bodies[focusRow.index];
    if (b && b.isConnected) b.querySelector<HTMLElement>(focusRow.selector)?.focus({ preventScroll: true });
  }
}

/** Draws again at the next frame (scrolling, resizing). */
function schedule(): void {
  if (framePending) return;
  framePending = true;
  requestAnimationFrame(() => {
    framePending = false;
    const before = drawn;
    draw();
    if (before.from !== drawn.from || before.to !== drawn.to) reportAfterPaint(null, 'scroll');
  });
}

/** Scrolls so that the shown row at `position` is on screen, and draws. */
function reveal(position: number): void {
  if (!scroller) return;
  const head = headHeight();
  const top = tops[position] + head;
  const bottom = tops[position + 1] + head;
  if (top - head < scroller.scrollTop) scroller.scrollTop = top - head;
  else if (bottom > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = bottom - scroller.clientHeight;
  draw();
}

/** Focuses a shown row's file name (or another of its controls), drawing it first. */
function focusAt(position: number, selector = 'button.file'): void {
  if (order.length === 0) return;
  const k = Math.max(0, Math.min(order.length - 1, position));
  reveal(k);
  const b = bodies[order[k]];
  const target = b?.querySelector<HTMLElement>(selector) ?? b?.querySelector<HTMLElement>('button.file');
  if (target) {
    focusRow = { index: order[k], selector: target.matches('button.file') ? 'button.file' : selector };
    target.focus({ preventScroll: true });
  }
}

/** The orders of the data again (a sort, a filter, new data); then one screenful drawn. */
function reorder(start: number, why: string): void {
  if (!model || !labels) return;
  const column = sort ? labels.columns.find((c) => c.key === sort!.key) : undefined;
  if (sort && !column) sort = null;
  order = model.order(sort, column?.numeric ?? false, filter);
  positionOf = new Int32Array(data!.rows.length).fill(-1);
  for (let k = 0; k < order.length; k++) positionOf[order[k]] = k;
  if (table) {
    table.setAttribute('aria-rowcount', String(order.length + 1));
    for (const th of Array.from(table.tHead!.rows[0].cells)) th.setAttribute('aria-sort', sort && th.dataset.key === sort.key ? sort.dir : 'none');
  }
  if (status) status.textContent = filter.trim() ? labels.shown.replace('{0}', String(order.length)).replace('{1}', String(data!.rows.length)) : '';
  vscode.setState({ sort, filter });
  layout();
  draw();
  reportAfterPaint(start, why);
}

function sortBy(key: string): void {
  const start = performance.now();
  sort = { key, dir: sort?.key === key && sort.dir === 'ascending' ? 'descending' : 'ascending' };
  reorder(start, 'sort');
}

function setFilter(text: string): void {
  const start = performance.now();
  filter = text;
  if (scroller) scroller.scrollTop = 0;
  reorder(start, 'filter');
}

/** Tells the extension what is drawn, after the frame that paints it. */
function reportAfterPaint(start: number | null, why: string): void {
  requestAnimationFrame(() => {
    const ms = start === null ? null : Math.round((performance.now() - start) * 10) / 10;
    setTimeout(() => report(ms, why), 0);
  });
}

function report(ms: number | null, why: string): void {
  const first: string[] = [];
  for (const b of Array.from(table?.tBodies ?? [])) if (b.classList.contains('report') && first.length < 50) first.push(data!.rows[Number(b.dataset.index)].file);
  post({
    type: 'rendered',
    why,
    rows: data?.rows.length ?? 0,
    shown: order.length,
    drawn: drawn.to - drawn.from,
    from: drawn.from,
    ms,
    theme: themeOf(),
    sort,
    filter,
    first,
    shownFirst: order.slice(0, 50).map((i) => data!.rows[i].file),
  });
}

function render(start: number): void {
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
  const tools = el('div', 'tools');
  const box = el('input', 'filter');
  box.type = 'search';
  box.id = 'filter';
  box.placeholder = L.filter;
  box.setAttribute('aria-label', L.filter);
  box.setAttribute('aria-controls', 'summary');
  box.value = filter;
  box.addEventListener('input', () => setFilter(box.value));
  status = el('span', 'shown');
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  tools.append(box, status, el('span', 'hint', L.sortHint));
  parts.push(tools);
  const t = el('table', 'summary');
  t.id = 'summary';
  t.setAttribute('role', 'grid');
  t.setAttribute('aria-colcount', String(L.columns.length));
  t.setAttribute('aria-label', L.title);
  const colgroup = el('colgroup');
  for (const c of L.columns) colgroup.append(el('col', `c-${c.key}`));
  const thead = el('thead');
  const hr = el('tr');
  hr.setAttribute('role', 'row');
  hr.setAttribute('aria-rowindex', '1');
  for (const c of L.columns) {
    const th = el('th', c.numeric ? 'num' : undefined, c.label);
    th.scope = 'col';
    th.setAttribute('role', 'columnheader');
    th.tabIndex = 0;
    th.dataset.key = c.key;
    th.title = c.title;
    hr.append(th);
  }
  thead.append(hr);
  const spacer = (cls: string) => {
    const b = el('tbody', `spacer ${cls}`);
    b.setAttribute('role', 'presentation');
    b.setAttribute('aria-hidden', 'true');
    const tr = el('tr');
    const td = el('td');
    td.colSpan = L.columns.length;
    tr.append(td);
    b.append(tr);
    return b;
  };
  spacerTop = spacer('top');
  spacerBottom = spacer('bottom');
  t.append(colgroup, thead, spacerTop, spacerBottom);
  table = t;
  bodies = [];
  extra.clear();
  measured = false;
  rowHeight = rowHeight || 26;
  drawn = { from: 0, to: 0 };
  const root = document.getElementById('root')!;
  const previousTop = scroller?.scrollTop ?? 0;
  scroller = el('div', 'scroller');
  scroller.addEventListener('scroll', schedule, { passive: true });
  resize.disconnect();
  resize.observe(scroller);
  if (data.rows.length === 0) root.replaceChildren(...parts.slice(0, -1), el('p', 'empty', L.empty));
  else {
    scroller.append(t);
    root.replaceChildren(...parts, scroller);
  }
  model = new SummaryData(data.rows, document.documentElement.lang || 'zh-CN');
  // An update keeps the column sorted by, its direction, the filter and where the view was scrolled to.
  reorder(start, 'update');
  if (previousTop > 0) {
    scroller.scrollTop = previousTop;
    draw();
  }
}

const resize = new ResizeObserver(() => schedule());

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

document.addEventListener('focusin', (ev) => {
  const target = ev.target instanceof HTMLElement ? ev.target : null;
  const tbody = target?.closest<HTMLElement>('tbody.report');
  if (!target || !tbody) return;
  const selector = target.matches('button.toggle') ? 'button.toggle' : 'button.file';
  focusRow = { index: Number(tbody.dataset.index), selector };
});

document.addEventListener('keydown', (ev) => {
  const target = ev.target instanceof HTMLElement ? ev.target : null;
  if (!target) return;
  if (target.matches('th[data-key]')) {
    if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      sortBy(target.dataset.key!);
    } else if (ev.key === 'ArrowDown') {
      ev.preventDefault();
      focusAt(positionAt(Math.max(0, (scroller?.scrollTop ?? 0) - headHeight())));
    } else if (ev.key === 'ArrowLeft' || ev.key === 'ArrowRight') {
      const th = ev.key === 'ArrowLeft' ? target.previousElementSibling : target.nextElementSibling;
      if (th instanceof HTMLElement) {
        ev.preventDefault();
        th.focus();
      }
    }
    return;
  }
  if (target.matches('input.filter')) {
    if (ev.key === 'ArrowDown') {
      ev.preventDefault();
      focusAt(0);
    }
    return;
  }
  const tbody = target.closest<HTMLTableSectionElement>('tbody.report');
  if (!tbody) return;
  const k = positionOf[Number(tbody.dataset.index)];
  if (k < 0) return;
  const page = Math.max(1, Math.floor((scroller?.clientHeight ?? 0) / rowHeight) - 1);
  const inFinding = target.matches('button.finding');
  const to: Record<string, number | undefined> = inFinding
    ? {}
    : { ArrowDown: k + 1, ArrowUp: k - 1, PageDown: k + page, PageUp: k - page, Home: 0, End: order.length - 1 };
  const position = to[ev.key];
  if (position !== undefined) {
    ev.preventDefault();
    if (position < 0) table?.tHead?.querySelector<HTMLElement>('th')?.focus();
    else focusAt(position);
    return;
  }
  if (!inFinding && (ev.key === 'ArrowRight' || ev.key === 'ArrowLeft')) {
    ev.preventDefault();
    toggle(tbody, ev.key === 'ArrowRight');
    tbody.querySelector<HTMLElement>('button.file')?.focus({ preventScroll: true });
  }
});

window.addEventListener('message', (ev: MessageEvent<ToSummaryWebview>) => {
  const m = ev.data;
  switch (m.type) {
    case 'update': {
      const start = performance.now();
      data = m.data;
      labels = m.labels;
      findingsOf = new Map();
      indexOf = new Map(data.rows.map((r, i) => [r.uri, i]));
      render(start);
      break;
    }
    case 'findings': {
      const i = indexOf.get(m.uri);
      if (i === undefined) break;
      findingsOf.set(i, m.findings);
      const td = bodies[i]?.querySelector<HTMLTableCellElement>('tr.details td');
      if (td) {
        fillDetails(i, td);
        // Its height now: the rows below move down.
        if (bodies[i]!.isConnected) {
          extra.set(i, Math.max(0, bodies[i]!.getBoundingClientRect().height - rowHeight));
          layout();
          draw();
        }
        reportAfterPaint(null, 'findings');
      }
      break;
    }
    case 'click': {
      // Tests: the file name of a report, drawn first if it is off screen.
      const i = indexOf.get(m.uri) ?? -1;
      if (i >= 0 && positionOf[i] >= 0) {
        reveal(positionOf[i]);
        bodies[i]?.querySelector<HTMLElement>('button.file')?.click();
      }
      break;
    }
    case 'filter': {
      // Tests: the filter box typed into.
      const box = document.querySelector<HTMLInputElement>('input.filter');
      if (box) {
        box.value = m.text;
        box.dispatchEvent(new Event('input'));
      }
      break;
    }
  }
});

// The theme is a class of <body>, changed in place when the user switches themes.
new MutationObserver(() => {
  if (data) {
    measured = false;
    schedule();
    reportAfterPaint(null, 'theme');
  }
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

const saved = vscode.getState() as { sort?: SortSpec | null; filter?: string } | undefined;
if (saved?.sort) sort = saved.sort;
if (typeof saved?.filter === 'string') filter = saved.filter;

post({ type: 'ready' });
