// Consistency checks of the client's manifest parts and localisation bundles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname ?? __dirname, '..', '..');
const read = (p: string) => readFileSync(join(root, p), 'utf8');
const json = (p: string) => JSON.parse(read(p));

const pkg = json('package.json');
const nls = json('package.nls.json') as Record<string, string>;
const nlsZh = json('package.nls.zh-cn.json') as Record<string, string>;
const bundleZh = json('l10n/bundle.l10n.zh-cn.json') as Record<string, string>;

const placeholders = (s: string) => [...s.matchAll(/\{(\d+)\}/g)].map((m) => m[1]).sort();

/** Every string passed to vscode.l10n.t(...) in client/src. */
function l10nStrings(): string[] {
  const dir = join(root, 'client', 'src');
  const out = new Set<string>();
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const src = readFileSync(join(dir, f), 'utf8');
    for (const m of src.matchAll(/l10n\.t\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g)) {
      out.add(m[2].replace(/\\(["'`\\])/g, '$1'));
    }
  }
  return [...out];
}

test('every %key% of package.json is in package.nls.json and package.nls.zh-cn.json', () => {
  const keys = [...read('package.json').matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
  assert.ok(keys.length > 20);
  for (const k of keys) {
    assert.ok(k in nls, `package.nls.json lacks ${k}`);
    assert.ok(k in nlsZh, `package.nls.zh-cn.json lacks ${k}`);
  }
  assert.deepEqual(Object.keys(nlsZh).sort(), Object.keys(nls).sort());
});

test('every vscode.l10n.t string has a Chinese translation with the same placeholders', () => {
  const strings = l10nStrings();
  assert.ok(strings.length > 10);
  for (const s of strings) {
    assert.ok(s in bundleZh, `l10n/bundle.l10n.zh-cn.json lacks ${JSON.stringify(s)}`);
    assert.deepEqual(placeholders(bundleZh[s]), placeholders(s), s);
  }
  for (const k of Object.keys(bundleZh)) assert.ok(strings.includes(k), `unused translation ${JSON.stringify(k)}`);
});

test('contributed commands are registered by the client and listed as activation events', () => {
  const src = read('client/src/commands.ts');
  for (const c of pkg.contributes.commands as { command: string; category: string }[]) {
    assert.ok(src.includes(`'${c.command}'`), `${c.command} not registered`);
    assert.ok(pkg.activationEvents.includes(`onCommand:${c.command}`), `${c.command} not an activation event`);
    assert.equal(c.category, '%command.category%');
  }
});

test('language, grammar and configuration files exist and parse', () => {
  const lang = pkg.contributes.languages.find((l: { id: string }) => l.id === 'govreport');
  assert.ok(lang);
  assert.deepEqual(lang.filenamePatterns, ['*.report.txt']);
  assert.ok(!('extensions' in lang), 'must not claim every .txt');
  const grammar = pkg.contributes.grammars[0];
  assert.equal(grammar.scopeName, 'text.govreport');
  const g = json(grammar.path);
  assert.equal(g.scopeName, 'text.govreport');
  const lc = json(lang.configuration);
  assert.ok(lc.brackets.some((b: string[]) => b[0] === '「'));
  assert.ok(existsSync(join(root, pkg.icon)));
});

test('settings have a localized markdown description and resource scope', () => {
  const props = pkg.contributes.configuration.properties as Record<string, { scope: string; markdownDescription: string }>;
  for (const id of [
    'govreport.enable',
    'govreport.rules',
    'govreport.formatVersion',
    'govreport.validate.run',
    'govreport.inlayHints.enable',
    'govreport.maxFileSize',
    'govreport.detect.enable',
    'govreport.trace.server',
  ]) {
    assert.ok(props[id], `${id} missing`);
    assert.match(props[id].markdownDescription, /^%.+%$/);
  }
  for (const [id, p] of Object.entries(props)) {
    if (id !== 'govreport.trace.server') assert.equal(p.scope, 'resource', id);
  }
});

test('manifest: untrusted and virtual workspaces are supported; the rules setting lists every rule', async () => {
  const { RULE_META } = await import('../../core/src');
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
  assert.equal(pkg.capabilities.virtualWorkspaces, true);
  const listed = Object.keys(pkg.contributes.configuration.properties['govreport.rules'].properties).sort();
  assert.deepEqual(listed, RULE_META.map((m) => m.id).sort());
});
