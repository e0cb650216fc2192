// The engine (core/) as it was at a git revision and as it is in the working tree, each bundled
// by esbuild into `work` and loaded: what `npm run differential` compares and `npm run ab` times.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

export type Engine = typeof import('../core/src');

const ROOT = join(__dirname, '..');

function bundle(entry: string, outfile: string): Engine {
  buildSync({ entryPoints: [entry], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', nodePaths: [join(ROOT, 'node_modules')], logLevel: 'warning' });
  return createRequire(join(ROOT, 'package.json'))(outfile) as Engine;
}

/** [engine at `rev`, engine of the working tree]; `work` is emptied first. */
export function enginesThenAndNow(rev: string, work: string): [Engine, Engine] {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, 'old'), { recursive: true });
  execFileSync('sh', ['-c', `git archive "$1" core | tar -x -C "$2"`, 'sh', rev, join(work, 'old')], { cwd: ROOT, stdio: 'inherit' });
  return [bundle(join(work, 'old', 'core', 'src', 'index.ts'), join(work, 'old.cjs')), bundle(join(ROOT, 'core', 'src', 'index.ts'), join(work, 'new.cjs'))];
}
