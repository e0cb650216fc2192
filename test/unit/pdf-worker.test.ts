// PDFs read in a worker thread (host/src/pdfWorker.ts): the same result as in this thread, the
// reader's errors as ReaderErrors, and a read that runs past the timeout or the heap limit ends
// the worker, not the process; the next read starts another.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readPublished } from '../../core/src/readers';
import { DEFAULT_READER_LIMITS, ReaderError } from '../../core/src/readers/types';
import { NODE_READER_LIMITS } from '../../host/src/inflate';
import { PdfWorker } from '../../host/src/pdfWorker';
import { deflateSync } from 'node:zlib';

const FIXTURES = join(__dirname, '..', 'fixtures', 'published');
const file = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));

/** A one-page PDF whose content stream (FlateDecode) is `content`. */
function pdfOf(content: string | Buffer): Uint8Array {
  const data = deflateSync(typeof content === 'string' ? Buffer.from(content, 'latin1') : content, { level: 9 });
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n', 'latin1')];
  const offsets: number[] = [];
  let off = parts[0].length;
  const push = (b: Buffer) => (parts.push(b), (off += b.length));
  objects.forEach((o, i) => {
    offsets.push(off);
    if (o !== null) push(Buffer.from(`${i + 1} 0 obj ${o} endobj\n`, 'latin1'));
    else {
      push(Buffer.from(`${i + 1} 0 obj << /Length ${data.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'));
      push(data);
      push(Buffer.from('\nendstream endobj\n', 'latin1'));
    }
  });
  const xref = off;
  push(Buffer.from(`xref\n0 6\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer << /Size 6 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`, 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}

describe('PDF worker thread', () => {
  const worker = new PdfWorker({ maxHeapMb: 1024, timeoutMs: 60_000 });
  after(() => worker.close());

  it('reads a PDF as this thread does, and leaves the caller its bytes', async () => {
    const bytes = file('generated-2021.pdf');
    const there = await worker.read(bytes, 'r.pdf', NODE_READER_LIMITS);
    assert.equal(bytes.length, readFileSync(join(FIXTURES, 'generated-2021.pdf')).length);
    const here = await readPublished(bytes, 'r.pdf', NODE_READER_LIMITS);
    assert.deepEqual(there, here);
  });

  it("the reader's refusals come back as ReaderErrors (a bomb, an encrypted file)", async () => {
    await assert.rejects(worker.read(pdfOf(Buffer.alloc(3_000_000, 0x20)), 'b.pdf', { ...DEFAULT_READER_LIMITS, maxExpandedBytes: 2_000_000 }), (e: unknown) => e instanceof ReaderError && e.code === 'pdf-too-large');
    await assert.rejects(worker.read(file('generated-encrypted.pdf'), 'e.pdf', NODE_READER_LIMITS), (e: unknown) => e instanceof ReaderError && e.code === 'pdf-encrypted');
  });

  it('past the timeout the worker is ended, with pdf-timeout; the next read works', async () => {
    const quick = new PdfWorker({ maxHeapMb: 1024, timeoutMs: 1 });
    try {
      await assert.rejects(quick.read(file('huaian_szf_2024.pdf'), 'r.pdf', NODE_READER_LIMITS), (e: unknown) => e instanceof ReaderError && e.code === 'pdf-timeout' && e.en === 'reading the PDF took more than 0 s; stopped (possibly a crafted file)');
    } finally {
      await quick.close();
    }
    const conv = await worker.read(file('generated-2021.pdf'), 'r.pdf', NODE_READER_LIMITS);
    assert.ok(conv.text.includes('本年新收政府信息公开申请数量'));
  });

  it('past the heap limit the worker is ended, with pdf-out-of-memory, not the process', async () => {
    // One array operand of 40 million numbers (80 MB of content, 80 kB deflated): pdfjs's parser
    // holds it whole on the heap. The expansion bound is raised for the test.
    const huge = pdfOf(`BT /F1 12 Tf 72 700 Td [${'0 '.repeat(40_000_000)}] TJ ET`);
    const small = new PdfWorker({ maxHeapMb: 192, timeoutMs: 120_000 });
    try {
      await assert.rejects(small.read(huge, 'm.pdf', { ...NODE_READER_LIMITS, maxExpandedBytes: 1e12 }), (e: unknown) => e instanceof ReaderError && e.code === 'pdf-out-of-memory');
      // Started again: the next file reads.
      const conv = await small.read(file('generated-2021.pdf'), 'r.pdf', NODE_READER_LIMITS);
      assert.ok(conv.text.includes('本年新收政府信息公开申请数量'));
    } finally {
      await small.close();
    }
  });
});
