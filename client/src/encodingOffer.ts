// Reports saved in GB18030 (or UTF-16 without a BOM) open garbled: VS Code reads files as UTF-8
// unless told otherwise. When a document shows replacement characters (U+FFFD), its bytes are
// read again with the core's `decode` (the CLI's and the server's reading); if they are a report
// in another encoding, the user is offered to reopen it in that encoding. The reopened document
// is then detected as a report like any other (extension.ts re-runs detection when a document's
// encoding changes).
import * as vscode from 'vscode';
import { looksLikeReport } from '../../core/src/detect';
import { BinaryFileError, decode, maxEncodedBytes, type EncodingName } from '../../core/src/encoding';
import { maxFileSize } from './config';

/** VS Code's name of each encoding `decode` reads that is not UTF-8. */
const VSCODE_ENCODING: Partial<Record<EncodingName, string>> = { gb18030: 'gb18030', 'utf-16le': 'utf16le', 'utf-16be': 'utf16be' };
const LABEL: Partial<Record<EncodingName, string>> = { gb18030: 'GB18030', 'utf-16le': 'UTF-16 LE', 'utf-16be': 'UTF-16 BE' };

export const REOPEN_COMMAND = 'govreport.reopenWithEncoding';

/** `document.encoding` (VS Code 1.100 and later); undefined before. */
export function encodingOf(doc: vscode.TextDocument): string | undefined {
  const e = (doc as { encoding?: unknown }).encoding;
  return typeof e === 'string' ? e : undefined;
}

export interface EncodingOffer {
  uri: string;
  /** VS Code's name of the encoding offered: gb18030, utf16le, utf16be. */
  encoding: string;
}

export class EncodingOffers implements vscode.Disposable {
  /** Documents already looked at (an offer is made once per file and session). */
  private readonly seen = new Set<string>();
  private readonly emitter = new vscode.EventEmitter<EncodingOffer>();
  /** Fires when an offer is shown (tests). */
  readonly onDidOffer = this.emitter.event;
  readonly offers: EncodingOffer[] = [];

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** Looks at a document just opened: garbled text of a report in another encoding gets an offer. */
  check(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    if (this.seen.has(key) || (doc.languageId !== 'plaintext' && doc.languageId !== 'govreport')) return;
    if (doc.uri.scheme === 'untitled') return;
    const current = encodingOf(doc);
    if (current !== undefined && current !== 'utf8' && current !== 'utf8bom') return;
    const head = doc.getText(new vscode.Range(0, 0, Math.min(doc.lineCount, 200), 0));
    if (!head.includes('\uFFFD')) return;
    this.seen.add(key);
    void this.offer(doc.uri).catch((e: unknown) => this.log.warn(`encoding of ${key}: ${e instanceof Error ? e.message : String(e)}`));
  }

  private async offer(uri: vscode.Uri): Promise<void> {
    const limit = maxFileSize(uri);
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > maxEncodedBytes(limit)) return;
    let decoded;
    try {
      decoded = decode(await vscode.workspace.fs.readFile(uri));
    } catch (e) {
      if (e instanceof BinaryFileError) return;
      throw e;
    }
    const encoding = VSCODE_ENCODING[decoded.encoding];
    if (!encoding) return;
    const named = /\.report\.txt$/i.test(uri.path);
    if (!named && !looksLikeReport(decoded.text)) return;
    const label = LABEL[decoded.encoding]!;
    const name = uri.path.split('/').pop() ?? uri.toString();
    this.log.info(`${uri.toString()}: not UTF-8; read as ${label} it is a report: offered to reopen it as ${label}`);
    const o: EncodingOffer = { uri: uri.toString(), encoding };
    this.offers.push(o);
    this.emitter.fire(o);
    const reopen = vscode.l10n.t('Reopen as {0}', label);
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('"{0}" is not UTF-8: it reads as a report in {1}. Reopen it as {1}?', name, label),
      reopen,
    );
    if (choice === reopen) await vscode.commands.executeCommand(REOPEN_COMMAND, uri, encoding);
  }

  /**
   * `govreport.reopenWithEncoding`: reopens a file in an encoding (VS Code 1.100 and later: the
   * encoding API; before, VS Code's own Reopen with Encoding, which asks for it).
   */
  async reopen(uri: unknown, encoding: unknown): Promise<vscode.TextDocument | undefined> {
    if (!(uri instanceof vscode.Uri) || typeof encoding !== 'string') return undefined;
    const open = vscode.workspace.openTextDocument as (uri: vscode.Uri, options?: { encoding?: string }) => Thenable<vscode.TextDocument>;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (doc && encodingOf(doc) === undefined) {
      // No encoding API: VS Code's command asks which encoding (the active editor's document).
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.editor.changeEncoding');
      return undefined;
    }
    try {
      const reopened = await open(uri, { encoding });
      await vscode.window.showTextDocument(reopened);
      return reopened;
    } catch (e) {
      this.log.error(`reopen ${uri.toString()} as ${encoding}: ${e instanceof Error ? e.message : String(e)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not reopen the file as {0}: {1}', encoding, e instanceof Error ? e.message : String(e)));
      return undefined;
    }
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
