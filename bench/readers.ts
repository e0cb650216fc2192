// Published-file readers: read + check of a .docx and of a web page, medians in one process
// (issue 14 targets: PDF (10 pages) ≤ 200 ms, DOCX ≤ 50 ms, HTML ≤ 30 ms). The files are the tests' 2021 example (Word
// with merged cells; a GBK page in a government site's chrome) and the real 平潭 2024 page.
//
//   node --import tsx bench/readers.ts [ROUNDS]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check } from '../core/src';
import { readPublished } from '../core/src/readers';
import { docxOfModel, htmlBytes, htmlOfModel, report2021Model } from '../test/unit/readers-helpers';

const ROUNDS = Number(process.argv[2] ?? 200);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

async function time(name: string, bytes: Uint8Array, file: string): Promise<void> {
  const read: number[] = [];
  const total: number[] = [];
  let first = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    const conv = await readPublished(bytes, file);
    const t1 = performance.now();
    check(conv.text);
    const t2 = performance.now();
    if (i === 0) first = t2 - t0;
    read.push(t1 - t0);
    total.push(t2 - t0);
  }
  console.log(`${name.padEnd(34)} ${(bytes.length / 1024).toFixed(0).padStart(5)} kB  read ${median(read).toFixed(2)} ms, read + check ${median(total).toFixed(2)} ms (median of ${ROUNDS}; first ${first.toFixed(1)} ms)`);
}

async function main(): Promise<void> {
  // PDF: the first read loads pdfjs (2 MB of code, parsed once per process): timed apart.
  const fixtures = join(__dirname, '..', 'test', 'fixtures', 'published');
  const t0 = performance.now();
  await readPublished(readFileSync(join(fixtures, 'generated-2021.pdf')), 'r.pdf');
  console.log(`PDF first use (pdfjs loaded, one 3-page file read): ${(performance.now() - t0).toFixed(0)} ms`);
  await time('PDF real: huaian_szf_2024.pdf (6 pages)', readFileSync(join(fixtures, 'huaian_szf_2024.pdf')), 'r.pdf');
  await time('PDF generated-2021.pdf (3 pages)', readFileSync(join(fixtures, 'generated-2021.pdf')), 'r.pdf');
  const model = report2021Model();
  await time('DOCX 2021 example (merged cells)', docxOfModel(model), 'r.docx');
  await time('HTML 2021 example, GBK, page chrome', htmlBytes(htmlOfModel(model, { chrome: true, charset: 'gbk' }), 'gbk'), 'r.html');
  await time('HTML real: pingtan_2024.html', readFileSync(join(__dirname, '..', 'test', 'fixtures', 'web-text', 'pingtan_2024.html')), 'r.html');
}

void main();
