// A small LSP client for the benchmarks: spawns the BUILT server (dist/server.js --stdio), answers
// workspace/configuration with the settings it is given, sends incremental edits and times
// requests and the diagnostics they cause. Independent of test/protocol/harness.ts on purpose
// (the tests may change their harness; the benchmark's method must not change with them).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { stopServer } from '../test/protocol/harness';
import { DATA_DIR, ROOT } from './generate';

export const SERVER = join(ROOT, 'dist', 'server.js');

const CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, workspaceEdit: { documentChanges: true } },
  textDocument: {
    synchronization: { didSave: true },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true, dataSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
};

export interface StartOptions {
  /** initializationOptions.debounceMs; omitted = what the product does (the client sends none). */
  debounceMs?: number;
  /** What workspace/configuration answers for the `govreport` section (e.g. { maxFileSize }). */
  settings?: Record<string, unknown>;
  /** Extra node options for the server process (e.g. ['--cpu-prof'] when profiling a miss). */
  nodeArgs?: string[];
  /** Another build of the server (e.g. an unminified one to profile); dist/server.js by default. */
  server?: string;
  /** The workspace folder (a file: URI) announced at initialize, as VS Code announces its folder; none by default. */
  folder?: string;
}

interface Waiter {
  uri: string;
  version: number;
  resolve: (p: PublishDiagnosticsParams) => void;
  reject: (e: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export function docUri(name: string): string {
  return pathToFileURL(join(DATA_DIR, 'virtual', name)).href;
}

export class BenchClient {
  readonly conn: ProtocolConnection;
  /** ms from spawn() to the answer of initialize. */
  initializeMs = 0;
  stderr = '';
  private waiters: Waiter[] = [];
  private docs = new Map<string, TextDocument>();
  /** Latest diagnostics per uri. */
  readonly latest = new Map<string, PublishDiagnosticsParams>();
  /** Called on every publishDiagnostics (after `latest` is updated). */
  onPublish: ((p: PublishDiagnosticsParams) => void) | undefined;

  private constructor(
    readonly child: ChildProcess,
    private readonly settings: Record<string, unknown>,
  ) {
    this.conn = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    child.stderr!.on('data', (d) => (this.stderr = (this.stderr + d.toString()).slice(-4000)));
    this.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => this.settings));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('workspace/inlayHint/refresh', () => null);
    this.conn.onNotification('window/logMessage', () => undefined);
    this.conn.onNotification('govreport/status', () => undefined);
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.latest.set(p.uri, p);
      this.onPublish?.(p);
      for (const w of [...this.waiters]) {
        if (w.uri === p.uri && w.version === p.version) {
          clearTimeout(w.timer);
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(p);
        }
      }
    });
    this.conn.listen();
  }

  static async start(opts: StartOptions = {}): Promise<BenchClient> {
    const t0 = performance.now();
    const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), opts.server ?? SERVER, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    const client = new BenchClient(child, opts.settings ?? {});
    const initializationOptions: Record<string, unknown> = { locale: 'zh-cn' };
    if (opts.debounceMs !== undefined) initializationOptions.debounceMs = opts.debounceMs;
    const workspaceFolders = opts.folder ? [{ uri: opts.folder, name: 'bench' }] : null;
    await client.conn.sendRequest('initialize', { processId: process.pid, rootUri: opts.folder ?? null, workspaceFolders, capabilities: CAPABILITIES, initializationOptions });
    client.initializeMs = performance.now() - t0;
    await client.conn.sendNotification('initialized', {});
    return client;
  }

  private diagnosticsFor(uri: string, version: number, timeoutMs: number): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const w: Waiter = {
        uri,
        version,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          reject(new Error(`no diagnostics for ${uri} v${version} within ${timeoutMs} ms; server stderr: ${this.stderr}`));
        }, timeoutMs),
      };
      this.waiters.push(w);
    });
  }

  /** Opens a document; resolves with ms from didOpen to its first diagnostics. */
  async open(uri: string, text: string, timeoutMs = 30_000): Promise<{ ms: number; diagnostics: Diagnostic[] }> {
    this.docs.set(uri, TextDocument.create(uri, 'govreport', 1, text));
    const published = this.diagnosticsFor(uri, 1, timeoutMs);
    const t0 = performance.now();
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'govreport', version: 1, text } });
    const p = await published;
    return { ms: performance.now() - t0, diagnostics: p.diagnostics };
  }

  text(uri: string): string {
    return this.docs.get(uri)!.getText();
  }

  /**
   * Replaces [start, end) of the document by `newText` (an incremental change, as an editor sends
   * on a keystroke); resolves with ms from didChange to the diagnostics of the new version.
   */
  async edit(uri: string, start: number, end: number, newText: string, timeoutMs = 30_000): Promise<number> {
    const doc = this.docs.get(uri)!;
    const range = { start: doc.positionAt(start), end: doc.positionAt(end) };
    const version = doc.version + 1;
    TextDocument.update(doc, [{ range, text: newText }], version);
    const published = this.diagnosticsFor(uri, version, timeoutMs);
    const t0 = performance.now();
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: newText }] });
    await published;
    return performance.now() - t0;
  }

  positionAt(uri: string, offset: number): { line: number; character: number } {
    return this.docs.get(uri)!.positionAt(offset);
  }

  /** Sends a request; resolves with its round-trip ms and result. */
  async timed<R>(method: string, params: unknown): Promise<{ ms: number; result: R }> {
    const t0 = performance.now();
    const result = (await this.conn.sendRequest(method, params)) as R;
    return { ms: performance.now() - t0, result };
  }

  /** Peak resident set of the server process (VmHWM of /proc/<pid>/status), in bytes. */
  peakRss(): number {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    if (!m) throw new Error('no VmHWM in /proc status');
    return Number(m[1]) * 1024;
  }

  async stop(): Promise<void> {
    await stopServer(this.child, this.conn);
  }
}
