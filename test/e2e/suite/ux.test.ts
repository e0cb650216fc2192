// What a reviewer meets in a real VS Code (issue 16): the hover on a broken total, verdict first;
// the commands' words; the output channel; rule pages rendered; a GB18030 report reopened.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import type { GovReportApi } from '../../../client/src/extension';
import { clickPage, queryPage, repoPath, screenshot, waitFor, waitForDiagnostics, waitForEvent, waitForLanguage, workspaceUri } from './helpers';

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

/** A copy of a fixture as the repository has it (earlier tests edit the workspace's), outside the workspace. */
function pristineCopy(name: string, as: string, edit: (text: string) => string = (t) => t): vscode.Uri {
  const text = edit(fs.readFileSync(repoPath('test', 'e2e', 'workspace', name), 'utf8'));
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
    await vscode.commands.executeCommand('notifications.clearAll');
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

suite('commands, output, rule pages, encodings', () => {
  let api: GovReportApi;
  suiteSetup(async () => {
    api = (await vscode.extensions.getExtension('govreport.govreport')!.activate()) as GovReportApi;
  });

  test('Validate Current Report names the file and counts in words; Open Problems shows that file', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const uri = pristineCopy('wrong-total.report.txt', 'counts.report.txt');
    const doc = await waitForLanguage(await vscode.workspace.openTextDocument(uri), 'govreport');
    await vscode.window.showTextDocument(doc);
    const result = await vscode.commands.executeCommand<{ errors: number; warnings: number; infos: number }>('govreport.validate');
    const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
    const words = [plural(result.errors, 'error', 'errors'), plural(result.warnings, 'warning', 'warnings'), plural(result.infos, 'note', 'notes')];
    // English in code-server here; Chinese in a Chinese VS Code ("counts.report.txt：1 个错误，…").
    assert.ok(
      api.lastMessage() === `counts.report.txt: ${words.join(', ')}` || api.lastMessage() === `counts.report.txt：${result.errors} 个错误，${result.warnings} 个警告，${result.infos} 条提示`,
      api.lastMessage(),
    );
    assert.equal(result.errors, 1);
    await screenshot('validate-current-report');
    await vscode.commands.executeCommand('govreport.openProblems', doc.uri);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), doc.uri.toString());
    await screenshot('open-problems-file');

    const summary = await vscode.commands.executeCommand<{ reports: number; errors: number; warnings: number; infos: number }>('govreport.validateWorkspace');
    const all = `Validated ${plural(summary.reports, 'report', 'reports')}: ${plural(summary.errors, 'error', 'errors')}, ${plural(summary.warnings, 'warning', 'warnings')}, ${plural(summary.infos, 'note', 'notes')}.`;
    const message = api.lastMessage() ?? '';
    assert.ok(message.startsWith(all) || message.startsWith(`已检查 ${summary.reports} 份报告`), message);
    assert.match(message, /1 file is not text \(binary\) and was skipped|已跳过 1 个非文本/);
  });

  test('the output channel: a start line with the settings in force', async () => {
    api.showOutput();
    await screenshot('output-channel');
  });

  test('a rule link opens the rule page rendered, read-only', async () => {
    const doc = await waitForLanguage(await vscode.workspace.openTextDocument(pristineCopy('wrong-total.report.txt', 'rule-link.report.txt')), 'govreport');
    await vscode.window.showTextDocument(doc);
    const diags = await waitForDiagnostics(doc.uri, (ds) => ds.some((x) => codeOf(x) === 'sum-mismatch'));
    const target = (diags.find((x) => codeOf(x) === 'sum-mismatch')!.code as { target: vscode.Uri }).target;
    assert.equal(target.scheme, 'command');
    const previewOpen = () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType));
    const opened = waitFor('a Markdown preview tab', previewOpen, [vscode.window.tabGroups.onDidChangeTabs as vscode.Event<unknown>]);
    await vscode.commands.executeCommand(target.path, ...(JSON.parse(target.query) as unknown[]));
    const tab = await opened;
    assert.match(tab.label, /sum-mismatch/);
    // No editor holds the page: nothing to edit.
    assert.ok(!vscode.window.visibleTextEditors.some((e) => e.document.uri.path.endsWith('/docs/rules/sum-mismatch.md')));
    // The page rendered: its title as a heading of Markdown's preview (a webview's frame).
    await screenshot('rule-page-preview', undefined, { waitForSelector: 'h1.code-line' });
    const headings = await queryPage('rule-page', 'h1.code-line', ['text']);
    if (process.env.GOVREPORT_E2E_SCREENSHOTS) assert.ok(headings?.some((h) => /sum-mismatch/.test(h.text ?? '')), JSON.stringify(headings));
  });

  test('a GB18030 report opened as UTF-8 is offered to reopen as GB18030, then detected and checked', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('notifications.clearAll');
    const uri = workspaceUri('gb18030-2021.txt');
    const offered = waitForEvent('an offer to reopen as GB18030', api.encodingOffers.onDidOffer, (o) => o.uri === uri.toString());
    const garbled = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(garbled);
    assert.equal(garbled.languageId, 'plaintext');
    assert.ok(garbled.getText().includes('\uFFFD'), 'VS Code read the GB18030 file as something else than UTF-8');
    const offer = await offered;
    assert.equal(offer.encoding, 'gb18030');
    await screenshot('gb18030-offer');
    // What the notification's button runs.
    await vscode.commands.executeCommand('govreport.reopenWithEncoding', uri, 'gb18030');
    const doc = await waitForLanguage(garbled, 'govreport');
    assert.ok(doc.getText().includes('政府信息公开'));
    const diags = await waitForDiagnostics(doc.uri, (ds) => ds.some((x) => codeOf(x) === 'sum-mismatch'));
    assert.deepEqual(diags.filter((x) => codeOf(x) === 'sum-mismatch').map((x) => [x.range.start.line, x.range.start.character])[0], [57, 8]);
    await screenshot('gb18030-reopened');
  });
});

// Run against the packaged extension too: GOVREPORT_E2E_VSIX=govreport.vsix node test/e2e/run.mjs
suite('extension page', () => {
  test('the Extensions view shows the README with its screenshots, from inside the extension', async function () {
    const ext = vscode.extensions.getExtension('govreport.govreport')!;
    await ext.activate();
    // Only for the installed package (GOVREPORT_E2E_VSIX): it holds the package README as
    // readme.md (npm run package); a development extension is not in the Extensions view.
    const packaged = fs.existsSync(path.join(ext.extensionPath, 'readme.md')) && !fs.existsSync(path.join(ext.extensionPath, 'README.md'));
    if (!packaged) this.skip();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('notifications.clearAll');
    // `extension.open` asks the marketplace first (unreachable offline): open it from the list.
    await vscode.commands.executeCommand('workbench.extensions.search', '@installed govreport');
    const item = '.extensions-viewlet .monaco-list-row[aria-label*="GovReport"]';
    await screenshot('extensions-list', undefined, { waitForSelector: item });
    const clicked = await clickPage('extension-item', item);
    if (process.env.GOVREPORT_E2E_SCREENSHOTS) assert.ok(clicked, 'no GovReport item in the Extensions view');
    // The screenshots are in the README itself (data: URIs, scripts/package-readme.mjs): the
    // Extensions view does not resolve a local README's relative image paths.
    const images = 'img[src^="data:image/"]';
    await screenshot('extension-page', undefined, { waitForSelector: images });
    const found = await queryPage('extension-page-images', images, ['src', 'alt', '.complete', '.naturalWidth']);
    if (!process.env.GOVREPORT_E2E_SCREENSHOTS) return;
    assert.ok(found && found.length >= 4, JSON.stringify(found));
    // Every screenshot loaded from the extension's own files: displayed offline.
    for (const img of found) assert.ok(img['.complete'] === 'true' && Number(img['.naturalWidth']) > 0, JSON.stringify(img));
  });
});
