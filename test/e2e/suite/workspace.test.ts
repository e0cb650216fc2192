// Issue 18 in a real VS Code: "Validate All Reports in Workspace" done by the server; results that
// stay when files are opened and closed from the Problems list, follow changes on disk, and stop
// on Cancel. The "bench" suite measures it (run by `npm run bench:e2e`, skipped otherwise).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { clickPage, repoPath, waitFor, waitForDiagnostics, waitForEvent, workspaceUri } from './helpers';

interface Summary {
  reports: number;
  errors: number;
  warnings: number;
  infos: number;
  cancelled: boolean;
  skipped: { uri: string; reason: string }[];
}

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const validateWorkspace = () => vscode.commands.executeCommand<Summary>('govreport.validateWorkspace');

/** The planted error of wrong-total.report.txt (行政复议·总计 5, should be 4) and its correction. */
const WRONG = '2\t1\t0\t1\t5\t';
const RIGHT = '2\t1\t0\t1\t4\t';

/**
 * wrong-total.report.txt as in the repository, not the workspace's copy: earlier suites edit that
 * one, and after the full run its 行政复议·总计 on disk is 9 (scenario 7's edit), so the correction
 * below replaced nothing and the "corrected" file kept its error (the test timed out waiting).
 */
function wrongTotal(): string {
  const text = fs.readFileSync(repoPath('test', 'e2e', 'workspace', 'wrong-total.report.txt'), 'utf8');
  assert.ok(text.includes(WRONG), 'wrong-total.report.txt lacks its planted total: adjust WRONG and RIGHT');
  return text;
}

/** Closes every editor showing `uri` and resolves when VS Code closed its document (didClose). */
async function closeEditorsOf(uri: vscode.Uri): Promise<void> {
  const key = uri.toString();
  const closed = vscode.workspace.textDocuments.some((d) => d.uri.toString() === key)
    ? waitForEvent('the document to close', vscode.workspace.onDidCloseTextDocument, (d) => d.uri.toString() === key)
    : Promise.resolve();
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === key);
  await vscode.window.tabGroups.close(tabs);
  await closed;
}

function total(uris: vscode.Uri[]): number {
  return uris.reduce((n, u) => n + vscode.languages.getDiagnostics(u).length, 0);
}

const anyDiagnostics: vscode.Event<unknown> = vscode.languages.onDidChangeDiagnostics as vscode.Event<unknown>;

suite('workspace validation (issue 18)', () => {
  const dir = 'ws18';
  const names = ['a.report.txt', 'b.report.txt', 'c.report.txt'];
  const uris = () => names.map((n) => workspaceUri(dir, n));

  suiteSetup(() => {
    fs.mkdirSync(workspaceUri(dir).fsPath, { recursive: true });
    for (const n of names) fs.writeFileSync(workspaceUri(dir, n).fsPath, wrongTotal());
  });

  test('results survive opening and closing files from the Problems list', async () => {
    const summary = await validateWorkspace();
    assert.ok(summary && summary.reports >= names.length && !summary.cancelled, JSON.stringify(summary));
    for (const u of uris()) await waitForDiagnostics(u, (d) => d.some((x) => codeOf(x) === 'sum-mismatch'));
    const before = total(uris());
    // What a click in the Problems list does: the workbench opens the file in a preview editor at
    // the problem (vscode.open, not the extension API, whose documents VS Code keeps open for minutes).
    for (const u of uris()) {
      const d = vscode.languages.getDiagnostics(u)[0];
      const opened = waitForEvent('the document to open', vscode.workspace.onDidOpenTextDocument, (x) => x.uri.toString() === u.toString());
      await vscode.commands.executeCommand('vscode.open', u, { preview: true, selection: d.range });
      await opened;
      await closeEditorsOf(u);
    }
    // Still there once every document is closed (the server re-checked each from disk).
    await waitFor('the workspace results back on every closed file', () => total(uris()) === before && uris().every((u) => vscode.languages.getDiagnostics(u).some((x) => codeOf(x) === 'sum-mismatch')), [anyDiagnostics]);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
  });

  test('a file changed on disk outside the editor gets fresh findings', async () => {
    // A report no editor has opened: the files above were opened from the Problems list, and VS
    // Code keeps their documents open in the extension host for minutes after their editors close
    // (changes on disk then reach the server as the document's own edits, not as watcher events).
    const u = workspaceUri(dir, 'd.report.txt');
    fs.writeFileSync(u.fsPath, wrongTotal());
    const summary = await validateWorkspace();
    assert.ok(summary && !summary.cancelled, JSON.stringify(summary));
    await waitForDiagnostics(u, (d) => d.some((x) => codeOf(x) === 'sum-mismatch'));
    fs.writeFileSync(u.fsPath, wrongTotal().replace(WRONG, RIGHT));
    await waitForDiagnostics(u, (d) => !d.some((x) => codeOf(x) === 'sum-mismatch'), 30_000);
    fs.writeFileSync(u.fsPath, wrongTotal());
    await waitForDiagnostics(u, (d) => d.some((x) => codeOf(x) === 'sum-mismatch'), 30_000);
  });

  test('a folder deleted on disk takes the problems of the files under it', async function () {
    // Flaky in code-server on 2 cores, more so while the server's idle warm-up runs (bc1764c:
    // 1 failure in 5; with the 40-round warm-up 4 in 4 when this suite runs alone, 1 in 2 in the
    // whole run): the problems are not cleared within 30 s. The protocol test of the same case
    // (test/protocol/workspace.test.ts) passes every time. Logged in a failing run: the server got
    // no workspace/didChangeWatchedFiles event for ws18-gone at all (neither its files' creation
    // nor the folder's deletion; the next event came 32 s later, for ws18-big), while in passing
    // runs the folder's deletion arrives. The editor's watcher misses a folder made and removed
    // within a second or two under load; nothing the server can act on. Tried again, anew.
    this.retries(2);
    const folder = 'ws18-gone';
    fs.mkdirSync(workspaceUri(folder, 'deep').fsPath, { recursive: true });
    const gone = [workspaceUri(folder, 'x.report.txt'), workspaceUri(folder, 'deep', 'y.report.txt')];
    for (const u of gone) fs.writeFileSync(u.fsPath, wrongTotal());
    const summary = await validateWorkspace();
    assert.ok(summary && !summary.cancelled, JSON.stringify(summary));
    for (const u of gone) await waitForDiagnostics(u, (d) => d.some((x) => codeOf(x) === 'sum-mismatch'));
    // One watcher event, for the folder: its files' problems go with it.
    fs.rmSync(workspaceUri(folder).fsPath, { recursive: true });
    for (const u of gone) await waitForDiagnostics(u, (d) => d.length === 0, 30_000);
    // The other files keep theirs.
    assert.ok(uris().every((u) => vscode.languages.getDiagnostics(u).some((x) => codeOf(x) === 'sum-mismatch')));
  });

  suite('cancel', () => {
    const big = 'ws18-big';
    const count = 3000;
    suiteSetup(() => {
      fs.mkdirSync(workspaceUri(big).fsPath, { recursive: true });
      const text = wrongTotal();
      for (let k = 0; k < count; k++) fs.writeFileSync(workspaceUri(big, `r${String(k).padStart(4, '0')}.report.txt`).fsPath, text);
    });
    suiteTeardown(() => fs.rmSync(workspaceUri(big).fsPath, { recursive: true, force: true }));

    test('Cancel in the progress notification stops the work', async function () {
      const first = workspaceUri(big, 'r0000.report.txt');
      const started = waitForDiagnostics(first, (d) => d.length > 0, 60_000);
      const running = validateWorkspace();
      await started;
      // The notification's own Cancel button, clicked as a user would.
      const clicked = await clickPage('ws-cancel', '.notifications-toasts .monaco-button:has-text("Cancel")');
      if (clicked === undefined) {
        await running;
        this.skip(); // no runner to click (test-electron): nothing to see
      }
      assert.equal(clicked, true, 'the Cancel button of the progress notification was not found');
      const summary = await running;
      assert.ok(summary, 'no summary');
      assert.equal(summary.cancelled, true);
      // Every report of the big folder checked before the cancel has its diagnostics; the rest none.
      let withDiagnostics = 0;
      for (let k = 0; k < count; k++) if (vscode.languages.getDiagnostics(workspaceUri(big, `r${String(k).padStart(4, '0')}.report.txt`)).length > 0) withDiagnostics++;
      assert.ok(withDiagnostics > 0 && withDiagnostics < count, `${withDiagnostics} of ${count} files have diagnostics`);
      assert.ok(summary.reports < count + 10, JSON.stringify(summary));
    });
  });
});

// ---------------------------------------------------------------------------------------------
// The measurement (npm run bench:e2e): a workspace of N generated reports, prepared by bench/e2e.ts.

suite('bench: workspace validation in a real VS Code', () => {
  test('validate N reports, the CLI on the same files, typing latency during the run', async function () {
    const out = process.env.GOVREPORT_E2E_BENCH_OUT;
    if (!out) this.skip();
    this.timeout(30 * 60_000);
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const cli = process.env.GOVREPORT_E2E_CLI!;
    const corpus = path.join(folder, 'corpus');
    const n = fs.readdirSync(corpus).length;
    const rows: Record<string, unknown> = { reports: n };
    // What the server does while idle after its start (its workers warming up) is over before
    // anything is timed: it would slow the CLI's runs down.
    const api = (await vscode.extensions.getExtension('govreport.govreport')!.activate()) as { client?: { sendRequest(method: string, params?: unknown): Promise<unknown> } };
    for (const t0 = Date.now(); Date.now() - t0 < 60_000; await new Promise((r) => setTimeout(r, 100))) {
      const stats = (await api.client?.sendRequest('govreport/debug/stats').catch(() => undefined)) as { workspacePrewarmed?: boolean | null } | undefined;
      if (stats && stats.workspacePrewarmed !== null) break;
    }

    // The CLI on the same files (wall time of the process, start-up included), median of 3.
    const cliMs: number[] = [];
    let cliFindings = 0;
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, [cli, 'check', corpus, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 30 });
      cliMs.push(performance.now() - t0);
      const json = JSON.parse(r.stdout) as { files: { diagnostics?: unknown[] }[] };
      cliFindings = json.files.reduce((s, f) => s + (f.diagnostics?.length ?? 0), 0);
    }
    rows.cliMs = cliMs;
    rows.cliFindings = cliFindings;

    // An open report to type into (outside the corpus), its latency measured before and during.
    const typing = path.join(folder, 'typing.report.txt');
    const doc = await vscode.workspace.openTextDocument(typing);
    const editor = await vscode.window.showTextDocument(doc);
    await waitForDiagnostics(doc.uri, () => true, 60_000);
    const line = doc.getText().split('\n').findIndex((l) => l.startsWith(WRONG));
    assert.ok(line >= 0, 'typing.report.txt lacks the planted total');
    let wrong = true;
    /** Of each edit, how long the workbench took to apply it (editor.edit's round trip), in ms. */
    const applyMs: number[] = [];
    const edit = async (): Promise<number> => {
      wrong = !wrong;
      const t0 = performance.now();
      const done = waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'sum-mismatch') === wrong, 60_000);
      await editor.edit((e) => e.replace(new vscode.Range(line, 8, line, 9), wrong ? '5' : '4'));
      applyMs.push(performance.now() - t0);
      await done;
      return performance.now() - t0;
    };
    // Last year's search of the open report over (its index of the workspace's files is work the
    // server does once, when a report opens, not while someone types).
    for (const t0 = Date.now(); Date.now() - t0 < 60_000; await new Promise((r) => setTimeout(r, 100))) {
      const status = (await api.client?.sendRequest('govreport/validate', { uri: doc.uri.toString() }).catch(() => undefined)) as { lastYear?: string | null } | undefined;
      if (status && status.lastYear !== 'searching') break;
    }
    // The idle baseline: 20 edits before each run and 20 after the last (60 in all: a pause of the
    // machine in one stretch does not make the baseline), each stretch after 2 edits not counted
    // (what a run left to finish, in the extension host and the workbench, is not idle).
    // The server's part of each edit's time: from its didChange to its diagnostics sent.
    const serverEditMs = async () => ((await api.client?.sendRequest('govreport/debug/editLatency')) as number[] | undefined) ?? [];
    const idle: number[] = [];
    const applyIdle: number[] = [];
    const serverIdle: number[] = [];
    const idleEdits = async () => {
      for (let k = 0; k < 2; k++) await edit();
      applyMs.splice(0);
      await serverEditMs();
      for (let k = 0; k < 20; k++) idle.push(await edit());
      applyIdle.push(...applyMs.splice(0));
      serverIdle.push(...(await serverEditMs()));
    };
    await idleEdits();
    // How many files' diagnostics the language client still had to hand to VS Code when an edit
    // was made (vscode-languageclient's private queue; undefined if it has none).
    const queued = () => (api.client as { _diagnosticQueue?: Map<string, unknown> } | undefined)?._diagnosticQueue?.size;

    // The workspace command, timed from the command to its summary (every diagnostic delivered
    // before it), twice: the first run warms the server's engine up, as a reviewer's first run does.
    const runs: { ms: number; diagnostics: number; summary: Summary; during: number[]; queuedAtEdit: (number | undefined)[]; serverDuringMs: number[]; applyMs: number[] }[] = [];
    for (let r = 0; r < 2; r++) {
      if (r > 0) await idleEdits();
      const during: number[] = [];
      const queuedAtEdit: (number | undefined)[] = [];
      let finished = false;
      const t0 = performance.now();
      const running = validateWorkspace().then((s) => {
        finished = true;
        return s;
      });
      // Typing while it runs (as many edits as fit).
      while (!finished) {
        queuedAtEdit.push(queued());
        during.push(await edit());
      }
      const summary = (await running)!;
      const ms = performance.now() - t0;
      let diagnostics = 0;
      for (const [uri, ds] of vscode.languages.getDiagnostics()) if (uri.fsPath.startsWith(corpus + path.sep)) diagnostics += ds.length;
      runs.push({ ms, diagnostics, summary, during, queuedAtEdit, serverDuringMs: await serverEditMs(), applyMs: applyMs.splice(0) });
    }
    rows.runs = runs;
    await idleEdits();
    rows.typingIdleMs = idle;
    rows.applyIdleMs = applyIdle;
    rows.serverIdleMs = serverIdle;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.writeFileSync(out, JSON.stringify(rows, null, 2));
  });
});
