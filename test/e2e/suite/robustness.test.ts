// Robustness in the editor: the server is restarted after a crash and validation goes on.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { openWorkspaceFile, waitForDiagnostics, waitForLanguage } from './helpers';

function serverPids(extensionPath: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', `${extensionPath}/dist/server.js`], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number)
      .filter((p) => p !== process.pid);
  } catch {
    return [];
  }
}

suite('robustness', () => {
  test('a killed server is restarted and diagnostics keep coming', async () => {
    const ext = vscode.extensions.getExtension('govreport.govreport')!;
    await ext.activate();
    const doc = await waitForLanguage(await openWorkspaceFile('seed-000.txt'), 'govreport');
    const editor = await vscode.window.showTextDocument(doc);
    await waitForDiagnostics(doc.uri, (d) => d.length === 3);
    const before = serverPids(ext.extensionPath);
    assert.equal(before.length, 1, `expected one server process, found ${before.join(', ')}`);
    process.kill(before[0], 'SIGKILL');
    // Validation goes on: a typed edit is diagnosed by a new server process.
    const line = doc.lineAt(66);
    assert.ok(await editor.edit((e) => e.insert(line.range.end, 'x')));
    await waitForDiagnostics(doc.uri, (d) => d.some((x) => /0项x/.test(x.message)), 30_000);
    const after = serverPids(ext.extensionPath);
    assert.equal(after.length, 1);
    assert.notEqual(after[0], before[0]);
    await vscode.commands.executeCommand('undo');
  });
});
