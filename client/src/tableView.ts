// The table view: a webview beside a report drawing its three tables as the template does, each
// cell coloured by the findings on it, kept up to date as the report is edited, and leading back
// to the text on click or Enter. The grids come from the server (govreport/tables, computed from
// its one analysis per version); the webview script is dist/webview/tables.js.
//
// Security: a strict Content-Security-Policy (nothing but the extension's own script and style,
// each with a nonce; no remote resources, no inline code); the webview may load files from
// dist/webview only; it can ask for nothing but "reveal this cell" and "show the text view".
import { LatestWins } from './latest';
import * as vscode from 'vscode';
import { webviewPage } from './webviewPage';
import type { LanguageClient } from 'vscode-languageclient/node';
import { TABLES_REQUEST, type TablesCell, type TablesResult } from '../../protocol/src';
import type { FromWebview, MarkedCell, TableViewLabels, ToWebview } from '../webview/messages';
import { countsText } from './counts';
import { SYNCED_SCHEMES, type ClientHost } from './languageClient';
import { formatVersionLabel } from './status';

export const TABLE_VIEW_TYPE = 'govreport.tables';

/** What the webview last drew, as it reported it (tests read it through the extension's API). */
export interface RenderedTables {
  uri: string;
  version: number | null;
  theme: string;
  cells: number;
  marked: MarkedCell[];
  focused: string | null;
}

function fileName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.toString();
}

function labelsFor(source: vscode.Uri, data: TablesResult): TableViewLabels {
  const parts: string[] = [];
  if (data.formatVersion) parts.push(formatVersionLabel(data.formatVersion));
  if (data.year !== null) parts.push(vscode.l10n.t('{0} report', data.year));
  parts.push(countsText(data));
  if (data.lastYear !== null) parts.push(vscode.l10n.t('Last year: {0}', data.lastYear));
  return {
    title: vscode.l10n.t('Tables of {0}', fileName(source)),
    summary: parts.join(' · '),
    showAsText: vscode.l10n.t('Show as Text'),
    notFound: vscode.l10n.t('Not found in the text'),
    unread: vscode.l10n.t('Its layout could not be read reliably (unread-table): its numbers are not checked'),
    error: vscode.l10n.t('error'),
    warning: vscode.l10n.t('warning'),
    information: vscode.l10n.t('information'),
    related: vscode.l10n.t('in a sum that does not add up'),
    blank: vscode.l10n.t('blank (counted as 0)'),
    missing: vscode.l10n.t('missing'),
    states: {
      number: vscode.l10n.t('number'),
      odd: vscode.l10n.t('a number written oddly'),
      blank: vscode.l10n.t('blank, counted as 0'),
      text: vscode.l10n.t('not a number: left out of the sums'),
      'too-long': vscode.l10n.t('too many digits: left out of the sums'),
      missing: vscode.l10n.t('missing from the text'),
      implied: vscode.l10n.t('not written: covered by another row, counted as 0'),
    },
    severities: { error: vscode.l10n.t('Error'), warning: vscode.l10n.t('Warning'), information: vscode.l10n.t('Information'), hint: vscode.l10n.t('Hint') },
    relatedLong: vscode.l10n.t('Part of a sum or balance that does not hold.'),
    jumpHint: vscode.l10n.t('Enter or click: go to it in the text.'),
    noRange: vscode.l10n.t('Not in the text.'),
    detailHint: vscode.l10n.t('Move the pointer over a cell, or reach it with Tab and the arrow keys, to see its findings and formula.'),
    gridLabel: vscode.l10n.t('{0} as the template draws it', '{0}'),
    lastYear: vscode.l10n.t('last year'),
    lastYearLong: vscode.l10n.t('Last year ({0})', data.lastYear ?? ''),
  };
}

/** One table view, for one report. */
class TableViewPanel implements vscode.Disposable {
  private data: TablesResult | undefined;
  private readonly latest = new LatestWins<TablesResult>(
    () => this.fetch(),
    (data) => {
      this.data = data;
      this.send();
    },
    () => !this.disposed,
  );
  private disposed = false;
  private readonly subscriptions: vscode.Disposable[] = [];
  rendered: RenderedTables | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly source: vscode.Uri,
    private readonly views: TableViews,
  ) {
    const webview = panel.webview;
    webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [views.mediaRoot] };
    webview.html = this.html();
    this.subscriptions.push(
      webview.onDidReceiveMessage((m: FromWebview) => this.onMessage(m)),
      panel.onDidDispose(() => this.dispose()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === this.source.toString() && e.contentChanges.length > 0) this.refresh();
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor.document.uri.toString() === this.source.toString()) this.select(e.selections[0]?.active);
      }),
    );
  }

  private html(): string {
    return webviewPage(this.panel.webview, this.views.mediaRoot, {
      name: 'tables',
      title: vscode.l10n.t('Tables of {0}', fileName(this.source)),
      lang: vscode.env.language.startsWith('zh') ? 'zh-CN' : vscode.env.language,
      body: '<div id="detail" role="status" aria-live="polite"></div>\n',
    });
  }

  private post(m: ToWebview): void {
    if (!this.disposed) void this.panel.webview.postMessage(m);
  }

  private document(): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === this.source.toString());
  }

  /** Asks the server for the tables again; one request at a time, the last change always served. */
  refresh(): void {
    this.latest.refresh();
  }

  private async fetch(): Promise<TablesResult | undefined> {
    let client: LanguageClient;
    try {
      client = await this.views.host.ready();
    } catch {
      return undefined;
    }
    const doc = this.document();
    // The server holds govreport documents of the synced schemes; any other text is sent along.
    const synced = doc && doc.languageId === 'govreport' && (SYNCED_SCHEMES as readonly string[]).includes(doc.uri.scheme);
    const params = synced || !doc ? { uri: this.source.toString() } : { uri: this.source.toString(), text: doc.getText() };
    try {
      return await client.sendRequest<TablesResult>(TABLES_REQUEST.method, params);
    } catch (e) {
      client.warn(`${TABLES_REQUEST.method}: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }

  private send(): void {
    if (!this.data) return;
    this.post({ type: 'update', data: this.data, labels: labelsFor(this.source, this.data) });
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.source.toString());
    if (editor) this.select(editor.selection.active);
  }

  /** The cell whose range holds a position of the text. */
  cellAt(position: vscode.Position): TablesCell | undefined {
    if (!this.data) return undefined;
    for (const table of this.data.tables) {
      for (const row of table.rows) {
        for (const cell of row) {
          if (!cell.range || cell.kind !== 'value') continue;
          const r = new vscode.Range(cell.range.start.line, cell.range.start.character, cell.range.end.line, cell.range.end.character);
          if (r.contains(position)) return cell;
        }
      }
    }
    return undefined;
  }

  private select(position: vscode.Position | undefined): void {
    this.post({ type: 'select', key: position ? (this.cellAt(position)?.key ?? null) : null });
  }

  cellOf(key: string): TablesCell | undefined {
    for (const table of this.data?.tables ?? []) for (const row of table.rows) for (const cell of row) if (cell.key === key) return cell;
    return undefined;
  }

  private onMessage(m: FromWebview): void {
    switch (m?.type) {
      case 'ready':
        // A webview is reloaded when it is shown again after being hidden: draw it anew.
        if (this.data) this.send();
        else this.refresh();
        break;
      case 'reveal':
        if (typeof m.key === 'string') void this.reveal(m.key);
        break;
      case 'openText':
        void vscode.commands.executeCommand('govreport.showTablesAsText', this.source);
        break;
      case 'rendered':
        this.rendered = { uri: this.source.toString(), version: m.version, theme: m.theme, cells: m.cells, marked: m.marked, focused: m.focused };
        this.views.fireRendered(this.rendered);
        break;
    }
  }

  /** Shows the cell's text in the report's editor, selected. */
  async reveal(key: string): Promise<vscode.TextEditor | undefined> {
    const cell = this.cellOf(key);
    if (!cell?.range) return undefined;
    const range = new vscode.Range(cell.range.start.line, cell.range.start.character, cell.range.end.line, cell.range.end.character);
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.source.toString());
    const doc = visible?.document ?? (await vscode.workspace.openTextDocument(this.source));
    const column = visible?.viewColumn ?? (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: column, selection: range, preserveFocus: false });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return editor;
  }

  /** Sends a message to the webview (tests: focus or click a cell). */
  command(m: ToWebview): void {
    this.post(m);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const s of this.subscriptions.splice(0)) s.dispose();
    this.views.forget(this);
    this.panel.dispose();
  }
}

/** Every open table view, one per report. */
export class TableViews implements vscode.Disposable, vscode.WebviewPanelSerializer {
  private readonly panels = new Map<string, TableViewPanel>();
  private readonly renderedEmitter = new vscode.EventEmitter<RenderedTables>();
  /** Fires each time a webview has drawn (or its theme changed). */
  readonly onDidRender = this.renderedEmitter.event;
  readonly mediaRoot: vscode.Uri;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    context: vscode.ExtensionContext,
    readonly host: ClientHost,
  ) {
    this.mediaRoot = vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview');
    this.subscriptions.push(
      this.renderedEmitter,
      vscode.window.registerWebviewPanelSerializer(TABLE_VIEW_TYPE, this),
      // New settings (rule severities, format version) or a restarted server: ask again.
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('govreport')) for (const p of this.panels.values()) p.refresh();
      }),
      host.onDidStart(() => {
        for (const p of this.panels.values()) p.refresh();
      }),
    );
  }

  /** Opens (or reveals) the table view of a report beside it. */
  show(source: vscode.Uri, column: vscode.ViewColumn = vscode.ViewColumn.Beside): TableViewPanel {
    const key = source.toString();
    const open = this.panels.get(key);
    if (open) {
      open.panel.reveal(column === vscode.ViewColumn.Beside ? undefined : column, true);
      open.refresh();
      return open;
    }
    const panel = vscode.window.createWebviewPanel(
      TABLE_VIEW_TYPE,
      vscode.l10n.t('Tables of {0}', fileName(source)),
      { viewColumn: column, preserveFocus: true },
      { enableScripts: true, enableCommandUris: false, localResourceRoots: [this.mediaRoot], enableFindWidget: true },
    );
    return this.attach(panel, source);
  }

  private attach(panel: vscode.WebviewPanel, source: vscode.Uri): TableViewPanel {
    const view = new TableViewPanel(panel, source, this);
    this.panels.set(source.toString(), view);
    view.refresh();
    return view;
  }

  /** Restores a table view after a reload of the window. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const uri = typeof (state as { uri?: unknown })?.uri === 'string' ? (state as { uri: string }).uri : undefined;
    if (!uri) {
      panel.dispose();
      return;
    }
    this.attach(panel, vscode.Uri.parse(uri, true));
  }

  get(source: vscode.Uri | string): TableViewPanel | undefined {
    return this.panels.get(typeof source === 'string' ? source : source.toString());
  }

  forget(view: TableViewPanel): void {
    if (this.panels.get(view.source.toString()) === view) this.panels.delete(view.source.toString());
  }

  fireRendered(r: RenderedTables): void {
    this.renderedEmitter.fire(r);
  }

  dispose(): void {
    for (const p of [...this.panels.values()]) p.dispose();
    for (const s of this.subscriptions.splice(0)) s.dispose();
  }
}
