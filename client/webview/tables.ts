// The table view's script, run inside the webview (bundled as dist/webview/tables.js). It draws
// the grids the extension sends (govreport/tables) with the DOM, never with HTML strings; shows a
// cell's findings and formula on hover or focus; and asks the extension to reveal a cell in the
// text on click or Enter. Keyboard: Tab reaches each table, the arrow keys move between cells,
// Home/End to the row's ends, Enter or Space goes to the text.
import type { TablesCell, TablesResult, TablesTable } from '../../protocol/src';
import type { FromWebview, MarkedCell, TableViewLabels, ToWebview } from './messages';
import { el, themeOf } from './dom';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  setState(state: unknown): void;
  getState(): unknown;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const post = (m: FromWebview) => vscode.postMessage(m);

let data: TablesResult | undefined;
let labels: TableViewLabels | undefined;
/** Every cell drawn, by key (value cells, labels, titles). */
let byKey = new Map<string, { cell: TablesCell; el: HTMLElement }>();
/** Per table: the grid of focusable elements by row and column (spans fill every slot they cover). */
const grids = new WeakMap<HTMLTableElement, (HTMLElement | null)[][]>();
let selectedKey: string | null = null;

/** Last year's value and the change: "41 (+3)", "0 (±0)", "·" for a blank. */
function lastYearText(cell: TablesCell): string {
  const v = cell.previous === '' ? '·' : (cell.previous ?? '');
  if (cell.change === null) return v;
  const c = cell.change;
  return `${v} (${c > 0 ? '+' : c < 0 ? '−' : '±'}${Math.abs(c)})`;
}

/** The plain-text details of a cell: name, value, findings, formula (title attribute and panel). */
function detailLines(cell: TablesCell): string[] {
  const L = labels!;
  const lines: string[] = [];
  if (cell.name) lines.push(cell.name);
  if (cell.kind === 'value' && cell.state) {
    const shown = cell.text === '' ? '' : `「${cell.text}」`;
    lines.push(cell.state === 'number' ? shown : `${shown} ${L.states[cell.state]}`.trim());
  } else if (cell.state === 'missing') lines.push(L.notFound);
  if (cell.previous !== null) lines.push(`${L.lastYearLong}: ${lastYearText(cell)}`);
  for (const f of cell.findings) lines.push(`${L.severities[f.severity]}: ${f.message} (${f.rule})`);
  if (cell.related && cell.severity === null) lines.push(L.relatedLong);
  lines.push(...cell.formula);
  lines.push(cell.range ? L.jumpHint : L.noRange);
  return lines;
}

function showDetail(cell: TablesCell | undefined): void {
  const panel = document.getElementById('detail')!;
  panel.replaceChildren();
  if (!cell) {
    panel.append(el('p', 'hint', labels?.detailHint ?? ''));
    return;
  }
  const L = labels!;
  panel.append(el('p', 'name', cell.name || cell.text));
  if (cell.kind === 'value' && cell.state) {
    // The value as written; how it was read when it is not a plain number.
    const p = el('p', 'value');
    if (cell.text !== '') p.append(el('code', undefined, cell.text));
    if (cell.state !== 'number') p.append(cell.text !== '' ? ' ' : '', L.states[cell.state]);
    panel.append(p);
    if (cell.previous !== null) panel.append(el('p', 'previous', `${L.lastYearLong}: ${lastYearText(cell)}`));
  }
  if (cell.findings.length > 0) {
    const ul = el('ul', 'findings');
    for (const f of cell.findings) {
      const li = el('li', `sev-${f.severity}`);
      li.append(el('span', 'sev', L.severities[f.severity]), ' ', f.message, ' ', el('span', 'rule', f.rule));
      ul.append(li);
    }
    panel.append(ul);
  } else if (cell.related) panel.append(el('p', 'related', L.relatedLong));
  if (cell.formula.length > 0) {
    const pre = el('div', 'formula');
    for (const line of cell.formula) pre.append(el('div', /^[✗]/.test(line) ? 'broken' : /^[✓]/.test(line) ? 'ok' : '', line));
    panel.append(pre);
  }
  panel.append(el('p', 'hint', cell.range ? L.jumpHint : L.noRange));
}

function cellElement(cell: TablesCell): HTMLElement {
  const isValue = cell.kind === 'value';
  const e = el(isValue ? 'td' : 'th');
  e.colSpan = cell.colspan;
  e.rowSpan = cell.rowspan;
  const cls = [`k-${cell.kind}`];
  if (cell.state) cls.push(`st-${cell.state}`);
  if (cell.severity) cls.push(`sev-${cell.severity}`);
  if (cell.related) cls.push('rel');
  if (cell.range) cls.push('jump');
  e.className = cls.join(' ');
  if (cell.kind === 'head' || cell.kind === 'corner') e.setAttribute('scope', cell.colspan > 1 ? 'colgroup' : 'col');
  if (cell.kind === 'label' || cell.kind === 'group') e.setAttribute('scope', cell.rowspan > 1 ? 'rowgroup' : 'row');
  const text = el('span', 'text', cell.text);
  e.append(text);
  // Last year's value under this year's, and the change (the carry-over row: what it must equal).
  if (isValue && cell.previous !== null) {
    const prev = el('span', cell.change !== null && cell.change !== 0 ? 'prev changed' : 'prev', lastYearText(cell));
    prev.setAttribute('aria-label', `${labels!.lastYear} ${lastYearText(cell)}`);
    e.append(prev);
  }
  if (cell.severity || (cell.related && isValue)) e.append(el('span', 'mark'));
  if (cell.key && (isValue || cell.kind === 'label' || cell.kind === 'title')) {
    e.dataset.key = cell.key;
    e.tabIndex = -1;
    e.title = detailLines(cell).join('\n');
    // Screen readers: the state words after the value ("5, error: …").
    const extra = [cell.state && cell.state !== 'number' ? labels!.states[cell.state] : '', ...cell.findings.map((f) => `${labels!.severities[f.severity]}: ${f.message}`)].filter(Boolean);
    if (extra.length > 0) e.setAttribute('aria-label', `${cell.text} ${extra.join('; ')}`.trim());
    byKey.set(cell.key, { cell, el: e });
  }
  return e;
}

function drawTable(t: TablesTable): HTMLElement {
  const section = el('section', t.found ? 'table' : 'table not-found');
  const heading = el('h2', undefined, t.name);
  section.append(heading);
  if (!t.found) section.append(el('p', 'note', t.unread ? labels!.unread : labels!.notFound));
  const table = el('table');
  table.setAttribute('role', 'grid');
  table.setAttribute('aria-label', labels!.gridLabel.replace('{0}', t.name));
  const body = el('tbody');
  // The grid of slots, to move with the arrow keys as the eye sees the table.
  const slots: (HTMLElement | null)[][] = t.rows.map(() => new Array<HTMLElement | null>(t.columns).fill(null));
  t.rows.forEach((row, r) => {
    const tr = el('tr');
    tr.setAttribute('role', 'row');
    let c = 0;
    for (const cell of row) {
      while (c < t.columns && slots[r][c] !== null) c++;
      const e = cellElement(cell);
      e.setAttribute('role', cell.kind === 'value' ? 'gridcell' : cell.kind === 'label' || cell.kind === 'group' ? 'rowheader' : 'columnheader');
      tr.append(e);
      const focusable = e.tabIndex === -1 ? e : null;
      for (let dr = 0; dr < cell.rowspan && r + dr < slots.length; dr++) {
        for (let dc = 0; dc < cell.colspan && c + dc < t.columns; dc++) slots[r + dr][c + dc] = focusable ?? e;
      }
      c += cell.colspan;
    }
    body.append(tr);
  });
  // Header cells fill their slots too (so that spans are skipped), but only keyed cells take focus.
  const focusGrid = slots.map((row) => row.map((e) => (e && e.tabIndex === -1 && e.dataset.key ? e : null)));
  grids.set(table, focusGrid);
  table.append(body);
  // One cell of each table in the Tab order: the first value, or the first keyed cell.
  const first = (table.querySelector('td[data-key]') ?? table.querySelector('[data-key]')) as HTMLElement | null;
  if (first) first.tabIndex = 0;
  const scroller = el('div', 'scroll');
  scroller.append(table);
  section.append(scroller);
  return section;
}

function summaryText(): string {
  return labels?.summary ?? '';
}

function render(): void {
  if (!data || !labels) return;
  const active = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.key : undefined;
  byKey = new Map();
  document.title = labels.title;
  const header = el('header');
  header.append(el('h1', undefined, labels.title), el('span', 'summary', summaryText()));
  const asText = el('button', 'secondary', labels.showAsText);
  asText.type = 'button';
  asText.addEventListener('click', () => post({ type: 'openText' }));
  header.append(asText);
  const legend = el('div', 'legend');
  legend.setAttribute('aria-hidden', 'true');
  for (const [cls, word] of [
    ['sev-error', labels.error],
    ['sev-warning', labels.warning],
    ['sev-information', labels.information],
    ['rel', labels.related],
    ['st-blank', labels.blank],
    ['st-missing', labels.missing],
  ] as const) {
    const item = el('span', 'item');
    const swatch = el('span', `swatch ${cls}`);
    swatch.append(el('span', 'mark'));
    item.append(swatch, el('span', undefined, word));
    legend.append(item);
  }
  const main = el('main');
  if (data.message) main.append(el('p', 'note', data.message));
  for (const t of data.tables) main.append(drawTable(t));
  const root = document.getElementById('root')!;
  root.replaceChildren(header, legend, main);
  applySelection();
  if (active && byKey.has(active)) focusCell(active);
  else showDetail(undefined);
  report();
}

function report(): void {
  const marked: MarkedCell[] = [];
  let cells = 0;
  // Read back from the DOM: what is drawn, not what was meant to be.
  for (const e of Array.from(document.querySelectorAll<HTMLElement>('td[data-key]'))) {
    cells++;
    const sev = /\bsev-(error|warning|information|hint)\b/.exec(e.className);
    const st = /\bst-([a-z-]+)\b/.exec(e.className);
    const related = e.classList.contains('rel');
    if (sev || related) marked.push({ key: e.dataset.key!, severity: sev ? sev[1] : null, related, state: st ? st[1] : null });
  }
  const focused = document.activeElement instanceof HTMLElement ? (document.activeElement.dataset.key ?? null) : null;
  post({ type: 'rendered', version: data?.version ?? null, theme: themeOf(), cells, marked, focused });
}

function applySelection(): void {
  for (const e of Array.from(document.querySelectorAll('.current'))) e.classList.remove('current');
  if (selectedKey) byKey.get(selectedKey)?.el.classList.add('current');
}

/** Focuses a cell asked for by the extension: scrolled to the middle, clear of the details. */
function focusCell(key: string): void {
  const hit = byKey.get(key);
  if (!hit) return;
  moveFocus(hit.el);
  hit.el.scrollIntoView({ block: 'center', inline: 'nearest' });
}

/** Roving tabindex: the focused cell is its table's one stop in the Tab order. */
function moveFocus(target: HTMLElement): void {
  const table = target.closest('table');
  if (table) for (const e of Array.from(table.querySelectorAll<HTMLElement>('[tabindex="0"]'))) e.tabIndex = -1;
  target.tabIndex = 0;
  target.focus();
  target.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}

function reveal(e: HTMLElement): void {
  const key = e.dataset.key;
  if (!key) return;
  const hit = byKey.get(key);
  if (hit?.cell.range) post({ type: 'reveal', key });
}

function slotOf(grid: (HTMLElement | null)[][], target: HTMLElement): [number, number] | null {
  for (let r = 0; r < grid.length; r++) for (let c = 0; c < grid[r].length; c++) if (grid[r][c] === target) return [r, c];
  return null;
}

function step(target: HTMLElement, key: string): HTMLElement | null {
  const table = target.closest('table');
  const grid = table ? grids.get(table) : undefined;
  if (!grid) return null;
  const at = slotOf(grid, target);
  if (!at) return null;
  const [r, c] = at;
  const rowCells = (row: number) => grid[row].filter((x): x is HTMLElement => x !== null);
  switch (key) {
    case 'ArrowRight':
      for (let k = c + 1; k < grid[r].length; k++) if (grid[r][k] && grid[r][k] !== target) return grid[r][k];
      return null;
    case 'ArrowLeft':
      for (let k = c - 1; k >= 0; k--) if (grid[r][k] && grid[r][k] !== target) return grid[r][k];
      return null;
    case 'ArrowDown':
      for (let k = r + 1; k < grid.length; k++) if (grid[k][c] && grid[k][c] !== target) return grid[k][c];
      return null;
    case 'ArrowUp':
      for (let k = r - 1; k >= 0; k--) if (grid[k][c] && grid[k][c] !== target) return grid[k][c];
      return null;
    case 'Home':
      return rowCells(r)[0] ?? null;
    case 'End': {
      const cells = rowCells(r);
      return cells[cells.length - 1] ?? null;
    }
  }
  return null;
}

document.addEventListener('keydown', (ev) => {
  const target = ev.target instanceof HTMLElement ? ev.target.closest<HTMLElement>('[data-key]') : null;
  if (!target) return;
  if (ev.key === 'Enter' || ev.key === ' ') {
    ev.preventDefault();
    reveal(target);
    return;
  }
  const next = step(target, ev.key);
  if (next) {
    ev.preventDefault();
    moveFocus(next);
  }
});

document.addEventListener('click', (ev) => {
  const target = ev.target instanceof HTMLElement ? ev.target.closest<HTMLElement>('[data-key]') : null;
  if (!target) return;
  moveFocus(target);
  reveal(target);
});

const detailOf = (ev: Event) => {
  const target = ev.target instanceof HTMLElement ? ev.target.closest<HTMLElement>('[data-key]') : null;
  return target ? byKey.get(target.dataset.key!)?.cell : undefined;
};
document.addEventListener('mouseover', (ev) => {
  const cell = detailOf(ev);
  if (cell) showDetail(cell);
});
document.addEventListener('focusin', (ev) => {
  const cell = detailOf(ev);
  if (cell) showDetail(cell);
  report();
});

window.addEventListener('message', (ev: MessageEvent<ToWebview>) => {
  const m = ev.data;
  switch (m.type) {
    case 'update':
      data = m.data;
      labels = m.labels;
      vscode.setState({ uri: m.data.uri });
      render();
      break;
    case 'select':
      selectedKey = m.key;
      applySelection();
      break;
    case 'focus':
      focusCell(m.key);
      break;
    case 'click': {
      const hit = byKey.get(m.key);
      if (hit) hit.el.click();
      break;
    }
  }
});

// The theme is a class of <body>, changed in place when the user switches themes.
new MutationObserver(() => report()).observe(document.body, { attributes: true, attributeFilter: ['class'] });

post({ type: 'ready' });
