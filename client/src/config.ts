// Typed access to the `govreport.*` settings the client itself reads.
import * as vscode from 'vscode';

export const SECTION = 'govreport';
export const DEFAULT_MAX_FILE_SIZE = 5_000_000;

export function detectEnabled(uri?: vscode.Uri): boolean {
  return vscode.workspace.getConfiguration(SECTION, uri).get<boolean>('detect.enable', true) !== false;
}

/** `govreport.maxFileSize`: the most characters (UTF-16 code units) of a document that is validated. */
export function maxFileSize(uri?: vscode.Uri): number {
  const v = vscode.workspace.getConfiguration(SECTION, uri).get<number>('maxFileSize', DEFAULT_MAX_FILE_SIZE);
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : DEFAULT_MAX_FILE_SIZE;
}

/** Schemes of documents that auto-detection may switch to `govreport`. */
export const DETECT_SCHEMES: ReadonlySet<string> = new Set(['file', 'untitled', 'vscode-vfs', 'vscode-remote']);
