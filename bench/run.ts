// `npm run bench`: measures the engine, the language server, the CLI and the package against
// their targets, prints ONE table and writes it to BENCHMARKS.md.
//
// Every figure is a ratio measured within one process, or a median / percentile over many
// repetitions: never a single wall-clock reading (the machine is shared and noisy).
//
// BENCH_QUICK=1: a tiny run (few iterations, small sizes, no .vsix, no 10 MB inputs) that only
// proves the script still works; bench/smoke.test.ts runs it. Its table goes to
// bench/.data/quick/BENCHMARKS.md, never over the real one.
// BENCH_STRICT=1: exit 1 when a target is missed (by default the exit code only says whether the
// benchmark itself ran).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { concatenated, corpusTexts, DATA_DIR, loadSeeds, MB, padded, ROOT, sizeTag, utf8Bytes, writeCorpus, type Seed } from './generate';
import { sectionOf, withSection } from './e2e';
import { loadEngine } from './engine';
import { floorSplit } from './floor';
import { publishedBench } from './published';
import { BenchClient, docUri } from './lsp';
import { measureSummary } from './summary-server';
import { measureSummaryView } from './summary-view';
import { newestSource, withBuildLock } from '../scripts/build-lock';

const QUICK = process.env.BENCH_QUICK === '1';
const STRICT = process.env.BENCH_STRICT === '1';
const OUT_DIR = QUICK ? join(DATA_DIR, 'quick') : DATA_DIR;

const { check } = loadEngine(join(OUT_DIR, 'engine.cjs'));
const REPORT_FILE = QUICK ? join(OUT_DIR, 'BENCHMARKS.md') : join(ROOT, 'BENCHMARKS.md');
const VSIX = join(ROOT, 'govreport.vsix');

/** Sizes and repetitions; QUICK shrinks everything. */
const P = QUICK
  ? { fixSize: 200_000, fixRuns: 1, engineWarm: 20, engineSamples: 30, small: 100_000, big: MB, scaleRounds: 2, scaleSmallPerRound: 3, starts: 2, seedEdits: 20, editWarm: 3, largeSize: 100_000, largeEdits: 10, featureN: 20, debounceEdits: 3, seedDebounceEdits: 5, corpus: 50, cliRuns: 1, memEdits: 0, publishedRounds: 2 }
  : { fixSize: 4_990_000, fixRuns: 3, engineWarm: 300, engineSamples: 400, small: 100_000, big: 10 * MB, scaleRounds: 7, scaleSmallPerRound: 10, starts: 9, seedEdits: 200, editWarm: 100, largeSize: MB, largeEdits: 200, featureN: 200, debounceEdits: 20, seedDebounceEdits: 100, corpus: 1000, cliRuns: 7, memEdits: 5, publishedRounds: 30 };

function progress(msg: string): void {
  process.stderr.write(`bench: ${msg}\n`);
}

// ---------------------------------------------------------------------------------------------
// Statistics

function sorted(xs: number[]): number[] {
  return [...xs].sort((a, b) => a - b);
}

function median(xs: number[]): number {
  const s = sorted(xs);
  const n = s.length;
  return n % 2 ? s[(n - 1) >> 1] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** Nearest-rank percentile. */
function pct(xs: number[], p: number): number {
  const s = sorted(xs);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

const ms = (x: number) => (x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));
const mb = (bytes: number) => (bytes / MB).toFixed(bytes < 10 * MB ? 2 : 1);

// ---------------------------------------------------------------------------------------------
// Build: the same lock as test/protocol/harness.ts, so a bench and the tests never build at once.

const BUNDLES = ['client.js', 'server.js', 'cli.js'].map((f) => join(ROOT, 'dist', f));

function distStale(): boolean {
  if (!BUNDLES.every((b) => existsSync(b))) return true;
  const built = Math.min(...BUNDLES.map((b) => statSync(b).mtimeMs));
  return ['core', 'host', 'server', 'client', 'cli'].some((d) => newestSource(join(ROOT, d, 'src')) > built);
}

/** The .vsix: reused when fresher than dist (and dist is fresh), else `npm run package`. */
function ensurePackage(): { size: number; rebuilt: boolean } {
  const fresh = () => existsSync(VSIX) && !distStale() && statSync(VSIX).mtimeMs > Math.max(...BUNDLES.map((b) => statSync(b).mtimeMs));
  let rebuilt = false;
  if (!fresh()) {
    progress('packaging (npm run package)...');
    withBuildLock(() => execFileSync('npm', ['run', 'package'], { cwd: ROOT, stdio: ['ignore', process.stderr, process.stderr] }));
    rebuilt = true;
  }
  return { size: statSync(VSIX).size, rebuilt };
}

function ensureBuilt(): void {
  if (distStale()) {
    progress('building (node esbuild.mjs)...');
    withBuildLock(() => {
      if (distStale()) execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: ['ignore', process.stderr, process.stderr] });
    });
  }
}

/** Whether dist holds the production bundles (minified, what the .vsix ships) or a development build. */
function bundleKind(): string {
  const text = readFileSync(join(ROOT, 'dist', 'server.js'), 'utf8');
  return /sourceMappingURL=/.test(text.slice(-500)) ? 'development build of dist/ (node esbuild.mjs)' : 'production bundles of dist/, the ones the .vsix ships';
}

// ---------------------------------------------------------------------------------------------
// Engine


let sink = 0;

interface EngineResult {
  seed: string;
  checkUs: number;
  floorUs: number;
  ratio: number;
}

function engine(seeds: Seed[]): EngineResult[] {
  const FLOOR_REPS = 16;
  const out: EngineResult[] = [];
  for (const { name, text } of seeds) {
    for (let i = 0; i < P.engineWarm; i++) {
      sink += check(text).findings.length;
      sink += floorSplit(text);
    }
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < P.engineSamples; i++) {
      let t0 = performance.now();
      sink += check(text).findings.length;
      a.push(performance.now() - t0);
      t0 = performance.now();
      for (let r = 0; r < FLOOR_REPS; r++) sink += floorSplit(text);
      b.push((performance.now() - t0) / FLOOR_REPS);
    }
    const checkMs = median(a);
    const floorMs = median(b);
    out.push({ seed: name, checkUs: checkMs * 1000, floorUs: floorMs * 1000, ratio: checkMs / floorMs });
  }
  return out;
}

interface ScaleResult {
  shape: string;
  smallBytes: number;
  bigBytes: number;
  smallMsPerMB: number;
  bigMsPerMB: number;
  ratio: number;
}

/** Time per MB of a big text over time per MB of a small one, medians, interleaved rounds. */
function scaling(shape: string, small: string, big: string): ScaleResult {
  const sb = utf8Bytes(small);
  const bb = utf8Bytes(big);
  for (let i = 0; i < 20; i++) sink += check(small).findings.length;
  sink += check(big).findings.length;
  const s: number[] = [];
  const l: number[] = [];
  for (let round = 0; round < P.scaleRounds; round++) {
    let t0 = performance.now();
    sink += check(big).findings.length;
    l.push((performance.now() - t0) / (bb / MB));
    for (let i = 0; i < P.scaleSmallPerRound; i++) {
      t0 = performance.now();
      sink += check(small).findings.length;
      s.push((performance.now() - t0) / (sb / MB));
    }
  }
  const smallMsPerMB = median(s);
  const bigMsPerMB = median(l);
  return { shape, smallBytes: sb, bigBytes: bb, smallMsPerMB, bigMsPerMB, ratio: bigMsPerMB / smallMsPerMB };
}

// ---------------------------------------------------------------------------------------------
// Server

/** Where the edits go: the middle of a prose paragraph, and a one-digit table cell. */
function editPoints(text: string): { prose: number; digit: number; digitChar: string } {
  const lines: { start: number; text: string }[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    lines.push({ start, text: line });
    start += line.length + 1;
  }
  const prose = lines.filter((l) => !l.text.includes('\t') && l.text.trim().length >= 40);
  if (prose.length === 0) throw new Error('no prose line to edit');
  const p = prose[prose.length >> 1];
  const digits: { offset: number; ch: string }[] = [];
  const re = /\t[\u3000 ]*(\d)[\u3000 ]*(?=\t|\r?\n|$)/g;
  for (let m; (m = re.exec(text)); ) digits.push({ offset: m.index + m[0].indexOf(m[1]), ch: m[1] });
  if (digits.length === 0) throw new Error('no one-digit cell to edit');
  const d = digits[digits.length >> 1];
  return { prose: p.start + (p.text.length >> 1), digit: d.offset, digitChar: d.ch };
}

/** The k-th edit of a cycle that types a character, deletes it, changes a cell, restores it. */
async function editStep(client: BenchClient, uri: string, pts: ReturnType<typeof editPoints>, k: number): Promise<number> {
  switch (k % 4) {
    case 0:
      return client.edit(uri, pts.prose, pts.prose, '年');
    case 1:
      return client.edit(uri, pts.prose, pts.prose + 1, '');
    case 2:
      return client.edit(uri, pts.digit, pts.digit + 1, pts.digitChar === '7' ? '8' : '7');
    default:
      return client.edit(uri, pts.digit, pts.digit + 1, pts.digitChar);
  }
}

async function editLatencies(client: BenchClient, docs: { uri: string; text: string }[], warm: number, count: number, warmOut?: number[]): Promise<number[]> {
  const pts = docs.map((d) => editPoints(d.text));
  const times: number[] = [];
  for (let i = 0; i < warm + count; i++) {
    const j = i % docs.length;
    // Each document cycles through its own four steps, so it is back to the original every four edits.
    const t = await editStep(client, docs[j].uri, pts[j], Math.floor(i / docs.length));
    if (i >= warm) times.push(t);
    else warmOut?.push(t);
  }
  return times;
}

/** Deterministic pseudo-random offsets (no Math.random: runs stay comparable). */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

interface ServerResults {
  initializeMs: number[];
  openMs: number[];
  rttMs: number[];
  productDebounceEditMs: number[];
  seedEditMs: number[];
  /** The warm-up edits of the same run (right after the opens, while the JIT compiles). */
  seedWarmEditMs: number[];
  hoverMs: number[];
  symbolsMs: number[];
  actionsMs: number[];
  large: { shape: string; bytes: number; chars: number; openMs: number; editMs: number[]; shippedMs: number[] }[];
  memory: { shape: string; bytes: number; chars: number; afterOpen: number; peak: number; diagnostics: number; openMs: number; editMs: number[] }[];
}

async function server(seeds: Seed[], bigPadded: string | null, bigConcat: string | null, largePadded: string, largeConcat: string): Promise<ServerResults> {
  const r: ServerResults = { initializeMs: [], openMs: [], rttMs: [], productDebounceEditMs: [], seedEditMs: [], seedWarmEditMs: [], hoverMs: [], symbolsMs: [], actionsMs: [], large: [], memory: [] };

  // Process start → initialize answered; didOpen of a seed → its first diagnostics. As shipped:
  // no debounceMs, default settings.
  progress(`server: ${P.starts} process starts...`);
  for (let i = 0; i < P.starts; i++) {
    const c = await BenchClient.start();
    try {
      r.initializeMs.push(c.initializeMs);
      const seed = seeds[i % seeds.length];
      r.openMs.push((await c.open(docUri(seed.name), seed.text)).ms);
      if (i === 0) {
        // Edit → diagnostics with the debounce the product uses, reported apart.
        // A p95 of 20 edits is their second worst: the seed's as-shipped row takes 100.
        r.productDebounceEditMs = await editLatencies(c, [{ uri: docUri(seed.name), text: seed.text }], 20, P.seedDebounceEdits);
      }
    } finally {
      await c.stop();
    }
  }

  // Seed-size documents, debounce 0: edits, then hover / symbols / code actions.
  progress(`server: ${P.seedEdits} edits on seeds, ${P.featureN} of each feature request...`);
  {
    const c = await BenchClient.start({ debounceMs: 0 });
    try {
      const docs = seeds.map((s) => ({ uri: docUri(s.name), text: s.text }));
      for (const d of docs) await c.open(d.uri, d.text);
      // The transport floor: a request the server answers without work.
      for (let i = 0; i < P.featureN; i++) r.rttMs.push((await c.timed('govreport/debug/stats', {})).ms);
      r.seedEditMs = await editLatencies(c, docs, P.editWarm, P.seedEdits, r.seedWarmEditMs);
      const next = lcg(42);
      const warm = Math.min(20, P.featureN);
      for (let i = 0; i < warm + P.featureN; i++) {
        const d = docs[i % docs.length];
        const textDocument = { uri: d.uri };
        const position = c.positionAt(d.uri, Math.floor(next() * d.text.length));
        const h = await c.timed('textDocument/hover', { textDocument, position });
        const s = await c.timed('textDocument/documentSymbol', { textDocument });
        const diags = c.latest.get(d.uri)?.diagnostics ?? [];
        const diag = diags.length ? diags[Math.floor(next() * diags.length)] : null;
        const a = await c.timed('textDocument/codeAction', {
          textDocument,
          range: diag ? diag.range : { start: position, end: position },
          context: { diagnostics: diag ? [diag] : [], triggerKind: 2 },
        });
        if (i >= warm) {
          r.hoverMs.push(h.ms);
          r.symbolsMs.push(s.ms);
          r.actionsMs.push(a.ms);
        }
      }
    } finally {
      await c.stop();
    }
  }

  // Large documents (1 MB), debounce 0, default settings (both are under maxFileSize).
  for (const [shape, text] of [
    ['one report, prose repeated', largePadded],
    ['concatenated reports', largeConcat],
  ] as const) {
    progress(`server: ${P.largeEdits} edits on a ${mb(utf8Bytes(text))} MB document (${shape})...`);
    const c = await BenchClient.start({ debounceMs: 0 });
    try {
      const uri = docUri(`large-${shape.split(' ')[0]}.txt`);
      const opened = await c.open(uri, text, 60_000);
      if (opened.diagnostics.some((d) => d.code === 'file-too-large')) throw new Error(`the ${shape} document was not checked (over maxFileSize)`);
      const editMs = await editLatencies(c, [{ uri, text }], Math.min(P.editWarm, 8), P.largeEdits);
      r.large.push({ shape, bytes: utf8Bytes(text), chars: text.length, openMs: opened.ms, editMs, shippedMs: [] });
    } finally {
      await c.stop();
    }
    // The same document as shipped: no debounce override, so the server's own delay is included.
    const shipped = await BenchClient.start();
    try {
      const uri = docUri(`large-${shape.split(' ')[0]}.txt`);
      await shipped.open(uri, text, 60_000);
      r.large[r.large.length - 1].shippedMs = await editLatencies(shipped, [{ uri, text }], 4, P.debounceEdits);
    } finally {
      await shipped.stop();
    }
  }

  // Peak memory with a 10 MB document open. maxFileSize is answered as 100,000,000 so it is checked.
  for (const [shape, text] of [
    ['one report, prose repeated', bigPadded],
    ['concatenated reports', bigConcat],
  ] as const) {
    if (!text) continue;
    progress(`server: peak memory with a ${mb(utf8Bytes(text))} MB document open and edited ${P.memEdits} times (${shape})...`);
    const c = await BenchClient.start({ debounceMs: 0, settings: { maxFileSize: 100_000_000 } });
    try {
      const uri = docUri(`big-${shape.split(' ')[0]}.txt`);
      const opened = await c.open(uri, text, 180_000);
      if (opened.diagnostics.some((d) => d.code === 'file-too-large')) throw new Error(`the ${shape} document was not checked (over maxFileSize)`);
      const afterOpen = c.peakRss();
      // As in use: a few edits (one-digit cell changes spread over the document), an outline, a hover.
      const re = /\t[\u3000 ]*(\d)[\u3000 ]*(?=\t|\r?\n|$)/g;
      const editMs: number[] = [];
      for (let k = 0; k < P.memEdits; k++) {
        re.lastIndex = Math.floor((text.length * (k + 1)) / (P.memEdits + 1));
        const m = re.exec(text);
        if (!m) break;
        const at = m.index + m[0].indexOf(m[1]);
        editMs.push(await c.edit(uri, at, at + 1, m[1] === '7' ? '8' : '7', 180_000));
      }
      await c.timed('textDocument/documentSymbol', { textDocument: { uri } });
      await c.timed('textDocument/hover', { textDocument: { uri }, position: c.positionAt(uri, Math.floor(text.length / 2)) });
      r.memory.push({ shape, bytes: utf8Bytes(text), chars: text.length, afterOpen, peak: c.peakRss(), diagnostics: c.latest.get(uri)?.diagnostics.length ?? 0, openMs: opened.ms, editMs });
    } finally {
      await c.stop();
    }
  }
  return r;
}

// ---------------------------------------------------------------------------------------------
// CLI

/** The CLI's runs: as shipped (default --jobs), and with --jobs 1 and --jobs <cores>, interleaved. */
const CLI_VARIANTS: { name: string; args: string[] }[] = [
  { name: 'default', args: [] },
  { name: 'jobs1', args: ['--jobs', '1'] },
  { name: 'jobsN', args: ['--jobs', String(Math.max(2, Math.min(os.availableParallelism(), 8)))] },
];

function cli(seeds: Seed[]): { count: number; bytes: number; wallMs: Record<string, number[]>; exitCode: number; jobsN: number } {
  const dir = writeCorpus(join(OUT_DIR, 'corpus'), seeds, P.corpus);
  const bytes = corpusTexts(seeds, P.corpus).reduce((n, t) => n + utf8Bytes(t), 0);
  progress(`cli: ${P.cliRuns} × ${CLI_VARIANTS.length} invocations on ${P.corpus} reports...`);
  const wallMs: Record<string, number[]> = Object.fromEntries(CLI_VARIANTS.map((v) => [v.name, []]));
  let exitCode = -1;
  // Interleaved, so that the machine's load weighs on each alike.
  for (let i = 0; i < P.cliRuns; i++) {
    for (const v of CLI_VARIANTS) {
      const t0 = performance.now();
      const res = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'check', ...v.args, dir], { cwd: ROOT, maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });
      wallMs[v.name].push(performance.now() - t0);
      exitCode = res.status ?? -1;
      if (exitCode !== 0 && exitCode !== 1) throw new Error(`cli ${v.args.join(' ')} exited ${exitCode}: ${res.stderr?.toString().slice(-2000)}`);
    }
  }
  return { count: P.corpus, bytes, wallMs, exitCode, jobsN: Number(CLI_VARIANTS[2].args[1]) };
}

// ---------------------------------------------------------------------------------------------
// Fix-all on a large document with many safe fixes (issue 11: it was quadratic)

/** Full-width digits for every number standing as a whole field: each one a safe fix. */
function fullWidthCells(text: string): string {
  return text.replace(/(?<=[\t\n \u3000])(\d+)(?=[ \u3000]*[\t\r\n])/g, (d) => d.replace(/\d/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)));
}

/** The two documents fix-all is timed on: a report of the size, and a worst case of renames. */
function fixableDocs(seeds: Seed[], bytes: number): { shape: string; text: string }[] {
  const report = fullWidthCells(padded(seeds[0].text, bytes));
  const line = '六、其他需要报告事项\n';
  const headings = seeds[0].text + line.repeat(Math.max(1, Math.ceil((bytes - utf8Bytes(seeds[0].text)) / utf8Bytes(line))));
  return [
    { shape: 'one report, prose repeated, table numbers in full-width digits', text: report },
    { shape: 'a variant heading on every line', text: headings },
  ];
}

interface FixAllResult {
  shape: string;
  bytes: number;
  fixes: number;
  cliMs: number[];
  serverMs: number[];
  /** A request sent right after the fix-all request: answered after it, by how long. */
  serverOtherMs: number[];
}

async function fixAllBench(seeds: Seed[]): Promise<FixAllResult[]> {
  const out: FixAllResult[] = [];
  for (const { shape, text } of fixableDocs(seeds, P.fixSize)) {
    const fixes = check(text).findings.filter((f) => f.fix?.safe).length;
    const file = join(OUT_DIR, 'fixable.txt');
    const r: FixAllResult = { shape, bytes: utf8Bytes(text), fixes, cliMs: [], serverMs: [], serverOtherMs: [] };
    progress(`fix-all: ${P.fixRuns} × govreport check --fix on a ${mb(r.bytes)} MB document (${shape}, ${fixes} safe fixes)...`);
    for (let i = 0; i < P.fixRuns; i++) {
      writeFileSync(file, text);
      const t0 = performance.now();
      const res = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'check', '--fix', file], { cwd: ROOT, maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });
      r.cliMs.push(performance.now() - t0);
      if (res.status !== 0 && res.status !== 1) throw new Error(`cli --fix exited ${res.status}: ${res.stderr?.toString().slice(-2000)}`);
      if (readFileSync(file, 'utf8') === text) throw new Error('cli --fix changed nothing');
    }
    progress(`fix-all: ${P.fixRuns} × source.fixAll in the server on the same document...`);
    // As shipped: default settings (the document is under maxFileSize).
    const c = await BenchClient.start();
    try {
      const uri = docUri('fixable.txt');
      await c.open(uri, text, 180_000);
      const params = { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll.govreport'], triggerKind: 1 } };
      for (let i = 0; i < P.fixRuns; i++) {
        const fix = c.timed<unknown[]>('textDocument/codeAction', params);
        const other = c.timed('govreport/debug/stats', {});
        const [f, o] = await Promise.all([fix, other]);
        if (!Array.isArray(f.result) || f.result.length === 0) throw new Error('source.fixAll answered no action');
        r.serverMs.push(f.ms);
        r.serverOtherMs.push(o.ms);
      }
    } finally {
      await c.stop();
    }
    out.push(r);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The product's debounce, as configured (reported apart from the measured latencies).

function productDebounce(): string {
  try {
    const server = readFileSync(join(ROOT, 'server', 'src', 'server.ts'), 'utf8');
    const cheap = /const CHEAP_CHECK_MS = (\d+)/.exec(server);
    const max = /const MAX_DELAY_MS = (\d+)/.exec(server);
    const clientSrc = join(ROOT, 'client', 'src');
    const clientSets = existsSync(clientSrc) && readdirSync(clientSrc).some((f) => /debounceMs/.test(readFileSync(join(clientSrc, f), 'utf8')));
    if (!cheap || !max) return 'unknown';
    return `adaptive: none after a check under ${cheap[1]} ms, else twice the last check, at most ${max[1]} ms (server default${clientSets ? '; the client also sets debounceMs' : '; the VS Code client sends none'})`;
  } catch {
    return 'unknown';
  }
}

// ---------------------------------------------------------------------------------------------

interface Row {
  measure: string;
  value: string;
  target: string;
  pass: boolean | null;
}

/**
 * A fixed integer loop (best of 3, ms): how fast this machine runs right now. The targets in
 * absolute time (server latencies, CLI throughput) move with it; the engine ratio does not.
 */
function cpuReference(): number {
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    let x = 0;
    for (let i = 0; i < 50_000_000; i++) x = (x + (i & 7)) | 0;
    sink += x;
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadBefore = os.loadavg()[0];
  const cpuBefore = cpuReference();
  mkdirSync(OUT_DIR, { recursive: true });
  let vsix: { size: number; rebuilt: boolean } | null = null;
  // Package first: everything below then runs the very bundles the .vsix ships.
  if (!QUICK) vsix = ensurePackage();
  ensureBuilt();

  const seeds = loadSeeds();
  progress('generating inputs...');
  const inputs = {
    smallPadded: padded(seeds[0].text, P.small),
    smallConcat: concatenated(seeds, P.small),
    largePadded: padded(seeds[0].text, P.largeSize),
    largeConcat: concatenated(seeds, P.largeSize),
    bigPadded: padded(seeds[0].text, P.big),
    bigConcat: concatenated(seeds, P.big),
  };
  for (const [size, p, c] of [
    [P.small, inputs.smallPadded, inputs.smallConcat],
    [P.largeSize, inputs.largePadded, inputs.largeConcat],
    [P.big, inputs.bigPadded, inputs.bigConcat],
  ] as const) {
    writeFileSync(join(OUT_DIR, `padded-${sizeTag(size)}.txt`), p);
    writeFileSync(join(OUT_DIR, `concat-${sizeTag(size)}.txt`), c);
  }

  progress('engine: seeds vs the split floor...');
  const eng = engine(seeds);
  // Real reports as they arrive: text extracted from a published PDF (issue 13), not a seed.
  const pdfTexts = ['huaian_szf_2024.layout.txt', 'huaian_szf_2024.pypdf.txt'].map((name) => ({ name, text: readFileSync(join(ROOT, 'test', 'fixtures', 'pdf-text', name), 'utf8') }));
  const engPdf = engine(pdfTexts);
  progress('engine: scaling...');
  const scales = [scaling('one report, prose repeated', inputs.smallPadded, inputs.bigPadded), scaling('concatenated reports', inputs.smallConcat, inputs.bigConcat)];

  const srv = await server(seeds, QUICK ? null : inputs.bigPadded, QUICK ? null : inputs.bigConcat, inputs.largePadded, inputs.largeConcat);
  const cl = cli(seeds);
  const fx = await fixAllBench(seeds);
  progress('published files: PDF, DOCX, HTML...');
  const pub = await publishedBench(check, P.publishedRounds);
  const SUMMARY_ROWS = QUICK ? 200 : 10_000;
  progress(`summary view: ${SUMMARY_ROWS} rows in headless Chromium; govreport/summary on ${SUMMARY_ROWS} files...`);
  const sv = await measureSummaryView(SUMMARY_ROWS, QUICK ? 1 : 3);
  const ss = await measureSummary(SUMMARY_ROWS, 2);

  // ------------------------------------------------------------------------------------------
  const rows: Row[] = [];
  const worst = eng.reduce((a, b) => (b.ratio > a.ratio ? b : a));
  rows.push({
    measure: `engine: check() on each seed ÷ one line/tab split of it (medians of ${P.engineSamples})`,
    value: `worst ${worst.ratio.toFixed(1)}× (${eng.map((e) => e.ratio.toFixed(1)).join(' / ')}; check ${ms(median(eng.map((e) => e.checkUs)) / 1000)} ms, split ${median(eng.map((e) => e.floorUs)).toFixed(0)} µs)`,
    target: '≤ 10×',
    pass: worst.ratio <= 10,
  });
  const worstPdf = engPdf.reduce((a, b) => (b.ratio > a.ratio ? b : a));
  rows.push({
    measure: `engine: check() on a real PDF's text (huaian 2024: pdftotext -layout / pypdf) ÷ one line/tab split of it (medians of ${P.engineSamples})`,
    value: `worst ${worstPdf.ratio.toFixed(1)}× (${engPdf.map((e) => `${e.ratio.toFixed(1)}× = ${ms(e.checkUs / 1000)} ms`).join(' / ')})`,
    target: '≤ 10×',
    pass: worstPdf.ratio <= 10,
  });
  for (const s of scales) {
    rows.push({
      measure: `scaling: ms/MB at ${mb(s.bigBytes)} MB ÷ ms/MB at ${mb(s.smallBytes)} MB (${s.shape})`,
      value: `${s.ratio.toFixed(2)} (${s.bigMsPerMB.toFixed(1)} vs ${s.smallMsPerMB.toFixed(1)} ms/MB)`,
      target: '≤ 1.5',
      pass: s.ratio <= 1.5,
    });
  }
  const seedP95 = pct(srv.seedEditMs, 95);
  rows.push({
    measure: `server: edit → diagnostics, seed-size document, ${srv.seedEditMs.length} edits, debounce 0`,
    value: `p50 ${ms(median(srv.seedEditMs))} / p95 ${ms(seedP95)} ms (as shipped: the row below)`,
    target: 'p95 ≤ 10 ms',
    pass: seedP95 <= 10,
  });
  for (const l of srv.large) {
    const p95 = pct(l.editMs, 95);
    rows.push({
      measure: `server: edit → diagnostics, ${mb(l.bytes)} MB document (${l.shape}), ${l.editMs.length} edits, debounce 0`,
      value: `p50 ${ms(median(l.editMs))} / p95 ${ms(p95)} ms`,
      target: 'p95 ≤ 250 ms',
      pass: p95 <= 250,
    });
  }
  const shippedSeed = pct(srv.productDebounceEditMs, 95);
  const shippedLarge = srv.large.length ? Math.max(...srv.large.map((l) => pct(l.shippedMs, 95))) : 0;
  rows.push({
    measure: `server as shipped (no debounce override): edit → diagnostics, p95 on a seed (${srv.productDebounceEditMs.length} edits); on the ${srv.large.length ? mb(srv.large[0].bytes) : '?'} MB documents (${P.debounceEdits} edits each)`,
    value: `${ms(shippedSeed)} ms (p50 ${ms(median(srv.productDebounceEditMs))}); ${srv.large.map((l) => `${l.shape}: ${ms(pct(l.shippedMs, 95))}`).join('; ')} ms`,
    target: '≤ 16 ms; ≤ 250 ms',
    pass: shippedSeed <= 16 && shippedLarge <= 250,
  });
  const fp = { hover: pct(srv.hoverMs, 95), symbols: pct(srv.symbolsMs, 95), actions: pct(srv.actionsMs, 95) };
  rows.push({
    measure: `server: hover / document symbols / code actions on a seed, p95 of ${srv.hoverMs.length} each`,
    value: `${ms(fp.hover)} / ${ms(fp.symbols)} / ${ms(fp.actions)} ms`,
    target: '≤ 5 ms',
    pass: Math.max(fp.hover, fp.symbols, fp.actions) <= 5,
  });
  const initMed = median(srv.initializeMs);
  const openMed = median(srv.openMs);
  rows.push({
    measure: `server: process start → initialize answered; didOpen of a seed → first diagnostics (medians of ${srv.initializeMs.length} starts)`,
    value: `${ms(initMed)} ms; ${ms(openMed)} ms`,
    target: '≤ 300 ms; ≤ 500 ms',
    pass: initMed <= 300 && openMed <= 500,
  });
  if (srv.memory.length) {
    const peak = Math.max(...srv.memory.map((m) => m.peak));
    rows.push({
      measure: `server: peak memory (VmHWM) with a ${mb(srv.memory[0].bytes)} MB document open, checked (maxFileSize answered as 100,000,000) and edited ${P.memEdits} times`,
      value: `${mb(peak)} MB (${srv.memory.map((m) => `${m.shape}: ${mb(m.peak)}, ${mb(m.afterOpen)} after the open alone`).join('; ')})`,
      target: '≤ 300 MB',
      pass: peak <= 300 * MB,
    });
  } else {
    rows.push({ measure: 'server: peak memory with a 10 MB document open', value: 'skipped (BENCH_QUICK)', target: '≤ 300 MB', pass: null });
  }
  const cliMed = median(cl.wallMs.default);
  const rate = cl.count / (cliMed / 1000);
  const cliRate = (name: string) => `${(cl.count / (median(cl.wallMs[name]) / 1000)).toFixed(0)} reports/s (${ms(median(cl.wallMs[name]))} ms)`;
  rows.push({
    measure: `CLI: \`govreport check\` on ${cl.count} seed-sized reports (${mb(cl.bytes)} MB) in one invocation, wall time incl. start-up and reading (median of ${cl.wallMs.default.length}; as shipped, beside it --jobs 1 and --jobs ${cl.jobsN}, interleaved; ${os.availableParallelism()} cores)`,
    value: `${rate.toFixed(0)} reports/s (${ms(cliMed)} ms); --jobs 1: ${cliRate('jobs1')}; --jobs ${cl.jobsN}: ${cliRate('jobsN')}`,
    target: '≥ 1,000 reports/s',
    pass: rate >= 1000,
  });
  // Published files (issue 14): targets per kind; the PDF's is for 10 pages, checked per page.
  const PUBLISHED_TARGETS = { pdf: 20, docx: 50, html: 30 } as const;
  for (const f of pub.files) {
    const limit = f.kind === 'pdf' ? PUBLISHED_TARGETS.pdf * (f.pages ?? 10) : PUBLISHED_TARGETS[f.kind];
    rows.push({
      measure: `published file, read + check as shipped (dist/readers.js${f.kind === 'pdf' ? ' in the PDF worker thread, pdfjs loaded' : ''}): ${f.name} (${(f.bytes / 1000).toFixed(0)} kB${f.pages ? `, ${f.pages} pages` : ''}; median of ${f.rounds})`,
      value: `${ms(f.totalMs)} ms (read ${ms(f.readMs)} ms${f.inThreadReadMs !== null ? `; in this thread ${ms(f.inThreadReadMs)} ms` : ''})${f === pub.files[0] ? `; a process's first PDF also starts the worker and loads pdfjs: ${ms(pub.firstPdfMs)} ms for a 3-page file` : ''}`,
      target: f.kind === 'pdf' ? `≤ ${limit} ms (≤ 200 ms for 10 pages)` : `≤ ${limit} ms`,
      pass: f.totalMs <= limit,
    });
  }
  for (const f of fx) {
    const fixCli = median(f.cliMs);
    const fixSrv = median(f.serverMs);
    rows.push({
      measure: `fix-all, ${mb(f.bytes)} MB document (${f.shape}; ${f.fixes} safe fixes): \`govreport check --fix\` wall time (read, fix, check, write); the server's source.fixAll (medians of ${f.cliMs.length})`,
      value: `CLI ${ms(fixCli)} ms; server ${ms(fixSrv)} ms (a request sent with it answered after ${ms(median(f.serverOtherMs))} ms)`,
      target: '≤ 1,000 ms each',
      pass: fixCli <= 1000 && fixSrv <= 1000,
    });
  }
  {
    const m = (xs: number[]) => median(xs);
    const quick = Math.max(m(sv.ends), m(sv.sorts), m(sv.opens), m(sv.filters));
    rows.push({
      measure: `summary view, ${sv.rows} reports (its webview script in headless Chromium, bench/summary-view.ts): first rows painted; then scroll to the end, sort by errors, open a row, filter (medians of ${sv.first.length})`,
      value: `${ms(m(sv.first))} ms; ${ms(m(sv.ends))} / ${ms(m(sv.sorts))} / ${ms(m(sv.opens))} / ${ms(m(sv.filters))} ms`,
      target: '≤ 1,000 ms; ≤ 250 ms each',
      pass: m(sv.first) <= 1000 && quick <= 250,
    });
    rows.push({
      measure: `server: govreport/summary after validating ${ss.n} files (bench/summary-server.ts): the first answer, then one from the rows kept (${mb(ss.bytes)} MB of JSON)`,
      value: `${ms(ss.ms[0])} ms (server ${ms(ss.serverMs[0])} ms), then ${ms(ss.ms[1])} ms`,
      target: '≤ 2,000 ms',
      pass: ss.ms[0] <= 2000,
    });
  }
  if (vsix) {
    rows.push({
      measure: `package: govreport.vsix size (${vsix.rebuilt ? 'built by npm run package' : 'reused: fresher than dist'})`,
      value: `${(vsix.size / 1000).toFixed(0)} kB`,
      target: '≤ 4 MB',
      pass: vsix.size <= 4 * MB,
    });
  } else {
    rows.push({ measure: 'package: govreport.vsix size', value: 'skipped (BENCH_QUICK)', target: '≤ 4 MB', pass: null });
  }

  // ------------------------------------------------------------------------------------------
  const cpus = os.cpus();
  const date = new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const table = [
    '| measure | value | target | result |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${esc(r.measure)} | ${esc(r.value)} | ${esc(r.target)} | ${r.pass === null ? 'skipped' : r.pass ? 'pass' : '**FAIL**'} |`),
  ].join('\n');
  const lp = srv.large[0];
  const md = `# Benchmarks${QUICK ? ' (BENCH_QUICK: a smoke run, not a measurement)' : ''}

Measured by \`npm run bench\` (bench/run.ts) on ${date}: Node ${process.version}, ${cpus[0]?.model ?? 'unknown CPU'} × ${cpus.length} (${os.platform()} ${os.arch()}), a shared machine (1-minute load average ${loadBefore.toFixed(1)} at the start, ${os.loadavg()[0].toFixed(1)} at the end). Machine speed (a fixed loop of 5·10⁷ integer additions, best of 3): ${ms(cpuBefore)} ms at the start, ${ms(cpuReference())} ms at the end; the figures in absolute time move with it. Total run ${((performance.now() - started) / 1000).toFixed(0)} s.

${table}

How each figure is made (every one a ratio within one process, or a median / percentile of many repetitions):

- **Sizes** are UTF-8 bytes (MB = 10⁶ bytes); the reports are mostly CJK, about 2.3 bytes a character. Inputs are generated by bench/generate.ts from the seeds (test/fixtures/seeds) into bench/.data/ (git-ignored): *one report, prose repeated* is seed ${seeds[0].name} with its prose paragraphs repeated in place until the size is reached; *concatenated reports* is the five seeds one after another, round robin.
- **engine**: \`check(text)\` of core/src (parse + every rule), bundled by esbuild as the product bundles it (bench/engine.ts), on each seed, median of ${P.engineSamples} runs after ${P.engineWarm} warm-up runs, divided by the median of a single pass that splits the same text into lines (LF / CRLF / CR) and tab-separated cells, materialising every cell as a string, in the same process. Per seed: ${eng.map((e) => `${e.seed.slice(0, 3)} ${(e.checkUs / 1000).toFixed(2)} ms ÷ ${e.floorUs.toFixed(1)} µs`).join('; ')}.
- **scaling**: medians of ${P.scaleRounds} checks of the big text and ${P.scaleRounds * P.scaleSmallPerRound} of the small one, interleaved.
- **server** figures are taken by a client (bench/lsp.ts) that spawns dist/server.js --stdio and times from sending a message to receiving its answer (or the diagnostics of the edited version). Edits are incremental one-character changes cycling through: type a character in a prose paragraph, delete it, change a one-digit table cell, restore it; the first ${P.editWarm} edits (${Math.ceil(P.editWarm / 5)} per seed, right after the opens) warm the server up and are not counted: they measured p50 ${ms(median(srv.seedWarmEditMs))} / p95 ${ms(pct(srv.seedWarmEditMs, 95))} ms, the engine's code still being compiled. For scale, a request the server answers without work (govreport/debug/stats) takes p50 ${ms(median(srv.rttMs))} / p95 ${ms(pct(srv.rttMs, 95))} ms round trip. The latencies are taken with \`initializationOptions.debounceMs: 0\`; the product's debounce is **${productDebounce()}**, which comes on top of them: edit → diagnostics as shipped measured p50 ${ms(median(srv.productDebounceEditMs))} ms over ${srv.productDebounceEditMs.length} edits.${lp ? ` The ${mb(lp.bytes)} MB documents (${srv.large.map((l) => `${l.shape}: ${l.chars.toLocaleString('en')} characters, opened in ${ms(l.openMs)} ms`).join('; ')}) are under the default maxFileSize.` : ''}
- **feature requests** are on a seed whose analysis is current (as after its diagnostics): hover at a pseudo-random position, the document outline, the quick fixes for one of its diagnostics.
- **start-up** runs the server as shipped (no debounceMs, default settings), a fresh process each time; the open is timed from didOpen to the first publishDiagnostics (it includes the workspace/configuration round trip).
- **memory**: ${srv.memory.length ? `each ${mb(srv.memory[0].bytes)} MB document (${srv.memory.map((m) => `${m.shape}: ${m.chars.toLocaleString('en')} characters, ${m.diagnostics} diagnostics`).join('; ')}) is opened in a fresh server whose workspace/configuration answers \`maxFileSize: 100000000\` (the default is 5,000,000 characters; the larger limit makes sure the document is actually checked whatever its length, which the bench verifies), then edited ${P.memEdits} times (one-digit cell changes spread over the text; edit → diagnostics ${srv.memory.map((m) => `${ms(median(m.editMs))} ms`).join(' and ')} median, open ${srv.memory.map((m) => `${ms(m.openMs)} ms`).join(' and ')}), its outline and a hover requested; VmHWM of /proc/<pid>/status of the server process is read after the open and at the end.` : 'skipped in BENCH_QUICK.'}
- **CLI**: \`node dist/cli.js check <folder>\` on ${cl.count} files (each seed with its first paragraph rotated, so none are identical), text output piped to the bench, exit code ${cl.exitCode} (${cl.exitCode === 1 ? 'some report has errors' : 'no errors'}); wall time of the whole process, start-up included. The row's value is the CLI as shipped (its default --jobs: worker threads for a batch this size on 3 cores or more, one thread on 2), then --jobs 1 (one thread) and --jobs N (N threads: the main one and N − 1 worker threads; N the cores, at most 8, at least 2), run in turn in each round.
- **published files**: \`readPublished\` of dist/readers.js (pdfjs from dist/pdfjs/, loaded once per process: the first PDF's time is given apart) then \`check\` of the engine bundle, on the real 淮安 PDF (test/fixtures/published), the generated 3-page PDF, a generated .docx (merged cells) and two web pages (a generated GBK page in a site's chrome, the real 平潭 2024 page); medians after one unmeasured read. The PDF target is 200 ms for 10 pages, so 20 ms a page.
- **summary view**: dist/webview/summary.js and .css in headless Chromium (a page standing in for the webview, stubbing acquireVsCodeApi) given the update message the extension sends for generated rows (without their findings, sent when a row opens); each time from the message, the scroll, the click or the key typed to the frame that paints the result. **govreport/summary**: a client of dist/server.js validates a folder of generated reports (bench/generate.ts's corpus), then asks for the rows.
- **bundles** measured: ${bundleKind()}.
- **package**: ${vsix ? `govreport.vsix is ${vsix.size.toLocaleString('en')} bytes.` : 'skipped in BENCH_QUICK.'}
`;
  // The section measured in a real VS Code (npm run bench:e2e, bench/e2e.ts) is kept as it was.
  const e2e = existsSync(REPORT_FILE) ? sectionOf(readFileSync(REPORT_FILE, 'utf8')) : undefined;
  writeFileSync(REPORT_FILE, e2e ? withSection(md, e2e) : md);
  process.stdout.write(md);
  if (sink === 0.5) process.stdout.write('\n'); // keeps the results alive
  if (STRICT && rows.some((r) => r.pass === false)) process.exitCode = 1;
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 2;
});
