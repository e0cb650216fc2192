// The shipped PDF reader (dist/readers.js with dist/pdfjs/, whose worker esbuild.mjs patches to
// skip the font programs that text does not need: see patchPdfjsWorker there) must read every
// PDF fixture exactly as the unpatched library does (core/src/readers through tsx, pdfjs from
// node_modules): the same text, the same page and position of every line, the same notes. Each
// side runs in a process of its own, so that the two pdfjs builds never share their
// `globalThis.pdfjsWorker`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fetched, fetchedSkip } from '../fetched';
import { ensureBuilt, ROOT } from '../protocol/harness';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'published');
// The PDF fixtures, and the real 洪泽 PDFs where the fetched files are here (test/fetched.ts): their
// vertical fonts are the case the patch must leave alone.
const PATHS: Record<string, string> = Object.fromEntries([
  ...readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.pdf'))
    .map((f) => [f, join(FIXTURES, f)]),
  ...(fetchedSkip ? [] : ['hongze_2023.pdf', 'hongze_2024.pdf'].map((f) => [f, fetched(f)])),
]);
const PDFS = Object.keys(PATHS).sort();

/** A script that reads every PDF fixture with `modulePath`'s readPublished and prints the results as JSON. */
function script(modulePath: string): string {
  return `
    const { readFileSync } = require('node:fs');
    const { join } = require('node:path');
    const readers = require(${JSON.stringify(modulePath)});
    const { NODE_READER_LIMITS } = require(${JSON.stringify(join(ROOT, 'host', 'src', 'inflate.ts'))});
    (async () => {
      const out = {};
      const paths = ${JSON.stringify(PATHS)};
      for (const f of ${JSON.stringify(PDFS)}) {
        try {
          const c = await readers.readPublished(readFileSync(paths[f]), f, NODE_READER_LIMITS);
          out[f] = { text: c.text, lines: c.lines, notes: c.notes };
        } catch (e) {
          out[f] = { error: e && e.code ? e.code : String(e) };
        }
      }
      process.stdout.write(JSON.stringify(out));
    })();
  `;
}

function run(modulePath: string): Record<string, unknown> {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script(modulePath)], { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

test('the shipped PDF reader reads every PDF fixture exactly as the unpatched pdfjs', () => {
  ensureBuilt();
  // The patch is in the shipped worker (else this test would compare pdfjs with itself).
  assert.ok(readFileSync(join(ROOT, 'dist', 'pdfjs', 'pdf.worker.mjs'), 'utf8').includes('u=a&&g&&!/-V$/.test(i.get("Encoding")?.name??"-V")?null:e.get("FontFile","FontFile2","FontFile3");'));
  assert.ok(PDFS.length >= 7, `PDF fixtures: ${PDFS.join(', ')}`);
  if (fetchedSkip) process.stdout.write(`# ${fetchedSkip}: read without them\n`);
  const shipped = run(join(ROOT, 'dist', 'readers.js'));
  const library = run(join(ROOT, 'core', 'src', 'readers', 'index.ts'));
  assert.deepEqual(Object.keys(shipped), PDFS);
  for (const f of PDFS) assert.deepEqual(shipped[f], library[f], f);
  // Real reports among them, read as reports (not errors).
  for (const f of ['huaian_szf_2024.pdf', 'hongze_2023.pdf', 'hongze_2024.pdf'].filter((x) => PATHS[x])) {
    assert.match((shipped[f] as { text: string }).text, /政府信息公开工作年度报告/, f);
  }
});
