// Differential check for engine changes that must not change behaviour (speed, memory):
// bundles core/ as it was at a git revision and as it is now, then compares sections, cells and
// findings on every fixture and on generated reports (the property tests' generators).
//   npm run differential -- REV [runs] [seed]      e.g. npm run differential -- HEAD~3 20000
// Exit 0 when both engines agree everywhere; 1 with the first differing input otherwise.
import { join } from 'node:path';
import fc from 'fast-check';
import { FIXTURES, textCase, textOf } from '../test/property/arbitraries';
import { enginesThenAndNow, type Engine } from './engines';

const ROOT = join(__dirname, '..');
const [rev, runs = '5000', seed = '1'] = process.argv.slice(2);
if (!rev) {
  process.stderr.write('usage: npm run differential -- REV [runs] [seed]\n');
  process.exit(2);
}
const [before, after] = enginesThenAndNow(rev, join(ROOT, 'bench', '.data', 'differential'));

function signature(engine: Engine, text: string, formatVersion: 'auto' | '2019' | '2021'): string {
  const { report, findings } = engine.check(text, { formatVersion });
  return JSON.stringify({
    version: report.formatVersion,
    year: report.year,
    layout: report.layout,
    versionSource: report.versionSource,
    // A record before the markers became a Map: both compare as the same object.
    markers: report.markers instanceof Map ? Object.fromEntries(report.markers) : report.markers,
    titleLine: report.titleLine,
    tables: Object.values(report.tables).map((t) => [t!.def.id, t!.start, t!.end, t!.foreignBlocks, t!.blocks.map((b) => [b.def.id, b.start, b.end, b.titleStart, b.titleEnd, b.rows.map((r) => [r.def.id, r.labelStart, r.labelEnd, r.labelText, r.exact, r.alias, r.end, r.layout, r.line, r.extra])])]),
    sections: report.sections.map((s) => [s.def.id, s.start, s.end, s.bodyEnd]),
    cells: [...report.cells.entries()].map(([k, c]) => [k, c.start, c.end, c.raw, c.present, c.located, [c.value.status, c.value.value, c.value.unit, c.value.normalized, c.value.oddities, c.value.suggestion]]),
    findings: findings.map((f) => [f.rule, f.severity, f.start, f.end, f.message, f.fix?.safe, f.fix?.edits, f.related, f.data]),
  });
}

let differ = 0;
for (const [name, text] of Object.entries(FIXTURES)) {
  if (signature(before, text, 'auto') !== signature(after, text, 'auto')) {
    process.stdout.write(`fixture ${name} differs\n`);
    differ++;
  }
}
let n = 0;
try {
  fc.assert(
    fc.property(textCase, fc.constantFrom('auto' as const, '2019' as const, '2021' as const), (c, fv) => {
      n++;
      const text = textOf(c);
      if (signature(before, text, fv) !== signature(after, text, fv)) throw new Error('the engines differ');
    }),
    { numRuns: Number(runs), seed: Number(seed) },
  );
} catch (err) {
  process.stdout.write(`${(err as Error).message}\n`);
  differ++;
}
process.stdout.write(`${rev} vs working tree: ${Object.keys(FIXTURES).length} fixtures and ${n} generated reports, ${differ === 0 ? 'identical' : 'DIFFERENT'}\n`);
process.exitCode = differ === 0 ? 0 : 1;
