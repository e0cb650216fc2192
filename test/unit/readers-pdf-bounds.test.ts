// The PDF reader's bound on what a file's streams inflate to (core/src/readers/pdf-bounds.ts):
// a small file whose page content inflates past maxExpandedBytes is refused before pdfjs reads
// it (pdfjs would inflate it whole: 1 GB from a 1 MB file took 33 s and 1.8 GB of memory).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { deflateSync } from 'node:zlib';
import { readPdf } from '../../core/src/readers/pdf';
import { checkPdfExpansion } from '../../core/src/readers/pdf-bounds';
import { DEFAULT_READER_LIMITS, ReaderError } from '../../core/src/readers/types';

/** A one-page PDF whose content stream (FlateDecode) inflates to `size` bytes of spaces. */
export function inflatingPdf(size: number, image = false): Uint8Array {
  const content = deflateSync(Buffer.alloc(size, 0x20), { level: 9 });
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let off = 0;
  const push = (b: Buffer | string) => {
    const buf = typeof b === 'string' ? Buffer.from(b, 'latin1') : b;
    parts.push(buf);
    off += buf.length;
  };
  push('%PDF-1.4\n');
  offsets[1] = off;
  push('1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n');
  offsets[2] = off;
  push('2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n');
  offsets[3] = off;
  push('3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj\n');
  offsets[4] = off;
  push(`4 0 obj << /Length ${content.length} /Filter /FlateDecode${image ? ' /Type /XObject /Subtype /Image /Width 1 /Height 1' : ''} >>\nstream\n`);
  push(content);
  push('\nendstream\nendobj\n');
  const xref = off;
  push(`xref\n0 5\n0000000000 65535 f \n${[1, 2, 3, 4].map((i) => `${String(offsets[i]).padStart(10, '0')} 00000 n \n`).join('')}trailer << /Size 5 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return new Uint8Array(Buffer.concat(parts));
}

const FIXTURES = join(__dirname, '..', 'fixtures', 'published');

describe('PDF: what the streams inflate to', () => {
  it('a page that inflates past the bound is refused before pdfjs reads it', async () => {
    const bomb = inflatingPdf(3_000_000);
    assert.ok(bomb.length < 10_000, `${bomb.length} bytes`);
    await assert.rejects(readPdf(bomb, { ...DEFAULT_READER_LIMITS, maxExpandedBytes: 2_000_000 }), (e: unknown) => {
      assert.ok(e instanceof ReaderError);
      assert.equal(e.code, 'pdf-too-large');
      assert.equal(e.zh, 'PDF 的内容解压后超过 2 MB 上限（可能是恶意构造的文件），未读取');
      return true;
    });
  });

  it('under the bound the same file reads (no text: the scan note)', async () => {
    const c = await readPdf(inflatingPdf(1_000_000), { ...DEFAULT_READER_LIMITS, maxExpandedBytes: 2_000_000 });
    assert.deepEqual(c.notes.map((n) => n.code), ['pdf-no-text-layer']);
  });

  it('image streams are not counted (pdfjs does not decode them for text)', () => {
    assert.doesNotThrow(() => checkPdfExpansion(inflatingPdf(3_000_000, true), 2_000_000));
    assert.throws(() => checkPdfExpansion(inflatingPdf(3_000_000), 2_000_000), /inflates to more than 2 MB/);
  });

  it('the real and generated PDFs are well within the default bound', () => {
    for (const f of ['huaian_szf_2024.pdf', 'generated-2021.pdf', 'generated-scan.pdf']) {
      assert.doesNotThrow(() => checkPdfExpansion(readFileSync(join(FIXTURES, f)), DEFAULT_READER_LIMITS.maxExpandedBytes), f);
    }
  });
});
