// `npm run generate`: writes what is derived from the rules' metadata (core/src/rules/*.ts, each
// rule's `meta`) and the format data (core/src/formats): the rule settings and the format-version
// choices in package.json, their descriptions in package.nls.json / package.nls.zh-cn.json, the
// rules table of README.md, of docs/rules/README.md and of README.extension.md (between their `generated:rules` markers).
//   npm run generate            write the files
//   npm run generate -- --check exit 1 and name the stale files (test/unit/generated.test.ts)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FORMAT_LIST, RULE_META, type RuleMeta } from '../core/src';

const ROOT = join(__dirname, '..');
const SEVERITIES = ['off', 'error', 'warning', 'information', 'hint'] as const;

/** package.json with its rule settings and format-version enum made from the metadata. */
function packageJson(text: string): string {
  const pkg = JSON.parse(text);
  const props = pkg.contributes.configuration.properties;
  const properties: Record<string, unknown> = {};
  for (const m of RULE_META) {
    properties[m.id] = {
      type: 'string',
      enum: [...SEVERITIES],
      enumDescriptions: SEVERITIES.map((s) => `%config.severity.${s}%`),
      markdownDescription: `%config.rule.${m.id}%`,
    };
  }
  props['govreport.rules'].properties = properties;
  const fv = props['govreport.formatVersion'];
  fv.enum = ['auto', ...FORMAT_LIST.map((f) => f.version)];
  fv.markdownEnumDescriptions = fv.enum.map((v: string) => `%config.formatVersion.${v}%`);
  // Invisible characters stay escaped, as written by hand (a key of editor.unicodeHighlight).
  return JSON.stringify(pkg, null, 2).replace(/\u00a0/g, '\\u00a0') + '\n';
}

function years(f: (typeof FORMAT_LIST)[number], zh: boolean): string {
  const { from, to } = f.years;
  if (zh) return to === undefined ? `适用于 ${from} 年度及以后的报告` : `适用于 ${Array.from({ length: to - from + 1 }, (_, k) => from + k).join('、')} 年度报告`;
  return to === undefined ? `used for report years ${from} onward` : `used for report years ${Array.from({ length: to - from + 1 }, (_, k) => from + k).join(' and ')}`;
}

/** A package.nls file with the rule and format-version entries made from the metadata (others kept). */
function nls(text: string, zh: boolean): string {
  const entries: Record<string, string> = JSON.parse(text);
  const out: Record<string, string> = {};
  // Generated keys are dropped, then written again in metadata order, after the hand-written ones.
  for (const [k, v] of Object.entries(entries)) if (!k.startsWith('config.rule.') && !/^config\.formatVersion\.(?!auto$)/.test(k)) out[k] = v;
  for (const m of RULE_META) out[`config.rule.${m.id}`] = zh ? m.description.zh : m.description.en;
  for (const f of FORMAT_LIST) out[`config.formatVersion.${f.version}`] = zh ? `${f.source}（${years(f, true)}）。` : `${f.source} (${years(f, false)}).`;
  return JSON.stringify(out, null, 2) + '\n';
}

const START = '<!-- generated:rules (npm run generate; edit the rules\' meta, not this table) -->';
const END = '<!-- /generated:rules -->';

function between(text: string, file: string, table: string): string {
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a < 0 || b < a) throw new Error(`${file}: no ${START} … ${END} markers`);
  return text.slice(0, a + START.length) + '\n' + table + text.slice(b);
}

const fixWord = (m: RuleMeta) => (m.fix === 'none' ? '—' : m.fix);

function readmeTable(): string {
  const rows = RULE_META.map((m) => `| [${m.id}](docs/rules/${m.id}.md) | ${m.defaultSeverity} | ${fixWord(m)} | ${m.description.en} |`);
  return ['| id | default | fix | what |', '|---|---|---|---|', ...rows, ''].join('\n');
}

function docsTable(): string {
  const rows = RULE_META.map((m) => `| \`${m.id}\` | ${m.defaultSeverity} | ${m.fix} | ${m.description.en} — ${m.description.zh} | [${m.id}](${m.id}.md) |`);
  return ['| id | default severity | fix | description | page |', '|---|---|---|---|---|', ...rows, ''].join('\n');
}

/** The rules table of the extension's page (README.extension.md): Chinese first, for its readers. */
function extensionTable(): string {
  const severity: Record<RuleMeta['defaultSeverity'], string> = { error: '错误', warning: '警告', information: '提示', hint: '提示（弱）' };
  const fix: Record<RuleMeta['fix'], string> = { safe: '安全修复', suggested: '建议修复', none: '—' };
  const rows = RULE_META.map((m) => `| \`${m.id}\` | ${severity[m.defaultSeverity]} | ${fix[m.fix]} | ${m.description.zh} | ${m.description.en} |`);
  return ['| 规则 | 默认级别 | 修复 | 说明 | What it finds |', '|---|---|---|---|---|', ...rows, ''].join('\n');
}

/** Each generated file: its path and what it must hold, from what it holds now. */
export const GENERATED: { file: string; make: (current: string) => string }[] = [
  { file: 'package.json', make: packageJson },
  { file: 'package.nls.json', make: (t) => nls(t, false) },
  { file: 'package.nls.zh-cn.json', make: (t) => nls(t, true) },
  { file: 'README.md', make: (t) => between(t, 'README.md', readmeTable()) },
  { file: 'docs/rules/README.md', make: (t) => between(t, 'docs/rules/README.md', docsTable()) },
  { file: 'README.extension.md', make: (t) => between(t, 'README.extension.md', extensionTable()) },
];

/** The generated files whose content differs from what the metadata makes. */
export function staleFiles(): string[] {
  return GENERATED.filter((g) => {
    const current = readFileSync(join(ROOT, g.file), 'utf8');
    return g.make(current) !== current;
  }).map((g) => g.file);
}

if (require.main === module) {
  if (process.argv.includes('--check')) {
    const stale = staleFiles();
    if (stale.length > 0) {
      process.stderr.write(`stale generated files (run npm run generate): ${stale.join(', ')}\n`);
      process.exit(1);
    }
    process.stdout.write('generated files are up to date\n');
  } else {
    for (const g of GENERATED) {
      const path = join(ROOT, g.file);
      const current = readFileSync(path, 'utf8');
      const made = g.make(current);
      if (made !== current) {
        writeFileSync(path, made);
        process.stdout.write(`wrote ${g.file}\n`);
      }
    }
  }
}
