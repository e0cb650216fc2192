// Fuzzing the readers of published files (part of `npm run fuzz`): mutated copies of real files —
// the PDFs of test/fixtures/published, the 2021 example as a .docx with merged cells, the real
// 平潭 2024 web page — read by readPublished. Each must answer (text or notes) or refuse with a
// ReaderError, never throw anything else, and within MAX_MS. Mutations: bytes flipped, the file
// cut short, a range zeroed, a piece repeated, a piece moved. Deterministic for a seed.
//
//   node --import tsx scripts/fuzz-readers.ts [CASES] [SEED]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPublished } from '../core/src/readers';
import { isPdfjsLeftover, isReaderError } from '../core/src/readers/source';
import { docxOfModel, htmlOfModel, report2021Model } from '../test/unit/readers-helpers';

const ROOT = join(__dirname, '..');
/** A read that takes longer than this is a failure (the PDF deadline is 60 s; a mutated report is far from it). */
const MAX_MS = 20_000;

export interface ReaderFuzzResult {
  cases: number;
  failures: { file: string; seed: number; message: string; path: string }[];
  maxMs: number;
  /** Outcomes by kind: read, refused (ReaderError codes). */
  outcomes: Map<string, number>;
}

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function mutate(src: Uint8Array, r: () => number): Uint8Array {
  const b = Uint8Array.from(src);
  const at = () => Math.floor(r() * b.length);
  switch (Math.floor(r() * 5)) {
    case 0: {
      for (let n = 1 + Math.floor(r() * 32); n > 0; n--) b[at()] = Math.floor(r() * 256);
      return b;
    }
    case 1:
      return b.subarray(0, at());
    case 2: {
      const s = at();
      b.fill(0, s, Math.min(b.length, s + 1 + Math.floor(r() * 4096)));
      return b;
    }
    case 3: {
      const s = at();
      const piece = b.subarray(s, Math.min(b.length, s + 1 + Math.floor(r() * 8192)));
      const t = at();
      return Uint8Array.from([...b.subarray(0, t), ...piece, ...piece, ...b.subarray(t)]);
    }
    default: {
      const s = at();
      const e = Math.min(b.length, s + 1 + Math.floor(r() * 8192));
      const rest = Uint8Array.from([...b.subarray(0, s), ...b.subarray(e)]);
      const t = Math.floor(r() * rest.length);
      return Uint8Array.from([...rest.subarray(0, t), ...b.subarray(s, e), ...rest.subarray(t)]);
    }
  }
}

/** The files mutated, by name (the name decides the reader when the bytes do not). */
export function sources(): [string, Uint8Array][] {
  const model = report2021Model();
  return [
    ['huaian_szf_2024.pdf', readFileSync(join(ROOT, 'test', 'fixtures', 'published', 'huaian_szf_2024.pdf'))],
    ['generated-2021.pdf', readFileSync(join(ROOT, 'test', 'fixtures', 'published', 'generated-2021.pdf'))],
    ['report-2021.docx', docxOfModel(model)],
    ['report-2021.html', new TextEncoder().encode(htmlOfModel(model, { chrome: true }))],
    ['pingtan_2024.html', readFileSync(join(ROOT, 'test', 'fixtures', 'web-text', 'pingtan_2024.html'))],
  ];
}

export async function fuzzReaders(cases: number, seed: number, outDir = join(tmpdir(), 'govreport-fuzz')): Promise<ReaderFuzzResult> {
  const files = sources();
  const result: ReaderFuzzResult = { cases: 0, failures: [], maxMs: 0, outcomes: new Map() };
  // pdfjs's own promises that reject after a damaged file's reading ended are expected (the CLI
  // ignores them too, isPdfjsLeftover); any other unhandled rejection is a failure.
  let current = '';
  const stray = (err: unknown) => {
    if (isPdfjsLeftover(err)) return;
    result.failures.push({ file: current, seed: 0, message: `unhandled rejection: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`, path: '' });
  };
  process.on('unhandledRejection', stray);
  for (let i = 0; i < cases; i++) {
    const caseSeed = (seed + i * 0x9e3779b1) | 0;
    const r = rng(caseSeed);
    const [name, src] = files[i % files.length];
    const bytes = mutate(src, r);
    current = `${name} (case ${i})`;
    const t0 = performance.now();
    let outcome: string;
    let failure: string | undefined;
    try {
      const c = await readPublished(bytes, name);
      outcome = `${c.format} read`;
      if (typeof c.text !== 'string' || c.lines.length > c.text.split('\n').length) failure = 'lines do not match the text';
    } catch (e) {
      outcome = isReaderError(e) ? `refused: ${e.code}` : 'THREW';
      if (!isReaderError(e)) failure = e instanceof Error ? (e.stack ?? e.message) : String(e);
    }
    const ms = performance.now() - t0;
    result.maxMs = Math.max(result.maxMs, ms);
    if (ms > MAX_MS) failure = `took ${ms.toFixed(0)} ms`;
    result.outcomes.set(outcome, (result.outcomes.get(outcome) ?? 0) + 1);
    result.cases++;
    if (failure) {
      mkdirSync(outDir, { recursive: true });
      const path = join(outDir, `reader-failure-${result.failures.length + 1}-${name}`);
      writeFileSync(path, bytes);
      result.failures.push({ file: name, seed: caseSeed, message: failure, path });
    }
  }
  return result;
}

export function describeReaderFuzz(r: ReaderFuzzResult, secs: number): string {
  const outcomes = [...r.outcomes].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ');
  const lines = [`fuzz readers: ${r.cases} mutated files, ${r.failures.length} failure(s), ${secs.toFixed(1)} s, slowest read ${r.maxMs.toFixed(0)} ms; ${outcomes}`];
  for (const f of r.failures) lines.push(`  FAILURE ${f.file} (case seed ${f.seed}): ${f.message.split('\n').slice(0, 6).join('\n    ')}\n    input written to ${f.path}`);
  return lines.join('\n');
}

if (require.main === module) {
  const cases = Number(process.argv[2] ?? 200);
  const seed = Number(process.argv[3] ?? 20240607);
  const t0 = performance.now();
  void fuzzReaders(cases, seed).then((r) => {
    console.log(describeReaderFuzz(r, (performance.now() - t0) / 1000));
    process.exitCode = r.failures.length > 0 ? 1 : 0;
  });
}
