// The extension's commands: validate, validate workspace, show tables, restart server.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { maxFileSize } from './config';
import { looksLikeReport } from './detect';
import type { ClientHost } from './languageClient';
import {
  SHOW_TABLES_REQUEST,
  type ShowTablesParams,
  type ShowTablesResult,
  toStatus,
  VALIDATE_REQUEST,
  type ValidateParams,
  type ValidateResult,
} from './protocol';
import type { ReportStatus } from './status';
import { sourceUriOf, TABLES_SCHEME, tablesUriFor, type TablesContentProvider } from './tables';

export const OPEN_PROBLEMS_COMMAND = 'workbench.actions.view.problems';

/** Summary of a workspace validation, also returned by the command (for tests). */
export interface WorkspaceSummary {
  reports: number;
  errors: number;
  warnings: number;
  infos: number;
  skippedTooLarge: number;
  failed: number;
  cancelled: boolean;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Shows a message with an "Open Problems" button without waiting for the user. */
function showWithProblemsButton(kind: 'info' | 'warning', message: string): void {
  const open = vscode.l10n.t('Open Problems');
  const show = kind === 'info' ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
  void show(message, open).then((choice) => {
    if (choice === open) void vscode.commands.executeCommand(OPEN_PROBLEMS_COMMAND);
  });
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

export class Commands {
  constructor(
    private readonly host: ClientHost,
    private readonly status: ReportStatus,
    private readonly tables: TablesContentProvider,
    /** Switches a plaintext document to govreport when it looks like a report (auto-detection). */
    private readonly switchIfReport: (doc: vscode.TextDocument) => Promise<vscode.TextDocument>,
  ) {}

  register(): vscode.Disposable[] {
    return [
      vscode.commands.registerCommand('govreport.validate', () => this.validate()),
      vscode.commands.registerCommand('govreport.validateWorkspace', () => this.validateWorkspace()),
      vscode.commands.registerCommand('govreport.showTables', () => this.showTables()),
      vscode.commands.registerCommand('govreport.restartServer', () => this.restartServer()),
    ];
  }

  /** A running client, or undefined after telling the user why there is none. */
  private async client(): Promise<LanguageClient | undefined> {
    try {
      return await this.host.ready();
    } catch (e) {
      void vscode.window.showErrorMessage(
        vscode.l10n.t('The GovReport language server could not be started: {0}', errorText(e)),
      );
      return undefined;
    }
  }

  /** `govreport.validate`: validates the active editor's document, whatever its language. */
  async validate(): Promise<ValidateResult | undefined> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('No report to validate: open an annual report in the editor first.'),
      );
      return undefined;
    }
    let doc = editor.document;
    if (doc.uri.scheme === TABLES_SCHEME) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('This is the tables view. Validate the report it was made from instead.'),
      );
      return undefined;
    }
    const text = doc.getText();
    const limit = maxFileSize(doc.uri);
    if (byteLength(text) > limit) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          'This file is larger than {0} bytes (setting govreport.maxFileSize) and was not validated.',
          limit,
        ),
      );
      return undefined;
    }
    if (doc.languageId === 'plaintext') doc = await this.switchIfReport(doc);
    const client = await this.client();
    if (!client) return undefined;
    const params: ValidateParams = { uri: doc.uri.toString(), text, languageId: doc.languageId };
    let result: ValidateResult;
    try {
      result = await client.sendRequest<ValidateResult>(VALIDATE_REQUEST, params);
    } catch (e) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Validation failed: {0}', errorText(e)));
      return undefined;
    }
    const s = toStatus(params.uri, result);
    this.status.set(s);
    showWithProblemsButton(
      s.errors > 0 ? 'warning' : 'info',
      vscode.l10n.t('{0} errors, {1} warnings', s.errors, s.warnings),
    );
    return result;
  }

  /** `govreport.validateWorkspace`: validates every report-like .txt file in the workspace. */
  async validateWorkspace(): Promise<WorkspaceSummary | undefined> {
    if (!vscode.workspace.workspaceFolders?.length) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Open a folder first: there is no workspace to search for reports.'),
      );
      return undefined;
    }
    const client = await this.client();
    if (!client) return undefined;
    const summary: WorkspaceSummary = {
      reports: 0,
      errors: 0,
      warnings: 0,
      infos: 0,
      skippedTooLarge: 0,
      failed: 0,
      cancelled: false,
    };
    const decoder = new TextDecoder('utf-8');
    await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Validating reports in the workspace'),
        cancellable: true,
      },
      async (progress, token) => {
        const files = await vscode.workspace.findFiles('**/*.txt', '**/node_modules/**', undefined, token);
        files.sort((a, b) => a.toString().localeCompare(b.toString()));
        const step = files.length > 0 ? 100 / files.length : 100;
        for (const uri of files) {
          if (token.isCancellationRequested) break;
          progress.report({ message: vscode.workspace.asRelativePath(uri), increment: step });
          try {
            const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
            const limit = maxFileSize(uri);
            let text: string;
            if (open) {
              text = open.getText();
            } else {
              const stat = await vscode.workspace.fs.stat(uri);
              if (stat.size > limit) {
                summary.skippedTooLarge++;
                continue;
              }
              text = decoder.decode(await vscode.workspace.fs.readFile(uri));
            }
            if (byteLength(text) > limit) {
              summary.skippedTooLarge++;
              continue;
            }
            const named = /\.report\.txt$/i.test(uri.path);
            if (!named && open?.languageId !== 'govreport' && !looksLikeReport(text)) continue;
            const params: ValidateParams = {
              uri: uri.toString(),
              text,
              languageId: open?.languageId ?? 'govreport',
            };
            const result = await client.sendRequest<ValidateResult>(VALIDATE_REQUEST, params, token);
            const s = toStatus(params.uri, result);
            this.status.set(s);
            summary.reports++;
            summary.errors += s.errors;
            summary.warnings += s.warnings;
            summary.infos += s.infos;
          } catch (e) {
            if (token.isCancellationRequested) break;
            summary.failed++;
            client.warn(`govreport.validateWorkspace: ${uri.toString()}: ${errorText(e)}`);
          }
        }
        summary.cancelled = token.isCancellationRequested;
      },
    );
    this.showWorkspaceSummary(summary);
    return summary;
  }

  private showWorkspaceSummary(s: WorkspaceSummary): void {
    const parts: string[] = [];
    if (s.reports === 0 && !s.cancelled) {
      parts.push(vscode.l10n.t('No reports found in the workspace.'));
    } else if (s.cancelled) {
      parts.push(
        vscode.l10n.t(
          'Validation cancelled after {0} reports: {1} errors, {2} warnings.',
          s.reports,
          s.errors,
          s.warnings,
        ),
      );
    } else {
      parts.push(vscode.l10n.t('Validated {0} reports: {1} errors, {2} warnings.', s.reports, s.errors, s.warnings));
    }
    if (s.skippedTooLarge > 0) {
      parts.push(vscode.l10n.t('{0} files larger than govreport.maxFileSize were skipped.', s.skippedTooLarge));
    }
    if (s.failed > 0) {
      parts.push(vscode.l10n.t('{0} files could not be validated (see the output).', s.failed));
    }
    const message = parts.join(' ');
    if (s.reports === 0) {
      void vscode.window.showInformationMessage(message);
    } else {
      showWithProblemsButton(s.errors > 0 || s.failed > 0 ? 'warning' : 'info', message);
    }
  }

  /** `govreport.showTables`: shows the report's tables as aligned grids in a read-only editor. */
  async showTables(): Promise<vscode.Uri | undefined> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('No report to show: open an annual report in the editor first.'),
      );
      return undefined;
    }
    let source = editor.document;
    const fromTables = sourceUriOf(source.uri);
    if (fromTables) {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === fromTables.toString());
      if (!doc) return undefined;
      source = doc;
    }
    const uri = await this.refreshTables(source);
    if (!uri) return undefined;
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, {
      viewColumn: vscode.ViewColumn.Beside,
      preview: true,
      preserveFocus: true,
    });
    return uri;
  }

  /** Asks the server for the tables of `source` and stores them; returns the tables URI. */
  async refreshTables(source: vscode.TextDocument, quiet = false): Promise<vscode.Uri | undefined> {
    const client = quiet ? this.host.current : await this.client();
    if (!client) return undefined;
    const params: ShowTablesParams = { uri: source.uri.toString(), text: source.getText() };
    let result: ShowTablesResult;
    try {
      result = await client.sendRequest<ShowTablesResult>(SHOW_TABLES_REQUEST, params);
    } catch (e) {
      if (!quiet) void vscode.window.showErrorMessage(vscode.l10n.t('Could not read the tables: {0}', errorText(e)));
      return undefined;
    }
    const uri = tablesUriFor(source.uri);
    this.tables.update(uri, typeof result?.text === 'string' ? result.text : '');
    return uri;
  }

  /** `govreport.restartServer`. */
  async restartServer(): Promise<void> {
    try {
      await this.host.restart();
      vscode.window.setStatusBarMessage(vscode.l10n.t('GovReport language server restarted.'), 5000);
    } catch (e) {
      void vscode.window.showErrorMessage(
        vscode.l10n.t('The GovReport language server could not be started: {0}', errorText(e)),
      );
    }
  }
}
