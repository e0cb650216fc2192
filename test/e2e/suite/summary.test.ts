// The summary view (issues 16, 18) in a real VS Code: Validate All Reports in Workspace offers
// it, it lists a row per report the validation covered (read back from the webview's DOM) with
// the same counts, sorts by a column from its header, opens a row to its findings, and a click on
// a file name opens that report in the editor; light and dark screenshots.
import * as assert from 'node:assert/strict';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import type { GovReportApi } from '../../../client/src/extension';
import type { RenderedSummary } from '../../../client/src/summaryView';
import { clickPage, queryPage, screenshot, waitFor, workspaceUri } from './helpers';

interface Summary {
  reports: number;
  errors: number;
  warnings: number;
  infos: number;
  skipped: { uri: string; reason: string }[];
}

suite('summary view', () => {
  let api: GovReportApi;
  let theme: string | undefined;
  let validated: Summary;
  const runner = () => process.env.GOVREPORT_E2E_SCREENSHOTS !== undefined;

  suiteSetup(async () => {
    api = (await vscode.extensions.getExtension('govreport.govreport')!.activate()) as GovReportApi;
    theme = vscode.workspace.getConfiguration('workbench').inspect<string>('colorTheme')?.globalValue;
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', theme, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  function rendered(what: string, predicate: (r: RenderedSummary) => boolean): Promise<RenderedSummary> {
    return waitFor(
      `the summary view to draw ${what}`,
      () => {
        const r = api.summaryView.rendered();
        return r && predicate(r) ? r : undefined;
      },
      [api.summaryView.onDidRender as vscode.Event<unknown>],
    );
  }

  test('Validate All Reports in Workspace offers the summary; a row per report, as counted', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('notifications.clearAll');
    validated = (await vscode.commands.executeCommand<Summary>('govreport.validateWorkspace'))!;
    assert.ok(validated.reports >= 3, `reports: ${validated.reports}`);
    // The completion message has a Show Summary button: a user clicks it.
    const buttons = await queryPage('summary-notification', '.notifications-toasts .monaco-button', ['text']);
    let opened = false;
    if (buttons) {
      assert.ok(buttons.some((b) => b.text === 'Show Summary' || b.text === '显示检查汇总'), JSON.stringify(buttons));
      opened = (await clickPage('summary-notification-click', '.notifications-toasts .notification-list-item-buttons-container .monaco-button:last-child')) === true;
    }
    if (!opened) assert.equal(await vscode.commands.executeCommand('govreport.showSummary'), true);
    const r = await rendered('every row', (x) => x.allMs !== null && x.drawn === x.rows && x.rows > 0);
    assert.equal(r.rows, validated.reports + validated.skipped.length);

    // The rows as the webview's DOM has them: each file name button with its report's URI.
    const files = await queryPage('summary-files', 'tbody.report button.file', ['data-uri', 'text']);
    if (runner()) {
      assert.ok(files, 'the runner answers');
      assert.equal(files.length, r.rows);
      const uris = new Set(files.map((f) => f['data-uri']));
      for (const name of ['wrong-total.report.txt', 'sample.report.txt', 'gb18030-2021.txt']) assert.ok(uris.has(workspaceUri(name).toString()), name);
      for (const s of validated.skipped) assert.ok(uris.has(s.uri), s.uri);
      // The error counts of the rows add up to the validation's.
      const errors = await queryPage('summary-errors', 'tbody.report tr.main td:nth-child(5)', ['text']);
      assert.equal(errors!.reduce((n, e) => n + (Number(e.text) || 0), 0), validated.errors);
    }
  });

  test('sorts by errors from its header; a row opens to its findings; light and dark screenshots', async () => {
    if (runner()) {
      assert.equal(await clickPage('summary-sort-1', 'th[data-key="errors"]'), true);
      await rendered('sorted by errors, ascending', (x) => x.sort?.key === 'errors' && x.sort.dir === 'ascending');
      assert.equal(await clickPage('summary-sort-2', 'th[data-key="errors"]'), true);
      const r = await rendered('sorted by errors, descending', (x) => x.sort?.key === 'errors' && x.sort.dir === 'descending');
      const first = await queryPage('summary-first', 'tbody.report:first-of-type tr.main td:nth-child(5)', ['text']);
      assert.equal(Number(first![0].text), Math.max(...(await queryPage('summary-all-errors', 'tbody.report tr.main td:nth-child(5)', ['text']))!.map((e) => Number(e.text) || 0)));
      assert.ok(r.first.length > 0);
      // Open the first row (the most errors) to its findings: an error among them.
      assert.equal(await clickPage('summary-expand', 'tbody.report:first-of-type button.toggle'), true);
      const findings = await queryPage('summary-findings', 'tbody.report:first-of-type tr.details li', ['class', 'text']);
      assert.ok(findings && findings.some((f) => f.class === 'sev-error'), JSON.stringify(findings));
    }
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', 'Default Light Modern', vscode.ConfigurationTarget.Global);
    await rendered('in the light theme', (x) => x.theme === 'vscode-light');
    await screenshot('summary-view-light', 15_000, { waitForSelector: 'tbody.report' });
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', 'Default Dark Modern', vscode.ConfigurationTarget.Global);
    await rendered('in the dark theme', (x) => x.theme === 'vscode-dark');
    await screenshot('summary-view-dark', 15_000, { waitForSelector: 'tbody.report' });
  });

  test('a click on a file name opens that report in the editor', async () => {
    const target = workspaceUri('wrong-total.report.txt').toString();
    const opened = waitFor(
      'wrong-total.report.txt in the active editor',
      () => vscode.window.activeTextEditor?.document.uri.toString() === target,
      [vscode.window.onDidChangeActiveTextEditor as vscode.Event<unknown>],
    );
    const clicked = runner() ? await clickPage('summary-open', `button.file[data-uri="${target}"]`) : undefined;
    if (!clicked) assert.ok(api.summaryView.click(target));
    await opened;
  });
});
