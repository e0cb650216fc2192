// "Open as Report" for published files (PDF, Word .docx, web pages): a read-only document of
// scheme govreport-published whose text the server converts from the file (govreport/readPublished,
// server/src/published.ts). The document is a govreport document like any other: the server
// checks it, and its diagnostics (each naming its page or table cell), hover and outline follow.
import * as vscode from 'vscode';
import { PUBLISHED_SCHEME, READ_PUBLISHED_REQUEST, schemaErrors, type ReadPublishedResult } from '../../protocol/src';
import type { ClientHost } from './languageClient';

export { PUBLISHED_SCHEME };

/** File name extensions opened as reports (the readers' formats). */
export const PUBLISHED_EXTENSIONS = ['pdf', 'docx', 'html', 'htm'];

/** The read-only document of a file: its URI with the govreport-published scheme. */
export function publishedUriFor(file: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: PUBLISHED_SCHEME, authority: file.authority, path: file.path });
}

function extensionOf(uri: vscode.Uri): string {
  const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1) || uri.toString();
}

/** Asks the server for the text of a published file's document. */
export class PublishedContentProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly host: ClientHost) {}

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const client = await this.host.ready();
    const result = await client.sendRequest<ReadPublishedResult>(READ_PUBLISHED_REQUEST.method, { uri: uri.toString() }, token);
    const problems = schemaErrors(result, READ_PUBLISHED_REQUEST.result);
    if (problems.length > 0) throw new Error(`${READ_PUBLISHED_REQUEST.method}: ${problems.join('; ')}`);
    return result.text;
  }
}

/** The file the command is about: the Explorer's, else the active editor's or tab's, else one the user picks. */
async function target(uri: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  if (uri) return uri;
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  const active = input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom ? input.uri : vscode.window.activeTextEditor?.document.uri;
  if (active && PUBLISHED_EXTENSIONS.includes(extensionOf(active)) && active.scheme === 'file') return active;
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    title: vscode.l10n.t('Open as Report'),
    openLabel: vscode.l10n.t('Open as Report'),
    filters: { [vscode.l10n.t('Published reports (PDF, Word, web pages)')]: PUBLISHED_EXTENSIONS },
  });
  return picked?.[0];
}

/**
 * `govreport.openAsReport`: opens a PDF, .docx or web page as a read-only report beside nothing
 * else (a normal editor tab). Returns the document's URI, or undefined after saying why not.
 */
export async function openAsReport(uri: vscode.Uri | undefined, say: (message: string) => void): Promise<string | undefined> {
  const file = await target(uri);
  if (!file) return undefined;
  if (file.scheme !== 'file') {
    say(vscode.l10n.t('Only files on this computer can be opened as a report: {0}', file.toString()));
    return undefined;
  }
  const docUri = publishedUriFor(file);
  let doc: vscode.TextDocument;
  try {
    doc = await vscode.workspace.openTextDocument(docUri);
  } catch (e) {
    const why = (e instanceof Error ? e.message : String(e)).replace(/^Error: /, '');
    say(vscode.l10n.t('Could not open {0} as a report: {1}', fileName(file), why));
    return undefined;
  }
  if (doc.languageId !== 'govreport') doc = await vscode.languages.setTextDocumentLanguage(doc, 'govreport');
  await vscode.window.showTextDocument(doc, { preview: false });
  return docUri.toString();
}
