// The readers' bounds (SECURITY.md): a zip bomb stops at the inflate limit, deep nesting is
// bounded, converted text over its limit stops, old binary formats get their message; every
// refusal is a ReaderError, quickly.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { DEFAULT_READER_LIMITS, documentXmlToText, hasReader, htmlToText, readPublished, ReaderError } from '../../core/src/readers';
import { sniffFormat } from '../../core/src/readers/source';
import { docxOfModel, report2021Model } from './readers-helpers';

const isCode = (code: string) => (e: unknown) => {
  assert.ok(e instanceof ReaderError, String(e));
  assert.equal(e.code, code, e.message);
  return true;
};

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/** A .docx whose document.xml is an XML start then zeros, `size` bytes, deflated. */
function bomb(size: number): Uint8Array {
  const data = new Uint8Array(size);
  data.set(strToU8(`<w:document ${W}><w:body>`));
  return zipSync({ '_rels/.rels': strToU8('<Relationships/>'), 'word/document.xml': data }, { level: 1 });
}

describe('reader bounds', () => {
  // Built once (zipping 100 MB takes a few seconds).
  let bomb100: Uint8Array | undefined;
  const hundred = () => (bomb100 ??= bomb(100_000_000));

  it('a zip bomb (a deflate stream of 100 MB of zeros, under 100 kB) stops at the 50 MB limit, at once', async () => {
    const b = hundred();
    assert.ok(b.length < 1_000_000, `${b.length} bytes`);
    const t = performance.now();
    await assert.rejects(readPublished(b, 'bomb.docx'), (e: unknown) => {
      isCode('zip-too-large')(e);
      assert.match((e as ReaderError).zh, /50 MB/);
      assert.match((e as ReaderError).en, /more than the 50 MB limit \(possibly a zip bomb\)/);
      return true;
    });
    assert.ok(performance.now() - t < 3000, `${performance.now() - t} ms`);
  });

  it('the same bomb claiming a size of 1,000 bytes: inflated only up to the limit (the size is not trusted)', async () => {
    const b = hundred().slice();
    // Rewrite the claimed size of word/document.xml in the central directory.
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    let patched = 0;
    for (let p = 0; p + 46 < b.length; p++) {
      if (view.getUint32(p, true) === 0x02014b50 && new TextDecoder().decode(b.subarray(p + 46, p + 46 + view.getUint16(p + 28, true))) === 'word/document.xml') {
        view.setUint32(p + 24, 1000, true);
        patched++;
      }
    }
    assert.equal(patched, 1);
    const t = performance.now();
    await assert.rejects(readPublished(b, 'bomb.docx'), isCode('zip-too-large'));
    assert.ok(performance.now() - t < 3000, `${performance.now() - t} ms`);
  });

  it('deeply nested Word XML (100,000 levels): ReaderError at the depth limit', () => {
    const n = 100_000;
    const xml = `<w:document ${W}><w:body>${'<w:sdt><w:sdtContent>'.repeat(n)}<w:p><w:r><w:t>x</w:t></w:r></w:p>${'</w:sdtContent></w:sdt>'.repeat(n)}</w:body></w:document>`;
    const t = performance.now();
    assert.throws(() => documentXmlToText(xml), isCode('docx-too-deep'));
    assert.ok(performance.now() - t < 2000);
  });

  it('deeply nested HTML (100,000 divs, 100,000 tables, 100,000 stray close tags): read in bounded time', () => {
    const n = 100_000;
    let t = performance.now();
    assert.equal(htmlToText(`${'<div>'.repeat(n)}深处${'</div>'.repeat(n)}`).text, '深处\n');
    assert.equal(htmlToText(`${'<div>'.repeat(n)}深处${'</b>'.repeat(n)}`).text, '深处\n');
    const tables = htmlToText(`${'<table><tr><td>'.repeat(n)}深处<td>1${'</td></tr></table>'.repeat(n)}`);
    assert.ok(tables.text.includes('深处'));
    assert.ok(performance.now() - t < 5000, `${performance.now() - t} ms`);
    t = performance.now();
    // Many cells and spans: the grid is bounded by the text limit before it is built.
    const wide = `<table><tr>${'<td colspan="1000" rowspan="65534">x</td>'.repeat(20_000)}</tr><tr><td>1</td></tr></table>`;
    assert.throws(() => htmlToText(wide), isCode('text-too-large'));
    assert.ok(performance.now() - t < 5000, `${performance.now() - t} ms`);
  });

  it('converted text over maxTextChars: ReaderError', async () => {
    const limits = { ...DEFAULT_READER_LIMITS, maxTextChars: 500 };
    await assert.rejects(readPublished(docxOfModel(report2021Model()), 'a.docx', limits), isCode('text-too-large'));
    await assert.rejects(readPublished(new TextEncoder().encode(`<p>${'长'.repeat(600)}</p>`), 'a.html', limits), isCode('text-too-large'));
    await assert.rejects(readPublished(new Uint8Array(101), 'a.html', { ...limits, maxInputBytes: 100 }), isCode('input-too-large'));
  });

  it('.doc and .wps (OLE2): the message to save as .docx or PDF; encrypted Word, RTF, unknown', async () => {
    const ole = new Uint8Array(2048);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    for (const name of ['report.doc', 'report.wps', 'report.docx', 'noext']) {
      await assert.rejects(readPublished(ole, name), (e: unknown) => {
        isCode('old-binary-format')(e);
        assert.equal((e as ReaderError).zh, '无法读取此格式，请另存为 .docx 或 PDF');
        assert.equal((e as ReaderError).en, 'cannot read this format; save it as .docx or PDF');
        return true;
      });
    }
    // A .wps that is not even OLE2: by its name.
    await assert.rejects(readPublished(new Uint8Array([1, 2, 3]), 'x.wps'), isCode('old-binary-format'));
    const encrypted = ole.slice();
    encrypted.set(new Uint8Array(Buffer.from('EncryptedPackage', 'utf16le')), 1024);
    await assert.rejects(readPublished(encrypted, 'secret.docx'), isCode('encrypted'));
    await assert.rejects(readPublished(strToU8('{\\rtf1\\ansi 文本}'), 'x.doc'), isCode('unsupported-format'));
    await assert.rejects(readPublished(new Uint8Array([1, 2, 3]), 'x.bin'), isCode('unsupported-format'));
  });

  it('sniffing: magic bytes and markup before the name (an HTML page named .doc is read as HTML)', async () => {
    assert.equal(sniffFormat(strToU8('%PDF-1.7\n'), 'a.html'), 'pdf');
    assert.equal(sniffFormat(strToU8('<html><body>'), 'a.doc'), 'html');
    assert.equal(sniffFormat(strToU8('  <!DOCTYPE html>'), 'x'), 'html');
    assert.equal(sniffFormat(zipSync({ a: strToU8('b') }), 'a.pdf'), 'docx');
    assert.equal(sniffFormat(strToU8('plain'), 'a.htm'), 'html');
    const conv = await readPublished(strToU8('<html><body><p>一、总体情况</p></body></html>'), 'saved.doc');
    assert.equal(conv.text, '一、总体情况\n');
  });

  it('a PDF while no PDF reader is registered: pdf-unavailable', async (t) => {
    if (hasReader('pdf')) return t.skip('a PDF reader is registered');
    await assert.rejects(readPublished(strToU8('%PDF-1.7\n'), 'a.pdf'), isCode('pdf-unavailable'));
  });
});
