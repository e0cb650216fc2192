// One cold run for `npm run ab -- REV --cold`: a fresh process loads an engine bundle and
// checks every file of a folder once, as the CLI does; prints the milliseconds the checks took.
// Plain JavaScript, so the process starts as the CLI's does (no TypeScript loader).
'use strict';
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const [bundle, dir] = process.argv.slice(2);
const engine = require(bundle);
const texts = readdirSync(dir)
  .sort()
  .map((f) => readFileSync(join(dir, f), 'utf8'));
const t0 = performance.now();
let findings = 0;
for (const text of texts) findings += engine.check(text).findings.length;
process.stdout.write(`${(performance.now() - t0).toFixed(1)} ${findings}\n`);
