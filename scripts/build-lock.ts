// What the protocol tests and the benchmarks share to build dist/ at most once at a time: the
// newest source time of a folder, and a lock file in dist/ that serialises builds across the
// processes node --test (and a bench beside it) runs in parallel.
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

/** Newest modification time (ms) of the sources under `dir` (0 when it does not exist). */
export function newestSource(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (/\.(ts|js|mjs|json)$/.test(e.name)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** Runs `fn` holding the build lock; an abandoned lock older than a minute is broken. */
export function withBuildLock(fn: () => void, timeoutMs = 180_000): void {
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const lock = join(ROOT, 'dist', '.protocol-build.lock');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let fd: number;
    try {
      fd = openSync(lock, 'wx');
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs > 60_000) unlinkSync(lock);
      } catch {
        /* gone meanwhile */
      }
      if (Date.now() > deadline) throw new Error('timed out waiting for another build to finish');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
      continue;
    }
    try {
      fn();
    } finally {
      closeSync(fd);
      unlinkSync(lock);
    }
    return;
  }
}
