// The summary view (issues 16, 18): a webview with the batch summary of the workspace — a row per
// report the latest *Validate All Reports in Workspace* covered (govreport/summary: the rows of
// `govreport summary`), sortable, each row opening to its findings, a file or a finding opening
// the report at its line. Drawn anew when a workspace validation finishes and when the view is
// shown again. The webview script is dist/webview/summary.js (client/webview/summary.ts).
//
// Security as the table view: a strict Content-Security-Policy (the extension's own script and
// style, each with a nonce; nothing remote, no inline code); files from dist/webview only; the
// webview can ask for nothing but "open this report at this line" and "validate the workspace".
import { LatestWins } from './latest';
import * as vscode from 'vscode';
import { webviewPage } from './webviewPage';
import { FIGURES } from '../../core/src/services/summary';
import { SUMMARY_REQUEST, type SummaryResult } from '../../protocol/src';
import type { FromSummaryWebview, SummaryColumn, SummaryLabels, ToSummaryWebview } from '../webview/summaryMessages';
import { countsText, reportsText } from './counts';
import type { ClientHost } from './languageClient';

export const SUMMARY_VIEW_TYPE = 'govreport.summary';

/** What the webview last drew, as it reported it (tests read it through the extension's API). */
export type RenderedSummary = Omit<Extract<FromSummaryWebview, { type: 'rendered' }>, 'type'>;

const zh = () => vscode.env.language.toLowerCase().startsWith('zh');

function labelsFor(data: SummaryResult): SummaryLabels {
  const totals = { errors: 0, warnings: 0, infos: 0, hints: 0 };
  let skipped = 0;
  for (const r of data.rows) {
    totals.errors += r.errors;
    totals.warnings += r.warnings;
    totals.infos += r.infos;
    if (r.skipped) skipped++;
  }
  const parts = [reportsText(data.rows.length - skipped), countsText(totals)];
  if (skipped > 0) parts.push(skipped === 1 ? vscode.l10n.t('1 file not checked') : vscode.l10n.t('{0} files not checked', skipped));
  const locale = zh() ? 'zh' : 'en';
  const columns: SummaryColumn[] = [
    { key: 'file', label: vscode.l10n.t('File'), title: vscode.l10n.t('The report file; click it to open the report'), numeric: false },
    { key: 'body', label: vscode.l10n.t('Body'), title: vscode.l10n.t('The body that published the report, from its title'), numeric: false },
    { key: 'year', label: vscode.l10n.t('Year'), title: vscode.l10n.t('The year the report is about'), numeric: true },
    { key: 'version', label: vscode.l10n.t('Format'), title: vscode.l10n.t('The format version the report was checked as'), numeric: false },
    { key: 'errors', label: vscode.l10n.t('Errors'), title: vscode.l10n.t('Errors'), numeric: true },
    { key: 'warnings', label: vscode.l10n.t('Warnings'), title: vscode.l10n.t('Warnings'), numeric: true },
    { key: 'infos', label: vscode.l10n.t('Notes'), title: vscode.l10n.t('Information and hints'), numeric: true },
    { key: 'unchecked', label: vscode.l10n.t('Unchecked'), title: vscode.l10n.t('Relations (sums, balances) not checked because a cell of them is missing or not a number'), numeric: true },
    ...FIGURES.map((f) => ({ key: f.id, label: f[locale], title: f.title[locale], numeric: true })),
  ];
  return {
    title: vscode.l10n.t('Summary of the checks'),
    counts: parts.join(' · '),
    notValidated: vscode.l10n.t('Only the open reports are listed: validate the workspace to list every report in it.'),
    validate: vscode.l10n.t('Validate All Reports in Workspace'),
    sortHint: vscode.l10n.t('Click a column header to sort (Enter on it too); click a row to see its findings, a file name or a finding to open the report there.'),
    filter: vscode.l10n.t('Filter by file or body'),
    shown: vscode.l10n.t('{0} of {1} reports shown', '{0}', '{1}'),
    columns,
    show: vscode.l10n.t('Show findings'),
    none: vscode.l10n.t('No findings.'),
    skipped: vscode.l10n.t('not checked'),
    line: vscode.l10n.t('line {0}', '{0}'),
    openFile: vscode.l10n.t('Open the report'),
    severities: { error: vscode.l10n.t('Error'), warning: vscode.l10n.t('Warning'), information: vscode.l10n.t('Information'), hint: vscode.l10n.t('Hint') },
    empty: vscode.l10n.t('No reports: open one, or validate the workspace.'),
  };
}

/** The one summary view of the window. */
export class SummaryView implements vscode.Disposable, vscode.WebviewPanelSerializer {
  private panel: vscode.WebviewPanel | undefined;
  private data: SummaryResult | undefined;
  private readonly latest = new LatestWins<SummaryResult>(
    () => this.fetch(),
    (data) => {
      this.data = data;
      this.send();
    },
    () => Boolean(this.panel),
  );
  private readonly panelSubscriptions: vscode.Disposable[] = [];
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly renderedEmitter = new vscode.EventEmitter<RenderedSummary>();
  /** Fires each time the webview has drawn (the first rows, all rows, a new sort or theme). */
  readonly onDidRender = this.renderedEmitter.event;
  rendered: RenderedSummary | undefined;
  private readonly mediaRoot: vscode.Uri;

  constructor(
    context: vscode.ExtensionContext,
    private readonly host: ClientHost,
    /** Runs *Validate All Reports in Workspace* (the view's button). */
    private readonly validateWorkspace: () => unknown,
  ) {
    this.mediaRoot = vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview');
    this.subscriptions.push(
      this.renderedEmitter,
      vscode.window.registerWebviewPanelSerializer(SUMMARY_VIEW_TYPE, this),
      host.onDidStart(() => this.refresh()),
    );
  }

  /** Opens (or reveals) the summary view and asks for its rows. */
  show(): vscode.WebviewPanel {
    if (this.panel) {
      this.panel.reveal(undefined, false);
      this.refresh();
      return this.panel;
    }
    const panel = vscode.window.createWebviewPanel(SUMMARY_VIEW_TYPE, vscode.l10n.t('Summary of the checks'), { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [this.mediaRoot],
      enableFindWidget: true,
      retainContextWhenHidden: false,
    });
    this.attach(panel);
    return panel;
  }

  /** A workspace validation finished: an open view shows its results. */
  workspaceValidated(): void {
    if (this.panel) this.refresh();
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    const webview = panel.webview;
    webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [this.mediaRoot] };
    webview.html = this.html(webview);
    this.panelSubscriptions.push(
      webview.onDidReceiveMessage((m: FromSummaryWebview) => this.onMessage(m)),
      panel.onDidDispose(() => {
        for (const s of this.panelSubscriptions.splice(0)) s.dispose();
        this.panel = undefined;
        this.data = undefined;
        this.rendered = undefined;
      }),
    );
    this.refresh();
  }

  private html(webview: vscode.Webview): string {
    return webviewPage(webview, this.mediaRoot, { name: 'summary', title: vscode.l10n.t('Summary of the checks'), lang: zh() ? 'zh-CN' : vscode.env.language });
  }

  private post(m: ToSummaryWebview): void {
    if (this.panel) void this.panel.webview.postMessage(m);
  }

  /** Asks the server for the rows again; one request at a time, the last call always served. */
  refresh(): void {
    this.latest.refresh();
  }

  private async fetch(): Promise<SummaryResult | undefined> {
    try {
      const client = await this.host.ready();
      return await client.sendRequest<SummaryResult>(SUMMARY_REQUEST.method, {});
    } catch (e) {
      this.host.log.error(`${SUMMARY_REQUEST.method}: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }

  /** The rows without their findings (sent when a row is opened): a few MB for 10,000 reports, not tens. */
  private send(): void {
    if (!this.data) return;
    const rows = this.data.rows.map(({ findings: _findings, ...row }) => row);
    this.post({ type: 'update', data: { ...this.data, rows }, labels: labelsFor(this.data) });
  }

  private onMessage(m: FromSummaryWebview): void {
    switch (m?.type) {
      case 'ready':
        // A webview is reloaded when it is shown again after being hidden: draw it anew.
        if (this.data) this.send();
        else this.refresh();
        break;
      case 'open':
        if (typeof m.uri === 'string' && typeof m.line === 'number') void this.open(m.uri, m.line);
        break;
      case 'validate':
        void this.validateWorkspace();
        break;
      case 'findings': {
        const row = typeof m.uri === 'string' ? this.data?.rows.find((r) => r.uri === m.uri) : undefined;
        if (row) this.post({ type: 'findings', uri: row.uri, findings: row.findings });
        break;
      }
      case 'rendered': {
        const { type: _type, ...rest } = m;
        this.rendered = rest;
        this.renderedEmitter.fire(rest);
        break;
      }
    }
  }

  /** Opens a report of the summary at a line (1-based; 0: where it opens), beside the view. */
  async open(uri: string, line: number): Promise<vscode.TextEditor | undefined> {
    // Only the reports the view lists: the webview names nothing else.
    if (!this.data?.rows.some((r) => r.uri === uri)) return undefined;
    const target = vscode.Uri.parse(uri, true);
    try {
      const doc = await vscode.workspace.openTextDocument(target);
      const at = line > 0 ? new vscode.Position(Math.min(line - 1, doc.lineCount - 1), 0) : undefined;
      const column = this.panel?.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
      const editor = await vscode.window.showTextDocument(doc, { viewColumn: column, preview: true, selection: at ? new vscode.Range(at, at) : undefined });
      if (at) editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      return editor;
    } catch (e) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not open {0}: {1}', target.fsPath || uri, e instanceof Error ? e.message : String(e)));
      return undefined;
    }
  }

  /** Sends a message to the webview (tests: click a file name, type into the filter box). */
  command(m: ToSummaryWebview): boolean {
    this.post(m);
    return this.panel !== undefined;
  }

  /** Restores the view after a reload of the window. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
    if (this.panel) {
      panel.dispose();
      return;
    }
    this.attach(panel);
  }

  dispose(): void {
    this.panel?.dispose();
    for (const s of this.subscriptions.splice(0)) s.dispose();
  }
}
