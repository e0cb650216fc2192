// Smoke test: the extension is there, activates, and a report file of the workspace opens.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { openWorkspaceFile, repoPath, screenshot, waitForLanguage } from './helpers';

const EXTENSION_ID = 'govreport.govreport';

suite('smoke', () => {
  test('the extension is installed and activates', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
    await ext.activate();
    assert.equal(ext.isActive, true);
    // GOVREPORT_E2E_VSIX (npm test): the extension under test is the installed package, not the
    // repository; it holds the production build (no source maps) and no tests.
    if (process.env.GOVREPORT_E2E_VSIX) {
      assert.notEqual(path.resolve(ext.extensionPath), repoPath(), 'the repository was loaded, not the .vsix');
      assert.equal(fs.existsSync(path.join(ext.extensionPath, 'test')), false, ext.extensionPath);
      assert.equal(fs.existsSync(path.join(ext.extensionPath, 'dist', 'client.js.map')), false, ext.extensionPath);
    }
  });

  test('opening sample.report.txt yields a govreport document', async () => {
    // *.report.txt is contributed to the 'govreport' language by package.json.
    const doc = await waitForLanguage(await openWorkspaceFile('sample.report.txt'), 'govreport');
    assert.match(doc.uri.path, /sample\.report\.txt$/);
    assert.ok(doc.lineCount > 1, 'the sample report is empty');
    assert.match(doc.getText(), /政府信息公开/);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), doc.uri.toString());
    await screenshot('smoke-sample-report');
  });
});
