// Typing while the workspace check runs, at the protocol level (issue 18): a client of the built
// server (bench/lsp.ts, over stdio) opens a report, times edits of one table cell (didChange →
// the diagnostics of that version) idle, then while govreport/validateWorkspace checks a folder of
// N generated reports (bench/generate.ts's corpus), and the run itself. What the e2e benchmark
// (bench/e2e.ts) measures in a real VS Code, without the extension host and the workbench: when
// this is fast and the e2e is not, the time goes in VS Code; when this is slow, in the server.
//
//   node --import tsx bench/workspace.ts            (BENCH_WS_SIZES=1000,10000; BENCH_WS_PROF=1: --cpu-prof)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { BenchClient } from './lsp';
import { loadSeeds, ROOT, writeCorpus } from './generate';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};
const f = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

export interface WorkspaceTyping {
  reports: number;
  idleMs: number[];
  runs: { ms: number; serverMs: number; reports: number; diagnostics: number; publishes: number; during: number[]; aheadOfEdit: number[] }[];
}

export async function measureWorkspaceTyping(n: number, opts: { nodeArgs?: string[]; idleMs?: number } = {}): Promise<WorkspaceTyping> {
  const dir = mkdtempSync(join(os.tmpdir(), `govreport-bench-ws-${n}-`));
  writeCorpus(join(dir, 'corpus'), loadSeeds(), n);
  // The folder announced as VS Code announces it, and a few idle seconds before the report opens
  // (in the e2e benchmark the CLI runs then): what the server does while idle after its start
  // (its workers warming up) happens, as in the editor.
  const client = await BenchClient.start({ nodeArgs: opts.nodeArgs, folder: pathToFileURL(dir).href, server: process.env.BENCH_WS_SERVER });
  try {
    await new Promise((r) => setTimeout(r, opts.idleMs ?? 3000));
    // And until the warm-up is over (as the e2e benchmark waits for it).
    for (const t0 = Date.now(); Date.now() - t0 < 60_000; await new Promise((r) => setTimeout(r, 100))) {
      const stats = await client.conn.sendRequest<{ workspacePrewarmed: boolean | null }>('govreport/debug/stats');
      if (stats.workspacePrewarmed !== null) break;
    }
    const text = readFileSync(join(ROOT, 'test', 'e2e', 'workspace', 'wrong-total.report.txt'), 'utf8');
    writeFileSync(join(dir, 'typing.report.txt'), text);
    const uri = pathToFileURL(join(dir, 'typing.report.txt')).href;
    await client.open(uri, text);
    // The planted wrong total (5, should be 4): its digit toggled by each edit.
    const at = text.indexOf('2\t1\t0\t1\t5\t') + 8;
    let wrong = true;
    const edit = () => {
      wrong = !wrong;
      return client.edit(uri, at, at + 1, wrong ? '5' : '4', 120_000);
    };
    const idleMs: number[] = [];
    for (let k = 0; k < 20; k++) idleMs.push(await edit());
    // Publications received between an edit's didChange and its own diagnostics (queued ahead).
    let publishes = 0;
    let diagnostics = 0;
    // BENCH_WS_DUMP=FILE: every file's latest diagnostics (by path in the folder), to compare two builds.
    const dumped = new Map<string, unknown>();
    client.onPublish = (p) => {
      if (p.uri === uri) return;
      if (process.env.BENCH_WS_DUMP) dumped.set(p.uri.slice(pathToFileURL(dir).href.length), p.diagnostics);
      publishes++;
      diagnostics += p.diagnostics.length;
    };
    const runs: WorkspaceTyping['runs'] = [];
    for (let r = 0; r < 2; r++) {
      publishes = 0;
      diagnostics = 0;
      const during: number[] = [];
      const aheadOfEdit: number[] = [];
      let finished = false;
      const t0 = performance.now();
      const answer = client.conn
        .sendRequest<{ reports: number; elapsedMs: number }>('govreport/validateWorkspace', { folders: [pathToFileURL(dir).href], include: '**/*.txt', workDoneToken: `bench-${r}` })
        .finally(() => (finished = true));
      // BENCH_WS_TYPING=0: no edits while it runs (the check's own time, the main thread its own).
      while (!finished && process.env.BENCH_WS_TYPING !== '0') {
        const before = publishes;
        during.push(await edit());
        aheadOfEdit.push(publishes - before);
      }
      const result = await answer;
      if (during.length === 0) during.push(NaN);
      runs.push({ ms: performance.now() - t0, serverMs: result.elapsedMs, reports: result.reports, diagnostics, publishes, during, aheadOfEdit });
    }
    if (process.env.BENCH_WS_DUMP) writeFileSync(process.env.BENCH_WS_DUMP, JSON.stringify([...dumped].sort((a, b) => (a[0] < b[0] ? -1 : 1))));
    return { reports: n, idleMs, runs };
  } finally {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function describeTyping(m: WorkspaceTyping): string {
  const lines = [`${m.reports} reports: typing idle p50 ${f(median(m.idleMs))} / p95 ${f(pct(m.idleMs, 95))} ms (${m.idleMs.length} edits)`];
  for (const r of m.runs) {
    lines.push(
      `  run: ${f(r.ms)} ms (server ${r.serverMs} ms), ${r.reports} reports, ${r.diagnostics} diagnostics in ${r.publishes} publications; typing during p50 ${f(median(r.during))} / p95 ${f(pct(r.during, 95))} / max ${f(Math.max(...r.during))} ms (${r.during.length} edits); publications received while an edit waited: p50 ${median(r.aheadOfEdit)}, max ${Math.max(...r.aheadOfEdit)}`,
    );
  }
  return lines.join('\n');
}

if (process.argv[1]?.endsWith(join('bench', 'workspace.ts'))) {
  const sizes = (process.env.BENCH_WS_SIZES ?? '1000').split(',').map(Number).filter((x) => x > 0);
  const nodeArgs = process.env.BENCH_WS_PROF ? ['--cpu-prof', `--cpu-prof-dir=${join(ROOT, 'bench', '.data', 'prof')}`] : undefined;
  void (async () => {
    for (const n of sizes) process.stdout.write(describeTyping(await measureWorkspaceTyping(n, { nodeArgs })) + `\n  (1-minute load average ${os.loadavg()[0].toFixed(1)})\n`);
  })();
}
