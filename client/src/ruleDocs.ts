// Rule pages as a rendered, read-only Markdown preview. The server links each diagnostic to the
// file of its rule (docs/rules/<id>.md), which suits every LSP client; in VS Code that link would
// open the installed extension's file in an editor, editable. The middleware here turns it into
// a command link (the Problems view, hovers and peeks run command links) that opens the page in
// Markdown's preview; without the Markdown extension, as a read-only document.
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';

export const SHOW_RULE_COMMAND = 'govreport.showRule';
export const RULE_SCHEME = 'govreport-rule';

/** The rule id of a link to a rule page (…/docs/rules/<id>.md), if it is one. */
export function ruleIdOf(target: vscode.Uri): string | undefined {
  const m = /\/docs\/rules\/([a-z0-9-]+)\.md$/.exec(target.path);
  return target.scheme === 'file' && m ? m[1] : undefined;
}

/** Command links by rule id: a workspace check brings tens of thousands of diagnostics, few rules. */
const commandUris = new Map<string, vscode.Uri>();

export function ruleCommandUri(id: string): vscode.Uri {
  let uri = commandUris.get(id);
  if (!uri) commandUris.set(id, (uri = vscode.Uri.parse(`command:${SHOW_RULE_COMMAND}?${encodeURIComponent(JSON.stringify([id]))}`)));
  return uri;
}

function withRuleLink(d: vscode.Diagnostic): vscode.Diagnostic {
  const code = d.code;
  if (typeof code !== 'object' || !code.target) return d;
  const id = ruleIdOf(code.target);
  if (id) d.code = { value: code.value, target: ruleCommandUri(id) };
  return d;
}

/** Rewrites the rule links of pushed and pulled diagnostics. */
export const ruleLinkMiddleware: Middleware = {
  handleDiagnostics(uri, diagnostics, next) {
    next(uri, diagnostics.map(withRuleLink));
  },
  async provideDiagnostics(document, previousResultId, token, next) {
    const report = await next(document, previousResultId, token);
    if (report && 'items' in report && Array.isArray(report.items)) report.items = report.items.map(withRuleLink);
    return report;
  },
};

/** The read-only text of a rule page (scheme govreport-rule), when Markdown's preview is not there. */
export class RulePages implements vscode.TextDocumentContentProvider {
  constructor(private readonly extensionUri: vscode.Uri) {}

  fileOf(id: string): vscode.Uri {
    return vscode.Uri.joinPath(this.extensionUri, 'docs', 'rules', `${id}.md`);
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const id = uri.path.replace(/^\//, '').replace(/\.md$/, '');
    if (!/^[a-z0-9-]+$/.test(id)) return '';
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(this.fileOf(id)));
  }

  /** `govreport.showRule`: the rule's page rendered; read-only text without Markdown's preview. */
  async show(id: unknown): Promise<void> {
    if (typeof id !== 'string' || !/^[a-z0-9-]+$/.test(id)) return;
    try {
      // Activates the built-in Markdown extension when it is not yet.
      await vscode.commands.executeCommand('markdown.showPreview', this.fileOf(id));
      return;
    } catch {
      // No Markdown extension (disabled): the page as read-only text.
    }
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: RULE_SCHEME, path: `/${id}.md` }));
    await vscode.window.showTextDocument(doc, { preview: true });
  }
}
