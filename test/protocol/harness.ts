// A minimal LSP client for protocol tests: spawns the BUILT server (dist/server.js --stdio), speaks
// JSON-RPC over its stdio, answers workspace/configuration from a settings table the test controls,
// and lets a test wait for notifications (with a timeout, never a fixed sleep).
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentEdit,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { newestSource, withBuildLock } from '../../scripts/build-lock';

export const ROOT = resolve(import.meta.dirname ?? __dirname, '..', '..');
export const SERVER = join(ROOT, 'dist', 'server.js');
export const SEED_DIR = join(ROOT, 'test', 'fixtures', 'seeds');

export function seedPath(prefix: string): string {
  const name = readdirSync(SEED_DIR).find((f) => f.startsWith(prefix));
  if (!name) throw new Error(`no seed ${prefix}`);
  return join(SEED_DIR, name);
}

export function seedText(prefix: string): string {
  return readFileSync(seedPath(prefix), 'utf8');
}

export function seeds(): string[] {
  return readdirSync(SEED_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort();
}

// ---------------------------------------------------------------------------------------------
// Build once, shared by the test files node --test runs in parallel (a lock file serialises).

function stale(): boolean {
  if (!existsSync(SERVER)) return true;
  const built = statSync(SERVER).mtimeMs;
  return [join(ROOT, 'server', 'src'), join(ROOT, 'core', 'src'), join(ROOT, 'host', 'src'), join(ROOT, 'protocol', 'src')].some((d) => newestSource(d) > built);
}

export function ensureBuilt(): void {
  if (process.env.GOVREPORT_SKIP_BUILD || !stale()) return;
  withBuildLock(() => {
    if (stale()) execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
  }, 120_000);
}

// ---------------------------------------------------------------------------------------------

export interface StartOptions {
  initializationOptions?: Record<string, unknown>;
  /** Settings returned for every resource unless `settingsFor` says otherwise. */
  settings?: Record<string, unknown>;
  capabilities?: ClientCapabilities;
  /** Workspace folders (file: URIs) announced at initialize; none by default. */
  workspaceFolders?: string[];
}

interface Waiter<T> {
  method: string;
  pred: (params: T) => boolean;
  resolve: (params: T) => void;
}

export const CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, workspaceEdit: { documentChanges: true }, inlayHint: { refreshSupport: true } },
  textDocument: {
    synchronization: { didSave: true },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true, dataSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    inlayHint: {},
    foldingRange: {},
  },
};

export class TestClient {
  readonly conn: ProtocolConnection;
  /** Settings returned for every resource; per-URI overrides in `perUri`. */
  settings: Record<string, unknown>;
  readonly perUri = new Map<string, Record<string, unknown>>();
  readonly published: PublishDiagnosticsParams[] = [];
  readonly statuses: Record<string, unknown>[] = [];
  readonly logs: string[] = [];
  /** $/progress notifications, and the tokens the server asked to create (window/workDoneProgress/create). */
  readonly progress: { token: string | number; value: { kind: string; title?: string; message?: string } }[] = [];
  readonly progressTokens: (string | number)[] = [];
  /** workspace/diagnostic/refresh requests received. */
  refreshRequests = 0;
  /** The server's answer to initialize. */
  initializeResult: InitializeResult | undefined;
  stderr = '';
  configurationRequests = 0;
  private waiters: Waiter<any>[] = [];
  private docs = new Map<string, TextDocument>();

  private constructor(
    readonly child: ChildProcess,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
    this.conn = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    child.stderr!.on('data', (d) => (this.stderr += d.toString()));
    this.conn.onRequest('workspace/configuration', (params: { items: { scopeUri?: string; section?: string }[] }) => {
      this.configurationRequests++;
      return params.items.map((item) => (item.scopeUri && this.perUri.get(item.scopeUri)) ?? this.settings);
    });
    this.conn.onRequest('workspace/inlayHint/refresh', () => null);
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
      this.fire('window/logMessage', p);
    });
    this.conn.onRequest('window/workDoneProgress/create', (p: { token: string | number }) => {
      this.progressTokens.push(p.token);
      return null;
    });
    this.conn.onNotification('$/progress', (p: TestClient['progress'][number]) => {
      this.progress.push(p);
      this.fire('$/progress', p);
    });
    this.conn.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshRequests++;
      this.fire('workspace/diagnostic/refresh', {});
      return null;
    });
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      this.fire('textDocument/publishDiagnostics', p);
    });
    this.conn.onNotification('govreport/status', (p: Record<string, unknown>) => {
      this.statuses.push(p);
      this.fire('govreport/status', p);
    });
    this.conn.listen();
  }

  static async start(opts: StartOptions = {}): Promise<TestClient> {
    ensureBuilt();
    const child = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    const client = new TestClient(child, opts.settings ?? {});
    client.initializeResult = await client.conn.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: null,
      ...(opts.workspaceFolders ? { workspaceFolders: opts.workspaceFolders.map((uri, i) => ({ uri, name: `folder${i}` })) } : {}),
      capabilities: opts.capabilities ?? CAPABILITIES,
      initializationOptions: { locale: 'zh-cn', ...opts.initializationOptions },
    });
    await client.conn.sendNotification('initialized', {});
    return client;
  }

  private fire(method: string, params: unknown): void {
    for (const w of [...this.waiters]) {
      if (w.method === method && w.pred(params)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(params);
      }
    }
  }

  /** The next notification of `method` satisfying `pred` (register BEFORE triggering it). */
  next<T>(method: string, pred: (p: T) => boolean = () => true, timeoutMs = 10_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const w: Waiter<T> = { method, pred, resolve: (p) => (clearTimeout(timer), resolve(p)) };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${method}; server stderr: ${this.stderr.slice(-2000)}; logs: ${this.logs.slice(-5).join(' | ')}`));
      }, timeoutMs);
      this.waiters.push(w);
    });
  }

  /** The next diagnostics published for `uri` (optionally for exactly `version`). */
  nextDiagnostics(uri: string, version?: number, timeoutMs?: number): Promise<PublishDiagnosticsParams> {
    return this.next<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === uri && (version === undefined || p.version === version), timeoutMs);
  }

  text(uri: string): string {
    return this.docs.get(uri)!.getText();
  }

  version(uri: string): number {
    return this.docs.get(uri)!.version;
  }

  /** Opens a document and resolves with its first diagnostics. */
  async open(uri: string, text: string, version = 1, languageId = 'govreport'): Promise<Diagnostic[]> {
    this.docs.set(uri, TextDocument.create(uri, languageId, version, text));
    const published = this.nextDiagnostics(uri, version);
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    return (await published).diagnostics;
  }

  /** Sends a full-text change without waiting. */
  async changeNoWait(uri: string, text: string): Promise<number> {
    const old = this.docs.get(uri)!;
    const version = old.version + 1;
    this.docs.set(uri, TextDocument.create(uri, old.languageId, version, text));
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  /** Replaces the text and resolves with the diagnostics of the new version. */
  async change(uri: string, text: string): Promise<Diagnostic[]> {
    const version = this.version(uri) + 1;
    const published = this.nextDiagnostics(uri, version);
    await this.changeNoWait(uri, text);
    return (await published).diagnostics;
  }

  async close(uri: string): Promise<void> {
    this.docs.delete(uri);
    await this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /**
   * Applies a workspace edit as VS Code does: every TextDocumentEdit must name the document's
   * current version, otherwise the whole edit is refused (returns false).
   */
  applyEdit(edit: WorkspaceEdit): { applied: boolean; texts: Map<string, string> } {
    const texts = new Map<string, string>();
    for (const change of edit.documentChanges ?? []) {
      const te = change as TextDocumentEdit;
      const doc = this.docs.get(te.textDocument.uri);
      if (!doc || (te.textDocument.version !== null && te.textDocument.version !== doc.version)) return { applied: false, texts };
      texts.set(te.textDocument.uri, TextDocument.applyEdits(doc, te.edits as TextEdit[]));
    }
    return { applied: true, texts };
  }

  alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async stop(): Promise<void> {
    await stopServer(this.child, this.conn);
  }
}

/**
 * Stops a server as a client does: shutdown (2 s at most), exit, then kill after 3 s if it is
 * still there; the connection is disposed. (Shared by the protocol tests and bench/lsp.ts.)
 */
export async function stopServer(child: ChildProcess, conn: ProtocolConnection): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
    await conn.sendNotification('exit');
  } catch {
    /* the server may already be gone */
  }
  const timer = setTimeout(() => child.kill(), 3000);
  await exited;
  clearTimeout(timer);
  conn.dispose();
}

export function fileUri(name: string): string {
  return pathToFileURL(join(ROOT, 'test', 'protocol', '.virtual', name)).href;
}

/** Offsets of a cell of a parsed text, found with the engine (test-side, no server involved). */
export function positionAt(text: string, offset: number): { line: number; character: number } {
  return TextDocument.create('x:', 'x', 0, text).positionAt(offset);
}
