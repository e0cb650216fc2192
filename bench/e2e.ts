// `npm run bench:e2e`: "Validate All Reports in Workspace" measured in a real VS Code (code-server
// + headless Chromium, test/e2e/run.mjs) on generated workspaces of N seed-sized reports (1,000 and
// 10,000 by default; BENCH_E2E_SIZES=1000,10000). For each size the end-to-end runner opens a
// workspace holding corpus/ (bench/generate.ts's corpus) and typing.report.txt, and the test
// "bench: workspace validation in a real VS Code" (test/e2e/suite/workspace.test.ts) times, in the
// extension host: the CLI on corpus/ (same files, same machine, same run), typing into the open
// report (edit → its diagnostics) idle and while the command runs, and the command twice (from
// the command to its summary, every diagnostic delivered). The rows go into BENCHMARKS.md
// between the markers below, a section that bench/run.ts keeps when it rewrites the file.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import { DATA_DIR, loadSeeds, ROOT, writeCorpus } from './generate';

export const E2E_START = '<!-- bench:e2e:start (written by npm run bench:e2e; bench/run.ts keeps it) -->';
export const E2E_END = '<!-- bench:e2e:end -->';

interface Run {
  ms: number;
  diagnostics: number;
  /** The server's part of each edit (didChange → its diagnostics sent), and editor.edit's round trip. */
  serverDuringMs?: number[];
  applyMs?: number[];
  summary: { reports: number; errors: number; warnings: number; infos: number; cancelled: boolean; serverMs?: number };
  during: number[];
}
interface Rows {
  reports: number;
  cliMs: number[];
  cliFindings: number;
  typingIdleMs: number[];
  /** Of the idle edits: the server's part, editor.edit's round trip. */
  serverIdleMs?: number[];
  applyIdleMs?: number[];
  runs: Run[];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

function measure(n: number): Rows {
  const dir = mkdtempSync(join(os.tmpdir(), `govreport-bench-e2e-${n}-`));
  try {
    writeCorpus(join(dir, 'corpus'), loadSeeds(), n);
    copyFileSync(join(ROOT, 'test', 'e2e', 'workspace', 'wrong-total.report.txt'), join(dir, 'typing.report.txt'));
    const out = join(dir, 'bench-result.json');
    const r = spawnSync(process.execPath, [join(ROOT, 'test', 'e2e', 'run.mjs')], {
      cwd: ROOT,
      stdio: 'inherit',
      env: {
        ...process.env,
        GOVREPORT_E2E_WORKSPACE: dir,
        GOVREPORT_E2E_GREP: 'bench: workspace validation',
        GOVREPORT_E2E_BENCH_OUT: out,
        GOVREPORT_E2E_CLI: join(ROOT, 'dist', 'cli.js'),
        GOVREPORT_E2E_TIMEOUT_MS: String(40 * 60_000),
      },
    });
    if (!existsSync(out)) throw new Error(`no measurement for ${n} reports (runner exit ${r.status})`);
    // The raw measurement kept for a closer look (bench/.data is git-ignored).
    mkdirSync(DATA_DIR, { recursive: true });
    copyFileSync(out, join(DATA_DIR, `e2e-${n}.json`));
    return JSON.parse(readFileSync(out, 'utf8')) as Rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function section(results: Rows[]): string {
  const rows: string[] = [];
  for (const r of results) {
    const cli = median(r.cliMs);
    const [first, second] = r.runs;
    const limit = r.reports <= 1000 ? 2000 : (20_000 * r.reports) / 10_000;
    // Judged on the first run, what a reviewer gets the first time (the second is faster: warm
    // engine and file cache).
    const pass = first.ms <= limit && first.ms <= 3 * cli && r.runs.every((x) => x.diagnostics === r.cliFindings && !x.summary.cancelled);
    rows.push(
      `| VS Code: Validate All Reports in Workspace, ${r.reports.toLocaleString('en')} seed-sized reports: command → summary, every diagnostic delivered (first run, the server idle since its start-up warm-up; second run) | ${ms(first.ms)} ms; ${ms(second.ms)} ms (the server's part: ${ms(first.summary.serverMs ?? NaN)}; ${ms(second.summary.serverMs ?? NaN)} ms) = ${(first.ms / cli).toFixed(2)}× the CLI (${ms(cli)} ms, median of ${r.cliMs.length}, same files); ${second.diagnostics.toLocaleString('en')} diagnostics (CLI: ${r.cliFindings.toLocaleString('en')} findings) | ≤ ${(limit / 1000).toFixed(0)} s and ≤ 3× the CLI, the same findings | ${pass ? 'pass' : '**FAIL**'} |`,
    );
    const during = r.runs.flatMap((x) => x.during);
    const idle95 = pct(r.typingIdleMs, 95);
    const during95 = pct(during, 95);
    const server = r.runs.flatMap((x) => x.serverDuringMs ?? []);
    const apply = r.runs.flatMap((x) => x.applyMs ?? []);
    const idleServer = r.serverIdleMs ?? [];
    const idleApply = r.applyIdleMs ?? [];
    const idleParts = idleServer.length && idleApply.length ? ` (idle: ${ms(median(idleServer))} / ${ms(pct(idleServer, 95))}; ${ms(median(idleApply))} / ${ms(pct(idleApply, 95))} ms)` : '';
    const parts = server.length && apply.length ? `; during, the server's part p50 ${ms(median(server))} / p95 ${ms(pct(server, 95))} ms, the workbench applying the edit (editor.edit) p50 ${ms(median(apply))} / p95 ${ms(pct(apply, 95))} ms${idleParts}` : '';
    rows.push(
      `| VS Code: typing in an open report (edit → its diagnostics) while ${r.reports.toLocaleString('en')} reports are validated | during: p50 ${ms(median(during))} / p95 ${ms(during95)} ms (${during.length} edits); idle: p50 ${ms(median(r.typingIdleMs))} / p95 ${ms(idle95)} ms (${r.typingIdleMs.length} edits, before, between and after the runs)${parts} | p95 during ≤ p95 idle + 16 ms | ${during.length === 0 ? 'skipped' : during95 <= idle95 + 16 ? 'pass' : '**FAIL**'} |`,
    );
  }
  const cpus = os.cpus();
  const date = new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  return `${E2E_START}
## In a real VS Code

Measured by \`npm run bench:e2e\` (bench/e2e.ts) on ${date}: code-server 4.100.3 (VS Code 1.100.3) in headless Chromium, the extension loaded from this repository, Node ${process.version}, ${cpus[0]?.model ?? 'unknown CPU'} × ${cpus.length}; 1-minute load average ${os.loadavg()[0].toFixed(1)} at the end.

| measure | value | target | result |
|---|---|---|---|
${rows.join('\n')}

Each workspace holds corpus/ (bench/generate.ts's corpus: the seeds with their first paragraph rotated) and typing.report.txt, open in an editor. The test (test/e2e/suite/workspace.test.ts, "bench: …") runs in the extension host: the CLI (\`node dist/cli.js check corpus --format json\`, a process of its own, start-up included) three times; edits of one table cell of typing.report.txt, each timed until its diagnostics show the edit: idle, 20 before each run of the command and 20 after the last (once last year's search of the report is over; each stretch after 2 edits not counted); the command twice, edits going on while it runs (of each, the server's part, from its didChange to its diagnostics sent, is read from the server: govreport/debug/editLatency); its time ends with the summary, after every diagnostic was delivered (the server flushes them before answering). Diagnostics counted are those VS Code holds for corpus/ afterwards.
${E2E_END}`;
}

/** BENCHMARKS.md with its e2e section replaced (or added at the end). */
export function withSection(md: string, sec: string): string {
  const a = md.indexOf(E2E_START.slice(0, 24));
  const b = md.indexOf(E2E_END);
  if (a >= 0 && b > a) return md.slice(0, a) + sec + md.slice(b + E2E_END.length);
  return `${md.trimEnd()}\n\n${sec}\n`;
}

/** The e2e section of BENCHMARKS.md, if it has one (bench/run.ts keeps it). */
export function sectionOf(md: string): string | undefined {
  const a = md.indexOf(E2E_START.slice(0, 24));
  const b = md.indexOf(E2E_END);
  return a >= 0 && b > a ? md.slice(a, b + E2E_END.length) : undefined;
}

if (process.argv[1]?.endsWith(join('bench', 'e2e.ts'))) {
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const sizes = (process.env.BENCH_E2E_SIZES ?? '1000,10000').split(',').map(Number).filter((x) => x > 0);
  const results = sizes.map(measure);
  const file = join(ROOT, 'BENCHMARKS.md');
  const sec = section(results);
  // BENCH_E2E_DRY=1: print the section, leave BENCHMARKS.md as it is.
  if (!process.env.BENCH_E2E_DRY) writeFileSync(file, withSection(existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n', sec));
  process.stdout.write(sec + '\n');
}
