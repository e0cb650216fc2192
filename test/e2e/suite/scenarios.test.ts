// The scenarios of issue 4, in a real VS Code: detection, diagnostics, quick fix, fix-all and
// undo, hover, outline, the two validate commands, diagnostics following typed edits, a prose
// figure checked against the tables, and (issue 12) a GB18030 file found and read by the
// workspace command.
import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { openWorkspaceFile, screenshot, waitForDiagnostics, waitForLanguage } from './helpers';

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

async function showReport(name: string): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const opened = await openWorkspaceFile(name);
  const doc = await waitForLanguage(opened, 'govreport');
  const editor = await vscode.window.showTextDocument(doc);
  return { doc, editor };
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

suite('scenarios', () => {
  suiteSetup(async () => {
    await vscode.extensions.getExtension('govreport.govreport')!.activate();
  });

  test('1. a seed opened as plain text is detected; its diagnostics are the expected ones', async () => {
    const { doc } = await showReport('seed-000.txt');
    const diags = await waitForDiagnostics(doc.uri, (d) => d.length === 3);
    assert.deepEqual(
      diags.map((d) => `${d.range.start.line}:${d.range.start.character} ${codeOf(d)} ${vscode.DiagnosticSeverity[d.severity]}`),
      ['66:3 number-format Warning', '76:2 number-format Warning', '77:2 number-format Information'],
    );
    assert.ok(diags.every((d) => d.source === 'govreport'));
    // The rule's page opens as a rendered preview (ruleDocs.ts): a command link, not the file.
    const code = diags[0].code as { value: string; target: vscode.Uri };
    assert.deepEqual([code.target.scheme, code.target.path, code.target.query], ['command', 'govreport.showRule', '["number-format"]']);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await screenshot('problems');
  });

  test('2. a wrong total shows sum-mismatch on the right cell; the quick fix makes it go away', async () => {
    const { doc, editor } = await showReport('wrong-total.report.txt');
    const [d] = await waitForDiagnostics(doc.uri, (ds) => ds.some((x) => codeOf(x) === 'sum-mismatch'));
    assert.equal(codeOf(d), 'sum-mismatch');
    assert.deepEqual([d.range.start.line, d.range.start.character], [57, 8]);
    assert.equal(doc.getText(d.range), '5');
    // Chinese, or English when the VS Code display language is English (as in code-server here).
    assert.match(d.message, /行政复议·总计 (应为|should be) 4/);
    assert.equal(d.relatedInformation?.length, 4);
    editor.selection = new vscode.Selection(d.range.start, d.range.start);
    await vscode.commands.executeCommand('editor.action.quickFix');
    await screenshot('quick-fix-menu');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
    // The only quick fix at that cell is the one of the sum finding ("将合计改为 4" / "Set the total to 4").
    const fix = actions.find((a) => a.edit && /4/.test(a.title));
    assert.ok(fix, `no quick fix among ${actions.map((a) => a.title).join(', ')}`);
    await vscode.commands.executeCommand('hideSuggestWidget');
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    await waitForDiagnostics(doc.uri, (ds) => ds.length === 0);
  });

  test('3. fix-all on a report with several safe problems leaves it clean, and undo restores it', async () => {
    const { doc } = await showReport('fixable.report.txt');
    const original = doc.getText();
    await waitForDiagnostics(doc.uri, (ds) => ds.filter((x) => codeOf(x) === 'number-format').length === 3);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      new vscode.Range(0, 0, doc.lineCount, 0),
      vscode.CodeActionKind.SourceFixAll.append('govreport').value,
    );
    const fixAll = actions.find((a) => a.kind?.value === 'source.fixAll.govreport' && a.edit);
    assert.ok(fixAll, 'no source.fixAll.govreport action');
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit!));
    await waitForDiagnostics(doc.uri, (ds) => ds.length === 0);
    assert.equal(doc.getText().includes('1,326'), false);
    await vscode.commands.executeCommand('undo');
    await waitForDiagnostics(doc.uri, (ds) => ds.length === 3);
    assert.equal(doc.getText(), original);
  });

  test('4. hover names row and column of a lone "0"; hover on a total shows its parts', async () => {
    const { doc, editor } = await showReport('seed-000.txt');
    await waitForDiagnostics(doc.uri, (d) => d.length === 3);
    // Line 101 holds "0" of 一、本年新收政府信息公开申请数量 · 商业企业.
    const at = new vscode.Position(100, 3);
    assert.equal(doc.getText(new vscode.Range(at, at.translate(0, 1))), '0');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
    const text = hoverText(hovers);
    assert.match(text, /本年新收/);
    assert.match(text, /商业企业/);
    await vscode.commands.executeCommand('workbench.action.closePanel');
    editor.selection = new vscode.Selection(at, at);
    editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand('editor.action.showHover');
    await screenshot('hover-cell');
    const wrong = await showReport('wrong-total.report.txt');
    const total = new vscode.Position(57, 8);
    const totalText = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', wrong.doc.uri, total));
    assert.match(totalText, /结果维持/);
    assert.match(totalText, /尚未审结/);
  });

  test('5. the outline lists the six sections and the three tables', async () => {
    const { doc } = await showReport('seed-000.txt');
    const all = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    // First, on the title: which report was taken as last year's (none for 港门镇 2020 here).
    assert.match(all[0].name, /未找到上年报告|No last year's report found|正在查找上年报告|Looking for last year's report/);
    const symbols = all.slice(1);
    assert.equal(symbols.length, 6);
    assert.deepEqual(symbols.map((s) => s.name.slice(0, 2)), ['一、', '二、', '三、', '四、', '五、', '六、']);
    const tables = symbols.flatMap((s) => s.children).filter((c) => /表/.test(c.name));
    assert.equal(tables.length, 3, symbols.flatMap((s) => s.children.map((c) => c.name)).join(', '));
    await vscode.commands.executeCommand('outline.focus');
    await screenshot('outline');
  });

  test('6. "Validate Report" reports its counts; the workspace command covers every report', async () => {
    await showReport('seed-000.txt');
    const result = await vscode.commands.executeCommand<{ errors: number; warnings: number }>('govreport.validate');
    assert.ok(result);
    assert.equal(result.errors, 0);
    assert.equal(result.warnings, 2);
    const summary = await vscode.commands.executeCommand<{ reports: number; errors: number }>('govreport.validateWorkspace');
    assert.ok(summary);
    // seed-000, seed-002, sample.report, wrong-total, fixable, gb18030-2021, transport-2021 and
    // -2022 (lastyear.test.ts); not notes.txt nor binary.txt.
    assert.equal(summary.reports, 8);
    const seed2 = (await vscode.workspace.findFiles('seed-002.txt'))[0];
    await waitForDiagnostics(seed2, (d) => d.length > 0 && d.every((x) => codeOf(x) === 'blank-cell' || codeOf(x) === 'number-format'));
  });

  test('7. typing a change updates diagnostics without reopening', async () => {
    const { doc, editor } = await showReport('wrong-total.report.txt');
    await waitForDiagnostics(doc.uri, () => true);
    const line = 57;
    const text = doc.lineAt(line).text;
    // The fifth field is 行政复议·总计.
    const col = text.split('\t').slice(0, 4).join('\t').length + 1;
    assert.ok(await editor.edit((e) => e.replace(new vscode.Range(line, col, line, col + 1), '9')));
    const diags = await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'sum-mismatch' && /(实为|found) 9/.test(x.message)));
    assert.ok(diags.some((d) => /行政复议·总计 (应为|should be) 4/.test(d.message)), diags.map((d) => d.message).join('\n'));
  });

  test('8. a sentence the tables contradict shows text-vs-table on its words; undo removes it', async () => {
    const { doc, editor } = await showReport('sample.report.txt');
    await waitForDiagnostics(doc.uri, () => true);
    const line = doc.lineAt(4);
    assert.ok(await editor.edit((e) => e.insert(line.range.end, '本年度共收到政府信息公开申请60件。')));
    const diags = await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'text-vs-table'));
    const d = diags.find((x) => codeOf(x) === 'text-vs-table')!;
    assert.equal(doc.getText(d.range), '收到政府信息公开申请60件');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(d.message, /51/);
    assert.equal(d.relatedInformation?.length, 1);
    await vscode.commands.executeCommand('undo');
    await waitForDiagnostics(doc.uri, (ds) => !ds.some((x) => codeOf(x) === 'text-vs-table'));
    assert.ok(!doc.isDirty);
  });

  test('9. "Validate All Reports in Workspace" reads a GB18030 report; a binary .txt is reported as skipped', async () => {
    // gb18030-2021.txt is wrong-total.report.txt saved as GB18030 under a plain .txt name: it is
    // validated only if its bytes are decoded as GB18030 and the decoded text is detected.
    const gb = (await vscode.workspace.findFiles('gb18030-2021.txt'))[0];
    const binary = (await vscode.workspace.findFiles('binary.txt'))[0];
    assert.ok(gb && binary, 'the e2e workspace lacks gb18030-2021.txt or binary.txt');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === gb.toString()), 'the GB18030 file must be read from disk, not from an editor');
    const summary = await vscode.commands.executeCommand<{ reports: number; skippedBinary: number; skipped: { uri: string; reason: string }[] }>('govreport.validateWorkspace');
    assert.ok(summary);
    assert.equal(summary.reports, 8);
    assert.deepEqual(summary.skipped, [{ uri: binary.toString(), reason: 'binary' }]);
    const diags = await waitForDiagnostics(gb, (ds) => ds.some((x) => codeOf(x) === 'sum-mismatch'));
    const sum = diags.find((x) => codeOf(x) === 'sum-mismatch')!;
    // The same cell as in the UTF-8 original: positions are in the decoded text.
    assert.deepEqual([sum.range.start.line, sum.range.start.character], [57, 8]);
    assert.match(sum.message, /行政复议·总计 (应为|should be) 4/);
    // What decoding noticed went along: the file-encoding rule says it was read as GB18030.
    const enc = diags.find((x) => codeOf(x) === 'file-encoding');
    assert.ok(enc, diags.map((d) => `${codeOf(d)}: ${d.message}`).join('\n'));
    assert.match(enc.message, /GB18030/);
    assert.deepEqual(vscode.languages.getDiagnostics(binary), []);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await screenshot('workspace-gb18030');
  });
});
