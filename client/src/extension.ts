// Entry point of the GovReport VS Code extension (client side).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Commands } from './commands';
import { DETECT_SCHEMES, detectEnabled, SECTION } from './config';
import { DETECT_LINE_LIMIT, looksLikeReport } from '../../core/src/detect';
import { DIAGNOSTICS_BATCH_NOTIFICATION, schemaErrors, STATUS_NOTIFICATION, type DiagnosticsBatchParams, type StatusParams } from '../../protocol/src';
import { ClientHost } from './languageClient';
import { ReportStatus } from './status';
import { TABLES_SCHEME, TablesContentProvider, tablesUriFor } from './tables';
import { TableViews, type RenderedTables } from './tableView';
import { SummaryView, type RenderedSummary } from './summaryView';
import { encodingOf, EncodingOffers, REOPEN_COMMAND, type EncodingOffer } from './encodingOffer';
import { settingsLine, startLine } from './output';
import { RULE_SCHEME, RulePages, SHOW_RULE_COMMAND } from './ruleDocs';
import { DiagnosticsBatches } from './diagnosticsBatch';
import { PUBLISHED_SCHEME, PublishedContentProvider } from './published';

export const LANGUAGE_ID = 'govreport';

/** What `activate` returns; used by the end-to-end tests. */
export interface GovReportApi {
  /** The current language client (undefined before the first start). */
  readonly client: LanguageClient | undefined;
  /** Waits for a running language client. */
  ready(): Promise<LanguageClient>;
  /** The last known status (format version, year, counts) of a document. */
  statusOf(uri: vscode.Uri | string): StatusParams | undefined;
  /** The detection predicate used for plaintext documents (core/src/detect.ts). */
  looksLikeReport(text: string): boolean;
  /** The table views: what each last drew, and messages to them (tests). */
  tableViews: {
    rendered(uri: vscode.Uri | string): RenderedTables | undefined;
    readonly onDidRender: vscode.Event<RenderedTables>;
    /** Focuses (`focus`) or clicks (`click`) a cell of a report's table view, as the user would. */
    send(uri: vscode.Uri | string, type: 'focus' | 'click', key: string): boolean;
  };
  /** The summary view: what it last drew, a click on a report's file name in it, its filter box typed into (tests). */
  summaryView: {
    rendered(): RenderedSummary | undefined;
    readonly onDidRender: vscode.Event<RenderedSummary>;
    click(uri: vscode.Uri | string): boolean;
    filter(text: string): boolean;
  };
  /** The last message a command showed. */
  lastMessage(): string | undefined;
  /** Shows the output channel (the server's and the extension's log). */
  showOutput(): void;
  /** Offers to reopen a file in its encoding, as made. */
  encodingOffers: { readonly offers: readonly EncodingOffer[]; readonly onDidOffer: vscode.Event<EncodingOffer> };
}

let host: ClientHost | undefined;

/** URIs already switched (or declined) by auto-detection: never switch the same document twice. */
const handled = new Set<string>();
/**
 * What each document looked like when detection ran: its encoding and whether its text was
 * garbled. Reopened in another encoding it is another text, and detection runs again.
 */
const detectedAs = new Map<string, string>();

function readingOf(doc: vscode.TextDocument): string {
  const head = doc.getText(new vscode.Range(0, 0, Math.min(doc.lineCount, DETECT_LINE_LIMIT), 0));
  return `${encodingOf(doc) ?? ''}|${head.includes('\uFFFD')}`;
}

function headText(doc: vscode.TextDocument): string {
  const n = Math.min(doc.lineCount, DETECT_LINE_LIMIT);
  return doc.getText(new vscode.Range(0, 0, n, 0));
}

function canDetect(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'plaintext' && DETECT_SCHEMES.has(doc.uri.scheme) && detectEnabled(doc.uri);
}

/** Switches a plaintext document to govreport when it looks like a report; returns the document. */
async function switchIfReport(doc: vscode.TextDocument): Promise<vscode.TextDocument> {
  if (!canDetect(doc)) return doc;
  if (!looksLikeReport(headText(doc))) return doc;
  handled.add(doc.uri.toString());
  try {
    return await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
  } catch {
    return doc;
  }
}

/** Auto-detection on open: only once per document, so that a user's later choice sticks. */
function autoDetect(doc: vscode.TextDocument): void {
  const key = doc.uri.toString();
  if (handled.has(key) && detectedAs.get(key) !== readingOf(doc) && doc.languageId === 'plaintext') handled.delete(key);
  if (handled.has(key) || !canDetect(doc)) return;
  if (doc.uri.scheme === 'untitled' && doc.getText().length === 0) return; // wait for content
  handled.add(key);
  detectedAs.set(key, readingOf(doc));
  void switchIfReport(doc);
}

export async function activate(context: vscode.ExtensionContext): Promise<GovReportApi> {
  const status = new ReportStatus();
  const tables = new TablesContentProvider();
  let commands: Commands | undefined;
  const batches = new DiagnosticsBatches();

  host = new ClientHost(context, (client) => [
    client.onNotification(STATUS_NOTIFICATION.method, (params: StatusParams) => {
      const problems = schemaErrors(params, STATUS_NOTIFICATION.params);
      if (problems.length > 0) {
        client.warn(`${STATUS_NOTIFICATION.method}: ignored, ${problems.join('; ')}`);
        return;
      }
      status.set(params);
    }),
    // The workspace check's diagnostics, many files a message (see DIAGNOSTICS_BATCH_METHOD):
    // one `set` a batch, not one file per turn of the event loop as pushed diagnostics are.
    client.onNotification(DIAGNOSTICS_BATCH_NOTIFICATION.method, (params: DiagnosticsBatchParams) => {
      const problems = schemaErrors(params, DIAGNOSTICS_BATCH_NOTIFICATION.params);
      if (problems.length > 0) {
        client.warn(`${DIAGNOSTICS_BATCH_NOTIFICATION.method}: ignored, ${problems.join('; ')}`);
        return;
      }
      batches.add(client, params);
    }),
  ], batches.middleware);
  const log = host.log;
  const offers = new EncodingOffers(log);
  const rules = new RulePages(context.extensionUri);
  const tableViews = new TableViews(context, host);
  const summaryView = new SummaryView(context, host, () => commands?.validateWorkspace());
  commands = new Commands(host, status, tables, tableViews, switchIfReport, summaryView, () => batches.settled());

  context.subscriptions.push(
    status,
    tables,
    tableViews,
    summaryView,
    offers,
    vscode.workspace.registerTextDocumentContentProvider(RULE_SCHEME, rules),
    vscode.commands.registerCommand(SHOW_RULE_COMMAND, (id: unknown) => rules.show(id)),
    vscode.commands.registerCommand(REOPEN_COMMAND, (uri: unknown, encoding: unknown) => offers.reopen(uri, encoding)),
    host.onDidStart((client) => log.info(startLine(context, client))),
    vscode.workspace.onDidOpenTextDocument((doc) => offers.check(doc)),
    { dispose: () => void host?.dispose() },
    vscode.workspace.registerTextDocumentContentProvider(TABLES_SCHEME, tables),
    vscode.workspace.registerTextDocumentContentProvider(PUBLISHED_SCHEME, new PublishedContentProvider(host)),
    ...commands.register(),
    vscode.workspace.onDidOpenTextDocument(autoDetect),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      // A language change closes and reopens the document at once: keep the mark then (so that
      // a user's switch back to plaintext sticks), forget it when the document is really closed.
      const key = doc.uri.toString();
      setTimeout(() => {
        if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === key)) {
          handled.delete(key);
          detectedAs.delete(key);
        }
      }, 2000);
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      // An untitled document gets its text by pasting: detect once it has some.
      const doc = e.document;
      if (doc.uri.scheme === 'untitled' && !handled.has(doc.uri.toString()) && doc.getText().length > 20) {
        autoDetect(doc);
      }
      // Reopened in another encoding (the offer, or VS Code's Reopen with Encoding): detect again.
      const key = doc.uri.toString();
      if (doc.languageId === 'plaintext' && handled.has(key) && detectedAs.has(key) && detectedAs.get(key) !== readingOf(doc)) autoDetect(doc);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SECTION)) log.info(`settings changed: ${settingsLine()}`);
      if (e.affectsConfiguration(`${SECTION}.detect.enable`)) {
        for (const doc of vscode.workspace.textDocuments) {
    autoDetect(doc);
    offers.check(doc);
  }
      }
    }),
    // Keep an open tables view in step with its report after each validation.
    status.onDidChange((s) => {
      const open = tables.openTablesUris();
      if (open.length === 0 || !commands) return;
      const source = vscode.workspace.textDocuments.find((d) => d.uri.toString() === s.uri);
      if (!source) return;
      const target = tablesUriFor(source.uri).toString();
      if (open.some((u) => u.toString() === target)) void commands.refreshTables(source, true);
    }),
  );

  for (const doc of vscode.workspace.textDocuments) autoDetect(doc);

  // Start the server in the background; commands wait for it (and report failures) themselves.
  host.ready().catch((e: unknown) => {
    console.error('govreport: language server failed to start', e);
  });

  const h = host;
  return {
    get client() {
      return h.current;
    },
    ready: () => h.ready(),
    statusOf: (uri) => status.get(uri),
    looksLikeReport: (text) => looksLikeReport(text),
    lastMessage: () => commands?.lastMessage,
    summaryView: {
      rendered: () => summaryView.rendered,
      onDidRender: summaryView.onDidRender,
      click: (uri) => summaryView.command({ type: 'click', uri: uri.toString() }),
      filter: (text) => summaryView.command({ type: 'filter', text }),
    },
    showOutput: () => log.show(true),
    encodingOffers: { offers: offers.offers, onDidOffer: offers.onDidOffer },
    tableViews: {
      rendered: (uri) => tableViews.get(uri)?.rendered,
      onDidRender: tableViews.onDidRender,
      send: (uri, type, key) => {
        const view = tableViews.get(uri);
        view?.command({ type, key });
        return view !== undefined;
      },
    },
  };
}

export async function deactivate(): Promise<void> {
  const h = host;
  host = undefined;
  handled.clear();
  detectedAs.clear();
  if (h) await h.dispose();
}
