// The summary view (issues 16, 18) in a real VS Code: Validate All Reports in Workspace offers
// it, it lists a row per report the validation covered (read back from the webview's DOM) with
// the same counts, sorts by a column from its header (on the data: the rows drawn again in the
// new order, each with its aria-rowindex), filters by file name or body from its filter box,
// opens a row to its findings, and a click on a file name opens that report in the editor; light
// and dark screenshots.
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
    // The toast may already be gone, or another (an earlier run's progress) may be on top: then the
    // command opens the view, as the palette would.
    if (buttons?.some((b) => b.text === 'Show Summary' || b.text === '显示检查汇总')) {
      opened = (await clickPage('summary-notification-click', '.notifications-toasts .notification-list-item-buttons-container .monaco-button:last-child')) === true;
    }
    if (!opened) assert.equal(await vscode.commands.executeCommand('govreport.showSummary'), true);
    const r = await rendered('every row', (x) => x.rows > 0 && x.drawn === x.rows && x.shown === x.rows);
    // Every report the validation covered and every file it skipped has its row; open reports it
    // did not cover (earlier suites leave some open: a PDF's read-only document) have theirs too.
    assert.ok(r.rows >= validated.reports + validated.skipped.length, `${r.rows} rows, ${validated.reports} reports, ${validated.skipped.length} skipped`);

    // The rows as the webview's DOM has them: each file name button with its report's URI.
    const files = await queryPage('summary-files', 'tbody.report button.file', ['data-uri', 'text']);
    if (runner()) {
      assert.ok(files, 'the runner answers');
      assert.equal(files.length, r.rows);
      const uris = new Set(files.map((f) => f['data-uri']));
      for (const name of ['wrong-total.report.txt', 'sample.report.txt', 'gb18030-2021.txt']) assert.ok(uris.has(workspaceUri(name).toString()), name);
      for (const s of validated.skipped) assert.ok(uris.has(s.uri), s.uri);
      // The error counts of the rows add up to the validation's at least (open reports it did not
      // cover add theirs).
      const errors = await queryPage('summary-errors', 'tbody.report tr.main td:nth-child(5)', ['text']);
      assert.ok(errors!.reduce((n, e) => n + (Number(e.text) || 0), 0) >= validated.errors);
      // A grid that says how many rows it has (the header's included), each row where it is.
      const grid = await queryPage('summary-grid', 'table.summary', ['role', 'aria-rowcount']);
      assert.deepEqual(grid, [{ role: 'grid', 'aria-rowcount': String(r.rows + 1) }]);
    }
  });

  /** The rows in the webview's DOM, in order: each row's index and file. */
  async function domRows(name: string): Promise<{ index: number; file: string; errors: number }[]> {
    const mains = await queryPage(`${name}-rows`, 'tbody.report tr.main', ['aria-rowindex']);
    const files = await queryPage(`${name}-files`, 'tbody.report tr.main button.file', ['text']);
    const errors = await queryPage(`${name}-errors`, 'tbody.report tr.main td:nth-child(5)', ['text']);
    assert.ok(mains && files && errors);
    assert.equal(mains.length, files.length);
    return mains.map((m, k) => ({ index: Number(m['aria-rowindex']), file: files[k].text!, errors: Number(errors[k]?.text) || 0 }));
  }

  test('sorts by errors from its header; a row opens to its findings; light and dark screenshots', async () => {
    if (runner()) {
      assert.equal(await clickPage('summary-sort-1', 'th[data-key="errors"]'), true);
      await rendered('sorted by errors, ascending', (x) => x.sort?.key === 'errors' && x.sort.dir === 'ascending');
      assert.equal(await clickPage('summary-sort-2', 'th[data-key="errors"]'), true);
      const r = await rendered('sorted by errors, descending', (x) => x.sort?.key === 'errors' && x.sort.dir === 'descending');
      // The rows as drawn: in the order the data was sorted in, most errors first, numbered 2, 3, …
      const rows = await domRows('summary-sorted');
      assert.deepEqual(
        rows.map((x) => x.index),
        rows.map((_, k) => k + 2),
      );
      assert.deepEqual(
        rows.map((x) => x.file),
        r.shownFirst.slice(0, rows.length),
      );
      for (let k = 1; k < rows.length; k++) assert.ok(rows[k - 1].errors >= rows[k].errors, JSON.stringify(rows));
      assert.ok(rows[0].errors > 0);
      // The header sorted by keeps the focus (it was not drawn again) and says how it sorts.
      const th = await queryPage('summary-th', 'th[data-key="errors"]', ['aria-sort']);
      assert.deepEqual(th, [{ 'aria-sort': 'descending' }]);
      // Open the first row (the most errors) to its findings: an error among them.
      assert.equal(await clickPage('summary-expand', 'tbody.report:has(tr.main[aria-rowindex="2"]) button.toggle'), true);
      // Its findings are asked of the extension when it opens (the rows come without them).
      await rendered("the first row's findings", (x) => x.why === 'findings');
      const findings = await queryPage('summary-findings', 'tbody.report:has(tr.main[aria-rowindex="2"]) tr.details li', ['class', 'text']);
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

  test('the filter box keeps the rows whose file or body has the words typed, sorted as before', async () => {
    const all = api.summaryView.rendered()!;
    // (wrong-total.pdf, made by the published files' suite, would match "wrong-total" too.)
    assert.ok(api.summaryView.filter('WRONG-total.REPORT'));
    const r = await rendered('filtered', (x) => x.why === 'filter' && x.filter === 'WRONG-total.REPORT');
    assert.equal(r.shown, 1);
    assert.equal(r.rows, all.rows);
    assert.deepEqual(r.sort, all.sort);
    if (runner()) {
      const rows = await domRows('summary-filtered');
      assert.deepEqual(
        rows.map((x) => [x.index, x.file]),
        [[2, 'wrong-total.report.txt']],
      );
      const grid = await queryPage('summary-filtered-grid', 'table.summary', ['aria-rowcount']);
      assert.deepEqual(grid, [{ 'aria-rowcount': '2' }]);
      const status = await queryPage('summary-filtered-status', '.shown', ['text']);
      assert.ok(status?.[0]?.text?.includes(String(all.rows)), JSON.stringify(status));
    }
    // A body: the rows of that body only (sample and wrong-total are 示例市示例区人民政府's).
    assert.ok(api.summaryView.filter('示例区'));
    const body = await rendered('filtered by body', (x) => x.why === 'filter' && x.filter === '示例区');
    assert.ok(body.shown >= 2 && body.shown < all.rows, JSON.stringify(body));
    assert.ok(api.summaryView.filter(''));
    const back = await rendered('unfiltered', (x) => x.why === 'filter' && x.filter === '');
    assert.equal(back.shown, all.rows);
    assert.deepEqual(back.shownFirst, all.shownFirst);
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
