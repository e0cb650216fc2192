// Published files opened as reports (govreport/readPublished, server/src/published.ts) against
// the real server: the answer's fields, the header line, the diagnostics of the read-only
// document (each with its place in the file, the reader's notes on the header line), the hover,
// refusals as errors that say why, and a server that did not convert the file (restarted).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, LSPErrorCodes, type Hover, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { readPublished } from '../../core/src/readers';
import { publishedSourceOf, READ_PUBLISHED_REQUEST, READ_PUBLISHED_RESULT, schemaErrors, type ReadPublishedResult } from '../../protocol/src';
import { ROOT, TestClient } from './harness';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'published');

/** The read-only document's URI of a file: its file: URI with the govreport-published scheme. */
function docUri(path: string): string {
  return pathToFileURL(path).href.replace(/^file:\/\//, 'govreport-published:');
}

describe('published files opened as reports', () => {
  let client: TestClient;
  const dir = mkdtempSync(join(tmpdir(), 'govreport-published-protocol-'));
  before(async () => {
    client = await TestClient.start();
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function read(uri: string): Promise<ReadPublishedResult> {
    const r = await client.conn.sendRequest<ReadPublishedResult>(READ_PUBLISHED_REQUEST.method, { uri });
    assert.deepEqual(schemaErrors(r, READ_PUBLISHED_RESULT), [], JSON.stringify(r).slice(0, 300));
    return r;
  }

  test('the URI names its source file', () => {
    assert.equal(publishedSourceOf('govreport-published:/home/me/a%20b.pdf'), 'file:///home/me/a%20b.pdf');
    assert.equal(publishedSourceOf('govreport-published://server/share/r.docx'), 'file://server/share/r.docx');
    assert.equal(publishedSourceOf('file:///home/me/a.pdf'), undefined);
  });

  test('a PDF with one changed number: the header, one error on page 2, in the hover too', async () => {
    const file = join(FIXTURES, 'generated-2021-changed.pdf');
    const uri = docUri(file);
    const r = await read(uri);
    assert.deepEqual([r.source, r.format, r.pages, r.notes], [pathToFileURL(file).href, 'pdf', 3, 0]);
    const converted = (await readPublished(readFileSync(file), file)).text;
    const [header, ...rest] = r.text.split('\n');
    assert.equal(rest.join('\n'), converted, 'the header line, then the converted text');
    assert.match(header, /^来源：generated-2021-changed\.pdf（PDF） · 第 1 页 → 第 2 行，第 2 页 → 第 \d+ 行，第 3 页 → 第 \d+ 行 · 由 GovReport 转换的只读文本$/);
    const page2 = Number(/第 2 页 → 第 (\d+) 行/.exec(header)![1]);
    const diagnostics = await client.open(uri, r.text);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [['sum-mismatch', DiagnosticSeverity.Error]], JSON.stringify(diagnostics));
    const d = diagnostics[0];
    assert.match(d.message as string, /（五）1\.信访举报投诉类申请·自然人 应为 2.*实为 3（第 2 页）$/);
    assert.ok(d.range.start.line + 1 >= page2, `line ${d.range.start.line + 1} is on page 2 (from line ${page2})`);
    assert.equal(r.text.split('\n')[d.range.start.line].split('\t')[0], '1.信访举报投诉类申请');
    // No fix: the document is read-only.
    const actions = await client.conn.sendRequest<unknown[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics } });
    assert.deepEqual(actions, []);
    const h = await client.conn.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: d.range.start });
    const value = (h?.contents as MarkupContent | undefined)?.value ?? '';
    assert.match(value, /3/);
    assert.match(value, /位于 generated-2021-changed\.pdf：第 2 页/);
    await client.close(uri);
  });

  test('the header is not read as the title: a file named for another year checks clean', async () => {
    // The real 淮安 2024 report, under a name holding 2019 and 年度报告.
    const file = join(dir, '某局2019年政府信息公开工作年度报告.pdf');
    copyFileSync(join(FIXTURES, 'huaian_szf_2024.pdf'), file);
    const uri = docUri(file);
    const r = await read(uri);
    assert.match(r.text, /^来源：某局2019年政府信息公开工作年度报告\.pdf（PDF） · 第 1 页 → 第 2 行/);
    assert.deepEqual(await client.open(uri, r.text), []);
    await client.close(uri);
  });

  test('a scan: the reader\'s note alone, on the header line', async () => {
    const uri = docUri(join(FIXTURES, 'generated-scan.pdf'));
    const r = await read(uri);
    assert.deepEqual([r.pages, r.notes], [0, 1]);
    const diagnostics = await client.open(uri, r.text);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.message, d.range.start.line, d.range.end.line]),
      [['pdf-no-text-layer', '扫描版 PDF：没有文字层，请先进行文字识别（OCR）', 0, 0]],
    );
    await client.close(uri);
  });

  test('refusals: an error that says why, in the server\'s locale', async () => {
    const refused = async (uri: string) => {
      try {
        await client.conn.sendRequest(READ_PUBLISHED_REQUEST.method, { uri });
      } catch (e) {
        return e as { code: number; message: string };
      }
      assert.fail(`${uri} was read`);
    };
    const encrypted = await refused(docUri(join(FIXTURES, 'generated-encrypted.pdf')));
    assert.deepEqual([encrypted.code, encrypted.message], [LSPErrorCodes.RequestFailed, 'generated-encrypted.pdf: 加密的 PDF：需要密码才能打开，请先解除密码保护']);
    const missing = await refused(docUri(join(dir, 'absent.pdf')));
    assert.deepEqual([missing.code, missing.message], [LSPErrorCodes.RequestFailed, 'absent.pdf：无法读取文件（ENOENT）']);
    const other = await refused('file:///a.pdf');
    assert.match(other.message, /not a govreport-published: URI/);
  });

  test('a server that did not convert the file (restarted) converts it when the document opens', async () => {
    const file = join(FIXTURES, 'generated-2021-changed.pdf');
    const uri = docUri(file);
    const text = (await read(uri)).text;
    const fresh = await TestClient.start();
    try {
      // The first check may come before the conversion; the one after it names the page.
      const annotated = fresh.next<{ uri: string; diagnostics: { message: string }[] }>('textDocument/publishDiagnostics', (p) => p.uri === uri && p.diagnostics.some((d) => d.message.endsWith('（第 2 页）')));
      await fresh.open(uri, text);
      const p = await annotated;
      assert.equal(p.diagnostics.length, 1);
    } finally {
      await fresh.stop();
    }
  });
});
