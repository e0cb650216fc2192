// Position encodings (LSP 3.17 general.positionEncodings): negotiated at initialize, and every
// position the server sends or receives counted in that encoding, on a line of Chinese text
// (test/protocol/broken.ts: U+3000, CJK, and 𠮷 outside the BMP before the wrong cell).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, DocumentSymbol, FoldingRange, Hover, InlayHint, MarkupContent, Position, Range, TextDocumentEdit } from 'vscode-languageserver-protocol/node';
import { check } from '../../core/src';
import { brokenReport, BROKEN_LABEL, BROKEN_LINE, columnIn, utf16Column, type Encoding } from './broken';
import { CAPABILITIES, fileUri, TestClient } from './harness';

const text = brokenReport();
const lines = text.split(/\r\n|\r|\n/);
const LINE = lines.indexOf(BROKEN_LINE);
const lineStarts = [0];
for (const m of text.matchAll(/\r\n|\r|\n/g)) lineStarts.push(m.index + m[0].length);

/** A position in `encoding` → UTF-16 offset of the text, converted test-side. */
function offsetOf(p: Position, encoding: Encoding): number {
  return lineStarts[p.line] + utf16Column(lines[p.line], p.character, encoding);
}

/** A UTF-16 offset → a position in `encoding`, converted test-side. */
function positionOf(offset: number, encoding: Encoding): Position {
  let line = 0;
  while (line + 1 < lineStarts.length && lineStarts[line + 1] <= offset) line++;
  return { line, character: columnIn(lines[line], offset - lineStarts[line], encoding) };
}

function withEncodings(offered: string[] | undefined) {
  return { ...CAPABILITIES, general: offered ? { positionEncodings: offered } : undefined };
}

describe('position encodings: negotiation', () => {
  const cases: [string[] | undefined, Encoding][] = [
    [undefined, 'utf-16'],
    [['utf-16'], 'utf-16'],
    [['utf-8'], 'utf-8'],
    [['utf-32'], 'utf-32'],
    [['utf-32', 'utf-8', 'utf-16'], 'utf-32'],
    [['utf-8', 'utf-16'], 'utf-8'],
    [['latin-1', 'utf-8'], 'utf-8'],
    [['latin-1'], 'utf-16'],
  ];
  for (const [offered, expected] of cases) {
    test(`client offers ${JSON.stringify(offered)}: the server answers ${expected}`, async () => {
      const client = await TestClient.start({ capabilities: withEncodings(offered) });
      try {
        assert.equal(client.initializeResult?.capabilities.positionEncoding, expected);
      } finally {
        await client.stop();
      }
    });
  }
});

const engine = check(text, {});
const sum = engine.findings.find((f) => f.rule === 'sum-mismatch')!;
const lineStart = lineStarts[LINE];

for (const encoding of ['utf-16', 'utf-8', 'utf-32'] as const) {
  describe(`position encoding ${encoding} on a line holding U+3000, CJK and 𠮷`, () => {
    let client: TestClient;
    let diagnostics: Diagnostic[];
    const uri = fileUri(`encoding-${encoding}.txt`);
    // The wrong 5: UTF-16 column 22, code point 21, byte 38.
    const col = { 'utf-16': 22, 'utf-32': 21, 'utf-8': 38 }[encoding];

    before(async () => {
      client = await TestClient.start({ capabilities: withEncodings([encoding]), settings: { inlayHints: { enable: 'on' } } });
      diagnostics = await client.open(uri, text);
    });
    after(async () => {
      await client.stop();
    });

    test('the sum error lies on the wrong cell, counted in the encoding', () => {
      assert.equal(sum.start - lineStart, 22);
      assert.equal(columnIn(BROKEN_LINE, 22, encoding), col);
      const d = diagnostics.find((x) => x.code === 'sum-mismatch');
      assert.ok(d, JSON.stringify(diagnostics.map((x) => x.code)));
      assert.deepEqual(d.range, { start: { line: LINE, character: col }, end: { line: LINE, character: col + 1 } });
    });

    test('every diagnostic and related location maps back to the engine offsets', () => {
      assert.equal(diagnostics.length, engine.findings.length);
      diagnostics.forEach((d, k) => {
        const f = engine.findings[k];
        assert.deepEqual([offsetOf(d.range.start, encoding), offsetOf(d.range.end, encoding)], [f.start, f.end], `${d.code} ${JSON.stringify(d.range)}`);
        (d.relatedInformation ?? []).forEach((r, j) => {
          assert.deepEqual([offsetOf(r.location.range.start, encoding), offsetOf(r.location.range.end, encoding)], [f.related![j].start, f.related![j].end]);
        });
      });
    });

    test('hover: the position is read in the encoding, the range given in it', async () => {
      const h = await client.conn.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: LINE, character: col } });
      assert.ok(h);
      // (The figures, whatever the hover's wording: written 5, computed 0.)
      assert.match((h.contents as MarkupContent).value, /写明 \**5\b/);
      assert.match((h.contents as MarkupContent).value, /(计算|应为) \**0\b/);
      assert.deepEqual(h.range, { start: { line: LINE, character: col }, end: { line: LINE, character: col + 1 } });
      // Inside the label: on 总 (UTF-16 4, byte 12), the row's hover.
      const label = await client.conn.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: LINE, character: columnIn(BROKEN_LINE, 4, encoding) } });
      assert.match((label!.contents as MarkupContent).value, /（七）总计/);
      assert.notDeepEqual(label!.range, h.range);
    });

    test('document symbols: the row (七) starts after the U+3000 and ends after 𠮷', async () => {
      const symbols = await client.conn.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      const all: DocumentSymbol[] = [];
      const walk = (s: DocumentSymbol) => (all.push(s), s.children?.forEach(walk));
      symbols.forEach(walk);
      const row = all.find((s) => s.name.includes('（七）总计') && s.selectionRange.start.line === LINE);
      assert.ok(row, all.map((s) => s.name).join(' | '));
      assert.deepEqual(row.selectionRange, {
        start: { line: LINE, character: columnIn(BROKEN_LINE, 1, encoding) },
        end: { line: LINE, character: columnIn(BROKEN_LINE, BROKEN_LABEL.length, encoding) },
      });
    });

    test('code action: the edit replaces exactly the 5', async () => {
      const d = diagnostics.find((x) => x.code === 'sum-mismatch')!;
      const actions = await client.conn.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
      const fix = actions.find((a) => a.title === '改为 0');
      assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
      const edits = (fix.edit!.documentChanges![0] as TextDocumentEdit).edits;
      assert.deepEqual(edits, [{ range: d.range, newText: '0' }]);
    });

    test('inlay hints: asked for the line in the encoding, placed after each cell in it', async () => {
      const range: Range = { start: { line: LINE, character: 0 }, end: { line: LINE, character: columnIn(BROKEN_LINE, BROKEN_LINE.length, encoding) } };
      const hints = await client.conn.sendRequest<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range });
      const total = hints.find((h) => h.label === '总计');
      assert.ok(total, JSON.stringify(hints));
      assert.deepEqual(total.position, { line: LINE, character: col + 1 });
      assert.equal(hints.filter((h) => h.position.line === LINE).length, 7);
    });

    test('folding ranges are lines: the same in every encoding', async () => {
      const folds = await client.conn.sendRequest<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
      assert.ok(folds.length > 0);
      assert.ok(folds.every((f) => f.startCharacter === undefined && f.endCharacter === undefined));
    });

    test('an incremental change is read in the encoding: replacing the 5 by 0 clears the error', async () => {
      const version = client.version(uri) + 1;
      const published = client.nextDiagnostics(uri, version);
      // The change names the 5 in the encoding; a server counting UTF-16 would replace a tab.
      const range = { start: { line: LINE, character: col }, end: { line: LINE, character: col + 1 } };
      await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: '0' }] });
      const after = (await published).diagnostics;
      assert.equal(after.filter((x) => x.severity === 1).length, 0, JSON.stringify(after.filter((x) => x.severity === 1)));
      assert.equal(after.length, engine.findings.length - 1);
      // Two changes in one notification, the second computed on the text the first left: insert
      // "𠮷" before the label (4 bytes, 2 units, 1 code point), then change the 0 (now one
      // character further right) back to 5.
      const v2 = version + 1;
      const again = client.nextDiagnostics(uri, v2);
      const shifted = col + columnIn('𠮷', 2, encoding);
      await client.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: v2 },
        contentChanges: [
          { range: { start: { line: LINE, character: 0 }, end: { line: LINE, character: 0 } }, text: '𠮷' },
          { range: { start: { line: LINE, character: shifted }, end: { line: LINE, character: shifted + 1 } }, text: '5' },
        ],
      });
      const d = (await again).diagnostics.find((x) => x.code === 'sum-mismatch');
      assert.ok(d, 'the 5 is back: the sum error again');
      assert.deepEqual(d.range.start, { line: LINE, character: shifted });
    });
  });
}
