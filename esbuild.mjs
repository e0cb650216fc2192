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

/**
 * iconv-lite (GB18030 encoding, for --fix and the server's writes) is a file of its own,
 * dist/iconv-lite.js, required on first use: bundled inline, its 550 kB of tables were parsed at
 * every start of the CLI and the server.
 */
const iconvApart = {
  name: 'iconv-apart',
  setup(build) {
    build.onResolve({ filter: /^iconv-lite$/ }, () => ({ path: './iconv-lite.js', external: true }));
  },
};

/**
 * The readers of published files (fflate, htmlparser2) are dist/readers.js, required by
 * core/src/readers/load.ts when a .docx or web page is read: checking text files and starting
 * the server parse none of it.
 */
const readersApart = {
  name: 'readers-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/index$/ }, (args) =>
      /core[\\/]src[\\/]readers[\\/]load\.ts$/.test(args.importer) ? { path: './readers.js', external: true } : undefined,
    );
  },
};

/**
 * pdfjs-dist (the PDF reader's library, about 2 MB) is in no bundle: core/src/readers/pdf.ts
 * imports it dynamically on the first PDF read, from dist/pdfjs/ (its minified legacy build and
 * the cMaps of Chinese fonts, copied there by copyPdfjs below), as __PDFJS_DIR__ says.
 */
const pdfjsApart = {
  name: 'pdfjs-apart',
  setup(build) {
    build.onResolve({ filter: /^pdfjs-dist\/legacy\/build\/pdf(\.worker)?\.mjs$/ }, (args) => ({
      path: args.path.endsWith('.worker.mjs') ? './pdfjs/pdf.worker.mjs' : './pdfjs/pdf.mjs',
      external: true,
    }));
    build.onResolve({ filter: /^pdfjs-dist\// }, (args) => ({ path: args.path, external: true }));
  },
};

/**
 * dist/pdfjs/: pdfjs's minified legacy build (Node 20), its licence, and the cMaps that Chinese
 * fonts need (Adobe-GB1 and the GB encodings: without them the text of a font that is not
 * embedded is lost). The other cMaps (Japanese, Korean, traditional Chinese) and the standard
 * fonts (glyph outlines, for drawing; text needs only their metrics, which pdfjs has built in)
 * are left out: 1.3 MB less in the .vsix.
 */
/**
 * One change to pdfjs's worker (the minified legacy build shipped in dist/pdfjs/): the embedded
 * font program of a composite (Type0) font that has a ToUnicode map and a horizontal named
 * encoding (Identity-H, UniGB-UCS2-H...) is not loaded. pdfjs parses and repairs every embedded
 * font for drawing (its TrueType sanitiser walks every glyph: about half of a real report's read
 * time, 209 -> ~100 ms on the 淮安 PDF); text never needs it: the Unicode of each character of
 * such a font comes from its ToUnicode map, and its widths from the font dictionary, either way
 * (pdfjs's Font._charToGlyph). Kept: simple fonts (a Type1 font without its file turns .notdef
 * into spaces), fonts without ToUnicode, and vertical fonts (without the file, pdfjs maps their
 * characters to vertical presentation forms: 、 would read as ︑). The test
 * test/package/pdfjs-patch.test.ts holds the shipped reader to the unpatched library's output,
 * text and positions, on every PDF fixture. The build fails if the code to patch is not found
 * exactly once (a pdfjs upgrade must look at this again).
 */
function patchPdfjsWorker(src) {
  // In translateFont: `u` the font file stream, `e` the font descriptor, `a` composite, `g` the
  // ToUnicode entry, `i` the base (Type0) font dictionary, whose Encoding names the CMap. The
  // file is not even fetched: pdfjs's check that it is not empty inflates its first block.
  const anchor = 'u=e.get("FontFile","FontFile2","FontFile3");';
  const count = src.split(anchor).length - 1;
  if (count !== 1) throw new Error(`esbuild.mjs: pdfjs worker patch: anchor found ${count} times (pdfjs upgraded? see patchPdfjsWorker)`);
  if (!/async translateFont\(\{descriptor:e,dict:t,baseDict:i,composite:a,type:s,firstChar:n,lastChar:o,toUnicode:g,cssFontInfo:c\}\)/.test(src)) {
    throw new Error('esbuild.mjs: pdfjs worker patch: translateFont\'s parameters are not named as expected (pdfjs upgraded? see patchPdfjsWorker)');
  }
  return src.replace(anchor, 'u=a&&g&&!/-V$/.test(i.get("Encoding")?.name??"-V")?null:e.get("FontFile","FontFile2","FontFile3");');
}

function copyPdfjs() {
  const from = 'node_modules/pdfjs-dist';
  if (!existsSync(from)) return;
  rmSync('dist/pdfjs', { recursive: true, force: true });
  mkdirSync('dist/pdfjs/cmaps', { recursive: true });
  copyFileSync(`${from}/legacy/build/pdf.min.mjs`, 'dist/pdfjs/pdf.mjs');
  writeFileSync('dist/pdfjs/pdf.worker.mjs', patchPdfjsWorker(readFileSync(`${from}/legacy/build/pdf.worker.min.mjs`, 'utf8')));
  copyFileSync(`${from}/LICENSE`, 'dist/pdfjs/LICENSE');
  for (const f of readdirSync(`${from}/cmaps`)) if (/GB/.test(f)) copyFileSync(`${from}/cmaps/${f}`, `dist/pdfjs/cmaps/${f}`);
}

const builds = [
  // The client bundles the core's detection and decoding; should it ever encode, iconv-lite stays apart too.
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', plugins: [iconvApart] },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', plugins: [iconvApart, readersApart] },
  { entryPoints: ['server/src/checkWorker.ts'], outfile: 'dist/check-worker.js', plugins: [iconvApart, readersApart] },
  { entryPoints: ['cli/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, define: { __VERSION__: JSON.stringify(pkg.version) }, plugins: [iconvApart, readersApart] },
  { entryPoints: ['node_modules/iconv-lite/lib/index.js'], outfile: 'dist/iconv-lite.js' },
  { entryPoints: ['core/src/readers/index.ts'], outfile: 'dist/readers.js', plugins: [iconvApart, pdfjsApart], define: { __PDFJS_DIR__: '"pdfjs/"' } },
  // The table view's webview: a script for the browser and its style sheet, loaded from dist/webview.
  { entryPoints: ['client/webview/tables.ts'], outfile: 'dist/webview/tables.js', platform: 'browser', format: 'iife', target: 'chrome120', external: [] },
  { entryPoints: ['client/webview/tables.css'], outfile: 'dist/webview/tables.css', platform: 'browser', external: [] },
  // The summary view's webview (client/src/summaryView.ts), the same way.
  { entryPoints: ['client/webview/summary.ts'], outfile: 'dist/webview/summary.js', platform: 'browser', format: 'iife', target: 'chrome120', external: [] },
  { entryPoints: ['client/webview/summary.css'], outfile: 'dist/webview/summary.css', platform: 'browser', external: [] },
  // mocha is bundled; its parallel mode (unused) require.resolve()s files of its own: not an issue.
  {
    entryPoints: ['test/e2e/suite/index.ts'],
    outfile: 'dist/e2e/index.js',
    logOverride: { 'require-resolve-not-external': 'silent' },
  },
];

import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
copyPdfjs();
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
