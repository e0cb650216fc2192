// Stage: the six section headings. A heading is an ordinal plus its section's keywords, or an
// exact wording (official or a known variant) without one; its range is its own characters (text
// after it on the line stays outside); a misnumbered heading stands in only for a missing one.
import { FORMATS } from '../formats';
import { type SectionDef } from '../formats/types';
import { type SectionNode } from '../model';
import { charCounts, foldNFKC, foldsToIdeograph, isSpaceCode, labelSimilarity, type Lines, nfkcIndifferent, normalizeLabel, trimEnd, trimSpan, trimStart } from '../text';
import { nextLineHolding } from './scan';

/** Longest line considered as a possible section heading. */
const MAX_HEADING_LINE = 60;

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
  // Indexed loops, no closures (ARCHITECTURE.md, "Speed").
  const groups = def.keywords;
  outer: for (let g = 0; g < groups.length; g++) {
    const group = groups[g];
    for (let k = 0; k < group.length; k++) if (norm.includes(group[k])) continue outer;
    return false;
  }
  return true;
}

export function findSections(text: string, lines: Lines): SectionNode[] {
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
    // A long line is a heading only with its ordinal and an exact wording, followed on the line
    // by its section's text (tested on offsets: most long lines are prose).
    if (lineEnd - lineStart > MAX_HEADING_LINE + 40) {
      if (!isOrdinalStart(first)) continue;
      const s = trimStart(text, lineStart, lineEnd);
      if (exactWordingEnd(text, s + ordinalPrefix(text.slice(s, Math.min(lineEnd, s + 8))), lineEnd) < 0) continue;
    }
    if (first !== 0x5b /* [ */ && !isOrdinalStart(first)) {
      // Without an ordinal (or debris) only an exact wording can be a heading: tested here on the
      // trimmed line, as headingCandidatesAt would (the same test, so the same lines pass).
      if (!mayStartExactWording(text, lineStart, lineEnd)) continue;
      const s = trimStart(text, lineStart, lineEnd);
      const e = trimEnd(text, s, lineEnd);
      if (e - s > MAX_HEADING_LINE || !isExactWordingAt(text, s, e)) continue;
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
  if (!isOrdinalStart(span.text.charCodeAt(0)) && !isExactWordingAt(text, span.start, span.end)) return;
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
  // After an exact wording, prose that follows on the line may hold such numbers ("…事项 本年度
  // 收取信息处理费 0 元。"): only a tail without ideographs is tested.
  if ((exactEnd < 0 || !holdsIdeograph(text, exactEnd, span.end)) && /[\s|](?:[+\-]|增加|减少|增|减)?\d+(?:[,.]\d+)*(?:万元|元|项|件|个|条|次|家|人|份)?(?=[\s|]|$)/.test(n)) return;
  let end = exactEnd >= 0 ? exactEnd : span.end;
  let headingOnly = exactEnd >= 0;
  let wrapped = false;
  let rest = normalizeLabel(text.slice(bodyStart, end));
  let lastLine = i;
  let defsMatching = defs.filter((d) => keywordsMatch(d, rest));
  // A heading can wrap over two lines ("四、政府信息公开行政复议、" / "行政诉讼情况").
  if (exactEnd < 0 && ordinal && rest.length <= 20 && i + 1 < lines.length) {
    const next = trimSpan(text, lines.startOf(i + 1), lines.endOf(i + 1));
    if (next.text.length > 0 && next.text.length <= 20 && !next.text.includes('\t') && !ORDINAL_RE.test(foldNFKC(next.text))) {
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

/** Whether [from, to) holds a code unit of U+3400–U+9FFF (what /[\u3400-\u9fff]/ finds), without a slice. */
function holdsIdeograph(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x3400 && c <= 0x9fff) return true;
  }
  return false;
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
  // When NFKC leaves the first 8 characters alone (nearly always: "一是…"), the folded prefixes
  // are prefixes of `s`, and ORDINAL_RE, which failed on `s`, fails on each of them.
  let folds = false;
  for (let k = 0; k < Math.min(8, s.length) && !folds; k++) folds = !nfkcIndifferent(s.charCodeAt(k));
  if (!folds) return 0;
  for (let k = 2; k <= Math.min(8, s.length); k++) {
    const folded = foldNFKC(s.slice(0, k));
    const fm = ORDINAL_RE.exec(folded);
    if (fm && fm[0].length === folded.length && !isSpaceCode(s.charCodeAt(k))) return k;
  }
  return 0;
}

/** A trie of the exact wordings, by UTF-16 code unit: `end` marks a whole wording. */
interface WordingNode {
  next: Map<number, WordingNode>;
  end: boolean;
}

const WORDING_TRIE: WordingNode = { next: new Map(), end: false };
for (const w of EXACT_WORDINGS) {
  let node = WORDING_TRIE;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    let n = node.next.get(c);
    if (!n) node.next.set(c, (n = { next: new Map(), end: false }));
    node = n;
  }
  node.end = true;
}

/**
 * The end of the shortest prefix of [from, to) that normalises to an exact section wording
 * (official or variant), trailing spaces excluded; -1 if none. The normalised prefix is walked
 * down a trie of the wordings a character at a time (`normalizeLabel` keeps ideographs, after
 * NFKC), so the walk stops as soon as it is no prefix of any wording.
 */
function exactWordingEnd(text: string, from: number, to: number): number {
  let node = WORDING_TRIE;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) {
      const n = node.next.get(c);
      if (!n) return -1;
      node = n;
    } else if (foldsToIdeograph(c)) {
      const kept = normalizeLabel(text[i]);
      for (let k = 0; k < kept.length; k++) {
        const n = node.next.get(kept.charCodeAt(k));
        if (!n) return -1;
        node = n;
      }
    } else continue;
    if (node.end) return i + 1;
  }
  return -1;
}

/**
 * Whether [from, to) normalises to an exact section wording: `EXACT_WORDINGS.has(normalizeLabel(
 * text.slice(from, to)))`, walked down the trie on offsets (no slice, no string made; most lines
 * leave the trie at their second ideograph). A character NFKC may fold into an ideograph sends
 * the test to that definition.
 */
function isExactWordingAt(text: string, from: number, to: number): boolean {
  let node = WORDING_TRIE;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) {
      const n = node.next.get(c);
      if (!n) return false;
      node = n;
    } else if (foldsToIdeograph(c)) return EXACT_WORDINGS.has(normalizeLabel(text.slice(from, to)));
  }
  return node.end;
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
