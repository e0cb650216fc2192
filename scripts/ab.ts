// A/B timing of the engine at a git revision against the working tree, in one process, runs
// interleaved (this machine's speed swings within minutes, so separate runs cannot be compared):
//   npm run ab -- REV [runs]      e.g. npm run ab -- HEAD 400
// Prints per seed the medians of both, the median of the paired ratios (the change), and each
// one's ratio to the line/tab split of bench/run.ts. Two engines in one process read a little
// slower than one does in `npm run bench`: use it for the change, not for the target.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { floorSplit } from '../bench/floor';
import { loadSeeds } from '../bench/generate';
import { enginesThenAndNow, type Engine } from './engines';

const ROOT = join(__dirname, '..');
const [rev, runsArg = '400'] = process.argv.slice(2);
if (!rev) {
  process.stderr.write('usage: npm run ab -- REV [runs]\n');
  process.exit(2);
}
const [A, B] = enginesThenAndNow(rev, join(ROOT, 'bench', '.data', 'ab'));


const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const runs = Number(runsArg);
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
