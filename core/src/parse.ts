// The parser: text → Report. One pass to split lines, one to find section headings, then each
// table is read inside its section's lines. Every step is linear in the text (the alignment of
// found labels to expected rows costs candidates × rows, and rows are a fixed, small number).
import { FORMATS, versionForYear } from './formats';
import type { BlockDef, ColumnDef, FormatDef, FormatVersion, RowDef, SectionDef, TableDef, TableId } from './formats/types';
import { cellSlot, ParsedReport, type BlockNode, type CellSlot, type Cell, type Layout, type Report, type RowNode, type SectionNode, type TableNode } from './model';
import { BLANK, isUnit, looksLikeValue, readCell } from './numbers';
import { yearInBody } from './year';
import { charCounts, CompactMatcher, foldNFKC, foldsToIdeograph, isCompactSpace, isSpaceCode, labelSimilarity, LineIndex, nfkcIndifferent, normalizeLabel, rangeIncludes, splitLines, trimEnd, trimSpan, trimStart, type Lines } from './text';

export interface ParseOptions {
  /** Force a format version instead of detecting it. */
  formatVersion?: 'auto' | FormatVersion;
}

/** Longest label (in CJK characters) considered a row label; prose lines are longer. */
const MAX_LABEL = 60;
/** Minimum similarity for a found label to stand for an expected row. */
export const MATCH_THRESHOLD = 0.5;
/** Longest line considered as a possible section heading. */
const MAX_HEADING_LINE = 60;

export function parseReport(text: string, options: ParseOptions = {}): Report {
  const lines = splitLines(text);
  const sections = findSections(text, lines);
  const { year, yearSource, titleLine } = findYear(text, lines);
  const markers = countMarkers(text, sections);
  let formatVersion: FormatVersion;
  let versionSource: Report['versionSource'];
  if (options.formatVersion && options.formatVersion !== 'auto') {
    formatVersion = options.formatVersion;
    versionSource = 'override';
  } else if (markers['2019'] !== markers['2021']) {
    formatVersion = markers['2019'] > markers['2021'] ? '2019' : '2021';
    versionSource = 'labels';
  } else if (year !== null) {
    formatVersion = versionForYear(year);
    versionSource = 'year';
  } else {
    formatVersion = '2021';
    versionSource = 'default';
  }
  const report = new ParsedReport({
    text,
    lines,
    lineIndex: new LineIndex(text, lines),
    format: FORMATS[formatVersion],
    formatVersion,
    versionSource,
    markers,
    year,
    yearSource,
    titleLine,
    layout: 'none',
    sections,
    tables: {},
    cellsBySlot: [],
    cellOrder: [],
  });
  readTables(report);
  report.layout = layoutOf(report);
  return report;
}

// ---------------------------------------------------------------------------------------------
// Sections

/** Every section keyword; a line with none of them is not a heading (a cheap first test). */
const HEADING_WORDS_RE = new RegExp(
  [...new Set(Object.values(FORMATS).flatMap((f) => f.sections.flatMap((s) => [...s.keywords.flat(), ...s.variants.map(normalizeLabel)])))].join('|'),
);
const ORDINAL_RE = /^([一二三四五六七八九十])\s*[、.．，,]\s*/;
const DEBRIS_RE = /^\[bookmark:[^\]]*\]/;

interface HeadingCandidate {
  def: SectionDef;
  strong: boolean;
  similarity: number;
  node: SectionNode;
  /** The line the heading ends on (the next one when it wraps). */
  lastLine: number;
  /** Text follows the heading on its line ("六、其他需要报告的事项：无。"). */
  tailed: boolean;
}

/** Flags by UTF-16 code unit (tables, not sets: these are asked once or more per line). */
const ORDINAL_FLAG = 1;
const EXACT_FIRST_FLAG = 2;
const codeFlags = new Uint8Array(0x10000);
for (const c of '一二三四五六七八九十') codeFlags[c.charCodeAt(0)] |= ORDINAL_FLAG;

/** Whether a character could be a heading's ordinal (radicals and compatibility ideographs fold into one under NFKC). */
function isOrdinalStart(c: number): boolean {
  return (c >= 0 && (codeFlags[c] & ORDINAL_FLAG) !== 0) || (c >= 0x2e80 && c <= 0x2fdf) || (c >= 0xf900 && c <= 0xfaff);
}

interface SectionWording {
  official: string;
  officialCounts: Map<string, number>;
  variants: string[];
}

const wordingCache = new WeakMap<SectionDef, SectionWording>();

/** The normalised official heading (without ordinal) and variants of a section, made once. */
function wordingOf(def: SectionDef): SectionWording {
  let w = wordingCache.get(def);
  if (!w) {
    const official = normalizeLabel(def.heading.replace(ORDINAL_RE, ''));
    w = { official, officialCounts: charCounts(official), variants: def.variants.map(normalizeLabel) };
    wordingCache.set(def, w);
  }
  return w;
}

/** Whether `tail` (normalised) is part of a section's official wording or of one of its variants. */
function continuesWording(def: SectionDef, tail: string): boolean {
  if (tail.length < 2) return false;
  const w = wordingOf(def);
  return w.official.includes(tail) || w.variants.some((v) => v.includes(tail));
}

/** Every exact wording of every section: without an ordinal, only these can be headings. */
const EXACT_WORDINGS = new Set(Object.values(FORMATS).flatMap((f) => f.sections.flatMap((d) => [wordingOf(d).official, ...wordingOf(d).variants])));

/** The first code unit that is not a space (-1 for a blank line). */
function firstNonSpace(text: string, start: number, end: number): number {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (!isSpaceCode(c)) return c;
  }
  return -1;
}

/** First ideographs of the exact wordings: a line whose first ideograph is another is none of them. */
for (const w of EXACT_WORDINGS) codeFlags[w.charCodeAt(0)] |= EXACT_FIRST_FLAG;

function mayStartExactWording(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) return (codeFlags[c] & EXACT_FIRST_FLAG) !== 0;
    if (foldsToIdeograph(c)) return true;
  }
  return false;
}

/** Whether a tab-separated line has more than one non-empty field (a table row, not a heading). */
function severalTabFields(s: string): boolean {
  let fields = 0;
  let filled = false;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 9;
    if (c === 9) {
      if (filled && ++fields > 1) return true;
      filled = false;
    } else if (!filled && !isSpaceCode(c)) filled = true;
  }
  return false;
}

function keywordsMatch(def: SectionDef, norm: string): boolean {
  return def.keywords.every((group) => group.some((k) => norm.includes(k)));
}

function findSections(text: string, lines: Lines): SectionNode[] {
  const formats = FORMATS['2021'];
  const defs = formats.sections;
  const candidates: HeadingCandidate[] = [];
  // A heading holds its keywords (ideographs): lines without any are skipped by one search.
  for (let i = nextLineHolding(text, lines, 0, lines.length); i < lines.length; i = nextLineHolding(text, lines, i + 1, lines.length)) {
    // Cheap tests first, on offsets (most lines are never made into objects nor sliced): a heading
    // starts with an ordinal (or extraction debris), or is an exact wording, whose first ideograph
    // is known.
    const lineStart = lines.startOf(i);
    const lineEnd = lines.endOf(i);
    if (lineEnd === lineStart) continue;
    const first = firstNonSpace(text, lineStart, lineEnd);
    // A long line is a heading only with its ordinal, followed on the line by its section's text.
    if (lineEnd - lineStart > MAX_HEADING_LINE + 40 && !isOrdinalStart(first)) continue;
    if (first !== 0x5b /* [ */ && !isOrdinalStart(first)) {
      // Without an ordinal (or debris) only an exact wording can be a heading: tested here on the
      // trimmed line, as headingCandidatesAt would (the same test, so the same lines pass).
      if (!mayStartExactWording(text, lineStart, lineEnd)) continue;
      const s = trimStart(text, lineStart, lineEnd);
      const e = trimEnd(text, s, lineEnd);
      if (e - s > MAX_HEADING_LINE || !EXACT_WORDINGS.has(normalizeLabel(text.slice(s, e)))) continue;
    }
    headingCandidatesAt(text, lines, i, defs, candidates);
  }
  return chooseHeadings(text, lines, defs, candidates);
}

/**
 * The heading candidates a line gives, if any (pushed on `candidates`). Kept out of
 * findSections' loop, which runs on every line: the loop stays small, so it is optimised early
 * and cheaply; this runs on the few lines that pass its tests.
 */
function headingCandidatesAt(text: string, lines: Lines, i: number, defs: readonly SectionDef[], candidates: HeadingCandidate[]): void {
  const line = lines.at(i);
  if (!HEADING_WORDS_RE.test(line.text)) return;
  let span = trimSpan(text, line.start, line.end);
  while (DEBRIS_RE.test(span.text)) {
    const m = DEBRIS_RE.exec(span.text)!;
    span = trimSpan(text, span.start + m[0].length, span.end);
  }
  if (span.text.length === 0) return;
  // Without an ordinal only an exact wording can be a heading: most lines stop here.
  if (!isOrdinalStart(span.text.charCodeAt(0)) && !EXACT_WORDINGS.has(normalizeLabel(span.text))) return;
  // A row of a table (several tab-separated fields) is never a heading.
  if (span.text.includes('\t') && severalTabFields(span.text)) return;
  const ordinalLength = ordinalPrefix(span.text);
  const ordinal = ordinalLength > 0 ? foldNFKC(span.text.slice(0, ordinalLength)).charAt(0) : null;
  const bodyStart = span.start + ordinalLength;
  // The heading's own characters: the official wording (or a variant) with whatever follows it on
  // the line left out ("六、其他需要报告的事项：无。", "一、总体情况（数据截至…）"), so that a fix of
  // the heading never touches that text.
  const exactEnd = exactWordingEnd(text, bodyStart, span.end);
  if (exactEnd < 0 && span.text.length > MAX_HEADING_LINE) return;
  const n = foldNFKC(span.text);
  // Numbers standing apart ("四、结转下年度继续办理   2   1   0", also "-1", "增2", "1,234", "5项") make a
  // table row, not a heading.
  if (/[\s|](?:[+\-]|增加|减少|增|减)?\d+(?:[,.]\d+)*(?:万元|元|项|件|个|条|次|家|人|份)?(?=[\s|]|$)/.test(n)) return;
  let end = exactEnd >= 0 ? exactEnd : span.end;
  let headingOnly = exactEnd >= 0;
  let wrapped = false;
  let rest = normalizeLabel(text.slice(bodyStart, end));
  let lastLine = i;
  let defsMatching = defs.filter((d) => keywordsMatch(d, rest));
  // A heading can wrap over two lines ("四、政府信息公开行政复议、" / "行政诉讼情况").
  if (exactEnd < 0 && ordinal && rest.length <= 20 && i + 1 < lines.length) {
    const next = trimSpan(text, lines.startOf(i + 1), lines.endOf(i + 1));
    if (next.text.length > 0 && next.text.length <= 20 && !next.text.includes('\t') && !ORDINAL_RE.test(next.text.normalize('NFKC'))) {
      const tail = normalizeLabel(next.text);
      const joined = rest + tail;
      // Only under its own ordinal: a misnumbered first line joined with the next one is more
      // often a stray line above a table row label than a heading, and its rename would delete
      // that label.
      // And the second line must be a piece of that heading's wording ("行政诉讼情况"), not a
      // row label standing under a short heading ("三、申请" / "其他处理").
      const ordinalValue = '一二三四五六七八九十'.indexOf(ordinal) + 1;
      const m2 = defs.filter((d) => d.id === ordinalValue && keywordsMatch(d, joined) && continuesWording(d, tail));
      if (m2.length > 0) {
        rest = joined;
        defsMatching = m2;
        end = next.end;
        lastLine = i + 1;
        wrapped = true;
        headingOnly = true;
      }
    }
  }
  // Not an exact wording: the heading ends where a clause begins (a space, a colon, a full stop,
  // a bracket), if what comes before that still names the section; else its end is unknown.
  if (exactEnd < 0 && !wrapped) {
    const cut = clauseBreak(text, bodyStart, span.end);
    if (cut < span.end) {
      const head = normalizeLabel(text.slice(bodyStart, cut));
      const before = defsMatching.filter((d) => keywordsMatch(d, head));
      if (before.length > 0) {
        rest = head;
        defsMatching = before;
        end = trimEnd(text, span.start, cut);
        headingOnly = true;
      }
    } else headingOnly = true;
  }
  if (defsMatching.length === 0 || rest.length > 30) return;
  for (const def of defsMatching) {
    const { official, officialCounts } = wordingOf(def);
    const exactWording = isExactWording(def, rest);
    const ordinalValue = ordinal ? '一二三四五六七八九十'.indexOf(ordinal) + 1 : null;
    const ordinalOk = ordinalValue === def.id;
    // Without an ordinal only an exact wording counts; with a wrong ordinal it is a weak candidate.
    if (!ordinal && !exactWording) continue;
    const strong = ordinalOk || (!ordinal && exactWording);
    // Similarity only ranks the weak (misnumbered) candidates of a section (chooseHeadings).
    const similarity = strong ? 1 : labelSimilarity(rest, official, officialCounts);
    candidates.push({
      def,
      strong,
      similarity,
      node: {
        def,
        start: span.start,
        end,
        line: i,
        text: text.slice(span.start, end),
        official: ordinalOk && rest === official,
        ordinal,
        ordinalOk,
        wrapped,
        headingOnly,
        bodyEnd: text.length,
      },
      lastLine,
      tailed: trimStart(text, end, span.end) < span.end,
    });
  }
}

function isExactWording(def: SectionDef, norm: string): boolean {
  const w = wordingOf(def);
  return norm === w.official || w.variants.includes(norm);
}

/** Length of the ordinal that starts a heading ("一、", "三 . "), in the text as written; 0 if none. */
function ordinalPrefix(s: string): number {
  const m = ORDINAL_RE.exec(s);
  if (m) return m[0].length;
  // A radical or compatibility ideograph that NFKC folds into an ordinal: found on the folded text.
  for (let k = 2; k <= Math.min(8, s.length); k++) {
    const folded = foldNFKC(s.slice(0, k));
    const fm = ORDINAL_RE.exec(folded);
    if (fm && fm[0].length === folded.length && !isSpaceCode(s.charCodeAt(k))) return k;
  }
  return 0;
}

/** Every prefix of every exact wording: a prefix of a line that is none of them starts none. */
const EXACT_PREFIXES = new Set([...EXACT_WORDINGS].flatMap((w) => Array.from({ length: w.length }, (_, k) => w.slice(0, k + 1))));

/**
 * The end of the shortest prefix of [from, to) that normalises to an exact section wording
 * (official or variant), trailing spaces excluded; -1 if none. The normalised prefix is built a
 * character at a time (`normalizeLabel` keeps ideographs, after NFKC), and the scan stops as soon
 * as it is no prefix of any wording.
 */
function exactWordingEnd(text: string, from: number, to: number): number {
  let norm = '';
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    let kept: string;
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) kept = text[i];
    else if (foldsToIdeograph(c)) kept = normalizeLabel(text[i]);
    else continue;
    if (kept.length === 0) continue;
    norm += kept;
    if (!EXACT_PREFIXES.has(norm)) return -1;
    if (EXACT_WORDINGS.has(norm)) return i + 1;
  }
  return -1;
}

/** Characters that end a heading's wording when text follows on its line: spaces, ：:。（(，,；;！!？?—. */
function isClauseBreak(c: number): boolean {
  return isSpaceCode(c) || c === 0xff1a || c === 58 || c === 0x3002 || c === 0xff08 || c === 40 || c === 0xff0c || c === 44 || c === 0xff1b || c === 59 || c === 0xff01 || c === 33 || c === 0xff1f || c === 63 || c === 0x2014;
}

/** The first clause break after some text in [from, to) that has text after it, or `to`. */
function clauseBreak(text: string, from: number, to: number): number {
  for (let i = from + 1; i < to; i++) {
    if (isClauseBreak(text.charCodeAt(i)) && trimStart(text, i, to) < to) return i;
  }
  return to;
}

/** Strong candidates are headings; a weak (misnumbered) one stands in for a section without one. */
function chooseHeadings(text: string, lines: Lines, defs: readonly SectionDef[], candidates: HeadingCandidate[]): SectionNode[] {
  // Strong candidates are headings. A weak one (misnumbered) stands in only for a section that has
  // no strong heading, and only the most similar one.
  const chosen: SectionNode[] = [];
  // A line belongs to one heading at most: a wrapped heading takes its second line too.
  const usedLines = new Set<number>();
  const free = (c: HeadingCandidate) => !usedLines.has(c.node.line) && !usedLines.has(c.lastLine);
  const take = (c: HeadingCandidate) => {
    chosen.push(c.node);
    usedLines.add(c.node.line);
    usedLines.add(c.lastLine);
  };
  for (const def of defs) {
    let strong = candidates.filter((c) => c.def === def && c.strong);
    // A line with text after the heading ("二、主动公开情况。本年…") can be a sub-heading of 总体情况
    // as well: it is the heading only when no line holds the heading alone.
    if (strong.some((c) => !c.tailed)) strong = strong.filter((c) => !c.tailed);
    for (const c of strong) if (free(c)) take(c);
  }
  for (const def of defs) {
    if (chosen.some((n) => n.def === def)) continue;
    const weak = candidates.filter((c) => c.def === def && !c.strong && free(c));
    if (weak.length === 0) continue;
    weak.sort((a, b) => b.similarity - a.similarity);
    take(weak[0]);
  }
  chosen.sort((a, b) => a.start - b.start);
  for (let k = 0; k < chosen.length; k++) {
    chosen[k].bodyEnd = k + 1 < chosen.length ? lines.startOf(chosen[k + 1].line) : text.length;
  }
  return chosen;
}

// ---------------------------------------------------------------------------------------------
// Year and version markers

function findYear(text: string, lines: Lines): { year: number | null; yearSource: Report['yearSource']; titleLine: number | null } {
  let seen = 0;
  for (let i = 0; i < lines.length && seen < 6; i++) {
    const t = lines.at(i).text.trim();
    if (!t) continue;
    seen++;
    const n = foldNFKC(t);
    if (/报告|年报/.test(n)) {
      const m = /((?:19|20)\d{2})\s*年/.exec(n);
      if (m) return { year: Number(m[1]), yearSource: 'title', titleLine: i };
      return fromBody(text, i);
    }
  }
  return fromBody(text, null);
}

function fromBody(text: string, titleLine: number | null): { year: number | null; yearSource: Report['yearSource']; titleLine: number | null } {
  const { year, source } = yearInBody(text);
  return { year, yearSource: source, titleLine };
}

/** Every version's marker phrases, one matcher for all. */
const MARKERS = Object.values(FORMATS).flatMap((f) => f.markers.map((m) => ({ version: f.version, m })));
const markerMatcher = new CompactMatcher(MARKERS.map((x) => x.m));

/**
 * Marker phrases of each version found (compacted: across spaces and wrapped lines) where
 * tables 二 and 三 are: from the heading of 二 or 三 to the heading of 四 or later; the whole
 * text when those headings are missing. Marker phrases in the prose ("政府集中采购" in 总体情况)
 * must not decide the version.
 */
function countMarkers(text: string, sections: SectionNode[]): Record<FormatVersion, number> {
  const first = sections.find((s) => s.def.id === 2 || s.def.id === 3);
  const after = first && sections.find((s) => s.def.id >= 4 && s.start > first.start);
  const found = markerMatcher.find(text, first ? first.start : 0, after ? after.start : text.length);
  const out = { '2019': 0, '2021': 0 } as Record<FormatVersion, number>;
  MARKERS.forEach((x, k) => {
    if (found[k]) out[x.version]++;
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Fields of a line

/**
 * The trimmed fields of a line, as offsets: field k is `text.slice(f[2k], f[2k + 1])`. Offsets,
 * not strings or objects: most fields are only looked at, and a cell's text is sliced when the
 * cell is made.
 */
type Fields = number[];

const fieldStart = (f: Fields, k: number) => f[2 * k];
const fieldEnd = (f: Fields, k: number) => f[2 * k + 1];
const fieldEmpty = (f: Fields, k: number) => f[2 * k] === f[2 * k + 1];

/**
 * Pushes the trimmed range [start, end) (trimmed of `isSpaceCode` characters) onto `out`; a range
 * that is a run of numbers apart ("41 6", "447   7   0") is pushed as one field per number.
 */
function pushTrimmed(out: Fields, text: string, start: number, end: number): void {
  const s = trimStart(text, start, end);
  const e = trimEnd(text, s, end);
  for (let i = s + 1; i < e; i++) {
    if (isSpaceCode(text.charCodeAt(i))) {
      pushValueRun(out, text, s, e);
      return;
    }
  }
  out.push(s, e);
}

/**
 * Pushes a trimmed range holding whitespace: one field per token when every token reads as a
 * value and two or more of them hold digits (numbers copied out of a PDF or a web table, one cell
 * each); else the range as one field. Whitespace between digits is never read as part of one
 * number, so no fix can join them (see `readCell`).
 */
function pushValueRun(out: Fields, text: string, s: number, e: number): void {
  const tokens: number[] = [];
  let numbers = 0;
  for (let i = s; i < e; ) {
    while (i < e && isSpaceCode(text.charCodeAt(i))) i++;
    if (i === e) break;
    const ts = i;
    let digit = false;
    while (i < e && !isSpaceCode(text.charCodeAt(i))) {
      const c = text.charCodeAt(i);
      if ((c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19)) digit = true;
      i++;
    }
    if (!looksLikeValueAt(text, ts, i) || isUnit(text.slice(ts, i))) {
      out.push(s, e);
      return;
    }
    if (digit) numbers++;
    tokens.push(ts, i);
  }
  if (numbers < 2) out.push(s, e);
  else for (let k = 0; k < tokens.length; k++) out.push(tokens[k]);
}

/** Splits the line [start, end) into trimmed fields: by tab, else by pipe, else by runs of spaces. */
function fieldsOf(text: string, start: number, end: number): Fields {
  const out: Fields = [];
  let pipes = 0;
  let tab = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 9) {
      tab = true;
      break;
    }
    if (c === 124) pipes++;
  }
  if (tab) {
    let s = start;
    for (let i = start; i <= end; i++) {
      if (i === end || text.charCodeAt(i) === 9) {
        pushTrimmed(out, text, s, i);
        s = i + 1;
      }
    }
    return out;
  }
  // What String.prototype.trim leaves: the first and last characters that are not /\s/.
  let ts = start;
  let te = end;
  while (ts < te && isCompactSpace(text.charCodeAt(ts))) ts++;
  while (te > ts && isCompactSpace(text.charCodeAt(te - 1))) te--;
  const startsWithPipe = ts < te && text.charCodeAt(ts) === 124;
  if (startsWithPipe || pipes >= 2) {
    let s = start;
    for (let i = start; i <= end; i++) {
      if (i === end || text.charCodeAt(i) === 124) {
        pushTrimmed(out, text, s, i);
        s = i + 1;
      }
    }
    // Outer pipes leave an empty first and last field.
    if (out.length > 2 && fieldEmpty(out, 0) && startsWithPipe) out.splice(0, 2);
    if (out.length > 2 && fieldEmpty(out, (out.length >> 1) - 1) && ts < te && text.charCodeAt(te - 1) === 124) out.length -= 2;
    return out;
  }
  // Whitespace-separated (PDF text): tokens between runs of spaces; a unit alone after a number
  // belongs to it ("4168558 元").
  const t = text.slice(start, end);
  const re = /[^\s\u3000\u00a0]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(t))) {
    const s = start + m.index;
    const e = s + m[0].length;
    const n = out.length;
    // Also after a number that already has a unit ("0项 项"): the two stay one (unreadable) cell,
    // or stripping the first unit would merge the second and a cell would vanish.
    if (n > 0 && isUnit(m[0]) && /[\d０-９](?:[\s\u3000\u00a0]*(?:万元|元|项|件|个|条|次|家|人|份))?$/.test(text.slice(out[n - 2], out[n - 1]))) {
      out[n - 1] = e;
    } else out.push(s, e);
  }
  if (out.length === 0) out.push(end, end);
  return out;
}

/**
 * The ideographs a value can hold (placeholders 无 空, signs 增 减 增加 减少, units): NFKC leaves
 * ideographs alone, so a field with any other is no value.
 */
const VALUE_IDEOGRAPHS = '无空增减加少万元项件个条次家人份';
const VALUE_IDEOGRAPH_FLAG = 4;
for (const c of VALUE_IDEOGRAPHS) codeFlags[c.charCodeAt(0)] |= VALUE_IDEOGRAPH_FLAG;

/** `looksLikeValue(text.slice(start, end))`, without the slice for plain digits and for labels. */
function looksLikeValueAt(text: string, start: number, end: number): boolean {
  if (start === end) return true;
  let digits = end - start <= 15;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    digits = false;
    if (c >= 0x3400 && c <= 0x9fff && (codeFlags[c] & VALUE_IDEOGRAPH_FLAG) === 0) return false;
  }
  return digits || looksLikeValue(text.slice(start, end));
}

/**
 * A character `normalizeLabel` could keep: an ideograph, or one that NFKC folds into one
 * (`foldsToIdeograph`). A line without any (a value, a placeholder, a tab) can carry neither a
 * label nor a heading, and most lines of a one-cell-per-line table are such lines.
 */
const IDEOGRAPHIC = /[\u2e80-\u2fdf\u3038-\u303a\u3190-\u319f\u3200-\u9fff\uf900-\ufaff\ud800-\udfff]/g;

/** The first line in [from, to) holding an IDEOGRAPHIC character (to if none): found by the regular-expression engine, not line by line. */
function nextLineHolding(text: string, lines: Lines, from: number, to: number): number {
  if (from >= to) return to;
  IDEOGRAPHIC.lastIndex = lines.startOf(from);
  if (!IDEOGRAPHIC.test(text)) return to;
  const at = IDEOGRAPHIC.lastIndex - 1;
  let i = from;
  while (i < to && lines.endOf(i) <= at) i++;
  return i;
}

interface Candidate {
  line: number;
  fields: Fields;
  /** Index of the first and last label field. */
  labelFirst: number;
  labelLast: number;
  label: string;
}

/**
 * The label of a line (its fields up to the first value), normalised. Fields are separated by
 * characters `normalizeLabel` drops, so the label is normalised from one slice of the line.
 */
function candidateOf(text: string, line: number, start: number, end: number): Candidate | null {
  // The caller gives lines that hold an ideograph (`nextLineHolding`).
  if (end === start || (end - start > 400 && !separatedEarly(text, start, end))) return null;
  const fields = fieldsOf(text, start, end);
  let labelFirst = -1;
  let labelLast = -1;
  for (let k = 0, n = fields.length >> 1; k < n; k++) {
    if (fieldEmpty(fields, k)) continue;
    if (looksLikeValueAt(text, fieldStart(fields, k), fieldEnd(fields, k)) && !isNumberedItem(text, fieldStart(fields, k), fieldEnd(fields, k))) break;
    if (labelFirst < 0) labelFirst = k;
    labelLast = k;
  }
  if (labelFirst < 0) return null;
  const label = normalizeLabel(text.slice(fieldStart(fields, labelFirst), fieldEnd(fields, labelLast)));
  if (label.length === 0 || label.length > MAX_LABEL) return null;
  return { line, fields, labelFirst, labelLast, label };
}

/**
 * Whether a long line has a field separator (tab, pipe, space) within its first 200 code units:
 * a row with long values ("一、本年新收…  1111…1111", 400 digits) has one after its label; a
 * paragraph of prose, which is no row, most often has none, and is passed over without splitting.
 */
function separatedEarly(text: string, start: number, end: number): boolean {
  const to = Math.min(end, start + 200);
  for (let i = start; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 9 || c === 124 || isSpaceCode(c)) return true;
  }
  return false;
}

/** An item number standing alone ("3.", "12、"): part of a label, though it reads as a value. */
function isNumberedItem(text: string, start: number, end: number): boolean {
  const last = text.charCodeAt(end - 1);
  if (end - start < 2 || (last !== 0x2e && last !== 0xff0e && last !== 0x3001)) return false;
  for (let i = start; i < end - 1; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Tables

interface Region {
  startLine: number;
  /** Exclusive. */
  endLine: number;
}

function readTables(report: Report): void {
  const { format, sections } = report;
  let floor = 0;
  for (const tdef of format.tables) {
    // Table 四 has no labels: look for it only under its heading or right after table 三.
    if (tdef.id === 't4' && !sections.some((s) => s.def.id === 4) && !report.tables.t3) continue;
    const region = regionFor(report, tdef.section, floor);
    const table = tdef.id === 't4' ? readUnlabeledTable(report, tdef, region) : readLabeledTable(report, tdef, region);
    if (table) {
      report.tables[tdef.id] = table;
      floor = report.lineIndex.positionAt(table.end).line + 1;
    }
  }
}

/** Lines of the section holding a table; when the heading is missing, the lines between its neighbours. */
function regionFor(report: Report, sectionId: number, floorLine: number): Region {
  const { sections, lines } = report;
  const own = sections.find((s) => s.def.id === sectionId);
  if (own) {
    const endLine = report.lineIndex.positionAt(own.bodyEnd).line + (own.bodyEnd >= report.text.length ? 1 : 0);
    return { startLine: Math.max(own.line + 1, floorLine), endLine: Math.min(endLine, lines.length) };
  }
  let startLine = floorLine;
  let endLine = lines.length;
  for (const s of sections) {
    if (s.def.id < sectionId && s.line + 1 > startLine) startLine = Math.max(startLine, s.line + 1);
    if (s.def.id > sectionId && s.line < endLine && s.line >= startLine) endLine = s.line;
  }
  return { startLine, endLine };
}

const BLOCK_TITLE_RE = /第二十条第\s*[(（]\s*([一二三四五六七八九十]+)\s*[)）]\s*项/;

/**
 * `foldNFKC` as BLOCK_TITLE_RE needs it: full-width parentheses, which the pattern accepts as
 * written (and which are never in the group it reads), need no NFKC.
 */
function foldForBlockTitle(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0xff08 && c !== 0xff09 && !nfkcIndifferent(c)) return s.normalize('NFKC');
  }
  return s;
}

export interface ExpectedRow {
  block: BlockDef;
  /** The block's index in its table. */
  blockIndex: number;
  row: RowDef;
  labels: { norm: string; alias?: string }[];
}

/**
 * Scores one found label against every expected label at once. Characters of all expected
 * labels get small integer ids, each with the list of labels holding it; a found label then
 * costs one pass over its characters plus one step per (character, label holding it) pair.
 * Same formula as `labelSimilarity`.
 */
export class LabelScorer {
  /** For each character id, its postings `postStart[id]` … `postStart[id + 1]`: label and count. */
  private readonly postStart: Int32Array;
  private readonly postLabel: Int32Array;
  private readonly postCount: Int32Array;
  private readonly lens: Float64Array;
  private readonly norms: string[] = [];
  /** Score rows (as `score` writes them) of every label of the template, by its normalised text. */
  private readonly exactRows = new Map<string, { scores: Float64Array; winnerAt: number[]; winner: number[]; any: boolean }>();
  /** For each flattened label: its expected row index and alias. */
  private readonly ownerExp: Int32Array;
  private readonly ownerAlias: (string | undefined)[] = [];
  /** Character id + 1 by UTF-16 code unit (0: in no expected label). */
  private readonly idOfCode = new Uint16Array(0x10000);
  /** Scratch: count of each character id in the found label, the ids touched, common per label. */
  private readonly cand: Int32Array;
  private readonly touched: Int32Array;
  private readonly common: Float64Array;
  private readonly hit: Int32Array;
  constructor(readonly expected: ExpectedRow[]) {
    const alphabet = new Map<string, number>();
    const postings: { label: number; count: number }[][] = [];
    const exps: number[] = [];
    const lens: number[] = [];
    expected.forEach((e, exp) => {
      for (const l of e.labels) {
        const label = exps.length;
        for (const [ch, count] of charCounts(l.norm)) {
          let id = alphabet.get(ch);
          if (id === undefined) {
            alphabet.set(ch, (id = alphabet.size));
            postings.push([]);
          }
          postings[id].push({ label, count });
        }
        lens.push(l.norm.length);
        this.norms.push(l.norm);
        exps.push(exp);
        this.ownerAlias.push(l.alias);
      }
    });
    this.postStart = new Int32Array(alphabet.size + 1);
    const total = postings.reduce((n, p) => n + p.length, 0);
    this.postLabel = new Int32Array(total);
    this.postCount = new Int32Array(total);
    let k = 0;
    postings.forEach((list, id) => {
      this.postStart[id] = k;
      for (const p of list) {
        this.postLabel[k] = p.label;
        this.postCount[k++] = p.count;
      }
    });
    this.postStart[alphabet.size] = k;
    this.lens = Float64Array.from(lens);
    this.ownerExp = Int32Array.from(exps);
    this.cand = new Int32Array(alphabet.size);
    this.touched = new Int32Array(alphabet.size);
    this.common = new Float64Array(exps.length);
    this.hit = new Int32Array(exps.length);
    // Labels are normalised to BMP ideographs, so a code unit names a character.
    for (const [ch, id] of alphabet) if (ch.length === 1) this.idOfCode[ch.charCodeAt(0)] = id + 1;
    // The score rows of the template's own labels, computed once (most labels found are these).
    const E = expected.length;
    for (const norm of this.norms) {
      if (this.exactRows.has(norm)) continue;
      const rowScores = new Float64Array(E);
      const rowWinners = new Int32Array(E);
      const any = this.compute(norm, rowScores, rowWinners, 0);
      // Only the rows won by an alias are kept: `score` writes into a row of zeros, and a winner
      // that is an official label names no alias.
      const winnerAt: number[] = [];
      const winner: number[] = [];
      rowWinners.forEach((w, k) => {
        if (w === 0 || this.ownerAlias[w - 1] === undefined) return;
        winnerAt.push(k);
        winner.push(w);
      });
      this.exactRows.set(norm, { scores: rowScores, winnerAt, winner, any });
    }
  }
  /**
   * Writes the best score per expected row into `scores`, and which template label gave it into
   * `winners` (1 + its index; see `aliasOf`), both from `offset` and both holding zeros there, for
   * rows scoring at least MATCH_THRESHOLD; the others stay 0. Returns whether any row reached
   * it. Nothing is written for a label that reaches it for no row. (Numbers in typed arrays
   * reused across parses, where alias strings needed an array per alignment.)
   */
  score(found: string, scores: Float64Array, winners: Int32Array, offset: number): boolean {
    // A found label written exactly as the template's: its row of scores is part of the format.
    const known = this.exactRows.get(found);
    if (known) {
      scores.set(known.scores, offset);
      for (let k = 0; k < known.winnerAt.length; k++) winners[offset + known.winnerAt[k]] = known.winner[k];
      return known.any;
    }
    return this.compute(found, scores, winners, offset);
  }

  /** The alias a winner (as `score` writes it) stands for; undefined for an official label or none. */
  aliasOf(winner: number): string | undefined {
    return winner === 0 ? undefined : this.ownerAlias[winner - 1];
  }

  private compute(found: string, scores: Float64Array, winners: Int32Array, offset: number): boolean {
    if (found.length === 0) return false;
    const { cand, touched, common, postStart, postLabel, postCount, idOfCode } = this;
    let n = 0;
    for (let i = 0; i < found.length; i++) {
      const id = idOfCode[found.charCodeAt(i)] - 1;
      if (id < 0) continue;
      if (cand[id]++ === 0) touched[n++] = id;
    }
    if (n === 0) return false;
    // `common` is all zeros between calls; the labels it is raised for are listed in `hit`, and
    // only they are scored and reset (most of the template shares no character with a label).
    const hit = this.hit;
    let h = 0;
    for (let t = 0; t < n; t++) {
      const id = touched[t];
      const have = cand[id];
      for (let q = postStart[id], end = postStart[id + 1]; q < end; q++) {
        const c = postCount[q];
        const label = postLabel[q];
        if (common[label] === 0) hit[h++] = label;
        common[label] += have < c ? have : c;
      }
      cand[id] = 0;
    }
    // A found label equal to an expected one scores exactly 1 here (common = both lengths, and
    // quarters of small integers add up exactly), as `labelSimilarity` says for equal labels.
    const quarter = 0.25 * found.length;
    let any = false;
    for (let x = 0; x < h; x++) {
      const k = hit[x];
      const s = common[k] / (0.75 * this.lens[k] + quarter);
      common[k] = 0;
      if (s < MATCH_THRESHOLD) continue;
      const slot = offset + this.ownerExp[k];
      // Labels are visited in the order they were hit: of equal scores the first label of the
      // template wins, as in template order.
      if (s > scores[slot] || (s === scores[slot] && k + 1 < winners[slot])) {
        scores[slot] = s;
        winners[slot] = k + 1;
        any = true;
      }
    }
    return any;
  }
}

export function expectedRows(tdef: TableDef): ExpectedRow[] {
  const out: ExpectedRow[] = [];
  tdef.blocks.forEach((block, blockIndex) => {
    for (const row of block.rows) {
      if (row.group || row.unlabeled) continue;
      const labels: ExpectedRow['labels'] = [{ norm: normalizeLabel(row.label) }];
      for (const a of row.aliases ?? []) labels.push({ norm: normalizeLabel(a), alias: a });
      out.push({ block, blockIndex, row, labels });
    }
  });
  return out;
}

const scorerCache = new WeakMap<TableDef, LabelScorer>();

function readLabeledTable(report: Report, tdef: TableDef, region: Region): TableNode | null {
  const { text, lines } = report;
  let scorer = scorerCache.get(tdef);
  if (!scorer) {
    scorer = new LabelScorer(expectedRows(tdef));
    scorerCache.set(tdef, scorer);
  }
  const expected = scorer.expected;
  const titles: BlockTitle[] = [];
  const cands: Candidate[] = [];
  scanLabels(text, lines, tdef, region, titles, cands);
  const matches = align(cands, scorer);
  if (matches.length === 0) return null;
  // Indexed loops (here and below): in code not yet optimised, for-of costs 1.7× as much.
  const stopLines = new StopLines(region);
  for (let k = 0; k < titles.length; k++) stopLines.add(titles[k].line);
  for (let k = 0; k < matches.length; k++) stopLines.add(cands[matches[k].cand].line);
  for (const s of report.sections) stopLines.add(s.line);

  // The rows found, by block index.
  const rowsByBlock: RowNode[][] = [];
  for (let b = 0; b < tdef.blocks.length; b++) rowsByBlock.push([]);
  for (let k = 0; k < matches.length; k++) {
    const m = matches[k];
    const exp = expected[m.exp];
    rowsByBlock[exp.blockIndex].push(readRow(report, exp.block, exp.row, cands[m.cand], m, region, stopLines));
  }
  const blocks: BlockNode[] = [];
  let tStart = Infinity;
  let tEnd = 0;
  for (let b = 0; b < tdef.blocks.length; b++) {
    const bdef = tdef.blocks[b];
    const rows = rowsByBlock[b];
    const title = bdef.ordinal ? titles.find((t) => t.ordinal === bdef.ordinal) : undefined;
    if (rows.length === 0 && !title) continue;
    let start = title?.start ?? Infinity;
    let end = title?.end ?? 0;
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k];
      if (r.labelStart < start) start = r.labelStart;
      if (r.end > end) end = r.end;
    }
    blocks.push({ def: bdef, titleStart: title?.start, titleEnd: title?.end, rows, start, end });
    tStart = Math.min(tStart, start);
    tEnd = Math.max(tEnd, end);
    for (let r = 0; r < rows.length; r++) {
      const cells = rows[r].cells;
      for (let k = 0; k < cells.length; k++) addCell(report, cells[k]);
    }
  }
  const foreignBlocks: TableNode['foreignBlocks'] = [];
  for (const t of titles) {
    if (tdef.blocks.some((b) => b.ordinal === t.ordinal)) continue;
    foreignBlocks.push({ ordinal: t.ordinal, start: t.start, end: t.end });
    tStart = Math.min(tStart, t.start);
    tEnd = Math.max(tEnd, t.end);
  }
  return { def: tdef, blocks, foreignBlocks, start: tStart, end: tEnd };
}

interface BlockTitle {
  line: number;
  ordinal: string;
  start: number;
  end: number;
}

/**
 * The block titles (table 二) and candidate labels of a table's region, pushed on `titles` and
 * `cands`. The one loop over the region's lines, kept apart from the assembly of the table, so
 * that it is small and optimised early.
 */
function scanLabels(text: string, lines: Lines, tdef: TableDef, region: Region, titles: BlockTitle[], cands: Candidate[]): void {
  // A line without ideographs is neither a block title nor a label: skipped by one search.
  for (let i = nextLineHolding(text, lines, region.startLine, region.endLine); i < region.endLine; i = nextLineHolding(text, lines, i + 1, region.endLine)) {
    const start = lines.startOf(i);
    const end = lines.endOf(i);
    if (tdef.id === 't2' && rangeIncludes(text, start, end, '第二十条')) {
      const m = BLOCK_TITLE_RE.exec(foldForBlockTitle(text.slice(start, end)));
      if (m) {
        const span = trimSpan(text, start, end);
        titles.push({ line: i, ordinal: m[1], start: span.start, end: span.end });
        continue;
      }
    }
    const c = candidateOf(text, i, start, end);
    if (c) cands.push(c);
  }
}

interface Match {
  cand: number;
  exp: number;
  score: number;
  exact: boolean;
  alias?: string;
}

/** Entries of an alignment buffer kept for the next parse (256 kB). */
const KEPT_BUFFER = 32768;
const keptBuffers = [new Float64Array(0), new Float64Array(0)];
let keptWinners = new Int32Array(0);

/**
 * Alignment buffer `which` with at least `n` entries (contents undefined): kept across parses
 * while small; a huge document gets one of its own, so nothing large outlives its parse.
 */
function scratch(which: 0 | 1, n: number): Float64Array {
  if (n > KEPT_BUFFER) return new Float64Array(n);
  if (keptBuffers[which].length < n) keptBuffers[which] = new Float64Array(Math.min(KEPT_BUFFER, 2 * n));
  return keptBuffers[which];
}

/** The winners buffer of an alignment (as `scratch`), its first `n` entries zero. */
function winnersScratch(n: number): Int32Array {
  if (n > KEPT_BUFFER) return new Int32Array(n);
  if (keptWinners.length < n) keptWinners = new Int32Array(Math.min(KEPT_BUFFER, 2 * n));
  keptWinners.fill(0, 0, n);
  return keptWinners;
}

/**
 * Aligns found labels to expected rows, keeping both in order and maximising total similarity
 * (a Needleman–Wunsch style alignment without gap costs). The template's order is strong
 * evidence: an OCR-damaged label still lands on its row when its neighbours match.
 */

function align(cands: Candidate[], scorer: LabelScorer): Match[] {
  const C = cands.length;
  const E = scorer.expected.length;
  if (C === 0 || E === 0) return [];
  const W = E + 1;
  // Buffers reused across calls: dp needs zeros only in its first row and column (every other
  // entry is written before it is read); scores must start at zero.
  const dp = scratch(0, (C + 1) * W);
  const scores = scratch(1, C * E);
  scores.fill(0, 0, C * E);
  const winners = winnersScratch(C * E);
  // A candidate that reaches the threshold for no row takes no part in the alignment: its row of
  // the table would only copy the row above, and the traceback would step over it. So only the
  // others get a row (`rowOf` maps rows back to candidates); the result is the same, for less.
  const rowOf: number[] = [];
  for (let c = 0; c < C; c++) {
    // Scores below the threshold are left at 0: such a label stands for no row.
    if (scorer.score(cands[c].label, scores, winners, rowOf.length * E)) rowOf.push(c);
  }
  const R = rowOf.length;
  dp.fill(0, 0, W);
  for (let i = 1; i <= R; i++) dp[i * W] = 0;
  for (let i = 1; i <= R; i++) {
    for (let j = 1; j <= E; j++) {
      const s = scores[(i - 1) * E + (j - 1)];
      const up = dp[(i - 1) * W + j];
      const left = dp[i * W + j - 1];
      let v = up > left ? up : left;
      if (s > 0) {
        const diag = dp[(i - 1) * W + j - 1] + s;
        if (diag > v) v = diag;
      }
      dp[i * W + j] = v;
    }
  }
  const out: Match[] = [];
  let i = R;
  let j = E;
  while (i > 0 && j > 0) {
    const s = scores[(i - 1) * E + (j - 1)];
    const here = dp[i * W + j];
    if (s > 0 && here === dp[(i - 1) * W + j - 1] + s && here !== dp[(i - 1) * W + j] && here !== dp[i * W + j - 1]) {
      out.push({ cand: rowOf[i - 1], exp: j - 1, score: s, exact: s === 1, alias: s === 1 ? scorer.aliasOf(winners[(i - 1) * E + (j - 1)]) : undefined });
      i--;
      j--;
    } else if (here === dp[(i - 1) * W + j]) i--;
    else if (here === dp[i * W + j - 1]) j--;
    else {
      out.push({ cand: rowOf[i - 1], exp: j - 1, score: s, exact: s === 1, alias: s === 1 ? scorer.aliasOf(winners[(i - 1) * E + (j - 1)]) : undefined });
      i--;
      j--;
    }
  }
  return out.reverse();
}

/**
 * The lines of a region where a row's values stop (block titles, labels, headings): a flag per
 * line of the region (lines outside it are never asked about).
 */
class StopLines {
  private readonly base: number;
  private readonly flags: Uint8Array;
  constructor(region: Region) {
    this.base = region.startLine;
    this.flags = new Uint8Array(Math.max(0, region.endLine - region.startLine));
  }
  add(line: number): void {
    const k = line - this.base;
    if (k >= 0 && k < this.flags.length) this.flags[k] = 1;
  }
  has(line: number): boolean {
    const k = line - this.base;
    return k >= 0 && k < this.flags.length && this.flags[k] === 1;
  }
}

function readRow(report: Report, block: BlockDef, row: RowDef, cand: Candidate, m: Match, region: Region, stopLines: StopLines): RowNode {
  const { text, lines } = report;
  const lineEnd = lines.endOf(cand.line);
  const f = cand.fields;
  const nf = f.length >> 1;
  const N = block.columns.length;
  // The values: fields `from` … nf - 1.
  let from = cand.labelLast + 1;
  let labelLast = cand.labelLast;
  // A row short of values whose label ends in a stray text field ("规章  无法统计  0  0"): that
  // field is a cell, as long as the label still matches without it.
  let nonEmptyAfter = 0;
  for (let k = from; k < nf; k++) if (!fieldEmpty(f, k)) nonEmptyAfter++;
  const oneCellBelow = from === nf && nextLineIsValue(report, cand.line, region, stopLines);
  if ((from < nf || (cand.labelLast > cand.labelFirst && !oneCellBelow)) && nonEmptyAfter < N && nf - from < N) {
    let k = labelLast;
    while (k > cand.labelFirst && nf - from < N) {
      if (fieldEmpty(f, k)) {
        k--;
        continue;
      }
      // The fields before k, as one label (separators are dropped by normalizeLabel).
      const shorter = normalizeLabel(text.slice(fieldStart(f, cand.labelFirst), fieldEnd(f, k - 1)));
      const official = officialLabelOf(row);
      if (shorter.length === 0 || labelSimilarity(shorter, official.norm, official.counts) < MATCH_THRESHOLD) break;
      labelLast = k - 1;
      from = k;
      // Field k is not empty: the values now start with it.
      nonEmptyAfter++;
      k--;
    }
  }
  const labelStart = fieldStart(f, cand.labelFirst);
  const labelEnd = Math.max(fieldEnd(f, labelLast), fieldEnd(f, cand.labelFirst));
  const slots = cellSlots(tableOf(report, block), block, row);
  const node: RowNode = {
    def: row,
    labelStart,
    labelEnd,
    labelText: text.slice(labelStart, labelEnd),
    exact: m.exact,
    alias: m.alias,
    cells: [],
    extra: [],
    end: lineEnd,
    layout: 'row-per-line',
    line: cand.line,
  };
  const inline = from < nf && (nonEmptyAfter > 0 || !nextLineIsValue(report, cand.line, region, stopLines));
  if (inline) {
    placeRow(report, node, block, row, slots, f, from, nf, lineEnd);
    return node;
  }
  // One cell per line: the following lines, up to a blank line or the next row.
  node.layout = 'cell-per-line';
  const spans: number[] = [];
  for (let j = cand.line + 1; j < region.endLine; j++) {
    if (stopLines.has(j)) break;
    const ls = lines.startOf(j);
    const le = lines.endOf(j);
    if (le === ls) break;
    const { s, e } = trimmed(text, ls, le);
    const valueLike = looksLikeValueAt(text, s, e);
    if (spans.length >= 2 * N) {
      if (s === e || !valueLike) break;
      node.extra.push({ start: s, end: e, text: text.slice(s, e) });
      node.end = le;
      continue;
    }
    if (!valueLike && wordyLength(text, s, e) > 12) break;
    // A line of several numbers apart is several cells.
    pushTrimmed(spans, text, s, e);
    node.end = le;
  }
  spilledSpans(text, spans, N, node);
  node.cells = spanCells(text, slots, row, block.columns, spans, node.end);
  return node;
}

/**
 * Spans beyond the row's N columns (a line of several numbers can carry past the last column)
 * become the row's extra values, before them those already found; nothing read is dropped.
 */
function spilledSpans(text: string, spans: number[], N: number, node: RowNode): void {
  if (spans.length <= 2 * N) return;
  const extra: RowNode['extra'] = [];
  for (let k = 2 * N; k < spans.length; k += 2) extra.push({ start: spans[k], end: spans[k + 1], text: text.slice(spans[k], spans[k + 1]) });
  node.extra = extra.concat(node.extra);
  spans.length = 2 * N;
}

/**
 * The length of [start, end) without what a safe number fix may remove or fold (digits,
 * separators, signs, spaces, units): the tests of how long a line is that decide where a row's
 * values stop use it, so that fixing "1,000,000" to "1000000" cannot change how a table reads.
 */
function wordyLength(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19) || c === 44 || c === 43 || c === 0xff0b || isSpaceCode(c) || (codeFlags[c] & VALUE_IDEOGRAPH_FLAG) !== 0) continue;
    n++;
  }
  return n;
}

/** The trimmed range of [start, end) (as `trimSpan`, without the slice). */
function trimmed(text: string, start: number, end: number): { s: number; e: number } {
  const s = trimStart(text, start, end);
  return { s, e: trimEnd(text, s, end) };
}

const officialLabelCache = new WeakMap<RowDef, { norm: string; counts: Map<string, number> }>();

/** A row's official label, normalised, with its character counts (made once per row of a format). */
function officialLabelOf(row: RowDef): { norm: string; counts: Map<string, number> } {
  let o = officialLabelCache.get(row);
  if (!o) {
    const norm = normalizeLabel(row.label);
    officialLabelCache.set(row, (o = { norm, counts: charCounts(norm) }));
  }
  return o;
}

function nextLineIsValue(report: Report, lineNo: number, region: Region, stopLines: StopLines): boolean {
  const next = lineNo + 1;
  if (next >= region.endLine || stopLines.has(next)) return false;
  const { s, e } = trimmed(report.text, report.lines.startOf(next), report.lines.endOf(next));
  return s < e && looksLikeValueAt(report.text, s, e);
}

function tableOf(report: Report, block: BlockDef): TableId {
  for (const t of report.format.tables) if (t.blocks.includes(block)) return t.id;
  return 't2';
}

/** Where `placeInline` puts a column: a field index, or one of these. */
const PAD = -1;
const MISSING = -2;

/**
 * Places fields `from` … `to - 1` (those that follow a label) into N columns: for each column a
 * field index, PAD (a blank cell where a merged cell pushed the row: not located, at `padAt`)
 * or MISSING; and the fields beyond N. Merged label cells leave empty fields before the values
 * and page layout leaves them after, so: trailing empties are dropped; if too many remain,
 * leading then inner empties go; a short row whose values start with empties is anchored right
 * (the merged cells pushed it), otherwise left, with any positions the row kept as blanks and
 * the rest missing.
 */
function placeInline(f: Fields, from: number, to: number, N: number): { cols: number[]; padAt: number; extra: readonly number[] } {
  const vals: number[] = [];
  for (let k = from; k < to; k++) vals.push(k);
  const original = vals.length;
  while (vals.length > 0 && fieldEmpty(f, vals[vals.length - 1])) vals.pop();
  const trailing = original - vals.length;
  while (vals.length > N && fieldEmpty(f, vals[0])) vals.shift();
  for (let k = 0; vals.length > N && k < vals.length; ) {
    if (fieldEmpty(f, vals[k])) vals.splice(k, 1);
    else k++;
  }
  // A full row (the common case) keeps its field list as the columns.
  if (vals.length === N) return { cols: vals, padAt: 0, extra: NO_EXTRA };
  if (vals.length > N) return { cols: vals.slice(0, N), padAt: 0, extra: vals.slice(N) };
  const cols: number[] = [];
  if (vals.length > 0 && fieldEmpty(f, vals[0])) {
    for (let k = vals.length; k < N; k++) cols.push(PAD);
    for (let k = 0; k < vals.length; k++) cols.push(vals[k]);
    return { cols, padAt: fieldStart(f, vals[0]), extra: NO_EXTRA };
  }
  for (let k = 0; k < vals.length; k++) cols.push(vals[k]);
  // Positions kept by trailing tabs are blank cells; beyond them the row ran short.
  for (let k = 0; cols.length < N; k++) cols.push(k < trailing ? from + vals.length + k : MISSING);
  return { cols, padAt: 0, extra: NO_EXTRA };
}

/**
 * No values beyond the columns: shared and never written (not frozen, so that it has the same
 * shape as the lists of extra values it stands beside).
 */
const NO_EXTRA: readonly number[] = [];

/** Fills a row's cells and extra values from fields `from` … `to - 1` of its line. */
function placeRow(report: Report, node: RowNode, block: BlockDef, row: RowDef, slots: CellSlot[], f: Fields, from: number, to: number, lineEnd: number): void {
  const { text } = report;
  const placed = placeInline(f, from, to, block.columns.length);
  const cells: Cell[] = [];
  for (let k = 0; k < block.columns.length; k++) {
    const col = block.columns[k];
    const at = placed.cols[k];
    if (at === MISSING) cells.push(missingCell(slots[k], row, col, lineEnd));
    else if (at === PAD) cells.push(fieldCell(text, slots[k], row, col, placed.padAt, placed.padAt, false));
    else cells.push(fieldCell(text, slots[k], row, col, fieldStart(f, at), fieldEnd(f, at), true));
  }
  node.cells = cells;
  node.extra = placed.extra.map((k) => ({ start: fieldStart(f, k), end: fieldEnd(f, k), text: text.slice(fieldStart(f, k), fieldEnd(f, k)) }));
}

const slotCache = new WeakMap<BlockDef, Map<RowDef, CellSlot[]>>();

function cellSlots(table: TableId, block: BlockDef, row: RowDef): CellSlot[] {
  let byRow = slotCache.get(block);
  if (!byRow) slotCache.set(block, (byRow = new Map()));
  let slots = byRow.get(row);
  if (!slots) {
    slots = block.columns.map((col) => cellSlot({ table, block: block.id, row: row.id, column: col.id }));
    byRow.set(row, slots);
  }
  return slots;
}

function addCell(report: Report, cell: Cell): void {
  report.cellsBySlot[cell.slot] = cell;
  report.cellOrder.push(cell);
}

/**
 * A row's cells from one span per line (`spans`: start, end pairs); columns beyond them are
 * missing, placed at `end`. Cell arrays are built by push, never by `map`, whose result is holey
 * or packed depending on whether it ran optimised: two array kinds made the rules that read rows
 * fall back from optimised code.
 */
function spanCells(text: string, slots: CellSlot[], row: RowDef, columns: readonly ColumnDef[], spans: number[], end: number): Cell[] {
  const cells: Cell[] = [];
  for (let k = 0; k < columns.length; k++) {
    cells.push(2 * k < spans.length ? fieldCell(text, slots[k], row, columns[k], spans[2 * k], spans[2 * k + 1], true) : missingCell(slots[k], row, columns[k], end));
  }
  return cells;
}

/** A cell the row does not have (it ran short): not present, placed at `at`. */
function missingCell(slot: CellSlot, row: RowDef, column: ColumnDef, at: number): Cell {
  return { ref: slot.ref, key: slot.key, slot: slot.index, row, column, raw: '', start: at, end: at, present: false, located: false, value: BLANK };
}

/** A cell whose text is [start, end) of the report (`located`: that range is a real field). */
function fieldCell(text: string, slot: CellSlot, row: RowDef, column: ColumnDef, start: number, end: number, located: boolean): Cell {
  const raw = start === end ? '' : text.slice(start, end);
  return { ref: slot.ref, key: slot.key, slot: slot.index, row, column, raw, start, end, present: true, located, value: readCell(raw, column.kind) };
}

/** Table 四: one data row with no label, the first line(s) of numbers in the section. */
function readUnlabeledTable(report: Report, tdef: TableDef, region: Region): TableNode | null {
  const { text, lines } = report;
  const block = tdef.blocks[0];
  const row = block.rows[0];
  const N = block.columns.length;
  const sectionLines = new Set(report.sections.map((s) => s.line));
  const found = firstValueRow(text, lines, region, sectionLines, N);
  if (found) {
    const { line: i, nonEmpty } = found;
    let f = found.fields;
    let lineEnd = lines.endOf(i);
    // A row of values wrapped over several lines (PDF text: "2 1 0 1 4 1 0 0" / "0 1 0 0 0 0 0"):
    // the lines that follow, holding only values, continue it up to N values.
    if (nonEmpty.length >= 2 && nonEmpty.length < N) {
      const joined = continuedRow(text, lines, i, region, sectionLines, f, nonEmpty.length, N);
      if (joined) {
        f = joined.fields;
        lineEnd = lines.endOf(joined.lastLine);
        for (let k = nonEmpty.length; k < f.length >> 1; k++) nonEmpty.push(k);
      }
    }
    const nf = f.length >> 1;
    const slots = cellSlots(tdef.id, block, row);
    const node: RowNode = {
      def: row,
      labelStart: 0,
      labelEnd: 0,
      labelText: '',
      exact: true,
      alias: undefined,
      cells: [],
      extra: [],
      end: lineEnd,
      layout: 'row-per-line',
      line: i,
    };
    if (nonEmpty.length >= 2 || nf >= 4) {
      placeRow(report, node, block, row, slots, f, 0, nf, lineEnd);
      const firstPlaced = node.cells.find((c) => c.present);
      node.labelStart = node.labelEnd = firstPlaced ? firstPlaced.start : fieldStart(f, nonEmpty.length > 0 ? nonEmpty[0] : 0);
    } else {
      const spans: number[] = [];
      let end = lineEnd;
      for (let j = i; j < region.endLine; j++) {
        const ls = lines.startOf(j);
        const le = lines.endOf(j);
        if (le === ls || sectionLines.has(j)) break;
        // The first line is the value field found above ("| 10000 |" is a value, its whole line is not).
        const { s, e } = j === i && nonEmpty.length > 0 ? { s: fieldStart(f, nonEmpty[0]), e: fieldEnd(f, nonEmpty[0]) } : trimmed(text, ls, le);
        const valueLike = looksLikeValueAt(text, s, e);
        if (spans.length >= 2 * N) {
          if (s === e || !valueLike) break;
          node.extra.push({ start: s, end: e, text: text.slice(s, e) });
        } else {
          if (!valueLike && wordyLength(text, s, e) > 8) break;
          pushTrimmed(spans, text, s, e);
        }
        end = le;
      }
      node.layout = 'cell-per-line';
      node.end = end;
      spilledSpans(text, spans, N, node);
      node.labelStart = node.labelEnd = spans[0];
      node.cells = spanCells(text, slots, row, block.columns, spans, end);
    }
    for (let k = 0; k < node.cells.length; k++) addCell(report, node.cells[k]);
    const start = node.labelStart;
    return { def: tdef, blocks: [{ def: block, titleStart: undefined, titleEnd: undefined, rows: [node], start, end: node.end }], foreignBlocks: [], start, end: node.end };
  }
  return null;
}

/**
 * The fields of a row of values continued on the lines after `line` (each non-empty and holding
 * only values), up to N values in all; null when the next line does not continue it.
 */
function continuedRow(text: string, lines: Lines, line: number, region: Region, sectionLines: Set<number>, f: Fields, have: number, N: number): { fields: Fields; lastLine: number } | null {
  const out = f.slice();
  let n = have;
  let last = line;
  for (let j = line + 1; j < region.endLine && n < N; j++) {
    const ls = lines.startOf(j);
    const le = lines.endOf(j);
    if (le === ls || sectionLines.has(j)) break;
    const g = fieldsOf(text, ls, le);
    let ok = g.length > 0;
    for (let k = 0; k < g.length >> 1 && ok; k++) ok = !fieldEmpty(g, k) && looksLikeValueAt(text, fieldStart(g, k), fieldEnd(g, k));
    if (!ok || n + (g.length >> 1) > N) break;
    for (let k = 0; k < g.length; k++) out.push(g[k]);
    n += g.length >> 1;
    last = j;
  }
  return last === line ? null : { fields: out, lastLine: last };
}

/**
 * The first line of a region that holds only values (or N empty fields: an empty skeleton of the
 * row), with its fields and the indices of the non-empty ones. The loop of readUnlabeledTable,
 * kept apart so that it is small and optimised early.
 */
function firstValueRow(text: string, lines: Lines, region: Region, sectionLines: Set<number>, N: number): { line: number; fields: Fields; nonEmpty: number[] } | null {
  for (let i = region.startLine; i < region.endLine; i++) {
    const lineStart = lines.startOf(i);
    const lineEnd = lines.endOf(i);
    if (lineEnd === lineStart || sectionLines.has(i)) continue;
    const f = fieldsOf(text, lineStart, lineEnd);
    const nf = f.length >> 1;
    const nonEmpty: number[] = [];
    for (let k = 0; k < nf; k++) if (!fieldEmpty(f, k)) nonEmpty.push(k);
    // A row of N empty tab-separated cells (an empty skeleton) is the row too, blank throughout.
    const emptyRow = nonEmpty.length === 0 && nf >= N;
    if ((nonEmpty.length === 0 && !emptyRow) || !nonEmpty.every((k) => looksLikeValueAt(text, fieldStart(f, k), fieldEnd(f, k)))) continue;
    return { line: i, fields: f, nonEmpty };
  }
  return null;
}

function layoutOf(report: Report): Layout {
  let perLine = 0;
  let perRow = 0;
  for (const t of Object.values(report.tables)) {
    for (const b of t!.blocks) for (let k = 0; k < b.rows.length; k++) b.rows[k].layout === 'cell-per-line' ? perLine++ : perRow++;
  }
  if (perLine === 0 && perRow === 0) return 'none';
  if (perLine === 0) return 'row-per-line';
  if (perRow === 0) return 'cell-per-line';
  return perLine >= perRow * 3 ? 'cell-per-line' : perRow >= perLine * 3 ? 'row-per-line' : 'mixed';
}

export type { FormatDef };
