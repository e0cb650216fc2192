// Stage: the text layout reader. A line is split into fields (tabs, else pipes, else runs of
// spaces), kept as offset pairs; a run of numbers apart is one field per number. The leading
// text fields form a candidate label (normalised to its CJK characters); the rest are values.
import { isUnit, looksLikeValue } from '../numbers';
import { isCompactSpace, isSpaceCode, normalizeLabel, trimEnd, trimStart } from '../text';

/** Longest label (in CJK characters) considered a row label; prose lines are longer. */
const MAX_LABEL = 60;

/**
 * The trimmed fields of a line, as offsets: field k is `text.slice(f[2k], f[2k + 1])`. Offsets,
 * not strings or objects: most fields are only looked at, and a cell's text is sliced when the
 * cell is made.
 */
export type Fields = number[];

export const fieldStart = (f: Fields, k: number) => f[2 * k];

export const fieldEnd = (f: Fields, k: number) => f[2 * k + 1];

export const fieldEmpty = (f: Fields, k: number) => f[2 * k] === f[2 * k + 1];

/**
 * Pushes the trimmed range [start, end) (trimmed of `isSpaceCode` characters) onto `out`; a range
 * that is a run of numbers apart ("41 6", "447   7   0") is pushed as one field per number.
 */
export function pushTrimmed(out: Fields, text: string, start: number, end: number): void {
  const s = trimStart(text, start, end);
  const e = trimEnd(text, s, end);
  // Scanned for inner whitespace; an ideograph no value holds ends the scan: a label, not a run
  // of numbers.
  let space = false;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x3400 && c <= 0x9fff) {
      if (valueIdeograph[c] === 0) {
        space = false;
        break;
      }
    } else if (i > s && isSpaceCode(c)) space = true;
  }
  if (space) pushValueRun(out, text, s, e);
  else out.push(s, e);
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
export function fieldsOf(text: string, start: number, end: number): Fields {
  const out: Fields = [];
  let pipes = 0;
  let tab = -1;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 9) {
      tab = i;
      break;
    }
    if (c === 124) pipes++;
  }
  if (tab >= 0) {
    // The first field ends at the tab just found.
    pushTrimmed(out, text, start, tab);
    let s = tab + 1;
    for (let i = s; i <= end; i++) {
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

/** 1 for each value ideograph, by UTF-16 code unit (a table: asked for every character of a field). */
const valueIdeograph = new Uint8Array(0x10000);

for (const c of VALUE_IDEOGRAPHS) valueIdeograph[c.charCodeAt(0)] = 1;

/** `looksLikeValue(text.slice(start, end))`, without the slice for plain digits and for labels. */
export function looksLikeValueAt(text: string, start: number, end: number): boolean {
  if (start === end) return true;
  let digits = end - start <= 15;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    digits = false;
    if (c >= 0x3400 && c <= 0x9fff && valueIdeograph[c] === 0) return false;
  }
  return digits || looksLikeValue(text.slice(start, end));
}

export interface Candidate {
  line: number;
  fields: Fields;
  /** Index of the first and last label field. */
  labelFirst: number;
  labelLast: number;
  label: string;
  /**
   * The line the label ends on: `line`, or a later one when the label wraps over label-only lines
   * (parse/wrapped.ts); values standing one per line are read after it.
   */
  lastLine: number;
}

/**
 * The label of a line (its fields up to the first value), normalised. Fields are separated by
 * characters `normalizeLabel` drops, so the label is normalised from one slice of the line.
 */
export function candidateOf(text: string, line: number, start: number, end: number): Candidate | null {
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
  return { line, fields, labelFirst, labelLast, label, lastLine: line };
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

/**
 * The length of [start, end) without what a safe number fix may remove or fold (digits,
 * separators, signs, spaces, units): the tests of how long a line is that decide where a row's
 * values stop use it, so that fixing "1,000,000" to "1000000" cannot change how a table reads.
 */
export function wordyLength(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19) || c === 44 || c === 43 || c === 0xff0b || isSpaceCode(c) || valueIdeograph[c] !== 0) continue;
    n++;
  }
  return n;
}
