// Keeps `npm run bench` from rotting: a tiny run (BENCH_QUICK=1: few iterations, small inputs, no
// .vsix, no 10 MB documents) must complete and print its table. It asserts nothing about the
// numbers: a test on a shared machine cannot judge performance.
//   node --import tsx --test bench/smoke.test.ts
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';

const ROOT = join(import.meta.dirname ?? __dirname, '..');

test('a quick bench run completes and prints its table', { timeout: 180_000 }, async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'run.ts')], {
    cwd: ROOT,
    env: { ...process.env, BENCH_QUICK: '1', BENCH_STRICT: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 0, `bench exited ${code}\n${stderr.slice(-3000)}`);
  const header = stdout.split('\n').findIndex((l) => l.startsWith('| measure | value | target | result |'));
  assert.ok(header >= 0, `no table in the output:\n${stdout.slice(0, 3000)}`);
  const rows = stdout
    .split('\n')
    .slice(header + 2)
    .filter((l) => l.startsWith('| '));
  // engine, 2 × scaling, seed edits, 2 × large edits, features, start-up, memory, CLI, package.
  assert.ok(rows.length >= 11, `expected every measure in the table, got ${rows.length} rows:\n${rows.join('\n')}`);
  for (const r of rows) assert.match(r, /\| (pass|\*\*FAIL\*\*|skipped) \|$/, `row without a verdict: ${r}`);
});
