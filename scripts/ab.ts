// A/B timing of the engine at a git revision against the working tree, runs interleaved (this
// machine's speed swings within minutes, so separate runs cannot be compared):
//   npm run ab -- REV [runs]          e.g. npm run ab -- HEAD 400
//     In one process, warm: per seed the medians of both, the median of the paired ratios (the
//     change), and each one's ratio to the line/tab split of bench/run.ts. Two engines in one
//     process read a little slower than one does in `npm run bench`: use it for the change, not
//     for the target.
//   npm run ab -- REV [runs] --cold   e.g. npm run ab -- HEAD 30 --cold
//     Fresh processes, alternating: each checks the bench's 1,000-report corpus once, as the CLI
//     does. Most of that time is the engine's code being interpreted and compiled (a warm check
//     costs a third of the average), which the warm mode does not see.
//   npm run ab -- REV [runs] --instructions [--cold]
//     Instructions counted by valgrind (cachegrind, node --single-threaded), not time: the
//     machine's load does not move them (0.3 % between runs of one engine), so a change of 1 %
//     shows. Warm: a check's instructions on the seeds, from runs of 100 and 100 + runs rounds
//     (default 100); --cold: a fresh process checking 200 reports of the corpus. Slow (valgrind
//     runs node ~50x slower: minutes). A count is no time (cache misses, the collector's pauses
//     are not in it): confirm a change with the timed modes.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { floorSplit } from '../bench/floor';
import { loadSeeds, writeCorpus } from '../bench/generate';
import { bundlesThenAndNow, enginesThenAndNow, type Engine } from './engines';

const ROOT = join(__dirname, '..');
const args = process.argv.slice(2);
const cold = args.includes('--cold');
const instructions = args.includes('--instructions');
const [rev, runsArg = instructions ? '100' : cold ? '30' : '400'] = args.filter((a) => a !== '--cold' && a !== '--instructions');
if (!rev) {
  process.stderr.write('usage: npm run ab -- REV [runs] [--cold]\n');
  process.exit(2);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const runs = Number(runsArg);
const WORK = join(ROOT, 'bench', '.data', 'ab');

if (instructions) {
  const files = bundlesThenAndNow(rev, WORK);
  const corpus = cold ? writeCorpus(join(WORK, 'corpus'), loadSeeds(), 200) : '';
  // Instructions of count-run.cjs under valgrind for each [bundle, ...its arguments], the runs
  // in parallel (a shell's background jobs: each is single-threaded).
  const counts = (runs: string[][]): number[] => {
    const q = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;
    const cmd = runs
      .map((r, k) => `valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null --smc-check=all-non-file ${q(process.execPath)} --single-threaded ${q(join(ROOT, 'scripts', 'count-run.cjs'))} ${r.map(q).join(' ')} >/dev/null 2>${q(join(WORK, `count-${k}.txt`))} &`)
      .join('\n');
    const res = spawnSync('sh', ['-c', `${cmd}\nwait`], { stdio: 'inherit' });
    if (res.status !== 0) throw new Error(`valgrind runs failed (${res.status}); is valgrind installed?`);
    return runs.map((_, k) => {
      const out = readFileSync(join(WORK, `count-${k}.txt`), 'utf8');
      const m = /I\s+refs:\s+([\d,]+)/.exec(out);
      if (!m) throw new Error(`no instruction count in valgrind's output:\n${out.slice(-2000)}`);
      return Number(m[1].replace(/,/g, ''));
    });
  };
  const M = (n: number) => `${(n / 1e6).toFixed(3)} M`;
  const change = (a: number, b: number) => `${b >= a ? '+' : ''}${((100 * (b - a)) / a).toFixed(2)}%`;
  if (cold) {
    const [a, b] = counts(files.map((f) => [f, 'cold', corpus]));
    process.stdout.write(`200 reports in a fresh process, instructions: ${rev} ${M(a)}, now ${M(b)} (${change(a, b)})\n`);
  } else {
    const [a0, b0, a1, b1] = counts([
      [files[0], 'warm', '100', '0'],
      [files[1], 'warm', '100', '0'],
      [files[0], 'warm', '100', String(runs)],
      [files[1], 'warm', '100', String(runs)],
    ]);
    const seeds = loadSeeds().length;
    const a = (a1 - a0) / (runs * seeds);
    const b = (b1 - b0) / (runs * seeds);
    process.stdout.write(`a warm check (mean over the ${seeds} seeds), instructions: ${rev} ${M(a)}, now ${M(b)} (${change(a, b)})\n`);
  }
  process.exit(0);
}

if (cold) {
  const files = bundlesThenAndNow(rev, WORK);
  const corpus = writeCorpus(join(WORK, 'corpus'), loadSeeds(), 1000);
  const times: [number[], number[]] = [[], []];
  const found: [number, number] = [0, 0];
  for (let i = 0; i < runs; i++) {
    for (const k of i % 2 === 0 ? [0, 1] : [1, 0]) {
      const res = spawnSync(process.execPath, [join(ROOT, 'scripts', 'cold-run.cjs'), files[k], corpus], { encoding: 'utf8' });
      if (res.status !== 0) throw new Error(res.stderr);
      const [ms, n] = res.stdout.trim().split(' ').map(Number);
      times[k].push(ms);
      found[k] = n;
    }
  }
  const [a, b] = times.map(median);
  const change = median(times[0].map((x, i) => times[1][i] / x)) - 1;
  process.stdout.write(
    `1,000 reports in a fresh process, median of ${runs}: ${rev} ${a.toFixed(0)} ms, now ${b.toFixed(0)} ms (${change >= 0 ? '+' : ''}${(change * 100).toFixed(1)}%)` +
      `${found[0] === found[1] ? '' : `; findings differ: ${found[0]} against ${found[1]}`}\n`,
  );
  process.exit(0);
}

const [A, B] = enginesThenAndNow(rev, WORK);

let sink = 0;
for (const { name, text } of loadSeeds()) {
  for (let i = 0; i < 300; i++) sink += A.check(text).findings.length + B.check(text).findings.length + floorSplit(text);
  const a: number[] = [];
  const b: number[] = [];
  const f: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Which goes first alternates: the second of a pair runs a little faster (warm caches).
    const time = (e: Engine) => {
      const t0 = performance.now();
      sink += e.check(text).findings.length;
      return performance.now() - t0;
    };
    if (i % 2 === 0) {
      a.push(time(A));
      b.push(time(B));
    } else {
      b.push(time(B));
      a.push(time(A));
    }
    const t0 = performance.now();
    for (let r = 0; r < 16; r++) sink += floorSplit(text);
    f.push((performance.now() - t0) / 16);
  }
  const change = median(a.map((x, i) => b[i] / x)) - 1;
  const us = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;
  process.stdout.write(
    `${name}: ${rev} ${us(median(a))}, now ${us(median(b))} (${change >= 0 ? '+' : ''}${(change * 100).toFixed(1)}%); ratio to the split ${(median(a) / median(f)).toFixed(1)}× → ${(median(b) / median(f)).toFixed(1)}×\n`,
  );
}
if (sink === 0) process.stdout.write('\n');
