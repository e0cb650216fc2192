// Generators shared by the property tests (test/property/engine.property.test.ts) and the fuzzer
// (scripts/fuzz.ts). A generated case is data — a fixture name plus a list of mutations, or a raw
// string — so that fast-check can shrink it and a failure prints as a recipe, not as 7 KB of text.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { check, FORMATS, type CheckOptions } from '../../core/src';

const ROOT = join(__dirname, '..', '..');
const SEEDS_DIR = join(ROOT, 'test', 'fixtures', 'seeds');
const REPORTS_DIR = join(ROOT, 'test', 'fixtures', 'reports');

/** The seeds (real reports, five layouts/quirks) and the hand-made 2021 reports. */
export const FIXTURES: Record<string, string> = (() => {
  const out: Record<string, string> = {};
  for (const f of readdirSync(SEEDS_DIR).filter((n) => n.endsWith('.txt')).sort()) out[`seed/${f.slice(0, 3)}`] = readFileSync(join(SEEDS_DIR, f), 'utf8');
  for (const l of ['tabs', 'cells', 'pipes', 'spaces']) out[`2021-${l}`] = readFileSync(join(REPORTS_DIR, `2021-${l}.txt`), 'utf8');
  return out;
})();
export const FIXTURE_NAMES = Object.keys(FIXTURES);

// ---------------------------------------------------------------------------------------------
// Characters and tokens

/** Whitespace and control characters real (and broken) reports carry. */
export const SPECIAL_CHARS = ['\0', '\t', '\n', '\r', '\r\n', '\n\r', '\u3000', '\u00a0', '\ufeff', '\u200b', '\u2028', '\u0085', '\v', '\f', ' ', '  '];
export const FULL_WIDTH_DIGITS = '０１２３４５６７８９'.split('');
export const LOOKALIKES = ['O', 'o', 'l', 'I', '|', '〇', '兄', 'į', 'S', 'B'];
export const PLACEHOLDERS = ['/', '／', '—', '——', '-', '－', '–', '无', '…', 'x'];
export const UNITS = ['项', '件', '元', '万元', '个', '次'];
/** Text that follows a heading on its line in real reports: a fix of the heading must keep it. */
export const HEADING_TAILS = ['：无。', ' 本年度未收取信息处理费。', ' 2021年，公开内容的全面性有待提高。', '（数据截至2021年12月31日）', '（单位：件）'];
export const PUNCT = [',', '.', '，', '。', '、', '．', '(', ')', '（', '）', '+', '增', '减', '%', '|', '｜', ':', '：', '[bookmark: _GoBack]'];

function vocabulary(): string[] {
  const words = new Set<string>();
  for (const f of Object.values(FORMATS)) {
    for (const s of f.sections) {
      words.add(s.heading);
      words.add(s.heading.slice(2));
      for (const v of s.variants) words.add(v);
    }
    for (const m of f.markers) words.add(m);
    for (const t of f.tables) {
      for (const b of t.blocks) {
        if (b.title) words.add(b.title);
        for (const c of b.columns) words.add(c.label.split('·').pop()!);
        for (const r of b.rows) {
          if (r.label) words.add(r.label);
          for (const a of r.aliases ?? []) words.add(a);
        }
      }
    }
  }
  for (const w of ['总计', '自然人', '法人或其他组织', '商业企业', '科研机构', '行政复议', '行政诉讼', '维持', '纠正', '其他结果', '尚未审结', '信息内容', '第二十条第(九)项', '2020年', '2021年', '2019年', '年度报告', '统计期限自2020年1月1日起至2020年12月31日止']) words.add(w);
  return [...words];
}
export const VOCABULARY = vocabulary();
const ORDINALS = ['一、', '二、', '三、', '四、', '五、', '六、', '七、', '十、', '（一）', '（二）', '（三）', '（七）', '(三)', '1.', '2.', '3.', '一.', '一，'];

const digit = fc.integer({ min: 0, max: 9 }).map(String);
const number = fc.oneof(
  fc.nat({ max: 20 }).map(String),
  fc.nat({ max: 100000 }).map(String),
  fc.nat({ max: 9999999 }).map((n) => n.toLocaleString('en-US')),
  fc.tuple(fc.nat({ max: 9999 }), fc.nat({ max: 99 })).map(([a, b]) => `${a}.${b}`),
  fc.constantFrom('-1', '+3', '增2', '减1', '增加5', '减少4', '1e5', '0x10', '１２', '１,２３４', '1 234', '00', '٣'),
  // What a safe fix must never turn into another number (issue 11): numbers apart, look-alikes,
  // the full-width comma, money units on counts, values too long to be counts.
  fc.constantFrom('41 6', '67 3 0 0 1 0 71', '41\u30006', '41\u00a06', '41\u20096', '4，100', '5¹', '41²', '4₁', '①', '⓪', '41万元', '3元', '９００７１９９２５４７４０９９３', '9007199254740993', '1'.repeat(400)),
);
/** Any single UTF-16 code unit (lone surrogates included) or any code point. */
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const anyCodePoint = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 });

/** A short fragment to insert into a report: digits, tabs, full-width digits, look-alikes, placeholders, units. */
export const fragment: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: digit, weight: 4 },
  { arbitrary: number, weight: 3 },
  { arbitrary: fc.constantFrom(...SPECIAL_CHARS), weight: 4 },
  { arbitrary: fc.constantFrom(...FULL_WIDTH_DIGITS), weight: 2 },
  { arbitrary: fc.constantFrom(...LOOKALIKES), weight: 2 },
  { arbitrary: fc.constantFrom(...PLACEHOLDERS), weight: 2 },
  { arbitrary: fc.constantFrom(...UNITS), weight: 2 },
  { arbitrary: fc.constantFrom(...PUNCT), weight: 1 },
  { arbitrary: fc.constantFrom(...ORDINALS), weight: 1 },
  { arbitrary: fc.constantFrom(...VOCABULARY), weight: 1 },
  { arbitrary: fc.constantFrom(...HEADING_TAILS), weight: 1 },
  { arbitrary: anyCodeUnit, weight: 1 },
  { arbitrary: anyCodePoint, weight: 1 },
);

// ---------------------------------------------------------------------------------------------
// (a) Arbitrary strings

const unitForText = fc.oneof(
  { arbitrary: anyCodePoint, weight: 3 },
  { arbitrary: anyCodeUnit, weight: 1 },
  { arbitrary: fc.constantFrom(...SPECIAL_CHARS), weight: 3 },
  { arbitrary: digit, weight: 2 },
  { arbitrary: fc.constantFrom(...FULL_WIDTH_DIGITS, ...LOOKALIKES, ...PLACEHOLDERS, ...UNITS, ...PUNCT), weight: 2 },
  { arbitrary: fc.constantFrom(...VOCABULARY, ...ORDINALS), weight: 2 },
);

/** Unicode soup: any code points and code units, NUL, tabs, CR/LF mixes, U+3000, NBSP, BOM, report words. */
export const soupText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: unitForText, maxLength: 300 }),
);

/** A line that looks like part of a report: a heading, or a label followed by cells in some layout. */
const reportLine: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom('', ...ORDINALS), fc.constantFrom(...VOCABULARY)).map(([o, w]) => o + w),
  fc
    .tuple(
      fc.constantFrom('\t', ' | ', '   ', '\u3000', '\t\t'),
      fc.constantFrom(...VOCABULARY),
      fc.array(fc.oneof(number, fc.constantFrom('', ...PLACEHOLDERS), fragment), { maxLength: 30 }),
      fc.boolean(),
    )
    .map(([sep, label, cells, pipes]) => {
      const row = [label, ...cells].join(sep);
      return pipes && sep.includes('|') ? `| ${row} |` : row;
    }),
  fc.oneof(number, fc.constantFrom('', '\t', '\t　　0', '\t　　', '0\u00a0', ...PLACEHOLDERS)),
);
const EOLS = fc.constantFrom('\n', '\r\n', '\r');

/** A text built from scratch out of report-like lines, with mixed line ends. */
export const builtReport: fc.Arbitrary<string> = fc
  .array(fc.tuple(reportLine, EOLS), { maxLength: 120 })
  .map((ls) => ls.map(([l, e]) => l + e).join(''));

// ---------------------------------------------------------------------------------------------
// (b) Mutations of the fixtures

/** Positions are plain numbers taken modulo what they index, so that they shrink toward 0. */
export type Mutation =
  | { k: 'delLine'; at: number }
  | { k: 'dupLine'; at: number }
  | { k: 'swapLines'; a: number; b: number }
  | { k: 'moveLine'; from: number; to: number }
  | { k: 'insert'; at: number; s: string }
  | { k: 'remove'; at: number; n: number }
  | { k: 'replace'; at: number; n: number; s: string }
  | { k: 'truncate'; at: number }
  | { k: 'eol'; to: '\r\n' | '\r' | '\n' }
  | { k: 'lineEnd'; at: number; to: string }
  /** Rewrite a cell the parser found (the cell's text: replaced, prefixed, suffixed). */
  | { k: 'cell'; idx: number; how: 'replace' | 'prefix' | 'suffix'; s: string }
  /** Damage a section heading or row label the parser found (one character replaced/removed/inserted). */
  | { k: 'label'; idx: number; pos: number; how: 'replace' | 'remove' | 'insert'; s: string };

const pos = fc.nat({ max: 1_000_000 });
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.record({ k: fc.constant('delLine' as const), at: pos }), weight: 2 },
  { arbitrary: fc.record({ k: fc.constant('dupLine' as const), at: pos }), weight: 2 },
  { arbitrary: fc.record({ k: fc.constant('swapLines' as const), a: pos, b: pos }), weight: 2 },
  { arbitrary: fc.record({ k: fc.constant('moveLine' as const), from: pos, to: pos }), weight: 1 },
  { arbitrary: fc.record({ k: fc.constant('insert' as const), at: pos, s: fragment }), weight: 3 },
  { arbitrary: fc.record({ k: fc.constant('remove' as const), at: pos, n: fc.integer({ min: 1, max: 40 }) }), weight: 2 },
  { arbitrary: fc.record({ k: fc.constant('replace' as const), at: pos, n: fc.integer({ min: 1, max: 3 }), s: fragment }), weight: 3 },
  { arbitrary: fc.record({ k: fc.constant('truncate' as const), at: pos }), weight: 1 },
  { arbitrary: fc.record({ k: fc.constant('eol' as const), to: fc.constantFrom('\r\n' as const, '\r' as const, '\n' as const) }), weight: 1 },
  { arbitrary: fc.record({ k: fc.constant('lineEnd' as const), at: pos, to: fc.constantFrom('\r\n', '\r', '\n', '\n\n', '', '\t\n', '\u2028') }), weight: 1 },
  { arbitrary: fc.record({ k: fc.constant('cell' as const), idx: pos, how: fc.constantFrom('replace' as const, 'prefix' as const, 'suffix' as const), s: fragment }), weight: 6 },
  { arbitrary: fc.record({ k: fc.constant('label' as const), idx: pos, pos: pos, how: fc.constantFrom('replace' as const, 'remove' as const, 'insert' as const), s: fragment }), weight: 3 },
);

interface LineSpan {
  body: string;
  eol: string;
}
function toLines(text: string): LineSpan[] {
  const out: LineSpan[] = [];
  const re = /([^\r\n]*)(\r\n|\r|\n|$)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    out.push({ body: m[1], eol: m[2] });
    if (m[2] === '') break;
  }
  return out;
}
const fromLines = (ls: LineSpan[]): string => ls.map((l) => l.body + l.eol).join('');
/** Line moves keep every line terminated except possibly the last. */
function withEol(l: LineSpan): LineSpan {
  return l.eol ? l : { body: l.body, eol: '\n' };
}

/** Applies one mutation to a text. Pure; every position is taken modulo the text's size. */
export function applyMutation(text: string, m: Mutation): string {
  const L = text.length;
  switch (m.k) {
    case 'delLine':
    case 'dupLine':
    case 'swapLines':
    case 'moveLine':
    case 'lineEnd': {
      const ls = toLines(text);
      const n = ls.length;
      if (m.k === 'delLine') ls.splice(m.at % n, 1);
      else if (m.k === 'dupLine') {
        const i = m.at % n;
        ls.splice(i, 1, withEol(ls[i]), ls[i]);
      } else if (m.k === 'swapLines') {
        const a = m.a % n;
        const b = m.b % n;
        const la = ls[a];
        ls[a] = { body: ls[b].body, eol: la.eol };
        ls[b] = { body: la.body, eol: ls[b].eol };
      } else if (m.k === 'moveLine') {
        const [l] = ls.splice(m.from % n, 1);
        if (ls.length > 0) ls[ls.length - 1] = withEol(ls[ls.length - 1]);
        ls.splice(m.to % (ls.length + 1), 0, withEol(l));
      } else {
        const i = m.at % n;
        ls[i] = { body: ls[i].body, eol: m.to };
      }
      return fromLines(ls);
    }
    case 'insert': {
      const at = m.at % (L + 1);
      return text.slice(0, at) + m.s + text.slice(at);
    }
    case 'remove': {
      if (L === 0) return text;
      const at = m.at % L;
      return text.slice(0, at) + text.slice(at + m.n);
    }
    case 'replace': {
      if (L === 0) return m.s;
      const at = m.at % L;
      return text.slice(0, at) + m.s + text.slice(at + m.n);
    }
    case 'truncate':
      return text.slice(0, m.at % (L + 1));
    case 'eol':
      return text.replace(/\r\n|\r|\n/g, m.to);
    case 'cell': {
      const cells = [...check(text).report.cells.values()].filter((c) => c.located).sort((a, b) => a.start - b.start);
      if (cells.length === 0) return text;
      const c = cells[m.idx % cells.length];
      const newText = m.how === 'replace' ? m.s : m.how === 'prefix' ? m.s + c.raw : c.raw + m.s;
      return text.slice(0, c.start) + newText + text.slice(c.end);
    }
    case 'label': {
      const { report } = check(text);
      const spans: { start: number; end: number }[] = report.sections.map((s) => ({ start: s.start, end: s.end }));
      for (const t of Object.values(report.tables)) {
        for (const b of t!.blocks) {
          if (b.titleStart !== undefined) spans.push({ start: b.titleStart, end: b.titleEnd! });
          for (const r of b.rows) if (r.labelEnd > r.labelStart) spans.push({ start: r.labelStart, end: r.labelEnd });
        }
      }
      if (spans.length === 0) return text;
      spans.sort((a, b) => a.start - b.start || a.end - b.end);
      const s = spans[m.idx % spans.length];
      const at = s.start + (m.pos % (s.end - s.start + 1));
      if (m.how === 'insert') return text.slice(0, at) + m.s + text.slice(at);
      const end = Math.min(at + 1, s.end);
      return text.slice(0, at) + (m.how === 'replace' ? m.s : '') + text.slice(end);
    }
  }
}

export interface MutatedCase {
  fixture: string;
  mutations: Mutation[];
}

export function materialize(c: MutatedCase): string {
  let text = FIXTURES[c.fixture];
  for (const m of c.mutations) text = applyMutation(text, m);
  return text;
}

export const mutatedCase: fc.Arbitrary<MutatedCase> = fc.record({
  fixture: fc.constantFrom(...FIXTURE_NAMES),
  mutations: fc.array(mutation, { minLength: 1, maxLength: 12 }),
});

// ---------------------------------------------------------------------------------------------
// Big inputs (≤ 200 KB), for the hang guard

export type BigCase =
  | { k: 'repeat'; fixture: string; times: number; mutations: Mutation[] }
  | { k: 'pattern'; unit: string; times: number; eol: string };

const BIG_UNITS = [
  '\t', '|', ' ', '1,', '0\t', '一、', '（一）', '第二十条第（', '规章\t', '1.', '\u3000', '-', 'O', '\t0', '| 0 ', '0\n', '\t\n', '\n',
  '一、总体情况\n', '（七）总计\t0\t0\t0\n', '规章\n\t0\n\t0\n', '本年新制作数量', '2020年', '[bookmark: x]', '1 ', '１',
];
export const MAX_BIG = 200_000;
export const bigCase: fc.Arbitrary<BigCase> = fc.oneof(
  fc.record({
    k: fc.constant('repeat' as const),
    fixture: fc.constantFrom(...FIXTURE_NAMES),
    times: fc.integer({ min: 1, max: 60 }),
    mutations: fc.array(mutation.filter((m) => m.k !== 'cell' && m.k !== 'label'), { maxLength: 4 }),
  }),
  fc.record({
    k: fc.constant('pattern' as const),
    unit: fc.oneof(fc.constantFrom(...BIG_UNITS), fc.array(fc.constantFrom(...BIG_UNITS), { minLength: 1, maxLength: 4 }).map((a) => a.join(''))),
    times: fc.integer({ min: 1, max: 200_000 }),
    eol: fc.constantFrom('', '\n', '\r\n', '\t'),
  }),
);

export function materializeBig(c: BigCase): string {
  let text: string;
  if (c.k === 'repeat') {
    const base = FIXTURES[c.fixture];
    text = base.repeat(Math.max(1, Math.min(c.times, Math.floor(MAX_BIG / base.length))));
    for (const m of c.mutations) text = applyMutation(text, m);
  } else {
    const u = c.unit + c.eol;
    text = u.repeat(Math.max(1, Math.min(c.times, Math.floor(MAX_BIG / u.length))));
  }
  return text.slice(0, MAX_BIG);
}

// ---------------------------------------------------------------------------------------------
// Everything together

export type TextCase =
  | { k: 'soup'; text: string }
  | { k: 'built'; text: string }
  | ({ k: 'mutated' } & MutatedCase)
  | ({ k: 'built+mutated'; text: string; mutations: Mutation[] });

export const textCase: fc.Arbitrary<TextCase> = fc.oneof(
  { arbitrary: soupText.map((text) => ({ k: 'soup' as const, text })), weight: 3 },
  { arbitrary: builtReport.map((text) => ({ k: 'built' as const, text })), weight: 2 },
  { arbitrary: mutatedCase.map((c) => ({ k: 'mutated' as const, ...c })), weight: 6 },
  {
    arbitrary: fc.record({ k: fc.constant('built+mutated' as const), text: builtReport, mutations: fc.array(mutation, { maxLength: 6 }) }),
    weight: 1,
  },
);

export function textOf(c: TextCase): string {
  switch (c.k) {
    case 'soup':
    case 'built':
      return c.text;
    case 'mutated':
      return materialize(c);
    case 'built+mutated': {
      let t = c.text;
      for (const m of c.mutations) t = applyMutation(t, m);
      return t;
    }
  }
}

export const checkOptions: fc.Arbitrary<CheckOptions> = fc.record(
  {
    formatVersion: fc.constantFrom('auto' as const, '2019' as const, '2021' as const),
    locale: fc.constantFrom('zh' as const, 'en' as const),
  },
  { requiredKeys: [] },
);

/** A seed for this run: FC_SEED from the environment, else a fixed default (reproducible CI). */
export function runSeed(defaultSeed = 20240607): number {
  const env = process.env.FC_SEED;
  if (env === 'random') return (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
  if (env && Number.isFinite(Number(env))) return Number(env) | 0;
  return defaultSeed;
}
