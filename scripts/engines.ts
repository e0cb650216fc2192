// The engine (core/) as it was at a git revision and as it is in the working tree, each bundled
// by esbuild into `work` and loaded: what `npm run differential` compares and `npm run ab` times.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildSync, type BuildOptions } from 'esbuild';

export type Engine = typeof import('../core/src');

const ROOT = join(__dirname, '..');

/** esbuild options of an engine bundle (those of the product's bundles). */
const BUNDLE: BuildOptions = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', nodePaths: [join(ROOT, 'node_modules')], logLevel: 'warning' };

/** The files of [engine at `rev`, engine of the working tree], bundled into `work` (emptied first). */
export function bundlesThenAndNow(rev: string, work: string): [string, string] {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, 'old'), { recursive: true });
  execFileSync('sh', ['-c', `git archive "$1" core | tar -x -C "$2"`, 'sh', rev, join(work, 'old')], { cwd: ROOT, stdio: 'inherit' });
  const files: [string, string] = [join(work, 'old.cjs'), join(work, 'new.cjs')];
  buildSync({ ...BUNDLE, entryPoints: [join(work, 'old', 'core', 'src', 'index.ts')], outfile: files[0] });
  buildSync({ ...BUNDLE, entryPoints: [join(ROOT, 'core', 'src', 'index.ts')], outfile: files[1] });
  return files;
}

/** [engine at `rev`, engine of the working tree], loaded; `work` is emptied first. */
export function enginesThenAndNow(rev: string, work: string): [Engine, Engine] {
  const load = createRequire(join(ROOT, 'package.json'));
  const [a, b] = bundlesThenAndNow(rev, work);
  return [load(a) as Engine, load(b) as Engine];
}
