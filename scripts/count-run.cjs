// One run for `npm run ab -- REV --instructions`, counted by valgrind: a fresh process loads an
// engine bundle and checks each seed `warm` + `more` times (warm mode), or every file of a folder
// once (cold mode, as the CLI does). The count of instructions it took, not its time, is what
// is compared: on this shared machine a time moves by 2x within minutes, a count by 0.3 %.
// Plain JavaScript, so the process starts as the CLI's does (no TypeScript loader).
'use strict';
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const [bundle, mode, a, b] = process.argv.slice(2);
const engine = require(bundle);
let findings = 0;
if (mode === 'cold') {
  for (const f of readdirSync(a).sort()) findings += engine.check(readFileSync(join(a, f), 'utf8')).findings.length;
} else {
  const dir = join(__dirname, '..', 'test', 'fixtures', 'seeds');
  const seeds = readdirSync(dir)
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'));
  const rounds = Number(a) + Number(b);
  for (let i = 0; i < rounds; i++) for (const s of seeds) findings += engine.check(s).findings.length;
}
process.stdout.write(`${findings}\n`);
