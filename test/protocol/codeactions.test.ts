// Code actions over LSP: quick fixes, fix-all per rule, source.fixAll, and versioned edits.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity, type CodeAction, type Diagnostic, type TextDocumentEdit } from 'vscode-languageserver-protocol/node';
import { check, safeEdits } from '../../core/src';
import { fileUri, seedText, TestClient } from './harness';

function editVersion(a: CodeAction): number | null {
  return (a.edit!.documentChanges![0] as TextDocumentEdit).textDocument.version;
}

describe('code actions', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(async () => {
    await client.stop();
  });

  const actionsFor = (uri: string, diagnostics: Diagnostic[], only?: string[]) =>
    client.conn.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics, only },
    });

  test('quick fix, fix all of a rule, stale edits refused, source.fixAll leaves nothing safe to fix', async () => {
    const uri = fileUri('actions-000.txt');
    const v1 = await client.open(uri, seedText('000'));
    const nf = v1.filter((d) => d.code === 'number-format' && d.severity === DiagnosticSeverity.Warning);
    assert.equal(nf.length, 2);

    // Version 1: a preferred quick fix for the diagnostic, and "fix all" for its rule.
    const actions = await actionsFor(uri, [nf[0]]);
    const quick = actions.find((a) => a.isPreferred);
    assert.ok(quick, JSON.stringify(actions, null, 1));
    assert.equal(quick.kind, 'quickfix');
    assert.deepEqual(quick.diagnostics, [nf[0]]);
    assert.equal(editVersion(quick), 1);
    const fixAllRule = actions.find((a) => /number-format/.test(a.title));
    assert.ok(fixAllRule, 'no fix-all for number-format');
    assert.equal(editVersion(fixAllRule), 1);
    assert.equal((fixAllRule.edit!.documentChanges![0] as TextDocumentEdit).edits.length, 2);
    // No source action unless asked for.
    assert.ok(!actions.some((a) => a.kind?.startsWith('source')));

    // Apply the quick fix: version 2 has one number-format warning left.
    const applied = client.applyEdit(quick.edit!);
    assert.ok(applied.applied);
    const v2 = await client.change(uri, applied.texts.get(uri)!);
    assert.equal(v2.filter((d) => d.code === 'number-format' && d.severity === DiagnosticSeverity.Warning).length, 1);

    // The fix-all computed for version 1 carries version 1: a client holding version 2 refuses it.
    assert.equal(editVersion(fixAllRule), 1);
    assert.equal(client.version(uri), 2);
    assert.equal(client.applyEdit(fixAllRule.edit!).applied, false);

    // A diagnostic of version 1 still gets a fix, computed on the current version.
    const staleDiag = nf[1];
    const fresh = await actionsFor(uri, [staleDiag]);
    const freshQuick = fresh.find((a) => a.isPreferred);
    assert.ok(freshQuick, 'no fix for a diagnostic of the previous version');
    assert.equal(editVersion(freshQuick), 2);

    // source.fixAll applies every safe fix.
    const source = await actionsFor(uri, [], ['source.fixAll']);
    assert.equal(source.length, 1, JSON.stringify(source));
    assert.equal(source[0].kind, 'source.fixAll.govreport');
    assert.equal(editVersion(source[0]), 2);
    const all = client.applyEdit(source[0].edit!);
    assert.ok(all.applied);
    const v3 = await client.change(uri, all.texts.get(uri)!);
    assert.equal(v3.filter((d) => d.severity === DiagnosticSeverity.Warning).length, 0, JSON.stringify(v3));
    // Nothing safe left: the engine agrees, and the server offers no source.fixAll any more.
    assert.equal(safeEdits(check(client.text(uri)).findings).length, 0);
    assert.deepEqual(await actionsFor(uri, [], ['source.fixAll.govreport']), []);
    await client.close(uri);
  });

  test('source.fixAll on a report with several kinds of safe fixes', async () => {
    // Full-width digits, thousands separators, a variant heading: all safe.
    let text = seedText('002');
    text = text.replace('一、总体情况', '一、工作基本情况');
    const uri = fileUri('actions-002.txt');
    const ds = await client.open(uri, text);
    assert.ok(ds.some((d) => d.code === 'section-heading'), JSON.stringify(ds.map((d) => d.code)));
    const [action] = await actionsFor(uri, [], ['source']);
    assert.ok(action && action.kind === 'source.fixAll.govreport');
    const res = client.applyEdit(action.edit!);
    const after = await client.change(uri, res.texts.get(uri)!);
    assert.ok(!after.some((d) => d.code === 'section-heading'));
    assert.equal(safeEdits(check(client.text(uri)).findings).length, 0);
    // Unsafe fixes (blank cells → 0) are offered as quick fixes, never preferred, never in fixAll.
    const blank = after.find((d) => d.code === 'blank-cell')!;
    const quick = await actionsFor(uri, [blank]);
    const fill = quick.find((a) => a.diagnostics?.length === 1 && a.diagnostics[0].code === 'blank-cell');
    assert.ok(fill);
    assert.ok(!fill.isPreferred);
    await client.close(uri);
  });

  test('only: quickfix does not return the source action, and vice versa', async () => {
    const uri = fileUri('actions-only-000.txt');
    const ds = await client.open(uri, seedText('000'));
    const d = ds.find((x) => x.code === 'number-format' && x.severity === DiagnosticSeverity.Warning)!;
    const quick = await actionsFor(uri, [d], ['quickfix']);
    assert.ok(quick.length > 0 && quick.every((a) => a.kind === 'quickfix'));
    const src = await actionsFor(uri, [d], ['source.fixAll.govreport']);
    assert.ok(src.length === 1 && src[0].kind === 'source.fixAll.govreport');
    await client.close(uri);
  });
});
