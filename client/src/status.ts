// Language status item for govreport documents: format version, report year and counts.
import * as vscode from 'vscode';
import type { StatusParams } from '../../protocol/src';
import { countsText } from './counts';

/** Short human text for a format version such as "2019" or "2021". */
export function formatVersionLabel(formatVersion: string | null): string {
  return formatVersion ? vscode.l10n.t('{0} format', formatVersion) : vscode.l10n.t('format unknown');
}

export class ReportStatus implements vscode.Disposable {
  private readonly byUri = new Map<string, StatusParams>();
  private readonly item: vscode.LanguageStatusItem;
  /** Which report was taken as last year's (the cross-year rules), or why none. */
  private readonly lastYearItem: vscode.LanguageStatusItem;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<StatusParams>();
  /** Fires whenever the status of a document changes. */
  readonly onDidChange = this.changed.event;

  constructor() {
    this.item = vscode.languages.createLanguageStatusItem('govreport.status', { language: 'govreport' });
    this.item.name = vscode.l10n.t('GovReport');
    this.lastYearItem = vscode.languages.createLanguageStatusItem('govreport.lastYear', { language: 'govreport' });
    this.lastYearItem.name = vscode.l10n.t("Last year's report");
    this.disposables.push(
      this.item,
      this.lastYearItem,
      this.changed,
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        // Keep status of documents that are still open under another language id.
        if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === doc.uri.toString())) {
          this.byUri.delete(doc.uri.toString());
        }
      }),
    );
    this.refresh();
  }

  /** Records the status of one document (from the server's notification or a validate result). */
  set(status: StatusParams): void {
    this.byUri.set(status.uri, status);
    this.changed.fire(status);
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    if (active === undefined || active === status.uri) this.refresh();
  }

  get(uri: vscode.Uri | string): StatusParams | undefined {
    return this.byUri.get(typeof uri === 'string' ? uri : uri.toString());
  }

  /** Re-renders the item for the active editor's document. */
  refresh(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const s = doc ? this.byUri.get(doc.uri.toString()) : undefined;
    this.refreshLastYear(s);
    const item = this.item;
    if (!s) {
      item.text = vscode.l10n.t('GovReport');
      item.detail = vscode.l10n.t('not validated yet');
      item.severity = vscode.LanguageStatusSeverity.Information;
      item.command = { title: vscode.l10n.t('Validate'), command: 'govreport.validate' };
      return;
    }
    const year = s.year !== null ? vscode.l10n.t('{0} report', s.year) : vscode.l10n.t('year unknown');
    item.text = `${formatVersionLabel(s.formatVersion)} · ${year}`;
    item.detail = countsText(s);
    item.severity =
      s.errors > 0
        ? vscode.LanguageStatusSeverity.Error
        : s.warnings > 0
          ? vscode.LanguageStatusSeverity.Warning
          : vscode.LanguageStatusSeverity.Information;
    item.command = { title: vscode.l10n.t('Open Problems'), command: 'workbench.actions.view.problems' };
  }

  /** The last-year item: the report compared with (a click opens it), or why there is none. */
  private refreshLastYear(s: StatusParams | undefined): void {
    const item = this.lastYearItem;
    item.command = undefined;
    item.severity = vscode.LanguageStatusSeverity.Information;
    item.detail = vscode.l10n.t('cross-year checks: carry-over, stock-continuity, repeated-text, year-on-year');
    switch (s?.lastYear ?? null) {
      case 'found':
        item.text = vscode.l10n.t('Last year: {0}', s!.lastYearLabel ?? s!.lastYearUri ?? '');
        if (s!.lastYearUri) item.command = { title: vscode.l10n.t('Open'), command: 'vscode.open', arguments: [vscode.Uri.parse(s!.lastYearUri)] };
        break;
      case 'none':
        item.text = vscode.l10n.t("No last year's report found");
        item.detail = vscode.l10n.t('no cross-year checks (govreport.lastYear.folders says where to look)');
        item.command = { title: vscode.l10n.t('Settings'), command: 'workbench.action.openSettings', arguments: ['govreport.lastYear'] };
        break;
      case 'searching':
        item.text = vscode.l10n.t("Looking for last year's report…");
        item.busy = true;
        return;
      case 'unidentified':
        item.text = vscode.l10n.t("Last year's report: body or year unknown");
        item.detail = vscode.l10n.t('the title names no body and year to look for: no cross-year checks');
        break;
      case 'off':
        item.text = vscode.l10n.t('Cross-year checks off');
        item.detail = 'govreport.lastYear.enable';
        item.command = { title: vscode.l10n.t('Settings'), command: 'workbench.action.openSettings', arguments: ['govreport.lastYear'] };
        break;
      default:
        item.text = vscode.l10n.t("Last year's report: not looked for");
        item.detail = '';
    }
    item.busy = false;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
