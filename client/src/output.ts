// The lines the extension writes to its output channel (the one the language server's messages
// go to): who started with which settings, and when the settings change. Errors and skipped
// files are written where they happen (commands.ts, the server's window/logMessage).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SECTION } from './config';

const KEYS = ['enable', 'formatVersion', 'validate.run', 'inlayHints.enable', 'maxFileSize', 'detect.enable', 'trace.server'] as const;

/** The settings in force (for the folder of `uri`, else the window), one line. */
export function settingsLine(uri?: vscode.Uri): string {
  const c = vscode.workspace.getConfiguration(SECTION, uri);
  const parts = KEYS.map((k) => `${k}=${JSON.stringify(c.get(k))}`);
  const rules = c.get<Record<string, string>>('rules') ?? {};
  parts.push(`rules=${Object.keys(rules).length ? JSON.stringify(rules) : '{} (defaults)'}`);
  return parts.join(', ');
}

/** "GovReport 0.1.0 started (VS Code 1.100.3, server govreport 0.1.0, zh-cn); settings: …". */
export function startLine(context: vscode.ExtensionContext, client: LanguageClient): string {
  const version = (context.extension.packageJSON as { version?: string }).version ?? '?';
  const server = client.initializeResult?.serverInfo;
  const serverText = server ? `${server.name} ${server.version ?? ''}`.trim() : 'unknown';
  return `GovReport ${version} started (VS Code ${vscode.version}, server ${serverText}, UI ${vscode.env.language}, workspace ${vscode.workspace.isTrusted ? 'trusted' : 'untrusted'}); settings: ${settingsLine()}`;
}
