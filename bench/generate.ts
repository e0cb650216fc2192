// Report-shaped inputs for the benchmarks, generated from the real seeds (test/fixtures/seeds):
//  - padded(): ONE report whose prose paragraphs are repeated until a size is reached (its tables
//    and headings stay as they are, so the document is still a report, only longer);
//  - concatenated(): many whole reports one after another (a batch export of a year's reports);
//  - corpus(): many seed-sized report files in a folder (the CLI measurement), each a seed with
//    its prose varied so no two files are byte-identical.
// Sizes are UTF-8 bytes (the size on disk); the seeds are mostly CJK, so a character is ~2.3 bytes.
// Generated files go to bench/.data/ (git-ignored). Run directly to (re)write them:
//   node --import tsx bench/generate.ts [--quick]   (--quick: no 10 MB texts, 50 reports)
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname ?? __dirname, '..');
export const SEED_DIR = join(ROOT, 'test', 'fixtures', 'seeds');
export const DATA_DIR = join(ROOT, 'bench', '.data');

export interface Seed {
  name: string;
  text: string;
}

export function loadSeeds(): Seed[] {
  return readdirSync(SEED_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(SEED_DIR, name), 'utf8') }));
}

export function utf8Bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** A prose paragraph: a line without tabs, long enough not to be a heading or a table label. */
function isProse(line: string): boolean {
  return !line.includes('\t') && line.trim().length >= 40;
}

/**
 * The seed with its prose paragraphs repeated until the text reaches `targetBytes`. Each run of
 * consecutive prose lines (the 总体情况 paragraphs, the 存在的主要问题 paragraphs...) grows in
 * place, in turn, so headings and tables keep their order and the padding is spread over the
 * prose sections as in a real long report.
 */
export function padded(seed: string, targetBytes: number): string {
  const eol = seed.includes('\r\n') ? '\r\n' : '\n';
  const lines = seed.split(/\r\n|\n/);
  // Runs of prose lines: [first, last] line index.
  const runs: { first: number; last: number; bytes: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!isProse(lines[i])) continue;
    const prev = runs[runs.length - 1];
    if (prev && prev.last === i - 1) prev.last = i;
    else runs.push({ first: i, last: i, bytes: 0 });
  }
  if (runs.length === 0) throw new Error('seed has no prose to repeat');
  for (const r of runs) r.bytes = utf8Bytes(lines.slice(r.first, r.last + 1).join(eol) + eol);
  const copies = runs.map(() => 0);
  let size = utf8Bytes(seed);
  for (let k = 0; size < targetBytes; k = (k + 1) % runs.length) {
    copies[k]++;
    size += runs[k].bytes;
  }
  const out: string[] = [];
  let r = 0;
  for (let i = 0; i < lines.length; i++) {
    out.push(lines[i]);
    if (r < runs.length && i === runs[r].last) {
      const block = lines.slice(runs[r].first, runs[r].last + 1);
      for (let c = 0; c < copies[r]; c++) out.push(...block);
      r++;
    }
  }
  return out.join(eol);
}

/** Whole seeds one after another, round robin, until the text reaches `targetBytes`. */
export function concatenated(seeds: Seed[], targetBytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let k = 0; size < targetBytes; k++) {
    const t = seeds[k % seeds.length].text;
    parts.push(t);
    size += utf8Bytes(t) + 2;
  }
  return parts.join('\n\n');
}

/**
 * `count` seed-sized reports: seed k mod n, its first prose paragraph rotated by k characters so
 * every file differs (the structure and the numbers are untouched, so findings stay realistic).
 */
export function corpusTexts(seeds: Seed[], count: number): string[] {
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    const seed = seeds[k % seeds.length].text;
    const lines = seed.split('\n');
    const p = lines.findIndex(isProse);
    if (p >= 0) {
      const chars = [...lines[p]];
      const shift = (k * 7) % chars.length;
      lines[p] = chars.slice(shift).join('') + chars.slice(0, shift).join('');
    }
    out.push(lines.join('\n'));
  }
  return out;
}

/** Writes the corpus as files dir/NNNN.txt (replacing the folder), returns the folder. */
export function writeCorpus(dir: string, seeds: Seed[], count: number): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  corpusTexts(seeds, count).forEach((t, k) => writeFileSync(join(dir, `${String(k).padStart(4, '0')}.txt`), t));
  return dir;
}

/** Writes a generated text to bench/.data/<name> and returns its path. */
export function writeData(name: string, text: string): string {
  mkdirSync(DATA_DIR, { recursive: true });
  const p = join(DATA_DIR, name);
  writeFileSync(p, text);
  return p;
}

export const MB = 1_000_000;

/** File-name tag of a size: 100k, 1m, 10m. */
export function sizeTag(bytes: number): string {
  return bytes >= MB ? `${bytes / MB}m` : `${bytes / 1000}k`;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(ROOT, 'bench', 'generate.ts')) {
  const quick = process.argv.includes('--quick');
  const seeds = loadSeeds();
  const sizes = quick ? [100_000, MB] : [100_000, MB, 10 * MB];
  for (const [name, text] of sizes.flatMap((n) => [
    [`padded-${sizeTag(n)}.txt`, padded(seeds[0].text, n)],
    [`concat-${sizeTag(n)}.txt`, concatenated(seeds, n)],
  ])) {
    const p = writeData(name, text);
    console.log(`${p}: ${utf8Bytes(text)} bytes, ${text.length} chars`);
  }
  const dir = writeCorpus(join(DATA_DIR, 'corpus'), seeds, quick ? 50 : 1000);
  console.log(`${dir}: ${quick ? 50 : 1000} reports`);
}
