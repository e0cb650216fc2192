import type { CellRef, ProseClaimDef, ProseTopicDef } from '../formats/types';
import { cellName, cellOf, type Cell, type Report } from '../model';
import { formatNumber } from '../numbers';
import { numericValue } from '../relations';
import { chineseNumeralValue, CompactMatcher, isSpaceCode } from '../text';
import type { Rule, RuleContext } from './types';

/**
 * Figures stated in the prose ("共收到政府信息公开申请7件", "未发生行政复议、行政诉讼") must agree
 * with the tables (spec §5, text-vs-table). The claims and their cells are format data
 * (`FormatDef.claims`); this rule finds them in the prose, one clause at a time.
 */
export const textVsTable: Rule = {
  meta: {
    id: 'text-vs-table',
    description: {
      zh: '正文中陈述的数字（如“共收到政府信息公开申请7件”“未发生行政复议”）与表中数字不符',
      en: 'A figure stated in the text ("共收到政府信息公开申请7件", "未发生行政复议") differs from the tables',
    },
    defaultSeverity: 'warning',
    fix: 'none',
  },
  check(ctx) {
    const { report } = ctx;
    const format = report.format;
    if (format.claims.length === 0 || Object.keys(report.tables).length === 0) return;
    const mentions = mentionsOf(format);
    const clauses = proseClauses(report, mentions.matcher);
    // What the sentence being read is about, and the claims read in the clause before.
    let topic: string | null = null;
    let before: Match[] = [];
    for (let i = 0; i < clauses.length; i++) {
      const clause = clauses[i];
      if (clause.first) {
        topic = null;
        before = [];
      }
      const matches: Match[] = [];
      for (let c = 0; c < format.claims.length; c++) {
        // Claims whose word is nowhere in the clause's block are not tried.
        if (clause.words[mentions.claimWord[c]] === 0) continue;
        const m = judgeClaim(ctx, clause, format.claims[c], topic);
        if (m) matches.push(m);
      }
      if (clause.words[mentions.percentWord] === 1 && clause.text.includes(format.percent.mentions)) judgePercent(ctx, clause, matches, before);
      topic = topicAfter(clause.text, format.topics, topic);
      before = matches;
      if (clause.ends) {
        topic = null;
        before = [];
      }
    }
  },
};

/** A claim read in a clause: where it ends, what it stated, what the table says. */
interface Match {
  claim: ProseClaimDef;
  end: number;
  stated: number;
  table: number;
}

/** Reads one claim in a clause; reports it when the tables disagree. The claim read, or null. */
function judgeClaim(ctx: RuleContext, clause: Clause, claim: ProseClaimDef, topic: string | null): Match | null {
  const { report, t } = ctx;
  // Every match holds the claim's word (`mentions`): a clause without it is not tried.
  if (!clause.text.includes(claim.mentions)) return null;
  if (claim.unless && claim.unless.test(clause.text)) return null;
  for (const p of claim.patterns) {
    const m = p.re.exec(clause.text);
    if (!m) continue;
    if (claim.topic && topicAt(clause.text, m.index, report.format.topics, topic) !== claim.topic) return null;
    const stated = p.none ? 0 : parseCount(m[1]);
    if (stated === null) return null;
    // By push, not map (one array kind; see mentionsAt).
    const readings: ({ total: number; cells: Cell[] } | null)[] = [];
    for (let r = 0; r < (p.none ? Math.min(1, claim.sums.length) : claim.sums.length); r++) readings.push(sumOf(report, claim.sums[r]));
    // A cell that is absent or unreadable has its own finding; nothing is judged then.
    const first = readings[0];
    if (first === null) return null;
    const match: Match = { claim, end: m.index + m[0].length, stated, table: first.total };
    if (readings.some((r) => r !== null && r.total === stated)) {
      match.table = stated;
      if (figures !== null) figures.push(figureOf(clause, m, stated, readings));
      return match;
    }
    if (figures !== null) figures.push(figureOf(clause, m, stated, readings));
    const start = offsetAt(clause, m.index);
    const end = offsetAt(clause, m.index + m[0].length - 1) + 1;
    const said = quoted(report.text, start, end);
    const names = first.cells.map((c) => cellName(report, c.ref)).join(' + ');
    const table = report.format.tables.find((x) => x.id === first.cells[0].ref.table)!;
    ctx.add({
      message: t(
        `正文称「${said}」，但${table.name} ${names} 为 ${formatNumber(first.total)}`,
        `The text says "${said}" (${claim.subject.en}: ${formatNumber(stated)}), but ${names} in ${table.nameEn} is ${formatNumber(first.total)}`,
      ),
      start,
      end,
      related: first.cells.map((c) => ({ start: c.start, end: c.end, message: `${cellName(report, c.ref)} = ${formatNumber(numericValue(c) ?? 0)}` })),
      data: { claim: claim.id, stated, table: first.total, cells: first.cells.map((c) => c.ref) },
    });
    return match;
  }
  return null;
}

/** A figure of the prose and the cells it was compared with (the hover's; `proseFigures`). */
export interface ProseFigure {
  start: number;
  end: number;
  stated: number;
  /** The cells whose sum agrees with it; else the first reading's. */
  cells: Cell[];
  total: number;
  agrees: boolean;
  /**
   * A percentage that agrees ("占36.5%"): as written, and the count it is of (the claim's
   * subject and figure); `cells`/`total` are then its base. Percentages that disagree have a
   * finding instead.
   */
  percent?: { written: string; subject: { zh: string; en: string }; part: number };
}

/** Set only while `proseFigures` runs: every claim read is recorded, agreeing or not. */
let figures: ProseFigure[] | null = null;

/** Every figure the prose states that this rule compares with the tables (for the hover). */
export function proseFigures(ctx: RuleContext): ProseFigure[] {
  figures = [];
  try {
    textVsTable.check(ctx);
    return figures;
  } finally {
    figures = null;
  }
}

function figureOf(clause: Clause, m: RegExpExecArray, stated: number, readings: ({ total: number; cells: Cell[] } | null)[]): ProseFigure {
  let r = readings[0]!;
  for (const x of readings) if (x !== null && x.total === stated) {
    r = x;
    break;
  }
  return { start: offsetAt(clause, m.index), end: offsetAt(clause, m.index + m[0].length - 1) + 1, stated, cells: r.cells, total: r.total, agrees: r.total === stated };
}

/**
 * A percentage in the clause ("占6.17%") after a claim — in the same clause, or ending the clause
 * before ("不予公开5件，占6.17%") with no other count in between — is that claim's figure over one
 * of its bases, to the precision written (the written figure rounded or cut off).
 */
function judgePercent(ctx: RuleContext, clause: Clause, matches: Match[], before: Match[]): void {
  const { report, t } = ctx;
  const pm = report.format.percent.re.exec(clause.text);
  if (!pm) return;
  let of: Match | null = null;
  for (const m of matches) if (m.end <= pm.index && (!of || m.end > of.end)) of = m;
  if (!of) {
    // A count of something else between the claim and the percentage: it is that count's.
    if (COUNT_RE.test(clause.text.slice(0, pm.index)) || before.length === 0) return;
    of = before[before.length - 1];
  }
  const bases = of.claim.percentOf;
  if (!bases) return;
  const written = pm[1];
  const dot = written.indexOf('.');
  const decimals = dot < 0 ? 0 : written.length - dot - 1;
  if (decimals > 4) return;
  const scale = 10 ** decimals;
  const value = Math.round(Number(written) * scale);
  let firstBase: { total: number; cells: Cell[] } | null = null;
  let computed = '';
  for (const b of bases) {
    const base = sumOf(report, b);
    if (base === null) return;
    if (!firstBase) firstBase = base;
    if (base.total === 0) continue;
    for (const part of [of.table, of.stated]) {
      const exact = (part * 100 * scale) / base.total;
      if (Math.floor(exact + 0.5) === value || Math.floor(exact) === value) {
        if (figures !== null) {
          figures.push({ start: offsetAt(clause, pm.index), end: offsetAt(clause, pm.index + pm[0].length - 1) + 1, stated: Number(written), cells: base.cells, total: base.total, agrees: true, percent: { written, subject: of.claim.subject, part } });
        }
        return;
      }
    }
    if (!computed) computed = ((of.table * 100) / base.total).toFixed(decimals);
  }
  if (!firstBase || firstBase.total === 0) return;
  const start = offsetAt(clause, pm.index);
  const end = offsetAt(clause, pm.index + pm[0].length - 1) + 1;
  const said = quoted(report.text, start, end);
  const names = firstBase.cells.map((c) => cellName(report, c.ref)).join(' + ');
  ctx.add({
    message: t(
      `正文称「${said}」，但${of.claim.subject.zh} ${formatNumber(of.table)} 占 ${names}（${formatNumber(firstBase.total)}）的 ${computed}%`,
      `The text says "${said}", but ${of.claim.subject.en}, ${formatNumber(of.table)}, is ${computed}% of ${names} (${formatNumber(firstBase.total)})`,
    ),
    start,
    end,
    related: firstBase.cells.map((c) => ({ start: c.start, end: c.end, message: `${cellName(report, c.ref)} = ${formatNumber(numericValue(c) ?? 0)}` })),
    data: { claim: of.claim.id, percent: Number(written), part: of.table, base: firstBase.total, computed: Number(computed) },
  });
}

/** The text of a claim as written, line breaks (and the indentation around them) dropped. */
function quoted(text: string, start: number, end: number): string {
  const s = text.slice(start, end);
  return s.includes('\n') || s.includes('\r') ? s.replace(/[ \t\u3000]*[\r\n]+[ \t\u3000]*/g, '') : s;
}

/** A count of something ("80件"): a percentage after one belongs to it. */
const COUNT_RE = /\d+(?:件|条|个|份|宗|起|次|项|例)/;

/** The topic named last before `index` in the clause, else the sentence's. */
function topicAt(text: string, index: number, topics: readonly ProseTopicDef[], sentence: string | null): string | null {
  let best = -1;
  let id: string | null = sentence;
  for (const tp of topics) {
    tp.re.lastIndex = 0;
    for (let m = tp.re.exec(text); m && m.index < index; m = tp.re.exec(text)) {
      if (m.index > best) {
        best = m.index;
        id = tp.id;
      }
    }
  }
  return id;
}

/** The topic a clause leaves its sentence with: the one it names, none if it names two, else the sentence's. */
function topicAfter(text: string, topics: readonly ProseTopicDef[], sentence: string | null): string | null {
  let named: string | null = null;
  for (const tp of topics) {
    tp.re.lastIndex = 0;
    if (!tp.re.test(text)) continue;
    if (named !== null) return null;
    named = tp.id;
  }
  return named ?? sentence;
}

/** The sum of some cells, or null when one of them is absent or unreadable. */
function sumOf(report: Report, refs: CellRef[]): { total: number; cells: Cell[] } | null {
  let total = 0;
  const cells: Cell[] = [];
  for (const ref of refs) {
    const c = cellOf(report, ref);
    const v = numericValue(c);
    if (v === null) return null;
    total += v;
    cells.push(c!);
  }
  return { total, cells };
}

/** "7", "十二", "两" → the number; null for what cannot be read ("一百零三"). */
function parseCount(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  const v = chineseNumeralValue(s.replace(/两/g, '二').replace(/零/g, '〇'));
  return v === null || Number.isNaN(v) ? null : v;
}

interface Clause {
  /** Compacted: no whitespace, full-width ASCII folded. */
  text: string;
  /**
   * Where each character of `text` is in the report: runs of characters from consecutive
   * offsets, run r starting at `runAt[r]` in `text` and at `runFrom[r]` in the report.
   */
  runAt: number[];
  runFrom: number[];
  /** The first clause of a run of prose lines (a paragraph, or several: see `proseClauses`). */
  first: boolean;
  /** Ended by 。！？ (a sentence ends with it). */
  ends: boolean;
  /** Which of the format's mention words (`mentionsOf`) its block holds: 1 or 0 each. */
  words: Uint8Array;
}

/** The offset in the report text of character `i` of a clause. */
function offsetAt(clause: Clause, i: number): number {
  let r = clause.runAt.length - 1;
  while (r > 0 && clause.runAt[r] > i) r--;
  return clause.runFrom[r] + (i - clause.runAt[r]);
}

/**
 * Clauses of the prose: lines outside the tables (a table's headers, from the heading of its
 * section to its last row, are no prose) and outside headings, compacted and split at ，；。！？.
 * A line that does not end a sentence is read with the next prose line, so a sentence wrapped
 * over lines (PDF text) is one sentence; a blank line or a table ends it. Only blocks of lines
 * holding some claim's word (or a percentage) are read: the words are found once in the text.
 */
function proseClauses(report: Report, matcher: CompactMatcher): Clause[] {
  const { text, lines } = report;
  const skip: [number, number][] = [];
  for (const table of Object.values(report.tables)) {
    const heading = [...report.sections].reverse().find((s) => s.start <= table!.start);
    skip.push([heading ? heading.start : table!.start, table!.end]);
  }
  for (const s of report.sections) skip.push([s.start, s.end]);
  // Sorted by start, swept once alongside the lines (a long text has thousands of headings).
  skip.sort((a, b) => a[0] - b[0]);
  let k = 0;
  let reach = -1;
  const out: Clause[] = [];
  let blockStart = -1;
  for (let i = 0; i < lines.length; i++) {
    const start = lines.startOf(i);
    const end = lines.endOf(i);
    // Every range starting before this line's end has been seen; `reach` is the furthest end.
    while (k < skip.length && skip[k][0] < end) reach = Math.max(reach, skip[k++][1]);
    const last = end > start && reach <= start ? lastVisible(text, start, end) : -1;
    if (last < 0) {
      // Not prose (a table, a heading, a blank line): the block so far is read.
      if (blockStart >= 0) readBlock(text, blockStart, lines.endOf(i - 1), matcher, out);
      blockStart = -1;
      // The lines starting before `reach` are no prose either (`reach` only grows): passed over
      // at once (a table's lines are most of a report's).
      while (i + 1 < lines.length && lines.startOf(i + 1) < reach) i++;
      continue;
    }
    if (blockStart < 0) blockStart = start;
    if (endsSentence(text.charCodeAt(last))) {
      readBlock(text, blockStart, end, matcher, out);
      blockStart = -1;
    }
  }
  if (blockStart >= 0) readBlock(text, blockStart, text.length, matcher, out);
  return out;
}

/** The offset of the last character of [start, end) that is not a space, or -1. */
function lastVisible(text: string, start: number, end: number): number {
  for (let i = end - 1; i >= start; i--) if (!isSpaceCode(text.charCodeAt(i))) return i;
  return -1;
}

/** 。！？ (full-width or not), and a closing bracket or quote after one counts as the end too. */
function endsSentence(c: number): boolean {
  return c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 33 || c === 63 || c === 0x201d || c === 0xff09 || c === 41;
}

/** The mention words of a format's claims and percentages, one matcher for all (made once). */
interface Mentions {
  matcher: CompactMatcher;
  /** For each claim, the index of its word. */
  claimWord: Int32Array;
  percentWord: number;
}

const mentionsCache = new WeakMap<object, Mentions>();

function mentionsOf(format: Report['format']): Mentions {
  let m = mentionsCache.get(format);
  if (!m) {
    const words = [...new Set([...format.claims.map((c) => c.mentions), format.percent.mentions])];
    const claimWord = new Int32Array(format.claims.length);
    for (let c = 0; c < format.claims.length; c++) claimWord[c] = words.indexOf(format.claims[c].mentions);
    m = { matcher: new CompactMatcher(words), claimWord, percentWord: words.indexOf(format.percent.mentions) };
    mentionsCache.set(format, m);
  }
  return m;
}

/** The clauses of the block [start, end) when some word lies within it (across line breaks too). */
function readBlock(text: string, start: number, end: number, matcher: CompactMatcher, out: Clause[]): void {
  const words = matcher.find(text, start, end);
  if (words.indexOf(1) >= 0) pushClauses(text, start, end, words, out);
}

/**
 * The clauses of [start, end), compacted, pushed on `out`. A function of its own, with no
 * closures (ARCHITECTURE.md, "Speed").
 */
function pushClauses(text: string, start: number, end: number, words: Uint8Array, out: Clause[]): void {
  // Characters kept as they are are copied in runs (`run`: where the current one starts).
  let chars = '';
  let runAt: number[] = [];
  let runFrom: number[] = [];
  let run = -1;
  let first = true;
  for (let k = start; k <= end; k++) {
    const raw = k < end ? text.charCodeAt(k) : -1;
    const c = raw >= 0xff01 && raw <= 0xff5e ? raw - 0xfee0 : raw;
    const space = raw >= 0 && isSpaceCode(raw);
    const stop = raw < 0 || c === 44 || c === 59 || c === 0x3002 || c === 33 || c === 63;
    if (run >= 0 && (space || stop || c !== raw)) {
      chars += text.slice(run, k);
      run = -1;
    }
    if (space) continue;
    if (stop) {
      if (chars) {
        out.push({ text: chars, runAt, runFrom, first, ends: c === 0x3002 || c === 33 || c === 63, words });
        first = false;
      } else if (c === 0x3002 || c === 33 || c === 63) {
        // "。" right after "，": the sentence ends with the clause before.
        if (out.length > 0 && !first) out[out.length - 1].ends = true;
      }
      chars = '';
      runAt = [];
      runFrom = [];
      continue;
    }
    if (c !== raw) {
      runAt.push(chars.length);
      runFrom.push(k);
      chars += String.fromCharCode(c);
    } else if (run < 0) {
      run = k;
      runAt.push(chars.length);
      runFrom.push(k);
    }
  }
}
