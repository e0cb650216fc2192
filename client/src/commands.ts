// The extension's commands: validate, validate workspace, show tables, restart server.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { WorkDoneProgress } from 'vscode-languageclient/node';
import {
  type RequestDef,
  SHOW_TABLES_REQUEST,
  type ShowTablesResult,
  statusFromResult,
  VALIDATE_REQUEST,
  VALIDATE_WORKSPACE_REQUEST,
  type ValidateResult,
  type ValidateWorkspaceResult,
} from '../../protocol/src';
import { maxFileSize } from './config';
import { countsText, reportsText } from './counts';
import type { ClientHost } from './languageClient';
import type { ReportStatus } from './status';
import { openAsReport } from './published';
import { sourceUriOf, TABLES_SCHEME, tablesUriFor, type TablesContentProvider } from './tables';
import type { SummaryView } from './summaryView';
import type { TableViews } from './tableView';

export const OPEN_PROBLEMS_COMMAND = 'workbench.actions.view.problems';
/** The files the workspace command checks (what the CLI checks in a folder: text, PDF, Word .docx, web pages; the server keeps those that look like reports). */
const WORKSPACE_INCLUDE = '**/*.{txt,pdf,docx,html,htm}';
/** Runs of the workspace command (a fresh progress token each). */
let workspaceRuns = 0;

/** Summary of a workspace validation, also returned by the command (for tests). */
export interface WorkspaceSummary {
  reports: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Files over govreport.maxFileSize (characters), not validated. */
  skippedTooLarge: number;
  /** Files that are not text (`decode` found them binary), not validated. */
  skippedBinary: number;
  failed: number;
  cancelled: boolean;
  /** Every file not validated but for not being a report, with why (each also a line in the output). */
  skipped: { uri: string; reason: 'too-large' | 'binary' | 'failed' }[];
  /** How long the server took (ms; absent when it did not answer). */
  serverMs?: number;
}

/** Sends a request of the GovReport protocol (protocol/src): its method, its parameter and result types. */
function request<P, R>(client: LanguageClient, def: RequestDef<P, R>, params: P, token?: vscode.CancellationToken): Promise<R> {
  return client.sendRequest<R>(def.method, params, token);
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Opens the Problems view; with `uri`, on that file: its editor is made the active one first, so
 * that the view (problems.autoReveal, on by default) reveals and selects the file's problems.
 */
export async function openProblems(uri?: vscode.Uri): Promise<void> {
  if (uri) {
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    const doc = visible?.document ?? (await vscode.workspace.openTextDocument(uri));
    await vscode.window.showTextDocument(doc, { viewColumn: visible?.viewColumn, preserveFocus: false });
  }
  await vscode.commands.executeCommand(OPEN_PROBLEMS_COMMAND);
}

function fileName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.toString();
}

export class Commands {
  /** The last message a command showed (tests read it: the words a user sees). */
  lastMessage: string | undefined;

  constructor(
    private readonly host: ClientHost,
    private readonly status: ReportStatus,
    private readonly tables: TablesContentProvider,
    private readonly tableViews: TableViews,
    /** Switches a plaintext document to govreport when it looks like a report (auto-detection). */
    private readonly switchIfReport: (doc: vscode.TextDocument) => Promise<vscode.TextDocument>,
    private readonly summaryView?: SummaryView,
    /** Resolves once the workspace check's diagnostics received so far are set (diagnosticsBatch.ts). */
    private readonly diagnosticsSet: () => Promise<void> = () => Promise.resolve(),
  ) {}

  /** Shows a message with an "Open Problems" button (on `uri` when given) without waiting for the user. */
  private showWithProblemsButton(kind: 'info' | 'warning', message: string, uri?: vscode.Uri, withSummary = false): void {
    this.lastMessage = message;
    const open = vscode.l10n.t('Open Problems');
    const summary = vscode.l10n.t('Show Summary');
    const show = kind === 'info' ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
    const buttons = withSummary && this.summaryView ? [open, summary] : [open];
    void show(message, ...buttons).then((choice) => {
      if (choice === open) void openProblems(uri);
      else if (choice === summary) void this.showSummary();
    });
  }

  register(): vscode.Disposable[] {
    return [
      vscode.commands.registerCommand('govreport.openProblems', (uri?: unknown) => openProblems(uri instanceof vscode.Uri ? uri : undefined)),
      vscode.commands.registerCommand('govreport.validate', () => this.validate()),
      vscode.commands.registerCommand('govreport.validateWorkspace', () => this.validateWorkspace()),
      vscode.commands.registerCommand('govreport.showTables', (uri?: unknown) => this.showTables(uri instanceof vscode.Uri ? uri : undefined)),
      vscode.commands.registerCommand('govreport.showTablesAsText', (uri?: unknown) => this.showTablesAsText(uri instanceof vscode.Uri ? uri : undefined)),
      vscode.commands.registerCommand('govreport.restartServer', () => this.restartServer()),
      vscode.commands.registerCommand('govreport.showSummary', () => this.showSummary()),
      vscode.commands.registerCommand('govreport.openAsReport', (uri?: unknown) =>
        openAsReport(uri instanceof vscode.Uri ? uri : undefined, (m) => {
          this.lastMessage = m;
          void vscode.window.showErrorMessage(m);
        }),
      ),
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
    if (text.length > limit) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          'This document has more than {0} characters (setting govreport.maxFileSize) and was not validated.',
          limit,
        ),
      );
      return undefined;
    }
    if (doc.languageId === 'plaintext') doc = await this.switchIfReport(doc);
    const client = await this.client();
    if (!client) return undefined;
    const uri = doc.uri.toString();
    let result: ValidateResult;
    try {
      result = await request(client, VALIDATE_REQUEST, { uri, text });
    } catch (e) {
      this.host.log.error(`govreport.validate: ${uri}: ${errorText(e)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Validation failed: {0}', errorText(e)));
      return undefined;
    }
    const s = statusFromResult(uri, result);
    this.status.set(s);
    // "报告.txt：1 个错误，2 个警告，0 条提示" / "report.txt: 1 error, 2 warnings, 0 notes".
    this.showWithProblemsButton(s.errors > 0 ? 'warning' : 'info', vscode.l10n.t('{0}: {1}', fileName(doc.uri), countsText(s)), doc.uri);
    return result;
  }

  /**
   * `govreport.validateWorkspace`: the server lists, reads and checks every report-like .txt file
   * of the workspace folders (govreport/validateWorkspace) and pushes the diagnostics; this shows
   * its $/progress in a notification whose Cancel cancels the request, and the summary.
   */
  async validateWorkspace(): Promise<WorkspaceSummary | undefined> {
    if (!vscode.workspace.workspaceFolders?.length) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Open a folder first: there is no workspace to search for reports.'),
      );
      return undefined;
    }
    const client = await this.client();
    if (!client) return undefined;
    // The server reads folders on disk (file: URIs); others have nothing it can list.
    const folders = vscode.workspace.workspaceFolders.filter((f) => f.uri.scheme === 'file').map((f) => f.uri.toString());
    const summary: WorkspaceSummary = {
      reports: 0,
      errors: 0,
      warnings: 0,
      infos: 0,
      skippedTooLarge: 0,
      skippedBinary: 0,
      failed: 0,
      cancelled: false,
      skipped: [],
    };
    if (folders.length === 0) {
      this.showWorkspaceSummary(summary);
      return summary;
    }
    const started = Date.now();
    await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Validating reports in the workspace'),
        cancellable: true,
      },
      async (progress, token) => {
        const workDoneToken = `govreport.validateWorkspace/${started}/${++workspaceRuns}`;
        let done = 0;
        const sub = client.onProgress(WorkDoneProgress.type, workDoneToken, (v) => {
          if (v.kind === 'end') return;
          const pct = v.percentage ?? done;
          progress.report({ message: v.message, increment: Math.max(0, pct - done) });
          done = Math.max(done, pct);
        });
        let result: ValidateWorkspaceResult;
        try {
          result = await request(client, VALIDATE_WORKSPACE_REQUEST, { folders, include: WORKSPACE_INCLUDE, workDoneToken }, token);
        } catch (e) {
          summary.cancelled = token.isCancellationRequested;
          if (!summary.cancelled) {
            this.host.log.error(`govreport.validateWorkspace: ${errorText(e)}`);
            void vscode.window.showErrorMessage(vscode.l10n.t('Validation failed: {0}', errorText(e)));
          }
          return;
        } finally {
          sub.dispose();
        }
        // Every diagnostic came before the answer: shown before the summary.
        await this.diagnosticsSet();
        summary.reports = result.reports;
        summary.errors = result.errors;
        summary.warnings = result.warnings;
        summary.infos = result.infos;
        summary.cancelled = result.cancelled;
        summary.serverMs = result.elapsedMs;
        for (const s of result.skipped) {
          const reason = s.reason === 'too-large' || s.reason === 'binary' ? s.reason : 'failed';
          summary.skipped.push({ uri: s.uri, reason });
          if (reason === 'too-large') summary.skippedTooLarge++;
          else if (reason === 'binary') summary.skippedBinary++;
          else summary.failed++;
          client.warn(`govreport.validateWorkspace: ${s.uri}: ${s.message}`);
        }
        this.host.log.info(
          `govreport.validateWorkspace: ${summary.cancelled ? 'cancelled after' : 'done,'} ${result.files} files, ${summary.reports} reports: ${summary.errors} errors, ${summary.warnings} warnings, ${summary.infos} information; skipped ${summary.skipped.length}; ${result.elapsedMs} ms in the server, ${Date.now() - started} ms in all`,
        );
      },
    );
    this.showWorkspaceSummary(summary);
    this.summaryView?.workspaceValidated();
    return summary;
  }

  /** `govreport.showSummary`: the summary view of the workspace's reports (a webview). */
  async showSummary(): Promise<boolean> {
    if (!this.summaryView) return false;
    this.summaryView.show();
    return true;
  }

  private showWorkspaceSummary(s: WorkspaceSummary): void {
    const parts: string[] = [];
    if (s.reports === 0 && !s.cancelled) {
      parts.push(vscode.l10n.t('No reports found in the workspace.'));
    } else if (s.cancelled) {
      parts.push(vscode.l10n.t('Validation cancelled after {0}: {1}.', reportsText(s.reports), countsText(s)));
    } else {
      parts.push(vscode.l10n.t('Validated {0}: {1}.', reportsText(s.reports), countsText(s)));
    }
    if (s.skippedTooLarge > 0) {
      parts.push(
        s.skippedTooLarge === 1
          ? vscode.l10n.t('1 file larger than govreport.maxFileSize was skipped (see the output).')
          : vscode.l10n.t('{0} files larger than govreport.maxFileSize were skipped (see the output).', s.skippedTooLarge),
      );
    }
    if (s.skippedBinary > 0) {
      parts.push(
        s.skippedBinary === 1
          ? vscode.l10n.t('1 file is not text (binary) and was skipped (see the output).')
          : vscode.l10n.t('{0} files are not text (binary) and were skipped (see the output).', s.skippedBinary),
      );
    }
    if (s.failed > 0) {
      parts.push(
        s.failed === 1
          ? vscode.l10n.t('1 file could not be validated (see the output).')
          : vscode.l10n.t('{0} files could not be validated (see the output).', s.failed),
      );
    }
    const message = parts.join(' ');
    this.lastMessage = message;
    if (s.reports === 0) {
      void vscode.window.showInformationMessage(message);
    } else {
      this.showWithProblemsButton(s.errors > 0 || s.failed > 0 ? 'warning' : 'info', message, undefined, true);
    }
  }

  /**
   * The report a tables command is about: `uri` when given (the editor title menu, the table
   * view's button), else the active editor's document, or the report of an active tables text view.
   */
  private async tablesSource(uri: vscode.Uri | undefined): Promise<vscode.TextDocument | undefined> {
    if (uri) {
      const source = sourceUriOf(uri) ?? uri;
      return vscode.workspace.textDocuments.find((d) => d.uri.toString() === source.toString()) ?? (await vscode.workspace.openTextDocument(source));
    }
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('No report to show: open an annual report in the editor first.'),
      );
      return undefined;
    }
    const fromTables = sourceUriOf(editor.document.uri);
    if (!fromTables) return editor.document;
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === fromTables.toString());
  }

  /**
   * `govreport.showTables`: the table view of the report beside it (a webview). Returns the
   * report's URI (tests find the view by it).
   */
  async showTables(uri?: vscode.Uri): Promise<string | undefined> {
    const source = await this.tablesSource(uri);
    if (!source) return undefined;
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === source.uri.toString());
    this.tableViews.show(source.uri, visible?.viewColumn !== undefined ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active);
    return source.uri.toString();
  }

  /** `govreport.showTablesAsText`: the report's tables as aligned text grids in a read-only editor. */
  async showTablesAsText(uri?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const source = await this.tablesSource(uri);
    if (!source) return undefined;
    const tablesUri = await this.refreshTables(source);
    if (!tablesUri) return undefined;
    const doc = await vscode.workspace.openTextDocument(tablesUri);
    await vscode.window.showTextDocument(doc, {
      viewColumn: vscode.ViewColumn.Beside,
      preview: true,
      preserveFocus: true,
    });
    return tablesUri;
  }

  /** Asks the server for the tables of `source` and stores them; returns the tables URI. */
  async refreshTables(source: vscode.TextDocument, quiet = false): Promise<vscode.Uri | undefined> {
    const client = quiet ? this.host.current : await this.client();
    if (!client) return undefined;
    let result: ShowTablesResult;
    try {
      result = await request(client, SHOW_TABLES_REQUEST, { uri: source.uri.toString(), text: source.getText() });
    } catch (e) {
      if (!quiet) void vscode.window.showErrorMessage(vscode.l10n.t('Could not read the tables: {0}', errorText(e)));
      return undefined;
    }
    const uri = tablesUriFor(source.uri);
    this.tables.update(uri, result.text);
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
