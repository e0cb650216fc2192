// What a reviewer meets in a real VS Code (issue 16): the hover on a broken total, verdict first.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { screenshot, waitForDiagnostics, waitForLanguage } from './helpers';

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

/** A copy of a fixture as the repository has it (earlier tests edit the workspace's), outside the workspace. */
function pristineCopy(name: string, as: string, edit: (text: string) => string = (t) => t): vscode.Uri {
  const ext = vscode.extensions.getExtension('govreport.govreport')!;
  const text = edit(fs.readFileSync(path.join(ext.extensionPath, 'test', 'e2e', 'workspace', name), 'utf8'));
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'govreport-ux-')), as);
  fs.writeFileSync(file, text);
  return vscode.Uri.file(file);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

suite('reviewer experience', () => {
  suiteSetup(async () => {
    await vscode.extensions.getExtension('govreport.govreport')!.activate();
  });

  test('the hover on a broken total: the verdict first, the parts in a table, under 15 lines', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const uri = pristineCopy('wrong-total.report.txt', 'hover.report.txt');
    const doc = await waitForLanguage(await vscode.workspace.openTextDocument(uri), 'govreport');
    const editor = await vscode.window.showTextDocument(doc);
    const [d] = await waitForDiagnostics(doc.uri, (ds) => ds.some((x) => codeOf(x) === 'sum-mismatch'));
    const at = d.range.start;
    const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at));
    const ours = text.slice(text.indexOf('✗'));
    assert.match(ours, /^✗ \*\*(写明 5，按勾稽关系应为 4|written 5, the relations ask for 4)\*\*\n\n/);
    assert.match(ours, /\| 结果维持 \| 结果纠正 \| 其他结果 \| 尚未审结 \|/);
    const lines = ours.split('\n').filter((l) => l.trim() !== '' && !/^\|[-:|]+\|$/.test(l));
    assert.ok(lines.length <= 15, ours);
    editor.selection = new vscode.Selection(at, at);
    // The line at the top: the hover opens below it, with room for all of it.
    editor.revealRange(d.range, vscode.TextEditorRevealType.AtTop);
    await vscode.commands.executeCommand('editor.action.showHover');
    await screenshot('hover-broken-total');
    // The editor caps a hover's height (the problem comes first): scrolled to its end, the formula.
    await vscode.commands.executeCommand('editor.action.showHover', { focus: 'autoFocusImmediately' });
    await vscode.commands.executeCommand('editor.action.goToBottomHover');
    await screenshot('hover-broken-total-end');
  });
});
