// Published-file readers: read + check of PDFs, a .docx and web pages, medians in one process
// (issue 14 targets: PDF (10 pages) ≤ 200 ms, DOCX ≤ 50 ms, HTML ≤ 30 ms); the rows of
// `npm run bench` come from the same code (bench/published.ts). Needs dist/ (node esbuild.mjs).
//
//   node --import tsx bench/readers.ts [ROUNDS]
import { loadEngine } from './engine';
import { publishedBench } from './published';

async function main(): Promise<void> {
  const { check } = loadEngine();
  const r = await publishedBench(check, Number(process.argv[2] ?? 30));
  console.log(`PDF first use (worker started, pdfjs loaded, a 3-page file read): ${r.firstPdfMs.toFixed(0)} ms`);
  for (const f of r.files) {
    console.log(`${f.name.padEnd(46)} ${(f.bytes / 1024).toFixed(0).padStart(5)} kB${f.pages ? ` ${f.pages} pages` : ''}  read ${f.readMs.toFixed(2)} ms, read + check ${f.totalMs.toFixed(2)} ms${f.inThreadReadMs !== null ? ` (in this thread: read ${f.inThreadReadMs.toFixed(2)} ms)` : ''} (median of ${f.rounds})`);
  }
}

void main();
