// Counts of findings in words, with English plural forms ("1 error", "2 errors"); Chinese has one
// form. Used by the commands, the status item and the table view.
import * as vscode from 'vscode';

export function errorsText(n: number): string {
  return n === 1 ? vscode.l10n.t('{0} error', n) : vscode.l10n.t('{0} errors', n);
}

export function warningsText(n: number): string {
  return n === 1 ? vscode.l10n.t('{0} warning', n) : vscode.l10n.t('{0} warnings', n);
}

/** Information and hint findings. */
export function infosText(n: number): string {
  return n === 1 ? vscode.l10n.t('{0} note', n) : vscode.l10n.t('{0} notes', n);
}

export function reportsText(n: number): string {
  // Not '{0} report': that key is the report's year in the status item.
  return n === 1 ? vscode.l10n.t('1 report') : vscode.l10n.t('{0} reports', n);
}

/** "1 error, 2 warnings, 0 notes" / "1 个错误，2 个警告，0 条提示". */
export function countsText(c: { errors: number; warnings: number; infos: number }): string {
  return vscode.l10n.t('{0}, {1}, {2}', errorsText(c.errors), warningsText(c.warnings), infosText(c.infos));
}
