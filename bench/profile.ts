// Profiling helpers for a missed target (not part of `npm run bench`).
//
//   node --import tsx bench/profile.ts engine [seconds]      check() on the seeds in a loop (the
//                                                            esbuild bundle of bench/engine.ts)
//   node --import tsx bench/profile.ts phases [rounds]        µs per seed: parse alone, each rule alone
//                                                            (SEEDS=002: only the seeds so named)
//   node --import tsx bench/profile.ts summary FILE.cpuprofile [top]
//   node --import tsx bench/profile.ts lines FILE.cpuprofile FUNCTION   self time of FUNCTION by line
//   node --import tsx bench/profile.ts alloc FILE             bytes allocated by one check(), by function
//   node --expose-gc --import tsx bench/profile.ts retained FILE   what a parsed report keeps alive
//   node --import tsx bench/profile.ts server-memory FILE [edits] [node options...]
//                                                            server VmHWM after the open and each edit
// (FILE: e.g. bench/.data/concat-10m.txt, written by npm run bench.)
//
// Profile with:  node --cpu-prof --cpu-prof-dir=bench/.data/prof --import tsx bench/profile.ts engine 5
// then:          node --import tsx bench/profile.ts summary bench/.data/prof/<file>.cpuprofile
// The summary lists self and inclusive time per function (inclusive counted once per stack, so
// recursion does not inflate it).
import { readFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { performance } from 'node:perf_hooks';
import { loadEngine } from './engine';
import { loadSeeds } from './generate';
import { BenchClient, docUri } from './lsp';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
  hitCount?: number;
  positionTicks?: { line: number; ticks: number }[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export function summarize(file: string, top = 30, filter?: RegExp): string {
  const prof = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(?=[^/]+\/[^/]+$)/, '')}:${n.callFrame.lineNumber + 1}`;
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < prof.samples.length; i++) {
    const dt = prof.timeDeltas[i] ?? 0;
    let id: number | undefined = prof.samples[i];
    const leaf = byId.get(id)!;
    total += dt;
    self.set(key(leaf), (self.get(key(leaf)) ?? 0) + dt);
    const seen = new Set<string>();
    while (id !== undefined) {
      const k = key(byId.get(id)!);
      if (!seen.has(k)) {
        seen.add(k);
        incl.set(k, (incl.get(k) ?? 0) + dt);
      }
      id = parent.get(id);
    }
  }
  const fmt = (m: Map<string, number>) =>
    [...m]
      .filter(([k]) => !filter || filter.test(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)}%  ${(v / 1000).toFixed(0).padStart(6)} ms  ${k}`)
      .join('\n');
  return `total ${(total / 1000).toFixed(0)} ms\n\nself time:\n${fmt(self)}\n\ninclusive time:\n${fmt(incl)}\n`;
}

/** Self-time samples of one function per source line (1-based lines of the profiled file). */
export function lineTicks(file: string, fn: string): string {
  const prof = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const ticks = new Map<string, number>();
  let total = 0;
  for (const n of prof.nodes) {
    if (n.callFrame.functionName !== fn) continue;
    for (const p of n.positionTicks ?? []) {
      const k = `${n.callFrame.url.replace(/^.*\//, '')}:${p.line}`;
      ticks.set(k, (ticks.get(k) ?? 0) + p.ticks);
      total += p.ticks;
    }
  }
  return (
    [...ticks]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`)
      .join('\n') + `\n(${total} samples of ${fn})\n`
  );
}

function engineLoop(seconds: number): void {
  const { check } = loadEngine();
  const seeds = loadSeeds();
  const end = performance.now() + seconds * 1000;
  let n = 0;
  let sink = 0;
  while (performance.now() < end) {
    for (const s of seeds) sink += check(s.text).findings.length;
    n += seeds.length;
  }
  process.stdout.write(`${n} checks, ${((seconds * 1000) / n).toFixed(3)} ms each (${sink})\n`);
}

/**
 * Where check() spends its time on the seeds: parseReport alone, then each rule on its own fresh
 * reports (so a per-report cache, e.g. the arithmetic shared by two rules, is paid by each), and
 * the line/tab split floor of bench/run.ts for scale. Medians over rounds, µs per seed.
 */
function phases(rounds: number): void {
  const { check, parseReport, runRules, RULES } = loadEngine();
  // SEEDS=002 (a substring of the names) times only those seeds.
  const only = process.env.SEEDS;
  const seeds = loadSeeds().filter((s) => !only || s.name.includes(only));
  const N = 20;
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const time = (fn: () => void) => {
    const t0 = performance.now();
    fn();
    return ((performance.now() - t0) * 1000) / (N * seeds.length);
  };
  for (let i = 0; i < 100; i++) for (const s of seeds) check(s.text);
  const rows = new Map<string, number[]>();
  const put = (k: string, v: number) => rows.set(k, [...(rows.get(k) ?? []), v]);
  for (let r = 0; r < rounds; r++) {
    put('check (parse + rules)', time(() => { for (let i = 0; i < N; i++) for (const s of seeds) check(s.text); }));
    put('parseReport', time(() => { for (let i = 0; i < N; i++) for (const s of seeds) parseReport(s.text); }));
    for (const rule of RULES) {
      const reports: ReturnType<typeof parseReport>[] = [];
      for (let i = 0; i < N; i++) for (const s of seeds) reports.push(parseReport(s.text));
      put(`rule ${rule.meta.id}`, time(() => { for (const rep of reports) runRules(rep, { ruleSet: [rule] }); }));
    }
  }
  for (const [k, v] of rows) process.stdout.write(`${med(v).toFixed(1).padStart(8)} µs  ${k}\n`);
}

/** Sampled allocations of one check(), including objects already collected, by allocating function. */
async function alloc(file: string): Promise<void> {
  const { check } = loadEngine();
  const text = readFileSync(file, 'utf8');
  const session = new Session();
  session.connect();
  const post = <T>(method: string, params: object = {}) => new Promise<T>((res, rej) => session.post(method, params, (e, r) => (e ? rej(e) : res(r as T))));
  await post('HeapProfiler.enable');
  await post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  const findings = check(text).findings.length;
  type Node = { callFrame: { functionName: string; lineNumber: number }; selfSize: number; children: Node[] };
  const { profile } = await post<{ profile: { head: Node } }>('HeapProfiler.stopSampling');
  const by = new Map<string, number>();
  let total = 0;
  const walk = (n: Node) => {
    const k = `${n.callFrame.functionName || '(anonymous)'}:${n.callFrame.lineNumber + 1}`;
    by.set(k, (by.get(k) ?? 0) + n.selfSize);
    total += n.selfSize;
    n.children.forEach(walk);
  };
  walk(profile.head);
  process.stdout.write(`${text.length} chars, ${findings} findings, ${(total / 1e6).toFixed(0)} MB allocated (sampled; lines of bench/.data/engine.cjs)\n`);
  for (const [k, v] of [...by].sort((a, b) => b[1] - a[1]).slice(0, 15)) process.stdout.write(`${(v / 1e6).toFixed(1).padStart(7)} MB  ${k}\n`);
}

/** Heap kept alive by a parsed report and its findings, and by its parts (needs --expose-gc). */
function retained(file: string): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  const { parseReport, runRules } = loadEngine();
  const heap = () => (gc(), gc(), process.memoryUsage().heapUsed / 1e6);
  const text = readFileSync(file, 'utf8');
  const h0 = heap();
  const report = parseReport(text) as unknown as Record<string, unknown> & ReturnType<typeof parseReport>;
  const h1 = heap();
  const findings = runRules(report);
  const h2 = heap();
  const out = [`${text.length} chars: report ${(h1 - h0).toFixed(1)} MB (${report.lines.length} lines, ${report.sections.length} sections, ${report.cells.size} cells), findings ${(h2 - h1).toFixed(1)} MB (${findings.length})`];
  let h = h2;
  for (const part of ['lines', 'lineIndex', 'sections', 'tables', 'cells']) {
    report[part] = null;
    const now = heap();
    out.push(`  of which report.${part}: ${(h - now).toFixed(1)} MB`);
    h = now;
  }
  process.stdout.write(out.join('\n') + '\n');
}

/** VmHWM of a server that opens FILE (maxFileSize raised) and takes `edits` one-digit edits. */
async function serverMemory(file: string, edits: number, nodeArgs: string[]): Promise<void> {
  const text = readFileSync(file, 'utf8');
  const c = await BenchClient.start({ debounceMs: 0, settings: { maxFileSize: 100_000_000 }, nodeArgs });
  try {
    const uri = docUri('memory.txt');
    await c.open(uri, text, 180_000);
    const peaks = [c.peakRss()];
    const re = /\t[\u3000 ]*(\d)[\u3000 ]*(?=\t|\r?\n|$)/g;
    for (let k = 0; k < edits; k++) {
      re.lastIndex = Math.floor((text.length * (k + 1)) / (edits + 1));
      const m = re.exec(text);
      if (!m) break;
      const at = m.index + m[0].indexOf(m[1]);
      await c.edit(uri, at, at + 1, m[1] === '7' ? '8' : '7', 180_000);
      peaks.push(c.peakRss());
    }
    process.stdout.write(`VmHWM MB after the open, then after each edit: ${peaks.map((p) => (p / 1e6).toFixed(0)).join(' ')}\n`);
  } finally {
    await c.stop();
  }
}

const [mode, arg, arg2] = process.argv.slice(2);
if (mode === 'engine') engineLoop(Number(arg ?? 5));
else if (mode === 'phases') phases(Number(arg ?? 15));
else if (mode === 'lines') process.stdout.write(lineTicks(arg, arg2));
else if (mode === 'alloc') void alloc(arg);
else if (mode === 'retained') retained(arg);
else if (mode === 'server-memory') void serverMemory(arg, Number(arg2 ?? 5), process.argv.slice(5));
else if (mode === 'summary') process.stdout.write(summarize(arg, Number(arg2 ?? 30)));
else if (mode) {
  process.stderr.write('usage: bench/profile.ts engine [seconds] | phases [rounds] | summary FILE.cpuprofile [top] | lines FILE.cpuprofile FUNCTION | alloc FILE | retained FILE | server-memory FILE [edits] [node options]\n');
  process.exitCode = 2;
}
