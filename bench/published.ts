// Published files (issue 14): read + check of PDFs, a Word document and web pages with the
// readers as shipped (dist/readers.js, which loads dist/pdfjs/ on the first PDF) and the engine
// bundle of bench/engine.ts. A PDF is read as the CLI and the server read it: in the PDF worker
// thread (host/src/pdfWorker.ts, loading dist/readers.js), its in-thread read given beside. Used by bench/run.ts (its rows) and bench/readers.ts (a quick look).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT } from './generate';
import { NODE_READER_LIMITS } from '../host/src/inflate';
import { DEFAULT_PDF_WORKER, PdfWorker } from '../host/src/pdfWorker';
import { docxOfModel, htmlBytes, htmlOfModel, report2021Model } from '../test/unit/readers-helpers';

type Readers = typeof import('../core/src/readers');
type Converted = Awaited<ReturnType<Readers['readPublished']>>;

export interface PublishedTiming {
  name: string;
  kind: 'pdf' | 'docx' | 'html';
  bytes: number;
  /** Pages of a PDF (as the reader counted them), else null. */
  pages: number | null;
  readMs: number;
  totalMs: number;
  /** A PDF's read in this thread (no worker, no message copies), else null. */
  inThreadReadMs: number | null;
  rounds: number;
}

export interface PublishedResult {
  /** The first PDF read of a process's PDF worker: worker started, pdfjs loaded, a 3-page file read. */
  firstPdfMs: number;
  files: PublishedTiming[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** Medians of `rounds` reads and checks of each file (after one unmeasured read). */
export async function publishedBench(check: (text: string) => unknown, rounds: number): Promise<PublishedResult> {
  const readers = createRequire(join(ROOT, 'package.json'))(join(ROOT, 'dist', 'readers.js')) as Readers;
  const fixtures = join(ROOT, 'test', 'fixtures', 'published');
  const generated = readFileSync(join(fixtures, 'generated-2021.pdf'));
  const worker = new PdfWorker({ ...DEFAULT_PDF_WORKER, readers: join(ROOT, 'dist', 'readers.js') });
  const t0 = performance.now();
  await worker.read(generated, 'r.pdf', NODE_READER_LIMITS);
  const firstPdfMs = performance.now() - t0;
  await readers.readPublished(generated, 'r.pdf', NODE_READER_LIMITS); // pdfjs in this thread too
  const model = report2021Model();
  const inputs: { name: string; kind: PublishedTiming['kind']; bytes: Uint8Array; file: string }[] = [
    { name: 'real PDF: huaian_szf_2024.pdf', kind: 'pdf', bytes: readFileSync(join(fixtures, 'huaian_szf_2024.pdf')), file: 'r.pdf' },
    { name: 'generated PDF: generated-2021.pdf', kind: 'pdf', bytes: generated, file: 'r.pdf' },
    { name: 'generated DOCX (2021 example, merged cells)', kind: 'docx', bytes: docxOfModel(model), file: 'r.docx' },
    { name: 'generated web page (GBK, page chrome)', kind: 'html', bytes: htmlBytes(htmlOfModel(model, { chrome: true, charset: 'gbk' }), 'gbk'), file: 'r.html' },
    { name: 'real web page: pingtan_2024.html', kind: 'html', bytes: readFileSync(join(ROOT, 'test', 'fixtures', 'web-text', 'pingtan_2024.html')), file: 'r.html' },
  ];
  const files: PublishedTiming[] = [];
  for (const input of inputs) {
    const pdf = input.kind === 'pdf';
    // The limits the CLI and the server pass (node:zlib counts what PDF streams inflate to).
    const read = (): Promise<Converted> => (pdf ? worker.read(input.bytes, input.file, NODE_READER_LIMITS) : readers.readPublished(input.bytes, input.file, NODE_READER_LIMITS));
    const reads: number[] = [];
    const totals: number[] = [];
    const inThread: number[] = [];
    let pages: number | null = null;
    for (let i = 0; i <= rounds; i++) {
      const a = performance.now();
      const conv = await read();
      const b = performance.now();
      check(conv.text);
      const c = performance.now();
      if (pdf) {
        pages = conv.lines.reduce((n, l) => (l?.kind === 'pdf' && l.page > n ? l.page : n), 0);
        const d = performance.now();
        await readers.readPublished(input.bytes, input.file, NODE_READER_LIMITS);
        if (i > 0) inThread.push(performance.now() - d);
      }
      if (i === 0) continue;
      reads.push(b - a);
      totals.push(c - a);
    }
    files.push({ name: input.name, kind: input.kind, bytes: input.bytes.length, pages, readMs: median(reads), totalMs: median(totals), inThreadReadMs: pdf ? median(inThread) : null, rounds });
  }
  await worker.close();
  return { firstPdfMs, files };
}
