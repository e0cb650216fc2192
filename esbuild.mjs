// Bundles the four entry points: the VS Code client, the language server, the CLI and the
// e2e test module. `--production` minifies and drops source maps; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  external: ['vscode'],
};

const builds = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js' },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['cli/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, define: { __VERSION__: JSON.stringify(pkg.version) } },
  // mocha is bundled; its parallel mode (unused) require.resolve()s files of its own: not an issue.
  {
    entryPoints: ['test/e2e/suite/index.ts'],
    outfile: 'dist/e2e/index.js',
    logOverride: { 'require-resolve-not-external': 'silent' },
  },
];

import { existsSync } from 'node:fs';
const present = builds.filter((b) => b.entryPoints.every((p) => existsSync(p)));
if (watch) {
  for (const b of present) {
    const ctx = await esbuild.context({ ...common, ...b });
    await ctx.watch();
  }
  console.log('esbuild: watching', present.map((b) => b.outfile).join(', '));
} else {
  await Promise.all(present.map((b) => esbuild.build({ ...common, ...b })));
}
