// The GovReport language server. Works over --stdio and --node-ipc (chosen from argv by
// createConnection). Every document version is parsed and checked once; diagnostics, hover,
// symbols, code actions, inlay hints and folding all read that one analysis.
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  createConnection,
  ErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { BinaryFileError, decode, maxEncodedBytes, parseReport, renderTables, type DecodeNote, type Locale } from '../../core/src';
import { FileSkipped, readRegularFile } from '../../host/src/files';
import { schemaErrors, SHOW_TABLES_REQUEST, STATUS_NOTIFICATION, TABLES_REQUEST, VALIDATE_REQUEST, type NotificationDef, type RequestDef, type StatusParams } from '../../protocol/src';
import { analyse, diagnosticsOf, summaryOf, tooLargeFile, type Analysis } from './analysis';
import { codeActions, documentSymbols, FIX_ALL_KIND, folding, hover, inlay } from './features';
import { COLLECT_AFTER, collectSoon } from './memory';
import { tablesOf } from './tables';
import { consoleToStderr, exitWhenInputEnds, stdioTransport } from './transport';
import { analysisKey, DEFAULT_SETTINGS, normalizeSettings, type Settings } from './settings';

const stdio = stdioTransport(process.argv);
const connection = stdio ? createConnection(ProposedFeatures.all, ...stdio) : createConnection(ProposedFeatures.all);
let shutdownReceived = false;
if (stdio) {
  consoleToStderr();
  exitWhenInputEnds(() => shutdownReceived);
}
connection.onShutdown(() => {
  shutdownReceived = true;
});
const documents = new TextDocuments(TextDocument);

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
/** The last govreport/status sent per document (JSON), so that an unchanged one is not sent again. */
const lastStatus = new Map<string, string>();
/** Documents whose open just scheduled a validation (the open also fires a content change). */
const justOpened = new Set<string>();

function logError(where: string, err: unknown): void {
  const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
  try {
    connection.console.error(`govreport: ${where}: ${text}`);
  } catch {
    process.stderr.write(`govreport: ${where}: ${text}\n`);
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
  const key = analysisKey(settings);
  const cached = analyses.get(uri);
  if (cached && cached.version === doc.version && cached.key === key && cached.locale === locale) return cached;
  computed++;
  const t0 = performance.now();
  const a = analyse(uri, doc.version, doc.getText(), settings, key, locale);
  lastCost.set(uri, performance.now() - t0);
  if (doc.getText().length >= COLLECT_AFTER) collectSoon();
  return a;
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
  const analysis = analysisOf(uri, doc, settings);
  analyses.set(uri, analysis);
  return { analysis, settings };
}

async function current(uri: string): Promise<{ analysis: Analysis; settings: Settings } | null> {
  const r = await analysisFor(uri);
  return r && r.analysis ? (r as { analysis: Analysis; settings: Settings }) : null;
}

function publish(a: Analysis): void {
  const diagnostics = diagnosticsOf(a);
  void connection.sendDiagnostics({ uri: a.uri, version: a.version ?? undefined, diagnostics }).catch((e) => logError('publishDiagnostics', e));
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

function clearDiagnostics(uri: string, version?: number): void {
  void connection.sendDiagnostics({ uri, version, diagnostics: [] }).catch((e) => logError('publishDiagnostics', e));
}

async function validateOpen(uri: string): Promise<void> {
  const r = await analysisFor(uri);
  const doc = documents.get(uri);
  if (!r || !doc) return;
  if (!r.analysis) {
    clearDiagnostics(uri, doc.version);
    return;
  }
  // A newer version arrived while settings were fetched: its own validation will publish.
  if (r.analysis.version !== doc.version) return;
  publish(r.analysis);
}

function schedule(uri: string, delay: number): void {
  timers.get(uri)?.();
  const run = () => {
    timers.delete(uri);
    validateOpen(uri).catch((e) => logError(`validate ${uri}`, e));
  };
  // No delay: the next turn of the event loop (a zero setTimeout waits a millisecond or more).
  if (delay <= 0) {
    const h = setImmediate(run);
    timers.set(uri, () => clearImmediate(h));
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
  configurationPull = params.capabilities.workspace?.configuration === true;
  inlayRefresh = params.capabilities.workspace?.inlayHint?.refreshSupport === true;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      hoverProvider: true,
      documentSymbolProvider: { label: 'GovReport' },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
      inlayHintProvider: { resolveProvider: false },
      foldingRangeProvider: true,
    },
    serverInfo: { name: 'govreport', version: '0.1.0' },
  };
});

connection.onDidChangeConfiguration((params) => {
  try {
    const s = (params?.settings as Record<string, unknown> | undefined)?.govreport;
    if (s !== undefined) pushedSettings = normalizeSettings(s);
    settingsCache.clear();
    for (const doc of documents.all()) schedule(doc.uri, 0);
    if (inlayRefresh) connection.languages.inlayHint.refresh().catch((e) => logError('inlayHint/refresh', e));
  } catch (e) {
    logError('didChangeConfiguration', e);
  }
});

documents.onDidOpen((e) => {
  justOpened.add(e.document.uri);
  schedule(e.document.uri, 0);
});

documents.onDidChangeContent((e) => {
  const uri = e.document.uri;
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

documents.onDidSave((e) => schedule(e.document.uri, 0));

documents.onDidClose((e) => {
  const uri = e.document.uri;
  timers.get(uri)?.();
  timers.delete(uri);
  justOpened.delete(uri);
  lastStatus.delete(uri);
  lastCost.delete(uri);
  analyses.delete(uri);
  settingsCache.delete(uri);
  clearDiagnostics(uri);
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
    const r = await current(params.textDocument.uri);
    if (!r || token.isCancellationRequested) return null;
    return hover(r.analysis, params.position);
  }),
);

connection.onDocumentSymbol(
  guard('documentSymbol', [], async (params, token) => {
    const r = await current(params.textDocument.uri);
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
function onRequest<P extends { uri: string }, R>(def: RequestDef<P, R>, handler: (params: P) => Promise<R>): void {
  connection.onRequest(def.method, async (raw: unknown): Promise<R> => {
    const problems = schemaErrors(raw, def.params);
    if (problems.length === 0 && (raw as P).uri === '') problems.push('field uri: expected a URI, got ""');
    if (problems.length > 0) throw badParams(`${def.method}: ${problems.join('; ')}`);
    try {
      return await handler(raw as P);
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
  publish(a);
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

// Not part of the client protocol: lets tests check that one version is analysed once.
connection.onRequest('govreport/debug/stats', () => ({ analyses: computed, open: documents.keys().length, cached: analyses.size, pendingValidations: timers.size }));

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
    if (!(e instanceof FileSkipped)) throw badParams(`cannot read ${uri}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    if (e.reason === 'too-large') return { tooLarge: e.size };
    if (e.reason === 'not-a-regular-file') {
      throw badParams(locale === 'en' ? `cannot read ${uri}: not a regular file (${e.detail})` : `无法读取 ${uri}：不是普通文件（${e.detail}）`);
    }
    throw badParams(`cannot read ${uri}: ${e.detail}`);
  }
  try {
    const d = decode(bytes);
    return { text: d.text, notes: d.notes };
  } catch (e) {
    if (!(e instanceof BinaryFileError)) throw e;
    throw badParams(locale === 'en' ? `${uri} is not a text file` : `${uri} 不是文本文件`);
  }
}

documents.listen(connection);
connection.listen();
