// `govreport check --jobs N` / `summary --jobs N`: a batch checked by worker threads gives the
// same bytes as one thread (--jobs 1): stdout, stderr and the exit code, in every format, with
// skipped files of every kind, a PDF, reports paired by year (last year's file before and after
// this year's, a chain of three years), and --fix. The pool itself: a worker that dies fails only
// its own tasks (the CLI then checks those files in the main thread).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../cli/src/cli';
import { Pool, WORKER, WorkerLost } from '../../cli/src/parallel';
import { ref, replaceOnce, report2021, SEED_NAMES, SEEDS_DIR, seed, setCell } from './helpers';
import { fixturePath, present } from '../fetched';
import { run } from './cli-run';

const FIXTURES = join(__dirname, '..', 'fixtures');


/** 港门镇 (seed 000) a year on: years moved, 上年结转 and 结转 set to `carried`. */
function gangmen(year: number, carried: string): string {
  let t = replaceOnce(seed('000'), '2021年1月10日', `${year + 1}年1月10日`).replace(/2020年/g, `${year}年`);
  for (const row of ['carried', 'carry_over']) for (const column of ['natural', 'total']) t = setCell(t, ref('t3', 'main', row, column), carried);
  return t;
}

/**
 * About 120 files: seed copies, reports with wrong totals, three years of one body (listed
 * 2020, 2022, 2021: 2022's last year's comes after it), two pairs of real reports, a binary
 * file, one over --max-file-size, three PDFs (read, scanned, encrypted), a .doc, a FIFO and a
 * symbolic link not followed.
 */
function batch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'govreport-jobs-'));
  // Not seed 000: 港门镇 2020 is in years/, once (copies would leave its 2021 no single last year's).
  for (let i = 0; i < 95; i++) copyFileSync(join(SEEDS_DIR, SEED_NAMES[1 + (i % 4)]), join(dir, `s${String(i).padStart(3, '0')}.txt`));
  const tabs = report2021('tabs');
  for (let i = 0; i < 6; i++) writeFileSync(join(dir, `w${i}.txt`), i % 2 ? tabs.replace('2\t1\t0\t1\t4\t', `2\t1\t0\t1\t${5 + i}\t`) : tabs);
  mkdirSync(join(dir, 'years'));
  writeFileSync(join(dir, 'years', 'gangmen_a_2020.txt'), seed('000'));
  writeFileSync(join(dir, 'years', 'gangmen_b_2022.txt'), gangmen(2022, '3'));
  writeFileSync(join(dir, 'years', 'gangmen_c_2021.txt'), gangmen(2021, '2'));
  // (The 洪泽 pair where the fetched files are here: test/fetched.ts.)
  for (const f of ['hongze_2023.layout.txt', 'hongze_2024.layout.txt'].filter(present)) copyFileSync(fixturePath(join(FIXTURES, 'pdf-text'), f), join(dir, 'years', f));
  for (const f of ['pingtan_2023.webcopy.txt', 'pingtan_2024.webcopy.txt']) copyFileSync(join(FIXTURES, 'web-text', f), join(dir, 'years', f));
  writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3]));
  writeFileSync(join(dir, 'large.txt'), seed('001').repeat(40));
  for (const f of ['generated-2021.pdf', 'generated-scan.pdf', 'generated-encrypted.pdf']) copyFileSync(join(FIXTURES, 'published', f), join(dir, f));
  writeFileSync(join(dir, 'old.doc'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
  execFileSync('mkfifo', [join(dir, 'fifo.txt')]);
  symlinkSync(join(SEEDS_DIR, SEED_NAMES[0]), join(dir, 'link.txt'));
  return dir;
}

/** --max-file-size: large.txt (about 250 kB) over it, the PDFs (150 kB at most) under it. */
const LIMIT = ['--max-file-size', '200000'];

describe('govreport --jobs: worker threads, the output of one thread', () => {
  const dir = batch();
  const count = readdirSync(dir).length + readdirSync(join(dir, 'years')).length - 1;

  for (const args of [['check'], ['check', '--format', 'json'], ['check', '--format', 'sarif'], ['check', '--format', 'csv'], ['summary'], ['check', '--locale', 'en', '--rule', 'blank-cell=error'], ['check', '--format', 'json', '--no-last-year']]) {
    it(`${args.join(' ')}: --jobs 3 gives the bytes of --jobs 1 (${count} files)`, async () => {
      const one = await run([...args, ...LIMIT, '--jobs', '1', '.'], dir);
      const three = await run([...args, ...LIMIT, '--jobs', '3', '.'], dir);
      assert.equal(three.stdout, one.stdout);
      assert.equal(three.stderr, one.stderr);
      assert.equal(three.code, one.code);
      // The batch is what it says: skipped files (exit 2), errors, a chain of years, the PDF.
      assert.equal(one.code, 2);
      if (args.includes('json') && !args.includes('--no-last-year')) {
        const files = (JSON.parse(one.stdout) as { files: { path: string; previous?: string; skipped?: string; format: string | null }[] }).files;
        assert.equal(files.length, count);
        const by = new Map(files.map((f) => [f.path, f]));
        assert.equal(by.get('years/gangmen_b_2022.txt')?.previous, 'years/gangmen_c_2021.txt');
        assert.equal(by.get('years/gangmen_c_2021.txt')?.previous, 'years/gangmen_a_2020.txt');
        if (present('hongze_2024.layout.txt')) assert.equal(by.get('years/hongze_2024.layout.txt')?.previous, 'years/hongze_2023.layout.txt');
        assert.equal(by.get('generated-2021.pdf')?.format, 'pdf');
        // (The encrypted PDF's reason is the reader's business: not asserted here.)
        assert.deepEqual(
          files.filter((f) => f.skipped).map((f) => [f.path, f.path === 'generated-encrypted.pdf' || f.skipped]),
          [
            ['binary.txt', 'binary'],
            ['fifo.txt', 'not-a-regular-file'],
            ['generated-encrypted.pdf', true],
            ['large.txt', 'too-large'],
            ['link.txt', 'not-a-regular-file'],
            ['old.doc', 'unsupported-format'],
          ],
        );
      }
    });
  }

  it('--previous FILE: the same with every file taking it', async () => {
    const args = ['--format', 'json', ...LIMIT, '--previous', 'years/gangmen_a_2020.txt', '.'];
    const one = await run(['check', '--jobs', '1', ...args], dir);
    const three = await run(['check', '--jobs', '3', ...args], dir);
    assert.equal(three.stdout, one.stdout);
    assert.equal(three.stderr, one.stderr);
    assert.equal(three.code, one.code);
    assert.match(one.stdout, /"previous":"years\/gangmen_a_2020.txt"/);
  });

  it('summary --csv and --html: the same files', async () => {
    const out = mkdtempSync(join(tmpdir(), 'govreport-jobs-out-'));
    const one = await run(['summary', ...LIMIT, '--jobs', '1', '--csv', join(out, '1.csv'), '--html', join(out, '1.html'), '.'], dir);
    const three = await run(['summary', ...LIMIT, '--jobs', '3', '--csv', join(out, '3.csv'), '--html', join(out, '3.html'), '.'], dir);
    assert.equal(three.code, one.code);
    assert.equal(three.stderr.replace(/\b3\.(html|csv)/g, '1.$1'), one.stderr);
    assert.equal(three.stdout, one.stdout);
    assert.equal(readFileSync(join(out, '3.csv'), 'utf8'), readFileSync(join(out, '1.csv'), 'utf8'));
    assert.equal(readFileSync(join(out, '3.html'), 'utf8'), readFileSync(join(out, '1.html'), 'utf8'));
  });

  // '*': every worker dies on its first check task; the PDF: its worker dies converting it for the
  // pairing; one of three years of a body: if a worker takes it.
  for (const victim of ['*', 'generated-2021.pdf', 'years/gangmen_c_2021.txt']) {
    it(`a worker that dies (on ${victim}) loses no file: its files are checked in the main thread`, async () => {
      const args = ['check', '--format', 'json', ...LIMIT, '.'];
      const one = await run([...args.slice(0, 1), '--jobs', '1', ...args.slice(1)], dir);
      let stdout = '';
      let stderr = '';
      const code = await main([...args.slice(0, 1), '--jobs', '3', ...args.slice(1)], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd: dir, env: { GOVREPORT_TEST_WORKER_CRASH: victim } });
      assert.equal(stdout, one.stdout);
      assert.equal(stderr, one.stderr);
      assert.equal(code, one.code);
    });
  }

  it('--jobs must be a whole number from 1 to 64', async () => {
    for (const bad of ['0', '1.5', 'x', '65', '']) {
      const r = await run(['check', '--jobs', bad, '.'], dir);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /--jobs 须为 1 至 64 的整数/);
    }
  });
});

describe('govreport check --fix --jobs', () => {
  it('fixes each file once, as one thread does: output, and every file\'s bytes after', async () => {
    const base = mkdtempSync(join(tmpdir(), 'govreport-jobs-fix-'));
    const src = join(base, 'src');
    mkdirSync(src);
    // Seed 000 has two safe fixes (its count units); the years carry it over, fixed first.
    for (let i = 0; i < 30; i++) copyFileSync(join(SEEDS_DIR, SEED_NAMES[i % 3]), join(src, `f${String(i).padStart(2, '0')}.txt`));
    writeFileSync(join(src, 'gangmen_a_2021.txt'), gangmen(2021, '2'));
    writeFileSync(join(src, 'gangmen_b_2020.txt'), seed('000'));
    writeFileSync(join(src, 'gangmen_c_2022.txt'), gangmen(2022, '2'));
    writeFileSync(join(src, 'readonly.txt'), seed('000'));
    chmodSync(join(src, 'readonly.txt'), 0o444);
    const copies = ['one', 'three'].map((name) => {
      const d = join(base, name);
      cpSync(src, d, { recursive: true });
      // A file with another hard link is not fixed (the link is made in each copy).
      linkSync(join(d, 'f03.txt'), join(base, `${name}-link.txt`));
      return d;
    });
    const one = await run(['check', '--fix', '--jobs', '1', '.'], copies[0]);
    const three = await run(['check', '--fix', '--jobs', '3', '.'], copies[1]);
    assert.equal(three.stdout, one.stdout);
    assert.equal(three.stderr, one.stderr);
    assert.equal(three.code, one.code);
    assert.match(one.stderr, /readonly\.txt: 文件只读/);
    assert.match(one.stderr, /f03\.txt: 文件有 2 个硬链接/);
    const names = readdirSync(src).sort();
    for (const name of names) assert.deepEqual(readFileSync(join(copies[1], name)), readFileSync(join(copies[0], name)), name);
    // Fixed: seed 000's units gone from the copies (the read-only one and the linked one kept).
    assert.notEqual(readFileSync(join(copies[0], 'f00.txt'), 'utf8'), readFileSync(join(src, 'f00.txt'), 'utf8'));
    assert.equal(readFileSync(join(copies[0], 'readonly.txt'), 'utf8'), readFileSync(join(src, 'readonly.txt'), 'utf8'));
  });
});

describe('the worker pool', () => {
  it('the CLI\'s own file answers a check task in worker mode (what --jobs runs)', async () => {
    const file = join(SEEDS_DIR, SEED_NAMES[0]);
    const init = {
      [WORKER]: true,
      files: [{ path: file, named: true, noFollow: false }],
      job: { cwd: SEEDS_DIR, fix: false, maxBytes: 5_000_000, maxPublishedBytes: 50_000_000, options: { formatVersion: 'auto', locale: 'en', rules: {} } },
      out: { command: 'check', format: 'text', locale: 'en' },
    };
    const pool = new Pool<unknown, { pieces: [number, { text: { out: string; counts: { files: number } } }][] }>(join(__dirname, '..', '..', 'cli', 'src', 'cli.ts'), 1, init);
    try {
      const { pieces } = await pool.run({ type: 'check', units: [[[0, -1]]], converted: [] });
      assert.equal(pieces.length, 1);
      assert.equal(pieces[0][0], 0);
      assert.match(pieces[0][1].text.out, new RegExp(`^${SEED_NAMES[0]}\\n {2}\\d+:\\d+ {2}warning`));
      assert.equal(pieces[0][1].text.counts.files, 1);
    } finally {
      await pool.close();
    }
  });

  it('a worker that dies fails its own tasks with WorkerLost; the others go on; none left: every task fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'govreport-pool-'));
    const script = join(dir, 'worker.js');
    writeFileSync(
      script,
      `const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ id, message }) => {
  if (message === 'die') process.exit(3);
  if (message === 'throw') throw new Error('thrown');
  parentPort.postMessage({ id, ok: message * 2 });
});`,
    );
    const pool = new Pool<number | string, number>(script, 2, null);
    try {
      assert.equal(pool.size, 2);
      assert.deepEqual(await Promise.all([1, 2, 3, 4].map((n) => pool.run(n))), [2, 4, 6, 8]);
      await assert.rejects(pool.run('die'), WorkerLost);
      assert.equal(pool.size, 1);
      assert.deepEqual(await Promise.all([5, 6, 7].map((n) => pool.run(n))), [10, 12, 14]);
      await assert.rejects(pool.run('throw'), WorkerLost);
      assert.equal(pool.size, 0);
      await assert.rejects(pool.run(8), WorkerLost);
    } finally {
      await pool.close();
    }
  });
});
