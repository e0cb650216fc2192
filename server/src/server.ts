// The GovReport language server. Works over --stdio, --node-ipc and --socket=PORT (chosen from
// argv by createConnection). Every document version is parsed and checked once; diagnostics
// (pushed, or pulled by clients that pull), hover, symbols, code actions, inlay hints and
// folding all read that one analysis. Positions are in the encoding negotiated at initialize
// (positions.ts).
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  createConnection,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  WorkDoneProgressReporter,
  type CancellationToken,
  type Diagnostic,
  type DocumentDiagnosticReport,
  DidChangeWatchedFilesNotification,
  LSPErrorCodes,
  type InitializeParams,
  type InitializeResult,
  WatchKind,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { BinaryFileError, decode, maxEncodedBytes, parseReport, renderTables, type DecodeNote, type Locale, type PreviousReport } from '../../core/src';
import { FileSkipped, readRegularFile } from '../../host/src/files';
import { DIAGNOSTICS_BATCH_NOTIFICATION, READ_PUBLISHED_REQUEST, schemaErrors, SHOW_TABLES_REQUEST, STATUS_NOTIFICATION, SUMMARY_REQUEST, TABLES_REQUEST, VALIDATE_REQUEST, VALIDATE_WORKSPACE_REQUEST, type NotificationDef, type RequestDef, type StatusParams } from '../../protocol/src';
import { analyse, countsOf, diagnosticsOf, summaryOf, tooLargeFile, type Analysis } from './analysis';
import { codeActions, documentSymbols, FIX_ALL_KIND, folding, hover, inlay } from './features';
import { COLLECT_AFTER, collectSoon } from './memory';
import { tablesOf } from './tables';
import { negotiateEncoding, positions } from './positions';
import { consoleToStderr, exitWhenInputEnds, stdioTransport } from './transport';
import { analysisKey, DEFAULT_SETTINGS, normalizeSettings, type Settings } from './settings';
import { LastYear, type LastYearInfo } from './lastyear';
import { WATCH_GLOB, WorkspaceCheck, type Publication } from './workspace';
import { diagnosticsHash } from './workspaceTasks';
import { SummaryRows } from './summary';
import { PublishedError, PublishedFiles } from './published';

const stdio = stdioTransport(process.argv);
const connection = stdio ? createConnection(ProposedFeatures.all, ...stdio) : createConnection(ProposedFeatures.all);
let shutdownReceived = false;
if (stdio) {
  consoleToStderr();
  exitWhenInputEnds(() => shutdownReceived);
}
connection.onShutdown(() => {
  shutdownReceived = true;
  heldPull?.finish();
  workspace.dispose();
});
// Incremental changes arrive in the negotiated position encoding: converted as they are applied.
const documents = new TextDocuments(positions.documents());

// ---------------------------------------------------------------------------------------------
// State

let locale: Locale = 'zh';
/**
 * Delay between the last keystroke and validation (ms), when the client sets one
 * (initializationOptions.debounceMs); by default it adapts to the document (`delayFor`).
 */
let debounceMs: number | undefined;
/** How long the last analysis of each open document took (ms): what the next one will cost. */
const lastCost = new Map<string, number>();

/**
 * No wait by default: a document whose last check was cheap (a report: well under a frame) is
 * checked on the next turn of the event loop; a costly one waits in proportion to its cost, so
 * typing into a large document is not held up by a check per keystroke.
 */
function delayFor(uri: string): number {
  if (debounceMs !== undefined) return debounceMs;
  const cost = lastCost.get(uri) ?? 0;
  return cost < CHEAP_CHECK_MS ? 0 : Math.min(MAX_DELAY_MS, 2 * cost);
}
/** A check costing less than this runs at once after a keystroke. */
const CHEAP_CHECK_MS = 8;
/** The longest wait after a keystroke, whatever the document costs. */
const MAX_DELAY_MS = 250;
let configurationPull = false;
let inlayRefresh = false;
/** Settings pushed by didChangeConfiguration, for clients that cannot be asked per resource. */
let pushedSettings: Settings = { ...DEFAULT_SETTINGS, rules: {} };

/** Latest analysis per open document (one version each). */
const analyses = new Map<string, Analysis>();
/** Settings per resource, fetched once and dropped on configuration change. */
const settingsCache = new Map<string, Promise<Settings>>();
/** Pending debounced validations: how to cancel each. */
const timers = new Map<string, () => void>();
/** Documents whose validation is due on the next turn of the event loop (the workspace check waits for them). */
const dueNow = new Set<string>();
/**
 * When each open document's latest change arrived, until its diagnostics are sent: the time from
 * one to the other of the last edits (govreport/debug/editLatency; the workspace benchmark).
 */
const changeArrived = new Map<string, { version: number; at: number }>();
const editLatencies: number[] = [];
/** When an open document last changed (the workspace check holds its batches while someone types). */
let lastChangeAt = -Infinity;
/**
 * Someone is typing: an open document changed less than this long ago (ms). Longer than a pause
 * between keystrokes, and than an edit the editor was slow to apply: a batch of the workspace
 * check sent in such a pause slows the next edit, whose pause lets the next batch go, and so on.
 */
const TYPING_MS = 1000;
/** The last govreport/status sent per document (JSON), so that an unchanged one is not sent again. */
const lastStatus = new Map<string, string>();
/** Documents whose open just scheduled a validation (the open also fires a content change). */
const justOpened = new Set<string>();

// Pull diagnostics (textDocument/diagnostic), for clients that declare them: open documents'
// diagnostics are then answered when pulled and never pushed. Files that are not open (the
// govreport/validate request on a closed file) are still pushed: nothing pulls them.
let pullDiagnostics = false;
let diagnosticRefresh = false;
/** The client takes the workspace check's diagnostics in batches (govreport/diagnosticsBatch). */
let diagnosticsBatch = false;
/** What a pull answers, per open document: the diagnostics it was last validated with. */
interface Validated {
  resultId: string;
  items: Diagnostic[];
}
const validated = new Map<string, Validated>();
/** The result id each open document's last pull was answered with. */
const pulledIds = new Map<string, string>();
/** Documents once pushed to a pull client (checked while closed), to clear when they open. */
const pushedToPullClient = new Set<string>();
let resultIds = 0;
const resultIdOf = new WeakMap<Analysis, string>();
/**
 * Workspace pull (workspace/diagnostic, LSP 3.17), offered with document pull. Once a client has
 * sent one (vscode-languageclient does at start when offered), the diagnostics of files that are
 * not open — the workspace check's batches, its re-checks of closed and changed files,
 * govreport/validate of a closed file — go to it instead of being pushed; a client that pulls
 * documents but never the workspace (Neovim) is still pushed them. The workspace check calls the
 * same `publish` either way, so its pacing and its hold while someone types apply to both.
 */
let workspacePull = false;
/** What a workspace pull answers: each closed file's latest diagnostics, with a result id. */
const workspaceReports = new Map<string, Validated>();
/**
 * The workspace pull held open (a long poll: answered when something changes, not every time the
 * client asks; vscode-languageclient asks again 2 s after each answer). With a partial-result
 * token the changes stream as partial results and the request stays open.
 */
let heldPull: { deliver(uris: readonly string[]): void; finish(): void } | undefined;
/** Pulls waiting for a pending validation of their document (`settled`). */
const settleWaiters = new Map<string, (() => void)[]>();

/** Documents of at least this many characters are analysed under a $/progress report. */
const PROGRESS_AFTER = 500_000;
let progressAfter = PROGRESS_AFTER;
/** Large analyses under way (one per document), so that two requests do not run one twice. */
const inflight = new Map<string, { version: number; key: string; promise: Promise<Analysis> }>();
/** Open documents whose skipping (too large) was logged: once until they become checkable. */
const skipLogged = new Set<string>();

function logError(where: string, err: unknown): void {
  const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
  try {
    connection.console.error(`govreport: ${where}: ${text}`);
  } catch {
    process.stderr.write(`govreport: ${where}: ${text}\n`);
  }
}

/** One window/logMessage line for a file or document not checked, with the reason. */
function logSkipped(uri: string, why: string): void {
  try {
    connection.console.warn(locale === 'en' ? `govreport: not checked: ${uri}: ${why}` : `govreport：未检查 ${uri}：${why}`);
  } catch (e) {
    logError('logMessage', e);
  }
}

// A bug must cost one answer, never the process.
process.on('uncaughtException', (err) => logError('uncaught exception', err));
process.on('unhandledRejection', (err) => logError('unhandled rejection', err));

function settingsFor(uri: string): Promise<Settings> {
  if (!configurationPull) return Promise.resolve(pushedSettings);
  let p = settingsCache.get(uri);
  if (!p) {
    p = connection.workspace
      .getConfiguration({ scopeUri: uri, section: 'govreport' })
      .then(normalizeSettings, (err) => {
        logError('workspace/configuration', err);
        return normalizeSettings(undefined);
      });
    // Cached for open documents only: a workspace-wide validate must not grow the cache.
    if (documents.get(uri)) settingsCache.set(uri, p);
  }
  return p;
}

/** How many analyses were computed (the debug/stats request; tests check that features share one). */
let computed = 0;

/** The cached analysis of a document version under these settings, or a fresh one. */
function analysisOf(uri: string, doc: TextDocument, settings: Settings): Analysis {
  const { key, previous, info } = keyOf(uri, doc, settings);
  const cached = analyses.get(uri);
  if (cached && cached.version === doc.version && cached.key === key && cached.locale === locale) {
    // The search's state (searching → none) is the status's, not the findings'.
    cached.lastYear = info;
    return cached;
  }
  computed++;
  const t0 = performance.now();
  const text = doc.getText();
  const a = analyse(uri, doc.version, published.checkedText(uri, text), settings, key, locale, undefined, previous);
  published.annotate(a, text);
  a.lastYear = info;
  lastCost.set(uri, performance.now() - t0);
  if (doc.getText().length >= COLLECT_AFTER) collectSoon();
  if (!a.tooLarge) skipLogged.delete(uri);
  else if (!skipLogged.has(uri)) {
    skipLogged.add(uri);
    const { length, limit } = a.tooLarge;
    logSkipped(uri, locale === 'en' ? `too large (${length} characters, govreport.maxFileSize ${limit})` : `文件过大（${length} 个字符，govreport.maxFileSize 为 ${limit}）`);
  }
  return a;
}

/** Whether analysing this document version is long work not done yet. */
function needsProgress(uri: string, doc: TextDocument, settings: Settings): boolean {
  if (doc.getText().length < progressAfter) return false;
  const cached = analyses.get(uri);
  return !(cached && cached.version === doc.version && cached.key === keyOf(uri, doc, settings).key && cached.locale === locale);
}

/**
 * Last year's reports of the open reports (the cross-year rules): the workspace's report files,
 * indexed on first use; a report is validated again when its last year's changes or is found.
 */
const lastYear: LastYear = new LastYear({
  open: (uri) => {
    const d = documents.get(uri);
    return d ? { text: published.checkedText(uri, d.getText()), version: d.version } : undefined;
  },
  openUris: () => documents.keys(),
  changed: (uris) => {
    for (const u of uris) if (documents.get(u)) schedule(u, delayFor(u), true);
  },
  log: (m) => connection.console.log(m),
  identify: (files, maxChars, total) => workspace.identify(files, maxChars, total),
});

/** Published files (PDF, .docx, web pages) opened as reports: their conversions (published.ts). */
const published = new PublishedFiles({
  locale: () => locale,
  revalidate: (uri) => {
    if (!documents.get(uri)) return;
    analyses.delete(uri);
    schedule(uri, 0, true);
  },
  log: (m) => connection.console.warn(m),
});

/** What an analysis of the document depends on: the settings, and which last year's report it sees. */
function keyOf(uri: string, doc: TextDocument, settings: Settings): { key: string; previous?: PreviousReport; info: LastYearInfo } {
  const previous = settings.lastYear ? lastYear.previousFor(uri, published.checkedText(uri, doc.getText()), doc.version, settings.lastYearFolders) : undefined;
  const info: LastYearInfo = settings.lastYear ? lastYear.info(uri) : { state: 'off', uri: null, label: null };
  return { key: analysisKey(settings) + lastYear.stamp(previous), previous, info };
}

/**
 * analysisOf, under a $/progress report of a token the server creates (when the client supports
 * window/workDoneProgress): for a large document not analysed yet. The analysis itself is one
 * synchronous step: the report says that it runs, not how far it is. (Requests' own
 * workDoneTokens are not used: a pull waits for the validation the change scheduled, which is
 * what computes.)
 */
async function analysisWithProgress(uri: string, doc: TextDocument, settings: Settings): Promise<Analysis> {
  const key = keyOf(uri, doc, settings).key;
  const running = inflight.get(uri);
  if (running && running.version === doc.version && running.key === key) return running.promise;
  const entry = { version: doc.version, key, promise: undefined as unknown as Promise<Analysis> };
  const length = doc.getText().length;
  entry.promise = (async () => {
    let reporter: WorkDoneProgressReporter | undefined;
    try {
      reporter = await connection.window.createWorkDoneProgress();
    } catch (e) {
      logError('window/workDoneProgress/create', e);
    }
    const name = uri.slice(uri.lastIndexOf('/') + 1);
    reporter?.begin(locale === 'en' ? 'Checking the report' : '正在检查年报', undefined, locale === 'en' ? `${name} (${length} characters)` : `${name}（${length} 个字符）`);
    try {
      // Let the begin notification leave before the work holds the thread.
      if (reporter && !WorkDoneProgressReporter.isNullInstance(reporter)) await new Promise<void>((r) => setImmediate(r));
      // The document as it is now (the awaits may have let a change in).
      const a = analysisOf(uri, documents.get(uri) ?? doc, settings);
      if (documents.get(uri)) analyses.set(uri, a);
      return a;
    } finally {
      reporter?.done();
      if (inflight.get(uri) === entry) inflight.delete(uri);
    }
  })();
  inflight.set(uri, entry);
  return entry.promise;
}

/**
 * The analysis of an open document's current version, computed at most once per version and
 * settings. Null when the document is closed; analysis null when validation is disabled for it.
 */
async function analysisFor(uri: string): Promise<{ analysis: Analysis | null; settings: Settings } | null> {
  if (!documents.get(uri)) return null;
  const settings = await settingsFor(uri);
  // Read the document after the await: text and version then belong together.
  const doc = documents.get(uri);
  if (!doc) return null;
  if (!settings.enable) return { analysis: null, settings };
  let analysis: Analysis;
  if (!needsProgress(uri, doc, settings)) analysis = analysisOf(uri, doc, settings);
  else {
    analysis = await analysisWithProgress(uri, doc, settings);
    if (!documents.get(uri)) return null;
  }
  analyses.set(uri, analysis);
  return { analysis, settings };
}

async function current(uri: string): Promise<{ analysis: Analysis; settings: Settings } | null> {
  const r = await analysisFor(uri);
  return r && r.analysis ? (r as { analysis: Analysis; settings: Settings }) : null;
}

/** How long a request waits for the search of last year's report (`settledCurrent`), at most (ms). */
const LAST_YEAR_WAIT_MS = 10_000;

/**
 * `current`, once the search of last year's report is over (the index built, the file read) or
 * after LAST_YEAR_WAIT_MS: for answers the editor keeps or shows as final. VS Code caches a
 * document's outline per version (it never asks again until the text changes), so an outline
 * answered while searching said "looking for last year's report" for as long as the document
 * stayed unedited, while the status and the diagnostics went on to name the report found.
 */
async function settledCurrent(uri: string, token: CancellationToken): Promise<{ analysis: Analysis; settings: Settings } | null> {
  const deadline = performance.now() + LAST_YEAR_WAIT_MS;
  let r = await current(uri);
  while (r && r.analysis.lastYear?.state === 'searching' && !token.isCancellationRequested) {
    const settled = lastYear.settled(uri);
    const left = deadline - performance.now();
    if (!settled || left <= 0) break;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([settled, new Promise<void>((resolve) => (timer = setTimeout(resolve, left)))]);
    clearTimeout(timer);
    r = await current(uri);
  }
  return r;
}

/**
 * Sends an analysis' diagnostics: pushed, or for a pull client's open document kept for its
 * next pull (`refresh`: and the client asked to pull again if what it holds is older).
 */
function publish(a: Analysis, refresh = false): void {
  const change = changeArrived.get(a.uri);
  if (change && change.version === a.version) {
    changeArrived.delete(a.uri);
    if (editLatencies.push(performance.now() - change.at) > 1000) editLatencies.shift();
  }
  if (pullDiagnostics && a.version !== null && documents.get(a.uri)) {
    const v = validate(a);
    if (refresh && pulledIds.get(a.uri) !== v.resultId) requestRefresh();
  } else if (workspacePull && a.version === null) {
    // A closed file (govreport/validate): its diagnostics go to the workspace pull.
    publishClosed([[a.uri, diagnosticsOf(a)]]);
  } else {
    const diagnostics = diagnosticsOf(a);
    pushed(a.uri);
    void connection.sendDiagnostics({ uri: a.uri, version: a.version ?? undefined, diagnostics }).catch((e) => logError('publishDiagnostics', e));
    if (pullDiagnostics && diagnostics.length > 0) pushedToPullClient.add(a.uri);
  }
  sendStatus(a);
}

/** Records an open document's analysis as what its pulls answer. */
function validate(a: Analysis): Validated {
  let resultId = resultIdOf.get(a);
  if (!resultId) resultIdOf.set(a, (resultId = String(++resultIds)));
  const v = { resultId, items: diagnosticsOf(a) };
  validated.set(a.uri, v);
  return v;
}

let refreshQueued = false;
/** Asks a pull client to pull again (once per turn of the event loop, however many documents changed). */
function requestRefresh(): void {
  if (!diagnosticRefresh || refreshQueued) return;
  refreshQueued = true;
  setImmediate(() => {
    refreshQueued = false;
    connection.languages.diagnostics.refresh().catch((e) => logError('workspace/diagnostic/refresh', e));
  });
}

/** Resolves once no validation of `uri` is pending: a pull answers what the debounce settles on. */
async function settled(uri: string, token: CancellationToken): Promise<void> {
  while (timers.has(uri) && !token.isCancellationRequested) {
    await new Promise<void>((resolve) => {
      const list = settleWaiters.get(uri) ?? [];
      list.push(resolve);
      settleWaiters.set(uri, list);
    });
  }
}

function wakeSettled(uri: string): void {
  const list = settleWaiters.get(uri);
  settleWaiters.delete(uri);
  if (list) for (const resolve of list) resolve();
}

function sendStatus(a: Analysis): void {
  const status: StatusParams = { uri: a.uri, ...summaryOf(a) };
  // Sent when it changes (most keystrokes change no count): the client keeps it per document.
  const key = JSON.stringify(status);
  if (lastStatus.get(a.uri) === key) return;
  lastStatus.set(a.uri, key);
  notify(STATUS_NOTIFICATION, status);
}

/** Sends a notification of the GovReport protocol (protocol/src). */
function notify<P>(def: NotificationDef<P>, params: P): void {
  void connection.sendNotification(def.method, params).catch((e) => logError(def.method, e));
}

/** A workspace pull's report of a closed file. */
function workspaceReport(uri: string, v: Validated): WorkspaceDocumentDiagnosticReport {
  return { kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId: v.resultId, items: v.items };
}

/**
 * What was last pushed to a push client for each file by `publishClosed` (a hash of its
 * diagnostics' JSON), while nothing else was pushed for it since (`pushed`): a workspace check run
 * again does not send the client the diagnostics it holds (1,000 files: 9,800 diagnostics, which
 * the workbench took 0.2-1 s to apply while an edit waited).
 */
const closedPushed = new Map<string, string>();

/** Diagnostics pushed for `uri` other than by `publishClosed`. */
function pushed(uri: string): void {
  closedPushed.delete(uri);
}

/**
 * Files that are not open got new diagnostics (empty: cleared): kept for the workspace pull and
 * sent to the one held open; pushed to a client that does not pull the workspace.
 */
function publishClosed(items: readonly Publication[]): void {
  if (pullDiagnostics) for (const [uri, diagnostics] of items) workspaceReports.set(uri, { resultId: `w${++resultIds}`, items: diagnostics });
  if (workspacePull) {
    heldPull?.deliver(items.map(([uri]) => uri));
    return;
  }
  if (!pullDiagnostics) {
    // A push client holds what was pushed last: the same diagnostics again are not sent.
    items = items.filter(([uri, diagnostics, known]) => {
      const hash = known ?? diagnosticsHash(diagnostics);
      if (closedPushed.get(uri) === hash) return false;
      closedPushed.set(uri, hash);
      return true;
    });
    if (items.length === 0) return;
  }
  if (diagnosticsBatch) notify(DIAGNOSTICS_BATCH_NOTIFICATION, { items: items.map(([uri, diagnostics]) => ({ uri, diagnostics })) });
  else for (const [uri, diagnostics] of items) void connection.sendDiagnostics({ uri, diagnostics }).catch((e) => logError('publishDiagnostics', e));
  if (pullDiagnostics) for (const [uri, diagnostics] of items) if (diagnostics.length > 0) pushedToPullClient.add(uri);
}

function clearDiagnostics(uri: string, version?: number): void {
  pushed(uri);
  void connection.sendDiagnostics({ uri, version, diagnostics: [] }).catch((e) => logError('publishDiagnostics', e));
}

/** `refresh`: a pull client is asked to pull again when this changes what it holds. */
async function validateOpen(uri: string, refresh = false): Promise<void> {
  const r = await analysisFor(uri);
  const doc = documents.get(uri);
  if (!r || !doc) return;
  if (!r.analysis) {
    if (!pullDiagnostics) clearDiagnostics(uri, doc.version);
    else {
      validated.set(uri, { resultId: 'off', items: [] });
      if (refresh && pulledIds.get(uri) !== 'off') requestRefresh();
    }
    return;
  }
  // A newer version arrived while settings were fetched: its own validation will publish.
  if (r.analysis.version !== doc.version) return;
  publish(r.analysis, refresh);
}

function schedule(uri: string, delay: number, refresh = false): void {
  timers.get(uri)?.();
  const run = () => {
    timers.delete(uri);
    dueNow.delete(uri);
    validateOpen(uri, refresh)
      .catch((e) => logError(`validate ${uri}`, e))
      .finally(() => wakeSettled(uri));
  };
  // No delay: the next turn of the event loop (a zero setTimeout waits a millisecond or more).
  if (delay <= 0) {
    const h = setImmediate(run);
    dueNow.add(uri);
    timers.set(uri, () => {
      clearImmediate(h);
      dueNow.delete(uri);
    });
  } else {
    const h = setTimeout(run, delay);
    timers.set(uri, () => clearTimeout(h));
  }
}

// ---------------------------------------------------------------------------------------------
// Lifecycle

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const opts = (params.initializationOptions ?? {}) as Record<string, unknown>;
  const lang = typeof opts.locale === 'string' ? opts.locale : (params.locale ?? '');
  locale = /^en/i.test(lang) ? 'en' : 'zh';
  if (typeof opts.debounceMs === 'number' && Number.isFinite(opts.debounceMs) && opts.debounceMs >= 0) debounceMs = opts.debounceMs;
  if (typeof opts.progressAfter === 'number' && Number.isFinite(opts.progressAfter) && opts.progressAfter >= 0) progressAfter = opts.progressAfter;
  configurationPull = params.capabilities.workspace?.configuration === true;
  inlayRefresh = params.capabilities.workspace?.inlayHint?.refreshSupport === true;
  positions.encoding = negotiateEncoding(params.capabilities);
  workspaceFolders = (params.workspaceFolders ?? []).map((f) => f.uri).concat(params.workspaceFolders ? [] : params.rootUri ? [params.rootUri] : []);
  lastYear.setFolders(workspaceFolders);
  watchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  // A client may ask to be pushed even though it could pull (initializationOptions.pushDiagnostics:
  // the VS Code client does, see client/src/languageClient.ts).
  pullDiagnostics = params.capabilities.textDocument?.diagnostic !== undefined && opts.pushDiagnostics !== true;
  diagnosticsBatch = opts.diagnosticsBatch === true;
  diagnosticRefresh = params.capabilities.workspace?.diagnostics?.refreshSupport === true;
  return {
    capabilities: {
      positionEncoding: positions.encoding,
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      hoverProvider: true,
      documentSymbolProvider: { label: 'GovReport' },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
      inlayHintProvider: { resolveProvider: false },
      foldingRangeProvider: true,
      // workspace/diagnostic: the workspace check's results (files not open), see `workspacePull`.
      ...(pullDiagnostics ? { diagnosticProvider: { identifier: 'govreport', interFileDependencies: false, workspaceDiagnostics: true } } : {}),
    },
    serverInfo: { name: 'govreport', version: '0.1.0' },
  };
});

connection.onDidChangeConfiguration((params) => {
  try {
    const s = (params?.settings as Record<string, unknown> | undefined)?.govreport;
    if (s !== undefined) pushedSettings = normalizeSettings(s);
    settingsCache.clear();
    for (const doc of documents.all()) schedule(doc.uri, 0, true);
    if (inlayRefresh) connection.languages.inlayHint.refresh().catch((e) => logError('inlayHint/refresh', e));
  } catch (e) {
    logError('didChangeConfiguration', e);
  }
});

documents.onDidOpen((e) => {
  const uri = e.document.uri;
  justOpened.add(uri);
  // Checked while closed and pushed: from now on its diagnostics are pulled.
  if (pushedToPullClient.delete(uri)) clearDiagnostics(uri);
  published.opened(uri);
  schedule(uri, 0);
});

documents.onDidChangeContent((e) => {
  const uri = e.document.uri;
  changeArrived.set(uri, { version: e.document.version, at: (lastChangeAt = performance.now()) });
  lastYear.touched(uri);
  // The previous version's analysis can serve nothing now (its edits would be refused); let it go
  // before the next one is built, so a large document's two reports are never alive together.
  const stale = analyses.get(uri);
  if (stale && stale.version !== e.document.version) analyses.delete(uri);
  if (justOpened.delete(uri)) return;
  settingsFor(uri)
    .then((s) => {
      if (s.validateRun === 'onType') schedule(uri, delayFor(uri));
    })
    .catch((err) => logError('didChange', err));
});

documents.onDidSave((e) => schedule(e.document.uri, 0, true));

documents.onDidClose((e) => {
  const uri = e.document.uri;
  lastYear.closed(uri);
  published.closed(uri);
  timers.get(uri)?.();
  timers.delete(uri);
  justOpened.delete(uri);
  lastStatus.delete(uri);
  lastCost.delete(uri);
  changeArrived.delete(uri);
  analyses.delete(uri);
  settingsCache.delete(uri);
  validated.delete(uri);
  pulledIds.delete(uri);
  skipLogged.delete(uri);
  wakeSettled(uri);
  // A file the workspace check covered gets its on-disk findings back, not nothing.
  if (!workspace.closed(uri)) clearDiagnostics(uri);
});

// ---------------------------------------------------------------------------------------------
// Features. Each handler returns an empty answer rather than failing on a bug.

function guard<P, R>(name: string, empty: R, fn: (params: P, token: CancellationToken) => Promise<R>) {
  return async (params: P, token: CancellationToken): Promise<R> => {
    try {
      if (token?.isCancellationRequested) return empty;
      return await fn(params, token);
    } catch (e) {
      logError(name, e);
      return empty;
    }
  };
}

connection.onHover(
  guard('hover', null, async (params, token) => {
    const r = await settledCurrent(params.textDocument.uri, token);
    if (!r || token.isCancellationRequested) return null;
    return published.placeHover(r.analysis, hover(r.analysis, params.position), params.position);
  }),
);

connection.onDocumentSymbol(
  guard('documentSymbol', [], async (params, token) => {
    const r = await settledCurrent(params.textDocument.uri, token);
    if (!r || token.isCancellationRequested) return [];
    return documentSymbols(r.analysis);
  }),
);

connection.onFoldingRanges(
  guard('foldingRange', [], async (params, token) => {
    const r = await current(params.textDocument.uri);
    if (!r || token.isCancellationRequested) return [];
    return folding(r.analysis);
  }),
);

connection.languages.inlayHint.on(
  guard('inlayHint', [], async (params, token) => {
    const r = await current(params.textDocument.uri);
    if (!r || token.isCancellationRequested) return [];
    return inlay(r.analysis, params.range, r.settings.inlayHints);
  }),
);

connection.onCodeAction(
  guard('codeAction', [], async (params, token) => {
    // Always the current version: diagnostics from an older one are matched by rule and range.
    const r = await current(params.textDocument.uri);
    if (!r || token.isCancellationRequested) return [];
    return codeActions(r.analysis, params);
  }),
);

// Pull diagnostics: the same diagnostics a push would carry. With validate.run onType, those of
// the current version once the debounce settles; with onSave, those of the last validation
// (open, save, settings change, govreport/validate), as a push client keeps them.
const NO_DIAGNOSTICS: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };
connection.languages.diagnostics.on(
  guard('textDocument/diagnostic', NO_DIAGNOSTICS, async (params, token) => {
    const uri = params.textDocument.uri;
    await settled(uri, token);
    const r = await analysisFor(uri);
    if (!r) {
      // Not open (a client pulls a document it just closed once more): what the workspace has of it.
      const w = workspaceReports.get(uri);
      if (!w) return NO_DIAGNOSTICS;
      if (params.previousResultId === w.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: w.resultId };
      return { kind: DocumentDiagnosticReportKind.Full, resultId: w.resultId, items: w.items };
    }
    let v: Validated;
    if (!r.analysis) v = validated.get(uri) ?? { resultId: 'off', items: [] };
    else if (r.settings.validateRun === 'onSave' && validated.has(uri)) v = validated.get(uri)!;
    else {
      v = validate(r.analysis);
      sendStatus(r.analysis);
    }
    pulledIds.set(uri, v.resultId);
    if (params.previousResultId === v.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: v.resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId: v.resultId, items: v.items };
  }),
);

// Workspace pull: the closed files whose diagnostics the client does not hold (by the result ids
// it sends), at once; when it holds them all, the request is held until some change (the
// workspace check, a file closed or changed on disk), then answered, or with a partial-result
// token streamed as partial results. Open documents are left to their document pulls.
connection.languages.diagnostics.onWorkspace(async (params, token, _workDone, partial) => {
  if (!workspacePull) {
    workspacePull = true;
    // What was pushed before the client pulled the workspace: from now on it comes from the pull.
    for (const uri of pushedToPullClient) if (!documents.get(uri)) clearDiagnostics(uri);
    pushedToPullClient.clear();
  }
  heldPull?.finish();
  const known = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
  const items: WorkspaceDocumentDiagnosticReport[] = [];
  for (const [uri, v] of workspaceReports) if (known.get(uri) !== v.resultId && !documents.get(uri)) items.push(workspaceReport(uri, v));
  if (items.length > 0 || token.isCancellationRequested) return { items };
  return new Promise((resolve) => {
    const held = {
      deliver: (uris: readonly string[]) => {
        const out: WorkspaceDocumentDiagnosticReport[] = [];
        for (const uri of uris) {
          const v = workspaceReports.get(uri);
          if (v && !documents.get(uri)) out.push(workspaceReport(uri, v));
        }
        if (out.length === 0) return;
        if (partial) partial.report({ items: out });
        else {
          if (heldPull === held) heldPull = undefined;
          resolve({ items: out });
        }
      },
      finish: () => {
        if (heldPull === held) heldPull = undefined;
        resolve({ items: [] });
      },
    };
    heldPull = held;
    token.onCancellationRequested(() => held.finish());
  });
});

// ---------------------------------------------------------------------------------------------
// Custom requests of the client (the GovReport protocol, protocol/src)

function badParams(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, message);
}

function internal(name: string, e: unknown): ResponseError<void> {
  logError(name, e);
  return new ResponseError(ErrorCodes.InternalError, `${name} failed: ${e instanceof Error ? e.message : String(e)}`);
}

/**
 * Answers a request of the GovReport protocol: its parameters are checked against their schema
 * first (anything else, an unknown field too, is InvalidParams), and a failure that is not
 * already a ResponseError becomes an InternalError that names the request.
 */
function onRequest<P extends object, R>(def: RequestDef<P, R>, handler: (params: P, token: CancellationToken) => Promise<R>): void {
  connection.onRequest(def.method, async (raw: unknown, token: CancellationToken): Promise<R> => {
    const problems = schemaErrors(raw, def.params);
    if (problems.length === 0 && (raw as { uri?: unknown }).uri === '') problems.push('field uri: expected a URI, got ""');
    if (problems.length > 0) throw badParams(`${def.method}: ${problems.join('; ')}`);
    try {
      return await handler(raw as P, token);
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      throw internal(def.method, e);
    }
  });
}

onRequest(VALIDATE_REQUEST, async ({ uri, text, notes }) => {
  // The client shows this answer's counts as the document's status: the next validation sends its own.
  lastStatus.delete(uri);
  const doc = documents.get(uri);
  let a: Analysis;
  if (doc && (text === undefined || text === doc.getText())) {
    // An explicit request validates even when `govreport.enable` is off.
    const settings = await settingsFor(uri);
    const live = documents.get(uri) ?? doc;
    a = analysisOf(uri, live, settings);
    if (settings.enable) analyses.set(uri, a);
  } else {
    const settings = await settingsFor(uri);
    const read = text !== undefined ? { text, notes } : await readDocument(uri, settings.maxFileSize);
    computed++;
    a =
      'tooLarge' in read
        ? tooLargeFile(uri, read.tooLarge, settings, analysisKey(settings), locale)
        : analyse(uri, null, read.text, settings, analysisKey(settings), locale, read.notes);
  }
  publish(a, true);
  return { ...summaryOf(a), diagnostics: diagnosticsOf(a).length };
});

onRequest(SHOW_TABLES_REQUEST, async ({ uri, text }) => {
  const settings = await settingsFor(uri);
  if (documents.get(uri)) {
    const r = await analysisFor(uri);
    if (r?.analysis?.report) return { text: renderTables(r.analysis.report) };
  }
  const open = text ?? documents.get(uri)?.getText();
  const read = open !== undefined ? { text: open } : await readDocument(uri, settings.maxFileSize);
  const limit = settings.maxFileSize;
  if ('tooLarge' in read) {
    return {
      text:
        locale === 'en'
          ? `This file is too large to show (${read.tooLarge} bytes or more: over ${limit} characters, the limit set by govreport.maxFileSize).\n`
          : `该文件过大（至少 ${read.tooLarge} 字节，超过 govreport.maxFileSize 设置的 ${limit} 个字符），未生成表格视图。\n`,
    };
  }
  if (read.text.length > limit) {
    return {
      text:
        locale === 'en'
          ? `This document is too large to show (${read.text.length} characters; govreport.maxFileSize is ${limit}).\n`
          : `该文件过大（${read.text.length} 个字符，超过 govreport.maxFileSize 设置的 ${limit} 个字符），未生成表格视图。\n`,
    };
  }
  return { text: renderTables(parseReport(read.text, { formatVersion: settings.formatVersion })) };
});

// The table view's grids, from the open document's one analysis per version (computed here when
// validation is off or the text is not the open document's, like govreport/validate).
onRequest(TABLES_REQUEST, async ({ uri, text }) => {
  const settings = await settingsFor(uri);
  const doc = documents.get(uri);
  if (doc && (text === undefined || text === doc.getText())) {
    const live = documents.get(uri) ?? doc;
    const a = analysisOf(uri, live, settings);
    if (settings.enable) analyses.set(uri, a);
    return tablesOf(a);
  }
  const read = text !== undefined ? { text } : await readDocument(uri, settings.maxFileSize);
  computed++;
  const key = analysisKey(settings);
  return tablesOf('tooLarge' in read ? tooLargeFile(uri, read.tooLarge, settings, key, locale) : analyse(uri, null, read.text, settings, key, locale, read.notes));
});

// A published file's read-only document: the file converted (published.ts).
onRequest(READ_PUBLISHED_REQUEST, async ({ uri }) => {
  if (!PublishedFiles.is(uri)) throw badParams(`${READ_PUBLISHED_REQUEST.method}: not a govreport-published: URI: ${uri}`);
  try {
    return await published.read(uri);
  } catch (e) {
    if (e instanceof PublishedError) throw new ResponseError(LSPErrorCodes.RequestFailed, e.message);
    throw e;
  }
});

// ---------------------------------------------------------------------------------------------
// The workspace check (server/src/workspace.ts): the server lists, reads and checks the folders'
// report files itself; results pushed, kept when a file closes, refreshed on changes on disk.

/** The workspace folders the client announced at initialize. */
let workspaceFolders: string[] = [];

const workspace: WorkspaceCheck = new WorkspaceCheck({
  locale: () => locale,
  folders: () => workspaceFolders,
  settings: (folder) => settingsFor(folder),
  openText: (uri) => documents.get(uri)?.getText(),
  openCounts: async (uri) => {
    const r = await analysisFor(uri);
    return r?.analysis ? countsOf(r.analysis) : undefined;
  },
  publish: (items) => publishClosed(items),
  holds: (uri, hash) => !pullDiagnostics && !workspacePull && closedPushed.get(uri) === hash,
  busy: () => dueNow.size > 0,
  typing: () => performance.now() - lastChangeAt < TYPING_MS,
  openFindings: (uri) => (documents.get(uri) ? analyses.get(uri)?.findings : undefined),
  skipped: (uri, why) => logSkipped(uri, why),
  label: (uri) => lastYear.label(uri),
  convert: async (fileUri) => {
    try {
      return await published.forCheck(fileUri);
    } catch (e) {
      if (e instanceof PublishedError) return { skip: e.reason, why: e.message };
      throw e;
    }
  },
  identified: (uri, id) => lastYear.learn(uri, id),
  workers: () => (workerScript ? { script: workerScript, threads: workerThreads(), init: { encoding: positions.encoding }, minFiles: process.env.GOVREPORT_WORKSPACE_THREADS ? 0 : WORKERS_MIN_FILES } : undefined),
});

/** The workspace check's worker threads: dist/check-worker.js, next to this bundle (none under tsx). */
const workerScript = existsSync(join(__dirname, 'check-worker.js')) ? join(__dirname, 'check-worker.js') : undefined;
/**
 * Files from which a workspace check uses them (fewer: the main thread checks them sooner than a
 * worker starts), unless GOVREPORT_WORKSPACE_THREADS is set.
 */
const WORKERS_MIN_FILES = 100;
/**
 * How many: GOVREPORT_WORKSPACE_THREADS (0: none, the main thread checks), else the cores but one
 * (the main thread keeps the open documents and the protocol), at least one, at most four.
 */
function workerThreads(): number {
  const env = process.env.GOVREPORT_WORKSPACE_THREADS;
  if (env !== undefined && /^\d+$/.test(env)) return Math.min(16, Number(env));
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

onRequest(VALIDATE_WORKSPACE_REQUEST, async (params, token) => {
  // $/progress on the client's token, else on one the server asks for (cancellable from it).
  let reporter: WorkDoneProgressReporter | undefined;
  try {
    reporter = params.workDoneToken !== undefined ? connection.window.attachWorkDoneProgress(params.workDoneToken) : await connection.window.createWorkDoneProgress();
  } catch (e) {
    logError('window/workDoneProgress/create', e);
  }
  const progress = {
    begin: (title: string, percentage?: number, message?: string, cancellable?: boolean) => reporter?.begin(title, percentage, message, cancellable),
    report: (percentage: number, message?: string) => (message === undefined ? reporter?.report(percentage) : reporter?.report(percentage, message)),
    done: () => reporter?.done(),
    token: (reporter as { token?: CancellationToken } | undefined)?.token,
  };
  const result = await workspace.run(params, token, progress);
  summary.workspaceDone(result);
  return result;
});

// The batch summary of the summary view (server/src/summary.ts): a row per report the workspace
// check covered (its findings as published), per open report, per file it could not check.
const summary = new SummaryRows({
  locale: () => locale,
  label: (uri) => lastYear.label(uri),
  covered: () => workspace.results(),
  folderOf: (uri) => workspaceFolders.filter((f) => uri.startsWith(f.endsWith('/') ? f : `${f}/`)).sort((a, b) => b.length - a.length)[0] ?? uri,
  settings: (folder) => settingsFor(folder),
  openUris: () => documents.keys(),
  openAnalysis: async (uri) => (await current(uri))?.analysis,
});

onRequest(SUMMARY_REQUEST, (_params, token) => summary.rows(token));

// Not part of the client protocol: lets tests check that one version is analysed once.
connection.onRequest('govreport/debug/stats', () => ({ analyses: computed, open: documents.keys().length, cached: analyses.size, pendingValidations: timers.size, workspaceWorkers: workspace.workerCount, workspacePrewarmed: workspace.warmed ?? null }));
// Nor this (benchmarks): ms from each of the last edits' didChange to its diagnostics sent; emptied.
connection.onRequest('govreport/debug/editLatency', () => editLatencies.splice(0));

/**
 * Reads a file: URI from disk in whatever encoding it was saved in: a regular file only (a FIFO,
 * a device or a folder is refused without being opened, so the request always answers). A file
 * larger than any text of `maxChars` characters can take (`maxEncodedBytes`) is not read, and no
 * more than that + 1 bytes of one is (host/src/files.ts); the decoded text is then held to
 * `maxChars` by `analyse`.
 */
async function readDocument(uri: string, maxChars: number): Promise<{ text: string; notes?: readonly DecodeNote[] } | { tooLarge: number }> {
  const maxBytes = maxEncodedBytes(maxChars);
  let file: string;
  try {
    file = fileURLToPath(uri);
  } catch {
    throw badParams(`cannot read ${uri}: not an open document nor a file: URI`);
  }
  let bytes: Uint8Array;
  try {
    bytes = (await readRegularFile(file, { maxBytes })).bytes;
  } catch (e) {
    if (!(e instanceof FileSkipped)) {
      const code = (e as NodeJS.ErrnoException).code ?? String(e);
      logSkipped(uri, locale === 'en' ? `unreadable (${code})` : `无法读取（${code}）`);
      throw badParams(`cannot read ${uri}: ${code}`);
    }
    if (e.reason === 'too-large') {
      logSkipped(uri, locale === 'en' ? `too large (${e.size} bytes or more, over ${maxChars} characters)` : `文件过大（至少 ${e.size} 字节，超过 ${maxChars} 个字符）`);
      return { tooLarge: e.size };
    }
    if (e.reason === 'not-a-regular-file') {
      logSkipped(uri, locale === 'en' ? `not a regular file (${e.detail})` : `不是普通文件（${e.detail}）`);
      throw badParams(locale === 'en' ? `cannot read ${uri}: not a regular file (${e.detail})` : `无法读取 ${uri}：不是普通文件（${e.detail}）`);
    }
    logSkipped(uri, locale === 'en' ? `unreadable (${e.detail})` : `无法读取（${e.detail}）`);
    throw badParams(`cannot read ${uri}: ${e.detail}`);
  }
  try {
    const d = decode(bytes);
    return { text: d.text, notes: d.notes };
  } catch (e) {
    if (!(e instanceof BinaryFileError)) throw e;
    logSkipped(uri, locale === 'en' ? 'binary, not text' : '二进制文件，不是文本');
    throw badParams(locale === 'en' ? `${uri} is not a text file` : `${uri} 不是文本文件`);
  }
}

/** Whether the client watches report files for the server (last year's reports on disk). */
let watchFiles = false;

/**
 * The workspace check's worker threads start and warm up once, when the server has been idle this
 * long after it started (no validation due, nobody typing): off the main thread, and only in
 * folders with enough text files for a check to use them (WorkspaceCheck.prewarm).
 */
const PREWARM_AFTER_MS = 1000;
function prewarmWhenIdle(): void {
  const t = setTimeout(() => {
    if (shutdownReceived) return;
    if (timers.size > 0 || performance.now() - lastChangeAt < TYPING_MS) return prewarmWhenIdle();
    // govreport.workspace.warmUp (of the first folder: the workers serve the whole workspace).
    void settingsFor(workspaceFolders[0])
      .then((s) => {
        if (!s.workspaceWarmUp) {
          workspace.warmed = false;
          return;
        }
        return workspace.prewarm().then(() => undefined);
      })
      .catch((e) => logError('prewarm', e));
  }, PREWARM_AFTER_MS);
  t.unref();
}

connection.onInitialized(() => {
  // GOVREPORT_WORKSPACE_PREWARM=0: not (benchmarks compare).
  if (workerScript && workspaceFolders.length > 0 && process.env.GOVREPORT_WORKSPACE_PREWARM !== '0') prewarmWhenIdle();
  else workspace.warmed = false;
  // Report files created, changed, deleted; and anything deleted: a folder deleted is one event,
  // for the folder (not for the files in it), which the workspace check's results must follow.
  const watchers = [{ globPattern: WATCH_GLOB }, { globPattern: '**/*', kind: WatchKind.Delete }];
  if (watchFiles) connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch((e) => logError('registerCapability', e));
});

connection.onDidChangeWatchedFiles((params) => {
  for (const c of params.changes) if (!documents.get(c.uri) && /\.txt$/i.test(c.uri)) lastYear.touched(c.uri, true);
  workspace.changedOnDisk(params.changes.map((c) => c.uri));
});

documents.listen(connection);
connection.listen();
