// The workspace check's diagnostics, many files a message (govreport/diagnosticsBatch, see
// DIAGNOSTICS_BATCH_METHOD), set in the language client's collection (the one its pushed
// diagnostics go to) through the same middleware (rule links), in one `set` a batch: one message
// to the workbench for the whole batch. The conversion runs in slices of a few milliseconds with
// a turn of the event loop between them: a batch of 1,000 files took the extension host 115-290 ms
// in one go (measured in code-server, load 14), during which the diagnostics of a document being
// typed in waited. Batches are set in the order they came; a file whose diagnostics were pushed
// (publishDiagnostics) after a batch came keeps those (the later message wins, as before).
import * as vscode from 'vscode';
import type { LanguageClient, Middleware } from 'vscode-languageclient/node';
import type { DiagnosticsBatchParams } from '../../protocol/src';
import { ruleLinkMiddleware } from './ruleDocs';

/** Longest stretch of conversion between two turns of the event loop (ms). */
const SLICE_MS = 8;

function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class DiagnosticsBatches {
  private chain: Promise<void> = Promise.resolve();
  /** Pushed diagnostics applied so far, and when each file's last were (by URI, in that count). */
  private pushes = 0;
  private readonly pushedAt = new Map<string, number>();

  /** The client's middleware: the rule links, and a note of each file's pushed diagnostics. */
  readonly middleware: Middleware = {
    ...ruleLinkMiddleware,
    handleDiagnostics: (uri, diagnostics, next) => {
      this.pushedAt.set(uri.toString(), ++this.pushes);
      if (ruleLinkMiddleware.handleDiagnostics) ruleLinkMiddleware.handleDiagnostics(uri, diagnostics, next);
      else next(uri, diagnostics);
    },
  };

  /** A batch came: set after those before it. */
  add(client: LanguageClient, params: DiagnosticsBatchParams): void {
    const came = this.pushes;
    this.chain = this.chain.then(
      () => this.apply(client, params, came),
      () => this.apply(client, params, came),
    );
    this.chain.catch((e) => client.error('govreport/diagnosticsBatch', e, false));
  }

  /** Resolves once every batch that came so far is in the collection. */
  settled(): Promise<void> {
    return this.chain.catch(() => undefined);
  }

  private async apply(client: LanguageClient, params: DiagnosticsBatchParams, came: number): Promise<void> {
    // By URI: a file twice in a batch is its later diagnostics (`set` would merge the two lists).
    const entries = new Map<string, [vscode.Uri, vscode.Diagnostic[]]>();
    const p2c = client.protocol2CodeConverter;
    let slice = performance.now();
    for (const item of params.items) {
      if (performance.now() - slice >= SLICE_MS) {
        await turn();
        slice = performance.now();
      }
      const converted = (item.diagnostics as Parameters<typeof p2c.asDiagnostic>[0][]).map((d) => p2c.asDiagnostic(d));
      const keep = (u: vscode.Uri, d: vscode.Diagnostic[]) => void entries.set(item.uri, [u, d]);
      if (ruleLinkMiddleware.handleDiagnostics) ruleLinkMiddleware.handleDiagnostics(p2c.asUri(item.uri), converted, keep);
      else keep(p2c.asUri(item.uri), converted);
    }
    const collection = client.diagnostics;
    if (!collection) return;
    // Files pushed since the batch came (an open document's own validation) keep what was pushed.
    if (this.pushes > came) for (const [key, [u]] of entries) if ((this.pushedAt.get(u.toString()) ?? 0) > came) entries.delete(key);
    // An empty list clears a file (`set` replaces each URI's diagnostics with the entry's).
    collection.set([...entries.values()]);
  }
}
