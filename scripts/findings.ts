// Debug helper: prints the findings for files. Usage: npx tsx scripts/findings.ts FILE...
import { readFileSync } from 'node:fs';
import { check } from '../core/src';

for (const f of process.argv.slice(2)) {
  const text = readFileSync(f, 'utf8').replace(/^\ufeff/, '');
  const { report, findings } = check(text);
  console.log('==', f, report.formatVersion, report.year, findings.length);
  for (const x of findings) {
    const p = report.lineIndex.positionAt(x.start);
    console.log(`${p.line + 1}:${p.character + 1} ${x.severity} ${x.rule} ${x.message}${x.fix ? ` [fix${x.fix.safe ? ' safe' : ''}]` : ''}`);
  }
}
