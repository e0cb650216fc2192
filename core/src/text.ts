// Text utilities shared by the parser and the rules. Offsets are UTF-16 code unit offsets into
// the document text, exactly what LSP positions count.

// Whitespace that real reports use for indentation and padding (tab, U+3000, NBSP, BOM...):
// what SPACE_RE = /[\s\u3000\u00a0\ufeff\u200b]/ matches (test/property/fastpaths.test.ts checks).

export function isSpace(ch: string): boolean {
  return isSpaceCode(ch.charCodeAt(0));
}

/** isSpace by code unit, without a regular expression (it runs for every field of every line). */
export function isSpaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  // SPACE_RE above U+009F: what /\s/ matches there, and U+200B.
  return isJsWhitespace(c) || c === 0x200b;
}

/**
 * A line of the text, made on demand by `Lines.at`. Its `text` is sliced on first use: most lines
 * of a long report (prose, lone values) are only ever looked at by offset.
 */
export class Line {
  private sliced: string | undefined;
  constructor(
    private readonly source: string,
    /** 0-based line number. */
    readonly index: number,
    /** Offset of the first character of the line. */
    readonly start: number,
    /** Offset just past the last character, excluding the line break (and a preceding CR). */
    readonly end: number,
  ) {}
  get text(): string {
    return (this.sliced ??= this.source.slice(this.start, this.end));
  }
  get length(): number {
    return this.end - this.start;
  }
}

/**
 * The lines of a text as two arrays of offsets. A report of a million lines keeps two typed
 * arrays, not a million objects for the collector to trace; `at` makes a short-lived `Line`.
 */
export class Lines {
  readonly length: number;
  constructor(
    private readonly source: string,
    private readonly starts: Int32Array,
    private readonly ends: Int32Array,
  ) {
    this.length = starts.length;
  }
  at(i: number): Line {
    return new Line(this.source, i, this.starts[i], this.ends[i]);
  }
  startOf(i: number): number {
    return this.starts[i];
  }
  endOf(i: number): number {
    return this.ends[i];
  }
  /** Offsets of every line start (shared: do not modify). */
  get startOffsets(): Int32Array {
    return this.starts;
  }
  find(pred: (line: Line) => boolean): Line | undefined {
    for (let i = 0; i < this.length; i++) {
      const l = this.at(i);
      if (pred(l)) return l;
    }
    return undefined;
  }
  *[Symbol.iterator](): IterableIterator<Line> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }
}

/** Line offsets collected into reused buffers (kept across calls while small), then copied out once. */
const KEPT_LINES = 1 << 16;
let startsScratch = new Int32Array(1024);
let endsScratch = new Int32Array(1024);

/** Splits text into lines, keeping offsets. Accepts LF, CRLF and lone CR line ends. */
export function splitLines(text: string): Lines {
  const n = text.length;
  let starts = startsScratch;
  let ends = endsScratch;
  let k = 0;
  // LF only (nearly every text): the engine's string search finds the breaks. Else one pass.
  const lfOnly = text.indexOf('\r') < 0;
  let start = 0;
  for (let i = lfOnly ? text.indexOf('\n') : 0; ; ) {
    let end: number;
    let next: number;
    if (lfOnly) {
      end = i < 0 ? n : i;
      next = i + 1;
    } else {
      while (i < n && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
      end = i;
      next = i < n && text.charCodeAt(i) === 13 && i + 1 < n && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
    }
    if (k === starts.length) {
      const s2 = new Int32Array(k * 2);
      const e2 = new Int32Array(k * 2);
      s2.set(starts);
      e2.set(ends);
      starts = s2;
      ends = e2;
    }
    starts[k] = start;
    ends[k++] = end;
    if (end === n) break;
    start = next;
    i = lfOnly ? text.indexOf('\n', start) : start;
  }
  const lines = new Lines(text, starts.slice(0, k), ends.slice(0, k));
  if (starts.length <= KEPT_LINES) {
    startsScratch = starts;
    endsScratch = ends;
  }
  return lines;
}

/** Whether `text` has `word` within [start, end) (no slice made). */
export function rangeIncludes(text: string, start: number, end: number, word: string): boolean {
  const w0 = word.charCodeAt(0);
  outer: for (let i = start; i + word.length <= end; i++) {
    if (text.charCodeAt(i) !== w0) continue;
    for (let q = 1; q < word.length; q++) if (text.charCodeAt(i + q) !== word.charCodeAt(q)) continue outer;
    return true;
  }
  return false;
}

/** Maps offsets to 0-based line / UTF-16 character positions and back. */
export class LineIndex {
  private readonly starts: ArrayLike<number>;
  /** `lines`, when given, are the text's lines from `splitLines` (their starts are reused, no second pass). */
  constructor(private readonly text: string, lines?: Lines) {
    if (lines) {
      this.starts = lines.startOffsets;
      return;
    }
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }
  get lineCount(): number {
    return this.starts.length;
  }
  positionAt(offset: number): { line: number; character: number } {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }
  offsetAt(pos: { line: number; character: number }): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    const lineStart = this.starts[pos.line];
    const next = pos.line + 1 < this.starts.length ? this.starts[pos.line + 1] : this.text.length;
    return Math.max(lineStart, Math.min(lineStart + pos.character, next));
  }
}

/** A span of text: a field of a row, a heading, a label. */
export interface Span {
  start: number;
  end: number;
  text: string;
}

/** Trims report whitespace from both ends of [start, end) of `text`, returning the inner span. */
export function trimSpan(text: string, start: number, end: number): Span {
  const s = trimStart(text, start, end);
  const e = trimEnd(text, s, end);
  return { start: s, end: e, text: text.slice(s, e) };
}

/** The first offset of [start, end) that is not a space (`isSpaceCode`), or end. */
export function trimStart(text: string, start: number, end: number): number {
  while (start < end && isSpaceCode(text.charCodeAt(start))) start++;
  return start;
}

/** Just past the last offset of [start, end) that is not a space, or start. */
export function trimEnd(text: string, start: number, end: number): number {
  while (end > start && isSpaceCode(text.charCodeAt(end - 1))) end--;
  return end;
}

/**
 * Normalises a label for matching: NFKC (full-width to half-width), then keeps only CJK
 * ideographs. Ordinals written with digits ("1.", "(2)") and OCR debris ("į", "_") vanish, so
 * "（三） 不予公 开" and "(三)不予公开" compare equal. A digit inside a label is never a cell.
 */
export function normalizeLabel(s: string): string {
  // Fast path: NFKC only matters here for characters that fold into ideographs (radicals,
  // compatibility and enclosed ideographs); most labels have none. The kept characters are
  // copied in runs (a label is mostly ideographs), not one by one.
  let out = '';
  let run = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) {
      if (run < 0) run = i;
      continue;
    }
    if (foldsToIdeograph(c)) return normalizeLabelSlow(s);
    if (run >= 0) {
      out += s.slice(run, i);
      run = -1;
    }
  }
  if (run === 0) return s;
  return run > 0 ? out + s.slice(run) : out;
}

/**
 * Code units outside the ideograph blocks that NFKC may turn into ideographs: radicals, Hangzhou
 * numerals, kanbun, enclosed and compatibility ideographs, and surrogates (supplementary ones).
 */
export function foldsToIdeograph(c: number): boolean {
  return (
    (c >= 0x2e80 && c <= 0x2fdf) ||
    (c >= 0x3038 && c <= 0x303a) ||
    (c >= 0x3190 && c <= 0x319f) ||
    (c >= 0x3200 && c <= 0x33ff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xd800 && c <= 0xdfff)
  );
}

function normalizeLabelSlow(s: string): string {
  const n = s.normalize('NFKC');
  let out = '';
  for (let i = 0; i < n.length; i++) {
    const c = n.charCodeAt(i);
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) out += n[i];
  }
  return out;
}

/**
 * `s.normalize('NFKC')`, skipping the work when every character is one NFKC leaves alone (ASCII,
 * CJK ideographs, CJK punctuation, curly quotes and dashes) or one whose folding does not matter
 * to a reader that treats all whitespace alike (U+3000, NBSP). Lengths and offsets then agree.
 */
export function foldNFKC(s: string): string {
  for (let i = 0; i < s.length; i++) if (!nfkcIndifferent(s.charCodeAt(i))) return s.normalize('NFKC');
  return s;
}

/** A code unit `foldNFKC` leaves as it is (see there). */
export function nfkcIndifferent(c: number): boolean {
  return c < 0x80 || c === 0xa0 || c === 0x3000 || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3001 && c <= 0x3035) || c === 0x3037 || c === 0x2010 || (c >= 0x2012 && c <= 0x2016) || (c >= 0x2018 && c <= 0x2022);
}

/**
 * The compacted text: all whitespace (what /\s/ matches, and U+FEFF) dropped and full-width
 * ASCII folded, which is all that NFKC would change in the phrases looked for across spaces and
 * wrapped lines. The engine no longer builds it: `CompactMatcher` and `yearInBody` read it in
 * place, and this is their definition (test/property/fastpaths.test.ts).
 */
export function compact(s: string): string {
  return s.replace(/[\s\ufeff]+/g, '').replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Whether `compact` drops a code unit: what /\s/ matches, and U+FEFF. */
export function isCompactSpace(c: number): boolean {
  return c <= 32 ? c === 32 || (c >= 9 && c <= 13) : c >= 0xa0 && isJsWhitespace(c);
}

/** A code unit as `compact` writes it: full-width ASCII folded to ASCII. */
export function compactFold(c: number): number {
  return c >= 0xff01 && c <= 0xff5e ? c - 0xfee0 : c;
}

/**
 * Finds which of some words (compact themselves: no whitespace, no full-width ASCII) occur in
 * `compact(text.slice(start, end))`, without making that string: each position whose character
 * starts some word is tried, skipping what `compact` drops. Build once per word list.
 */
export class CompactMatcher {
  /** For a code unit that starts some word (or folds into one that does): 1 + the first such word. */
  private readonly first = new Int32Array(0x10000);
  /** 1 + the next word with the same first character (0: none). */
  private readonly next: Int32Array;
  constructor(readonly words: readonly string[]) {
    this.next = new Int32Array(words.length);
    for (let w = words.length - 1; w >= 0; w--) {
      const c = words[w].charCodeAt(0);
      this.next[w] = this.first[c];
      this.first[c] = w + 1;
    }
    // The full-width forms `compact` would fold into a first character start the same words.
    for (let c = 0x21; c <= 0x7e; c++) if (this.first[c] !== 0) this.first[c + 0xfee0] = this.first[c];
  }
  /** For each word, whether it occurs (1) or not (0). A typed array: one shape for every matcher. */
  find(text: string, start: number, end: number): Uint8Array {
    const { words, first, next } = this;
    const found = new Uint8Array(words.length);
    let left = words.length;
    for (let i = start; i < end && left > 0; i++) {
      const head = first[text.charCodeAt(i)];
      if (head === 0) continue;
      for (let w = head - 1; w >= 0; w = next[w] - 1) {
        const word = words[w];
        if (found[w]) continue;
        let j = i + 1;
        let q = 1;
        for (; q < word.length; q++) {
          while (j < end && isCompactSpace(text.charCodeAt(j))) j++;
          if (j >= end || compactFold(text.charCodeAt(j)) !== word.charCodeAt(q)) break;
          j++;
        }
        if (q === word.length) {
          found[w] = 1;
          left--;
        }
      }
    }
    return found;
  }
}

/** What /\s/ matches above U+009F (with U+00A0), plus U+FEFF. */
function isJsWhitespace(c: number): boolean {
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}


/**
 * Similarity of a found label to an expected one, in [0, 1]: the size of the multiset
 * intersection of their characters divided by a length that weighs the expected label most.
 * A found label that holds the expected one plus merged group labels ("（四）无法提供" +
 * "1.本机关不掌握…") still scores high; OCR damage costs a little per damaged character.
 */
export function labelSimilarity(found: string, expected: string, expectedCounts: Map<string, number>): number {
  if (found === expected) return 1;
  if (found.length === 0 || expected.length === 0) return 0;
  const used = new Map<string, number>();
  let common = 0;
  for (const ch of found) {
    const have = expectedCounts.get(ch);
    if (have === undefined) continue;
    const u = used.get(ch) ?? 0;
    if (u < have) {
      used.set(ch, u + 1);
      common++;
    }
  }
  return common / (0.75 * expected.length + 0.25 * found.length);
}

export function charCounts(s: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const ch of s) m.set(ch, (m.get(ch) ?? 0) + 1);
  return m;
}

/** Chinese ordinals used by headings and block titles. */
export const CHINESE_NUMERALS = '〇一二三四五六七八九十';

export function chineseNumeralValue(s: string): number | null {
  const map: Record<string, number> = { 〇: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
  if (s.length === 1) return map[s] ?? null;
  if (s.length === 2 && s[0] === '十') return 10 + (map[s[1]] ?? NaN);
  if (s.length === 2 && s[1] === '十') return (map[s[0]] ?? NaN) * 10;
  if (s.length === 3 && s[1] === '十') return (map[s[0]] ?? NaN) * 10 + (map[s[2]] ?? NaN);
  return null;
}
