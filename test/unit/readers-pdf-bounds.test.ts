// The PDF reader's bound on what a file's streams inflate to (core/src/readers/pdf-bounds.ts):
// a small file whose page content inflates past maxExpandedBytes is refused before pdfjs reads
// it (pdfjs would inflate it whole: 1 GB from a 1 MB file took 33 s and 1.8 GB of memory).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { deflateSync, inflateSync } from 'node:zlib';
import { readPdf } from '../../core/src/readers/pdf';
import { checkPdfExpansion, MAX_INFLATE_RATIO } from '../../core/src/readers/pdf-bounds';
import { DEFAULT_READER_LIMITS, ReaderError } from '../../core/src/readers/types';
import { nativeInflatedSize } from '../../host/src/inflate';

/** A one-page PDF whose content stream (FlateDecode) inflates to `size` bytes of spaces. */
export function inflatingPdf(size: number, image = false, edit: (content: Buffer) => { content: Buffer; length?: number } = (content) => ({ content })): Uint8Array {
  const made = edit(deflateSync(Buffer.alloc(size, 0x20), { level: 9 }));
  const content = made.content;
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
  push(`4 0 obj << /Length ${made.length ?? content.length} /Filter /FlateDecode${image ? ' /Type /XObject /Subtype /Image /Width 1 /Height 1' : ''} >>\nstream\n`);
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

  it('under the bound the same file reads (a page of blanks: neither text nor images)', async () => {
    const c = await readPdf(inflatingPdf(1_000_000), { ...DEFAULT_READER_LIMITS, maxExpandedBytes: 2_000_000 });
    assert.deepEqual(c.notes.map((n) => n.code), ['pdf-no-content']);
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

  it('with the native inflater (node:zlib, as the CLI and the server pass it) a bomb is refused alike', async () => {
    const limits = { ...DEFAULT_READER_LIMITS, maxExpandedBytes: 2_000_000, inflatedSize: nativeInflatedSize };
    await assert.rejects(readPdf(inflatingPdf(3_000_000), limits), /inflates to more than 2 MB/);
    assert.throws(() => checkPdfExpansion(inflatingPdf(3_000_000), 2_000_000, nativeInflatedSize), /inflates to more than 2 MB/);
    assert.doesNotThrow(() => checkPdfExpansion(inflatingPdf(1_900_000), 2_000_000, nativeInflatedSize));
    // It stops at the bound: never more than max + 1 counted, however far the data goes.
    assert.equal(nativeInflatedSize(deflateSync(Buffer.alloc(5_000_000)), 1_000_000), 1_000_001);
    assert.equal(nativeInflatedSize(deflateSync(Buffer.alloc(5_000)), 1_000_000), 5_000);
  });

  it('streams too small to reach the bound at 1,032:1 are not inflated; the largest are, first', () => {
    const small = inflatingPdf(1_000_000);
    const calls: number[] = [];
    const spy = (data: Uint8Array, max: number) => (calls.push(data.length), nativeInflatedSize(data, max));
    checkPdfExpansion(small, MAX_INFLATE_RATIO * small.length, spy);
    assert.deepEqual(calls, []);
    // Under a bound the stream could exceed, it is inflated (and counted right).
    checkPdfExpansion(small, 1_000_000, spy);
    assert.equal(calls.length, 1);
    assert.throws(() => checkPdfExpansion(small, 999_999, spy), /inflates to more than/);
    // The real file: its largest streams (fonts) are inflated, its small ones need not be.
    calls.length = 0;
    checkPdfExpansion(readFileSync(join(FIXTURES, 'huaian_szf_2024.pdf')), DEFAULT_READER_LIMITS.maxExpandedBytes, spy);
    assert.ok(calls.length > 0 && calls.length < 25, `${calls.length} streams inflated`);
    assert.deepEqual(calls, [...calls].sort((a, b) => b - a));
  });

  it('a /Length that lies (shorter than the data) does not hide the bomb after it', async () => {
    // pdfjs finds "endstream" itself when /Length does not end at it, and inflates the whole.
    const lying = inflatingPdf(3_000_000, false, (content) => ({ content, length: 10 }));
    assert.throws(() => checkPdfExpansion(lying, 2_000_000), /inflates to more than 2 MB/);
    assert.throws(() => checkPdfExpansion(lying, 2_000_000, nativeInflatedSize), /inflates to more than 2 MB/);
  });

  it('a damaged stream counts what inflated before the damage (the native inflater falls back)', () => {
    // A bomb's data with its last bytes (the end of the deflate data and the checksum) spoiled;
    // fflate counts all but its last 4 kB pushed (at most ~4 MB of output): over 10 MB still.
    const spoil = (content: Buffer) => {
      const c = Buffer.from(content);
      for (let i = c.length - 6; i < c.length; i++) c[i] = 0xff;
      return { content: c };
    };
    const damaged = inflatingPdf(20_000_000, false, spoil);
    assert.throws(() => checkPdfExpansion(damaged, 10_000_000, nativeInflatedSize), /inflates to more than 10 MB/);
    assert.throws(() => checkPdfExpansion(damaged, 10_000_000), /inflates to more than 10 MB/);
    // Damaged in the middle: zlib throws, and fflate counts up to the damage.
    let data = Buffer.alloc(0);
    const middle = inflatingPdf(20_000_000, false, (content) => {
      data = Buffer.from(content);
      data.fill(0x3f, data.length >> 1);
      return { content: data };
    });
    assert.throws(() => inflateSync(data), /invalid/, 'zlib refuses the data');
    assert.throws(() => checkPdfExpansion(middle, 5_000_000, nativeInflatedSize), /inflates to more than 5 MB/);
  });
});
