// Read-only virtual documents (scheme `govreport-tables`) that show a report's tables as grids.
import * as vscode from 'vscode';

export const TABLES_SCHEME = 'govreport-tables';

/** The virtual URI that shows the tables of `source`. The source URI is kept in the query. */
export function tablesUriFor(source: vscode.Uri): vscode.Uri {
  const base = source.path.split('/').pop() || 'report';
  const name = base.replace(/\.txt$/i, '');
  return vscode.Uri.from({
    scheme: TABLES_SCHEME,
    path: `/${vscode.l10n.t('Tables of {0}', name)}.txt`,
    query: encodeURIComponent(source.toString()),
  });
}

/** The source document URI encoded in a tables URI. */
export function sourceUriOf(tablesUri: vscode.Uri): vscode.Uri | undefined {
  if (tablesUri.scheme !== TABLES_SCHEME || !tablesUri.query) return undefined;
  try {
    return vscode.Uri.parse(decodeURIComponent(tablesUri.query), true);
  } catch {
    return undefined;
  }
}

export class TablesContentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;

  /** Stores the text for a tables URI, notifying an already open document. */
  update(uri: vscode.Uri, text: string): void {
    const key = uri.toString();
    const previous = this.contents.get(key);
    this.contents.set(key, text);
    if (previous !== undefined && previous !== text) this.emitter.fire(uri);
  }

  has(uri: vscode.Uri): boolean {
    return this.contents.has(uri.toString());
  }

  /** Tables URIs that are currently open as documents. */
  openTablesUris(): vscode.Uri[] {
    return vscode.workspace.textDocuments.filter((d) => d.uri.scheme === TABLES_SCHEME).map((d) => d.uri);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? vscode.l10n.t('(The tables of this report are not available. Run "Show Tables" again.)');
  }

  dispose(): void {
    this.emitter.dispose();
    this.contents.clear();
  }
}
