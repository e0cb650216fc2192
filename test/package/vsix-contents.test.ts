// What the .vsix holds (`vsce ls`, the list `vsce package` packs, without building it): every
// file of dist/ that the extension loads at run time, so that a bundle added to esbuild.mjs and
// forgotten in .vscodeignore's allow-list (as the summary view's page once was: the installed
// extension drew an empty view) fails here, not in a user's editor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ensureBuilt, ROOT } from '../protocol/harness';

/** dist/'s files, but source maps, the e2e test bundle and the Extensions view's README (passed to vsce apart). */
function runtimeFiles(dir = join(ROOT, 'dist')): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    const rel = relative(ROOT, p).split('\\').join('/');
    if (e.isDirectory()) {
      if (rel !== 'dist/e2e') out.push(...runtimeFiles(p));
    } else if (!rel.endsWith('.map') && rel !== 'dist/readme.md') {
      out.push(rel);
    }
  }
  return out;
}

test('the .vsix holds every file of dist/ the extension loads, and no source map or test', () => {
  ensureBuilt();
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const listed = new Set(r.stdout.split('\n').map((l) => l.trim()).filter(Boolean));
  const files = runtimeFiles();
  assert.ok(files.includes('dist/webview/summary.js') && files.includes('dist/pdfjs/pdf.worker.mjs'), files.join(', '));
  const missing = files.filter((f) => !listed.has(f));
  assert.deepEqual(missing, [], `left out of the .vsix by .vscodeignore: ${missing.join(', ')}`);
  const extra = [...listed].filter((f) => f.endsWith('.map') || f.startsWith('dist/e2e/') || f.startsWith('node_modules/') || f.endsWith('.ts'));
  assert.deepEqual(extra, []);
});
