// Hover, symbols, inlay hints, folding and the custom requests, over LSP.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { SymbolKind, type DocumentSymbol, type FoldingRange, type Hover, type InlayHint, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { parseReport } from '../../core/src';
import { fileUri, positionAt, seedPath, seedText, TestClient } from './harness';

describe('features', () => {
  let client: TestClient;
  const uri000 = fileUri('features-000.txt');
  const text000 = seedText('000');
  before(async () => {
    client = await TestClient.start();
    await client.open(uri000, text000);
  });
  after(async () => {
    await client.stop();
  });

  async function hoverAt(uri: string, text: string, offset: number): Promise<string | null> {
    const h = await client.conn.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionAt(text, offset) });
    return h ? (h.contents as MarkupContent).value : null;
  }

  test('hover on a cell of a one-cell-per-line table names table, row and column', async () => {
    const cell = parseReport(text000).cells.get('t3/main/r1/natural')!;
    const value = await hoverAt(uri000, text000, cell.start);
    assert.ok(value, 'no hover');
    assert.match(value, /表三/);
    assert.match(value, /行：（一）予以公开/);
    assert.match(value, /列：自然人/);
    assert.match(value, /值：\*\*0\*\*/);
    // The blank-padded cells say how they are counted.
    const b8 = parseReport(text000).cells.get('t2/b8/fees/previous')!;
    const odd = await hoverAt(uri000, text000, b8.start + 1);
    assert.match(odd!, /0项/);
    assert.match(odd!, /单位/);
  });

  test('hover on a total: the verdict first, the formula with every part, its other relations', async () => {
    const cell = parseReport(text000).cells.get('t3/main/r7/total')!;
    const value = (await hoverAt(uri000, text000, cell.start))!;
    assert.match(value, /^✓ \*\*写明 0，计算 0\*\*\n\n/);
    assert.match(value, /T3-row/);
    assert.match(value, /总计 = 自然人 \+ 商业企业 \+ 科研机构 \+ 社会公益组织 \+ 法律服务机构 \+ 其他/);
    assert.match(value, /\| 自然人 \| 商业企业 \| 科研机构 \| 社会公益组织 \| 法律服务机构 \| 其他 \|\n\|--:\|--:\|--:\|--:\|--:\|--:\|\n\| 0 \| 0 \| 0 \| 0 \| 0 \| 0 \|/);
    assert.match(value, /✓ 办理结果总计（T3-results）：写明 0，计算 0/);
    assert.match(value, /✓ 勾稽关系（T3-balance）：左边 0 = 右边 0/);
  });

  test('hover on a total that is wrong shows written vs computed', async () => {
    const text = seedText('003');
    const r = parseReport(text);
    const total = r.cells.get('t3/main/new/total')!;
    const broken = text.slice(0, total.start) + '7' + text.slice(total.end);
    const uri = fileUri('features-broken-003.txt');
    await client.open(uri, broken);
    const value = (await hoverAt(uri, broken, total.start))!;
    assert.match(value, /^✗ \*\*写明 7，按勾稽关系应为 0\*\*\n\n/);
    await client.close(uri);
  });

  test('hover on a row label gives the row numbers and its total', async () => {
    const row = parseReport(text000).tables.t3!.blocks[0].rows.find((r) => r.def.id === 'r7')!;
    const value = (await hoverAt(uri000, text000, row.labelStart + 1))!;
    assert.match(value, /\*\*（七）总计\*\*/);
    assert.match(value, /\| 自然人 \| 商业企业 \|/);
    assert.match(value, /总计：\*\*0\*\* ✓/);
    // Prose is not a table: no hover.
    assert.equal(await hoverAt(uri000, text000, text000.indexOf('一、总体情况') + 8), null);
  });

  test('hover is in English when the client runs in English', async () => {
    const en = await TestClient.start({ initializationOptions: { locale: 'en-US' } });
    try {
      const uri = fileUri('features-en.txt');
      const ds = await en.open(uri, text000);
      assert.match(ds[0].message as string, /[A-Za-z]{4,}/);
      const cell = parseReport(text000).cells.get('t3/main/r7/total')!;
      const h = await en.conn.sendRequest<Hover>('textDocument/hover', { textDocument: { uri }, position: positionAt(text000, cell.start) });
      assert.match((h.contents as MarkupContent).value, /Column: 总计/);
      assert.match((h.contents as MarkupContent).value, /^✓ \*\*written 0, computed 0\*\*\n/);
    } finally {
      await en.stop();
    }
  });

  test('document symbols: six sections, three tables inside sections 二, 三, 四', async () => {
    for (const prefix of ['000', '002', '003']) {
      const uri = fileUri(`symbols-${prefix}.txt`);
      const text = seedText(prefix);
      if (prefix !== '000') await client.open(uri, text);
      const symbols = await client.conn.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: prefix === '000' ? uri000 : uri } });
      const sections = symbols.filter((s) => s.kind === SymbolKind.Namespace);
      assert.equal(sections.length, 6, `${prefix}: ${symbols.map((s) => s.name).join(', ')}`);
      assert.match(sections[0].name, /一、总体情况/);
      const tables = sections.flatMap((s) => (s.children ?? []).filter((c) => c.kind === SymbolKind.Struct).map((c) => [s.name[0], c] as const));
      assert.deepEqual(
        tables.map(([ordinal]) => ordinal),
        ['二', '三', '四'],
      );
      const t3 = tables[1][1];
      assert.ok(t3.children!.length >= 23, `${prefix}: t3 rows ${t3.children!.length}`);
      const r7 = t3.children!.find((c) => c.name === '（七）总计')!;
      assert.match(r7.detail!, /^总计 /);
      // Selection inside range, everywhere.
      const inside = (s: DocumentSymbol): void => {
        const before = (a: { line: number; character: number }, b: { line: number; character: number }) => a.line < b.line || (a.line === b.line && a.character <= b.character);
        assert.ok(before(s.range.start, s.selectionRange.start) && before(s.selectionRange.end, s.range.end), `${s.name}: selection outside range`);
        for (const c of s.children ?? []) inside(c);
      };
      symbols.forEach(inside);
      if (prefix !== '000') await client.close(uri);
    }
  });

  test('inlay hints name the column beside each value of a one-cell-per-line table', async () => {
    const hints = await client.conn.sendRequest<InlayHint[]>('textDocument/inlayHint', {
      textDocument: { uri: uri000 },
      range: { start: { line: 0, character: 0 }, end: { line: 9999, character: 0 } },
    });
    assert.ok(hints.length >= 190, `only ${hints.length} hints`);
    const labels = new Set(hints.map((h) => h.label as string));
    for (const l of ['自然人', '总计', '本年新制作数量', '行政复议·结果维持']) assert.ok(labels.has(l), `no hint ${l}`);
    // A visible range gets only its own hints.
    const cell = parseReport(text000).cells.get('t3/main/r1/natural')!;
    const p = positionAt(text000, cell.start);
    const few = await client.conn.sendRequest<InlayHint[]>('textDocument/inlayHint', {
      textDocument: { uri: uri000 },
      range: { start: { line: p.line, character: 0 }, end: { line: p.line + 1, character: 0 } },
    });
    assert.deepEqual(
      few.map((h) => h.label),
      ['自然人'],
    );
  });

  test('inlay hints: auto is off for a row-per-line report; the setting is respected', async () => {
    const uri = fileUri('inlay-002.txt');
    await client.open(uri, seedText('002'));
    const range = { start: { line: 0, character: 0 }, end: { line: 9999, character: 0 } };
    assert.deepEqual(await client.conn.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range }), []);
    client.perUri.set(uri, { inlayHints: { enable: 'on' } });
    client.perUri.set(uri000, { inlayHints: { enable: 'off' } });
    const republished = client.nextDiagnostics(uri);
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { govreport: {} } });
    await republished;
    const on = await client.conn.sendRequest<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range });
    assert.ok(on.length > 100, `on: ${on.length}`);
    assert.deepEqual(await client.conn.sendRequest('textDocument/inlayHint', { textDocument: { uri: uri000 }, range }), []);
    client.perUri.delete(uri);
    client.perUri.delete(uri000);
    const back = client.nextDiagnostics(uri000);
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { govreport: {} } });
    await back;
    await client.close(uri);
  });

  test('folding ranges cover each section and each table', async () => {
    const ranges = await client.conn.sendRequest<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: uri000 } });
    const r = parseReport(text000);
    for (const s of r.sections) assert.ok(ranges.some((f) => f.startLine === s.line), `no fold for section ${s.text}`);
    for (const t of Object.values(r.tables)) {
      const line = r.lineIndex.positionAt(t!.start).line;
      assert.ok(ranges.some((f) => f.startLine === line && f.endLine > line), `no fold for ${t!.def.id}`);
    }
    for (const f of ranges) assert.ok(f.endLine > f.startLine);
  });

  test('one analysis per version, shared by every feature', async () => {
    const uri = fileUri('shared-003.txt');
    const text = seedText('003');
    await client.open(uri, text);
    const stats = () => client.conn.sendRequest<{ analyses: number }>('govreport/debug/stats');
    const before = (await stats()).analyses;
    const doc = { textDocument: { uri } };
    const range = { start: { line: 0, character: 0 }, end: { line: 9999, character: 0 } };
    await client.conn.sendRequest('textDocument/hover', { ...doc, position: { line: 120, character: 3 } });
    await client.conn.sendRequest('textDocument/documentSymbol', doc);
    await client.conn.sendRequest('textDocument/foldingRange', doc);
    await client.conn.sendRequest('textDocument/inlayHint', { ...doc, range });
    await client.conn.sendRequest('textDocument/codeAction', { ...doc, range, context: { diagnostics: [], only: ['source.fixAll'] } });
    await client.conn.sendRequest('govreport/validate', { uri });
    await client.conn.sendRequest('govreport/showTables', { uri });
    assert.equal((await stats()).analyses, before);
    // A new version: analysed once, whoever asks first.
    await client.change(uri, text + '\n');
    await client.conn.sendRequest('textDocument/hover', { ...doc, position: { line: 120, character: 3 } });
    await client.conn.sendRequest('textDocument/documentSymbol', doc);
    assert.equal((await stats()).analyses, before + 1);
    await client.close(uri);
  });

  test('govreport/validate: an open document, a text, publishes and counts', async () => {
    const published = client.nextDiagnostics(uri000);
    const res = await client.conn.sendRequest<Record<string, unknown>>('govreport/validate', { uri: uri000 });
    assert.deepEqual(
      { errors: res.errors, warnings: res.warnings, infos: res.infos, hints: res.hints, formatVersion: res.formatVersion, year: res.year, diagnostics: res.diagnostics },
      { errors: 0, warnings: 2, infos: 1, hints: 0, formatVersion: '2019', year: 2020, diagnostics: 3 },
    );
    assert.equal((await published).diagnostics.length, 3);
    // A document the server does not hold (e.g. still plain text in the editor).
    const other = fileUri('validate-001-plain.txt');
    const otherPublished = client.nextDiagnostics(other);
    const res2 = await client.conn.sendRequest<Record<string, unknown>>('govreport/validate', { uri: other, text: seedText('001') });
    const ds = (await otherPublished).diagnostics;
    assert.equal(res2.diagnostics, ds.length);
    assert.equal(res2.errors, 0);
    assert.ok((res2.warnings as number) > 0);
    assert.equal(res2.year, 2020);
  });

  test('govreport/showTables: open document, given text, file on disk', async () => {
    const open = await client.conn.sendRequest<{ text: string }>('govreport/showTables', { uri: uri000 });
    assert.match(open.text, /== 表三（收到和处理政府信息公开申请情况） ==/);
    assert.match(open.text, /格式版本 2019/);
    const disk = await client.conn.sendRequest<{ text: string }>('govreport/showTables', { uri: pathToFileURL(seedPath('004')).href });
    assert.match(disk.text, /18660\.02万元/);
    const given = await client.conn.sendRequest<{ text: string }>('govreport/showTables', { uri: 'untitled:Untitled-1', text: seedText('002') });
    assert.match(given.text, /版式 row-per-line/);
    await assert.rejects(client.conn.sendRequest('govreport/showTables', { uri: pathToFileURL('/nonexistent/x.txt').href }));
  });
});
