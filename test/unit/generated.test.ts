// The files made from the rules' metadata and the format data (scripts/generate.ts) are up to
// date: adding or changing a rule without `npm run generate` fails here, naming the stale files.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { RULE_META } from '../../core/src';
import { GENERATED, staleFiles } from '../../scripts/generate';

test('generated files are up to date (npm run generate)', () => {
  assert.deepEqual(staleFiles(), []);
});

test('every rule has its doc page, its setting and both descriptions', () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
  const nlsEn = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.nls.json'), 'utf8'));
  const nlsZh = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.nls.zh-cn.json'), 'utf8'));
  for (const m of RULE_META) {
    assert.ok(readFileSync(join(__dirname, '..', '..', 'docs', 'rules', `${m.id}.md`), 'utf8').startsWith(`# ${m.id}\n`), `docs/rules/${m.id}.md`);
    assert.ok(pkg.contributes.configuration.properties['govreport.rules'].properties[m.id], `setting for ${m.id}`);
    assert.equal(nlsEn[`config.rule.${m.id}`], m.description.en);
    assert.equal(nlsZh[`config.rule.${m.id}`], m.description.zh);
  }
});

test('a changed rule description makes its generated files stale', () => {
  const m = RULE_META[0];
  const saved = m.description.en;
  try {
    (m.description as { en: string }).en = saved + ' (changed)';
    const stale = GENERATED.filter((g) => {
      const current = readFileSync(join(__dirname, '..', '..', g.file), 'utf8');
      return g.make(current) !== current;
    }).map((g) => g.file);
    assert.deepEqual(stale, ['package.nls.json', 'README.md', 'docs/rules/README.md', 'README.extension.md']);
  } finally {
    (m.description as { en: string }).en = saved;
  }
});

test('adding a rule: every rule file is registered, tested and documented', () => {
  const root = join(__dirname, '..', '..');
  const files = readdirSync(join(root, 'core', 'src', 'rules'))
    .filter((f) => f.endsWith('.ts') && !['index.ts', 'types.ts', 'util.ts'].includes(f))
    .map((f) => f.slice(0, -3))
    .sort();
  assert.deepEqual(RULE_META.map((m) => m.id).sort(), files, 'each core/src/rules/<id>.ts is in RULES (core/src/rules/index.ts), under its own id');
  for (const id of files) {
    assert.ok(existsSync(join(root, 'test', 'unit', 'rules', `${id}.test.ts`)), `test/unit/rules/${id}.test.ts`);
    assert.ok(existsSync(join(root, 'docs', 'rules', `${id}.md`)), `docs/rules/${id}.md`);
  }
});
