// End-to-end in Neovim: Debian's package (installed by scripts/install-system-packages.sh),
// headless, its built-in LSP client on `node dist/server.js --stdio`, configured as README.md
// says (test/nvim/govreport.lua). It opens a seed and a broken report (test/protocol/broken.ts:
// a wrong （七）总计 cell after U+3000, CJK and 𠮷 on its line) with UTF-8 positions negotiated;
// Neovim writes what it shows to a JSON file, read here once Neovim has quit (bounded wait).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { check, parseReport } from '../../core/src';
import { outline } from '../../core/src/services';
import { brokenReport, BROKEN_LINE, columnIn } from '../protocol/broken';
import { ensureBuilt, ROOT, seedText } from '../protocol/harness';

const NVIM_TIMEOUT_MS = 90_000;
/** What the client sends as `govreport` settings (workspace/configuration). */
const SETTINGS = { rules: { 'blank-cell': 'off' } };

/** The nvim executable, installing Debian's package first when missing and allowed (root, apt). */
function findNvim(): string {
  const which = () => spawnSync('sh', ['-c', 'command -v nvim'], { encoding: 'utf8' }).stdout.trim();
  let nvim = which();
  if (!nvim && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get') && !process.env.GOVREPORT_NO_APT) {
    const r = spawnSync('bash', [join(ROOT, 'scripts', 'install-system-packages.sh')], { stdio: 'inherit' });
    if (r.status === 0) nvim = which();
  }
  if (!nvim) throw new Error('nvim not found: apt-get install -y --no-install-recommends neovim (scripts/install-system-packages.sh does it)');
  return nvim;
}

interface NvimDiagnostic {
  code: string;
  severity: number;
  message: string;
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  text: string | null;
}

interface Results {
  nvim: string;
  error?: string;
  offset_encoding?: string;
  server?: { name: string };
  filetype?: string;
  files: {
    seed?: { diagnostics: NvimDiagnostic[]; hover: { value: string | null }; symbols: string[] };
    broken?: {
      line: string;
      diagnostics: NvimDiagnostic[];
      raw: { start: { line: number; character: number }; end: { line: number; character: number } }[];
      hover: { position: { line: number; character: number }; value: string | null; range: unknown };
      symbols: string[];
      actions: string[];
      fixed_line: string;
      after_fix: NvimDiagnostic[];
      hover_after_fix: { value: string | null };
    };
  };
}

/** Engine findings as Neovim places diagnostics: 0-based line, UTF-8 byte columns. */
function expectedDiagnostics(text: string): Omit<NvimDiagnostic, 'severity' | 'message' | 'text'>[] {
  const lines = text.split(/\r\n|\r|\n/);
  const starts = [0];
  for (const m of text.matchAll(/\r\n|\r|\n/g)) starts.push(m.index + m[0].length);
  const at = (offset: number) => {
    let line = 0;
    while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
    return { line, col: columnIn(lines[line], offset - starts[line], 'utf-8') };
  };
  return check(text, { rules: SETTINGS.rules as never })
    .findings.map((f) => {
      const s = at(f.start);
      const e = at(f.end);
      return { code: f.rule, lnum: s.line, col: s.col, end_lnum: e.line, end_col: e.col };
    })
    .sort((a, b) => a.lnum - b.lnum || a.col - b.col);
}

describe('Neovim (headless, built-in LSP client)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'govreport-nvim-'));
  const seed = seedText('003');
  const broken = brokenReport();
  const brokenLine = broken.split(/\r\n|\r|\n/).indexOf(BROKEN_LINE);
  let results: Results;
  let log = '';

  before(async () => {
    ensureBuilt();
    const nvim = findNvim();
    writeFileSync(join(dir, 'seed.report.txt'), seed);
    writeFileSync(join(dir, 'broken.report.txt'), broken);
    // A lone cell of table 三 in the seed (one cell a line) to hover on.
    const cell = parseReport(seed).cells.get('t3/main/r1/natural')!;
    const seedLines = seed.split(/\r\n|\r|\n/);
    const cellLine = seed.slice(0, cell.start).split(/\r\n|\r|\n/).length - 1;
    const cellCol = cell.start - (seed.lastIndexOf('\n', cell.start - 1) + 1);
    const plan = {
      root: ROOT,
      dir,
      settings: SETTINGS,
      results: join(dir, 'results.json'),
      seed: { path: join(dir, 'seed.report.txt'), hover: { line: cellLine, byte: columnIn(seedLines[cellLine], cellCol, 'utf-8') } },
      broken: { path: join(dir, 'broken.report.txt'), cell: { line: brokenLine, byte: columnIn(BROKEN_LINE, 22, 'utf-8') }, fix: '改为 0' },
    };
    writeFileSync(join(dir, 'plan.json'), JSON.stringify(plan));
    // Neovim's state, logs and the server's working files stay in the temporary folder.
    const xdg = Object.fromEntries(['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_STATE_HOME', 'XDG_CACHE_HOME'].map((k) => [k, join(dir, k.toLowerCase())]));
    for (const d of Object.values(xdg)) mkdirSync(d, { recursive: true });
    const child = spawn(nvim, ['--headless', '--clean', '-n', '-c', `luafile ${join(ROOT, 'test', 'nvim', 'govreport.lua')}`], {
      cwd: dir,
      env: { ...process.env, ...xdg, GOVREPORT_NVIM_PLAN: join(dir, 'plan.json'), PATH: [dirname(process.execPath), process.env.PATH].join(delimiter) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    const code = await new Promise<number | string>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(`killed after ${NVIM_TIMEOUT_MS} ms`);
      }, NVIM_TIMEOUT_MS);
      child.once('exit', (c, s) => {
        clearTimeout(timer);
        resolve(c ?? String(s));
      });
    });
    const file = plan.results;
    assert.ok(existsSync(file), `Neovim wrote no results (exit ${code}); its output:\n${log}`);
    results = JSON.parse(readFileSync(file, 'utf8')) as Results;
    assert.equal(results.error, undefined, `the Lua session failed: ${results.error}\n${log}`);
    assert.equal(code, 0, log);
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  test('Neovim started the server on *.report.txt and adopted UTF-8 positions', () => {
    assert.match(results.nvim, /^\d+\.\d+\.\d+$/);
    assert.equal(results.filetype, 'govreport');
    assert.equal(results.server?.name, 'govreport');
    assert.equal(results.offset_encoding, 'utf-8');
  });

  test("the seed's diagnostics are the engine's, with the client's settings applied", () => {
    const got = results.files.seed!.diagnostics;
    assert.deepEqual(
      got.map(({ code, lnum, col, end_lnum, end_col }) => ({ code, lnum, col, end_lnum, end_col })),
      expectedDiagnostics(seed),
    );
    assert.ok(!got.some((d) => d.code === 'blank-cell'));
    assert.ok(!got.some((d) => d.severity === 1), 'a seed has no errors');
  });

  test('hover on a lone cell of the seed names its table, row and column', () => {
    const value = results.files.seed!.hover.value!;
    assert.match(value, /表三/);
    assert.match(value, /行：（一）予以公开/);
    assert.match(value, /列：自然人/);
  });

  test('document symbols: last year\'s report, then the six sections', () => {
    const sections = outline(parseReport(seed), 'zh').map((n) => n.name.trim());
    assert.equal(sections.length, 6);
    // The first entry says which report the cross-year rules compared with, or why none: still
    // looking, or none found (the test's folder holds no other year), depending on timing.
    const lastYear = /^(正在查找上年报告|未找到上年报告|上年报告：机关或年度未知)$/;
    const [first, ...rest] = results.files.seed!.symbols;
    assert.match(first, lastYear);
    assert.deepEqual(rest, sections);
    const [bFirst, ...bRest] = results.files.broken!.symbols;
    assert.match(bFirst, lastYear);
    assert.deepEqual(bRest, outline(parseReport(broken), 'zh').map((n) => n.name.trim()));
  });

  test('the broken report: the sum error on the 5, on a line of U+3000, CJK and 𠮷', () => {
    const b = results.files.broken!;
    assert.equal(b.line, BROKEN_LINE);
    assert.deepEqual(
      b.diagnostics.map(({ code, lnum, col, end_lnum, end_col }) => ({ code, lnum, col, end_lnum, end_col })),
      expectedDiagnostics(broken),
    );
    const sum = b.diagnostics.filter((d) => d.code === 'sum-mismatch');
    assert.equal(sum.length, 1);
    assert.equal(sum[0].severity, 1);
    assert.equal(sum[0].lnum, brokenLine);
    // Byte 38 of the line: 7 three-byte characters, 𠮷's four bytes, 13 of tabs and digits.
    assert.equal(sum[0].col, 38);
    assert.equal(sum[0].text, '5');
    assert.match(sum[0].message, /应为 0.*实为 5/);
    // As the server sent it: UTF-8 columns.
    assert.deepEqual(b.raw, [{ start: { line: brokenLine, character: 38 }, end: { line: brokenLine, character: 39 } }]);
  });

  test('hover on the wrong total: written vs computed, its range in UTF-8', () => {
    const h = results.files.broken!.hover;
    assert.deepEqual(h.position, { line: brokenLine, character: 38 });
    // (The figures, whatever the hover's wording: written 5, computed 0.)
    assert.match(h.value!, /写明 \**5\b/);
    assert.match(h.value!, /(计算|应为) \**0\b/);
    assert.deepEqual(h.range, { start: { line: brokenLine, character: 38 }, end: { line: brokenLine, character: 39 } });
  });

  test('the quick fix "改为 0" edits the 5, and the server follows the edit', () => {
    const b = results.files.broken!;
    assert.ok(b.actions.includes('改为 0'), b.actions.join(' | '));
    assert.equal(b.fixed_line, BROKEN_LINE.replace(/5$/, '0'));
    assert.ok(!b.after_fix.some((d) => d.code === 'sum-mismatch' || d.severity === 1));
    assert.equal(b.after_fix.length, b.diagnostics.length - 1);
    // The server's copy of the text took the UTF-8 change at the right place.
    assert.match(b.hover_after_fix.value!, /写明 \**0\b/);
    assert.match(b.hover_after_fix.value!, /✓/);
    assert.doesNotMatch(b.hover_after_fix.value!, /写明 \**5\b/);
  });
});
