// Debug helper: prints what the parser understood of a file. Usage: npx tsx scripts/dump.ts FILE
import { readFileSync } from 'node:fs';
import { parseReport } from '../core/src/parse';

const text = readFileSync(process.argv[2], 'utf8').replace(/^\ufeff/, '');
const r = parseReport(text);
console.log('version', r.formatVersion, r.versionSource, r.markers, 'year', r.year, r.yearSource, 'layout', r.layout);
for (const s of r.sections) console.log('section', s.def.id, s.line, JSON.stringify(s.text), s.official, s.ordinal, s.ordinalOk);
for (const t of Object.values(r.tables)) {
  console.log('table', t!.def.id, t!.foreignBlocks);
  for (const b of t!.blocks) {
    console.log(' block', b.def.id, b.titleStart !== undefined);
    for (const row of b.rows) {
      console.log('  row', row.def.id, r.lineIndex.positionAt(row.labelStart).line, JSON.stringify(row.labelText), row.exact, row.layout, '|',
        row.cells.map((c) => (c.present ? (c.located ? '' : '~') + (c.raw === '' ? '∅' : c.raw) : '✗')).join(' '), row.extra.length ? 'EXTRA ' + row.extra.map((e) => e.text).join(',') : '');
    }
  }
}
