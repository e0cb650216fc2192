// The engine as the product runs it: core/src bundled by esbuild with the options of esbuild.mjs
// (platform node, target node20, cjs), not through tsx, whose keepNames helper (`__name`, called
// on every closure created) would cost a few per cent that the shipped bundles do not pay.
// Not minified, so that profiles of it name real lines of bench/.data/engine.cjs.
import { buildSync } from 'esbuild';
import { mkdirSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DATA_DIR, ROOT } from './generate';

export type Engine = typeof import('../core/src');

export const ENGINE_BUNDLE = join(DATA_DIR, 'engine.cjs');

/** Bundles core/src to `outfile` (through a temporary file: concurrent runs never read half a bundle) and loads it. */
export function loadEngine(outfile = ENGINE_BUNDLE): Engine {
  mkdirSync(dirname(outfile), { recursive: true });
  const tmp = `${outfile}.${process.pid}.tmp.cjs`;
  buildSync({
    entryPoints: [join(ROOT, 'core', 'src', 'index.ts')],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: false,
    minify: false,
    logLevel: 'warning',
  });
  renameSync(tmp, outfile);
  return createRequire(join(ROOT, 'package.json'))(outfile) as Engine;
}
