// Smoke test: the extension is there, activates, and a report file of the workspace opens.
import * as assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { openWorkspaceFile, screenshot, waitForLanguage } from './helpers';

const EXTENSION_ID = 'govreport.govreport';

suite('smoke', () => {
  test('the extension is installed and activates', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
    await ext.activate();
    assert.equal(ext.isActive, true);
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
