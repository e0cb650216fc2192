// Creation, start, restart and crash recovery of the GovReport language client.
import * as vscode from 'vscode';
import {
  CloseAction,
  type CloseHandlerResult,
  ErrorAction,
  type ErrorHandler,
  type ErrorHandlerResult,
  LanguageClient,
  type LanguageClientOptions,
  type Middleware,
  RevealOutputChannelOn,
  type ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';

/** Client id: also the prefix of the `govreport.trace.server` setting read by the library. */
export const CLIENT_ID = 'govreport';
/** Crash recovery: at most this many automatic restarts … */
export const MAX_RESTARTS = 5;
/** … within this window (milliseconds). */
export const RESTART_WINDOW_MS = 3 * 60 * 1000;

/**
 * Schemes whose govreport documents are synchronised with the server (govreport-published: a
 * PDF, Word document or web page opened as a report, client/src/published.ts).
 */
export const SYNCED_SCHEMES = ['file', 'untitled', 'vscode-vfs', 'govreport-published'] as const;

/**
 * Decides what happens when the server process dies: restart it while it died at most
 * MAX_RESTARTS times in the last RESTART_WINDOW_MS, and show one localized message per restart
 * (the library's own English notifications are suppressed with `handled: true`).
 */
export class RestartPolicy implements ErrorHandler {
  private restarts: number[] = [];

  constructor(
    private readonly onRestart: (count: number) => void,
    private readonly onGiveUp: () => void,
    private readonly now: () => number = Date.now,
  ) {}

  reset(): void {
    this.restarts = [];
  }

  error(_error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    // Transient write/read errors: keep going a few times, then let the connection close.
    if (count !== undefined && count <= 3) return { action: ErrorAction.Continue, handled: true };
    return { action: ErrorAction.Shutdown, handled: true };
  }

  closed(): CloseHandlerResult {
    const now = this.now();
    this.restarts = this.restarts.filter((t) => now - t < RESTART_WINDOW_MS);
    if (this.restarts.length >= MAX_RESTARTS) {
      this.onGiveUp();
      return { action: CloseAction.DoNotRestart, handled: true };
    }
    this.restarts.push(now);
    this.onRestart(this.restarts.length);
    return { action: CloseAction.Restart, handled: true };
  }
}

/** Owns the current LanguageClient instance; `restart()` replaces it with a fresh one. */
export class ClientHost implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient> | undefined;
  private readonly perClient: vscode.Disposable[] = [];
  private readonly outputChannel: vscode.LogOutputChannel;
  private readonly policy: RestartPolicy;
  private readonly onDidStartEmitter = new vscode.EventEmitter<LanguageClient>();
  /** Fires each time a (re)started client is running. */
  readonly onDidStart = this.onDidStartEmitter.event;
  private disposed = false;
  private lastRestartMessage = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly context: vscode.ExtensionContext,
    /** Called for every new client before it starts, to register notification handlers. */
    private readonly configure: (client: LanguageClient) => vscode.Disposable[],
    /** Middleware of every client (the rule links of diagnostics). */
    private readonly middleware: Middleware = {},
  ) {
    this.outputChannel = vscode.window.createOutputChannel(vscode.l10n.t('GovReport Language Server'), { log: true });
    this.policy = new RestartPolicy(
      () => {
        // One message per burst of crashes: not again while the last one is recent.
        const now = Date.now();
        if (now - this.lastRestartMessage < RESTART_WINDOW_MS) return;
        this.lastRestartMessage = now;
        void vscode.window.showInformationMessage(
          vscode.l10n.t('The GovReport language server stopped unexpectedly and was restarted.'),
        );
      },
      () => {
        const restart = vscode.l10n.t('Restart Server');
        void vscode.window
          .showErrorMessage(
            vscode.l10n.t(
              'The GovReport language server stopped {0} times in 3 minutes and will not be restarted automatically. See the output for details.',
              MAX_RESTARTS + 1,
            ),
            restart,
          )
          .then((choice) => {
            if (choice === restart) void vscode.commands.executeCommand('govreport.restartServer');
          });
      },
    );
  }

  /** The output channel of the server and the extension (one log of what happened). */
  get log(): vscode.LogOutputChannel {
    return this.outputChannel;
  }

  /** The current client, if one was created. */
  get current(): LanguageClient | undefined {
    return this.client;
  }

  /** Returns a running client, starting one when needed. Throws when the server cannot start. */
  async ready(): Promise<LanguageClient> {
    if (this.disposed) throw new Error('disposed');
    if (this.client && this.client.state === State.Running) return this.client;
    if (this.starting) return this.starting;
    if (this.client && this.client.state === State.Starting) {
      // A crash restart is in progress: wait for it.
      const c = this.client;
      await c.start();
      return c;
    }
    this.starting = this.createAndStart().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  /** Stops the current server (if any) and starts a fresh one. */
  async restart(): Promise<LanguageClient> {
    this.policy.reset();
    this.lastRestartMessage = Number.NEGATIVE_INFINITY;
    await this.stopCurrent();
    return this.ready();
  }

  private async createAndStart(): Promise<LanguageClient> {
    await this.stopCurrent();
    const client = this.create();
    this.client = client;
    this.perClient.push(...this.configure(client));
    this.perClient.push(
      client.onDidChangeState((e) => {
        if (e.newState === State.Running) this.onDidStartEmitter.fire(client);
      }),
    );
    await client.start();
    return client;
  }

  private async stopCurrent(): Promise<void> {
    const old = this.client;
    this.client = undefined;
    for (const d of this.perClient.splice(0)) d.dispose();
    if (old) {
      try {
        await old.dispose(2000);
      } catch {
        // A client that failed to start or already died cannot be stopped cleanly; ignore.
      }
    }
  }

  private create(): LanguageClient {
    const serverModule = this.context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc },
      debug: {
        module: serverModule,
        transport: TransportKind.ipc,
        options: { execArgv: ['--nolazy', '--inspect=6009'] },
      },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: SYNCED_SCHEMES.map((scheme) => ({ scheme, language: 'govreport' })),
      synchronize: { configurationSection: 'govreport' },
      // Pushed diagnostics (pushDiagnostics): pulled ones stopped arriving for documents opened
      // after the server was restarted (the e2e robustness test); other editors may pull.
      // diagnosticsBatch: the workspace check's diagnostics many files a message (extension.ts).
      initializationOptions: { locale: vscode.env.language, pushDiagnostics: true, diagnosticsBatch: true },
      diagnosticCollectionName: 'govreport',
      outputChannel: this.outputChannel,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      errorHandler: this.policy,
      middleware: this.middleware,
    };
    return new LanguageClient(CLIENT_ID, vscode.l10n.t('GovReport Language Server'), serverOptions, clientOptions);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await this.stopCurrent();
    this.onDidStartEmitter.dispose();
    this.outputChannel.dispose();
  }
}
