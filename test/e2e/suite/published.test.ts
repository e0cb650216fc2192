// Issue 14 in a real VS Code: a PDF opened as a report ("Open as Report", client/src/published.ts).
// The PDF is test/fixtures/published/generated-2021-changed.pdf (the 2021 example printed by
// Chromium, one number changed: （五）1.信访举报投诉类申请 · 自然人, 2 → 3, on page 2), copied into
// the workspace. Its read-only document shows the converted text under a header line naming the
// file; the planted wrong total is one error in Problems, naming page 2, and in the hover.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import type { GovReportApi } from '../../../client/src/extension';
import { repoPath, screenshot, waitFor, waitForDiagnostics, workspaceUri } from './helpers';

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n\n');
}

suite('published files opened as reports', () => {
  let api: GovReportApi;
  const copied: vscode.Uri[] = [];

  /** A fixture PDF of the repository, copied into the workspace folder. */
  function fixture(name: string, as: string): vscode.Uri {
    const to = workspaceUri(as);
    fs.copyFileSync(repoPath('test', 'fixtures', 'published', name), to.fsPath);
    copied.push(to);
    return to;
  }

  suiteSetup(async () => {
    api = (await vscode.extensions.getExtension('govreport.govreport')!.activate()) as GovReportApi;
    await api.ready();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const u of copied) fs.rmSync(u.fsPath, { force: true });
  });

  test('Open as Report on a PDF: the planted wrong total in Problems (page 2) and in the hover', async () => {
    const pdf = fixture('generated-2021-changed.pdf', 'wrong-total.pdf');
    const opened = await vscode.commands.executeCommand<string | undefined>('govreport.openAsReport', pdf);
    assert.ok(opened, `not opened: ${api.lastMessage()}`);
    const uri = vscode.Uri.parse(opened);
    assert.equal(uri.scheme, 'govreport-published');
    assert.equal(uri.path, pdf.path);
    const doc = await waitFor('the report document, in govreport', () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === opened && d.languageId === 'govreport'), [vscode.workspace.onDidOpenTextDocument as vscode.Event<unknown>]);
    assert.match(doc.lineAt(0).text, /^(来源：wrong-total\.pdf（PDF） · 第 1 页 → 第 2 行|Source: wrong-total\.pdf \(PDF\) · page 1 → line 2)/);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), opened);

    const errors = (await waitForDiagnostics(uri, (ds) => ds.some((d) => codeOf(d) === 'sum-mismatch'))).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepEqual(errors.map(codeOf), ['sum-mismatch'], errors.map((d) => d.message).join('\n'));
    const [d] = errors;
    assert.match(d.message, /（五）1\.信访举报投诉类申请·自然人/);
    assert.match(d.message, /（第 2 页）$| \(page 2\)$/);
    assert.equal(doc.lineAt(d.range.start.line).text.split('\t')[0], '1.信访举报投诉类申请');
    assert.equal(doc.getText(d.range), '3');

    const hover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, d.range.start));
    assert.match(hover, /3/);
    assert.match(hover, /位于 wrong-total\.pdf：第 2 页|In wrong-total\.pdf: page 2/);

    // What a user sees: the report, its Problems, the hover on the wrong cell.
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    editor.selection = new vscode.Selection(d.range.start, d.range.start);
    editor.revealRange(d.range, vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand('editor.action.showHover');
    await screenshot('published-pdf', 15_000, { waitForSelector: '.monaco-hover-content' });
  });

  test('a PDF that cannot be read: a message that says why, nothing opened', async () => {
    const pdf = fixture('generated-encrypted.pdf', 'locked.pdf');
    const opened = await vscode.commands.executeCommand<string | undefined>('govreport.openAsReport', pdf);
    assert.equal(opened, undefined);
    assert.match(api.lastMessage() ?? '', /locked\.pdf/);
    assert.match(api.lastMessage() ?? '', /加密的 PDF|encrypted PDF/);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.scheme === 'govreport-published' && d.uri.path === pdf.path));
  });
});
