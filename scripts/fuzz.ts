// Fuzzer: the engine's properties (test/property/properties.ts) on many generated cases
// (test/property/arbitraries.ts), in parallel worker processes.
//
//   npm run fuzz                      100,000 cases, fixed seed, one worker per core (max 4)
//   npm run fuzz -- 500000            more cases (also: --runs N, or FUZZ_RUNS=N)
//   npm run fuzz -- --seed 42         another seed (also FC_SEED=n; FC_SEED=random)
//   npm run fuzz -- --workers 1       one process (also FUZZ_WORKERS=n)
//   npm run fuzz -- --skip fix-meaning  leave properties out (comma-separated; also FUZZ_SKIP)
//   npm run fuzz -- --out DIR         where failing inputs are written (default: $TMPDIR/govreport-fuzz)
//   npm run fuzz -- --reader-runs N   mutated PDF/DOCX/HTML files read (default 100; also FUZZ_READER_RUNS)
//
// Cases run in batches of 1,000, each batch with its own seed (run seed + batch number); a
// failure ends a run of fast-check, and the batch goes on under a derived seed: the batch's counterexample is shrunk by fast-check (the recipe),
// then its text is cut down further by delta debugging, printed and written to the output
// directory. Exits 1 when any property failed.
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { CheckOptions } from '../core/src';
import { bigCase, checkOptions, materializeBig, runSeed, textCase, textOf, type BigCase, type TextCase } from '../test/property/arbitraries';
import { minimizeText } from '../test/property/minimize';
import { allProperties, PROPERTY_NAMES, propertyOf } from '../test/property/properties';
import { describeReaderFuzz, fuzzReaders } from './fuzz-readers';

type FuzzCase = { k: 'text'; c: TextCase; options: CheckOptions } | { k: 'big'; c: BigCase };

const fuzzCase: fc.Arbitrary<FuzzCase> = fc.oneof(
  { arbitrary: fc.record({ k: fc.constant('text' as const), c: textCase, options: checkOptions }), weight: 999 },
  { arbitrary: fc.record({ k: fc.constant('big' as const), c: bigCase }), weight: 1 },
);

function textOfCase(fcase: FuzzCase): string {
  return fcase.k === 'text' ? textOf(fcase.c) : materializeBig(fcase.c);
}
function optionsOf(fcase: FuzzCase): CheckOptions {
  return fcase.k === 'text' ? fcase.options : {};
}

const BATCH = 1000;

interface Failure {
  property: string;
  message: string;
  seed: number;
  path: string;
  counterexample: string;
  text: string;
  minimized: string;
  options: CheckOptions;
}

type Msg =
  | { type: 'batch'; cases: number; maxMs: number }
  | { type: 'failure'; failure: Failure }
  | { type: 'done' };

function describeFailure(details: fc.RunDetails<[FuzzCase]>, batchSeed: number, skip: ReadonlySet<string>): Failure {
  const fcase = details.counterexample![0];
  const text = textOfCase(fcase);
  const options = optionsOf(fcase);
  const property = propertyOf(details.errorInstance);
  const fails = (t: string) => {
    try {
      allProperties(t, options, skip);
      return false;
    } catch (e) {
      return propertyOf(e) === property;
    }
  };
  const minimized = minimizeText(text, fails);
  let message = '';
  try {
    allProperties(minimized, options, skip);
  } catch (e) {
    message = e instanceof Error ? (e.stack ?? e.message) : String(e);
  }
  return {
    property,
    message: message || (details.errorInstance instanceof Error ? (details.errorInstance.stack ?? '') : String(details.errorInstance)),
    seed: batchSeed,
    path: details.counterexamplePath ?? '',
    counterexample: fc.stringify(fcase),
    text,
    minimized,
    options,
  };
}

// ---------------------------------------------------------------------------------------------
// Worker: runs the batches numbered worker, worker + W, worker + 2W, ...

function worker(seed: number, runs: number, index: number, workers: number, skip: ReadonlySet<string>): void {
  const send = (m: Msg) => process.send!(m);
  const batches = Math.ceil(runs / BATCH);
  for (let b = index; b < batches; b += workers) {
    const batchRuns = Math.min(BATCH, runs - b * BATCH);
    // A failure ends fast-check's run; the rest of the batch goes on under a derived seed, so the
    // number of cases does not depend on how many failures there are (at most 20 per batch).
    let done = 0;
    for (let attempt = 0; done < batchRuns && attempt < 20; attempt++) {
      const batchSeed = (seed + b + attempt * 0x9e3779b) | 0;
      let maxMs = 0;
      const details = fc.check(
        fc.property(fuzzCase, (fcase) => {
          const ms = allProperties(textOfCase(fcase), optionsOf(fcase), skip);
          if (ms > maxMs) maxMs = ms;
        }),
        { seed: batchSeed, numRuns: batchRuns - done },
      );
      done += details.numRuns;
      if (details.failed) send({ type: 'failure', failure: describeFailure(details, batchSeed, skip) });
      send({ type: 'batch', cases: details.numRuns, maxMs });
    }
  }
  send({ type: 'done' });
}

// ---------------------------------------------------------------------------------------------
// Main

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const positional = process.argv.slice(2).find((a, i, all) => /^\d+$/.test(a) && !(i > 0 && all[i - 1].startsWith('--')));
  const runs = Number(arg('--runs') ?? positional ?? process.env.FUZZ_RUNS ?? 100_000);
  const seedArg = arg('--seed');
  if (seedArg) process.env.FC_SEED = seedArg;
  const seed = runSeed(20240607);
  const workers = Math.max(1, Number(arg('--workers') ?? process.env.FUZZ_WORKERS ?? Math.min(4, availableParallelism())));
  const skip = (arg('--skip') ?? process.env.FUZZ_SKIP ?? '').split(',').filter(Boolean);
  const skippable = PROPERTY_NAMES.filter((p) => p !== 'no-throw' && p !== 'deterministic');
  for (const p of skip) if (!(skippable as string[]).includes(p)) throw new Error(`cannot skip "${p}"; can skip: ${skippable.join(', ')}`);
  const outDir = arg('--out') ?? join(tmpdir(), 'govreport-fuzz');
  if (!Number.isFinite(runs) || runs < 1) throw new Error(`bad number of runs: ${runs}`);

  const checked = PROPERTY_NAMES.filter((p) => !skip.includes(p));
  console.log(`fuzz: ${runs} cases, seed ${seed}, ${workers} worker(s), batches of ${BATCH}; properties: ${checked.join(', ')}`);
  const t0 = performance.now();
  let cases = 0;
  let maxMs = 0;
  let lastPrint = 0;
  const failures: Failure[] = [];
  await Promise.all(
    Array.from({ length: workers }, (_, index) =>
      new Promise<void>((resolve, reject) => {
        const child = fork(__filename, ['--worker', String(seed), String(runs), String(index), String(workers), skip.join(',')], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
        child.on('message', (m: Msg) => {
          if (m.type === 'batch') {
            cases += m.cases;
            maxMs = Math.max(maxMs, m.maxMs);
            const now = performance.now();
            if (now - lastPrint > 10_000) {
              lastPrint = now;
              const s = (now - t0) / 1000;
              console.log(`  ${cases} cases, ${failures.length} failure(s), ${s.toFixed(0)} s, ${(cases / s).toFixed(0)} cases/s`);
            }
          } else if (m.type === 'failure') {
            failures.push(m.failure);
            console.log(`  FAILURE [${m.failure.property}] (seed ${m.failure.seed})`);
          }
        });
        child.on('error', reject);
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker ${index} exited with ${code}`))));
      }),
    ),
  );
  const secs = (performance.now() - t0) / 1000;

  // Distinct failures: one per property and first line of message.
  const distinct = new Map<string, Failure>();
  for (const f of failures) {
    const key = f.property + '|' + f.message.split('\n')[0].replace(/\d+/g, 'N') + '|' + (f.message.split('\n').find((l) => l.includes('core/src')) ?? '').replace(/:\d+:\d+\)?$/, '');
    const prev = distinct.get(key);
    if (!prev || f.minimized.length < prev.minimized.length) distinct.set(key, f);
  }
  if (distinct.size > 0) mkdirSync(outDir, { recursive: true });
  let n = 0;
  for (const f of distinct.values()) {
    n++;
    const file = join(outDir, `failure-${n}-${f.property}.txt`);
    writeFileSync(file, f.minimized);
    writeFileSync(file.replace(/\.txt$/, '.full.txt'), f.text);
    console.log(`\n=== failure ${n}: property "${f.property}" (batch seed ${f.seed}, path "${f.path}"; replay: npm run fuzz -- --seed ${f.seed} --runs ${BATCH} --workers 1)`);
    console.log(`options: ${JSON.stringify(f.options)}`);
    console.log(`shrunk counterexample (recipe): ${f.counterexample.length > 4000 ? f.counterexample.slice(0, 4000) + '…' : f.counterexample}`);
    console.log(`minimized text (${f.minimized.length} of ${f.text.length} chars): ${JSON.stringify(f.minimized.length > 2000 ? f.minimized.slice(0, 2000) + '…' : f.minimized)}`);
    console.log(`written to ${file}`);
    console.log(f.message.split('\n').slice(0, 12).join('\n'));
  }
  console.log(`\nfuzz: ${cases} cases, ${failures.length} failure(s) (${distinct.size} distinct), ${secs.toFixed(1)} s, ${(cases / secs).toFixed(0)} cases/s, slowest check ${maxMs.toFixed(0)} ms, seed ${seed}`);
  // The readers of published files on mutated real files (scripts/fuzz-readers.ts).
  const readerRuns = Number(arg('--reader-runs') ?? process.env.FUZZ_READER_RUNS ?? 100);
  const r0 = performance.now();
  const readers = readerRuns > 0 ? await fuzzReaders(readerRuns, seed, outDir) : undefined;
  if (readers) console.log(describeReaderFuzz(readers, (performance.now() - r0) / 1000));
  process.exitCode = failures.length > 0 || (readers?.failures.length ?? 0) > 0 ? 1 : 0;
}

if (process.argv[2] === '--worker') {
  worker(Number(process.argv[3]), Number(process.argv[4]), Number(process.argv[5]), Number(process.argv[6]), new Set((process.argv[7] ?? '').split(',').filter(Boolean)));
} else {
  main().catch((e) => {
    console.error(e);
    process.exit(2);
  });
}
