// The report's year from its body, read in the compacted text (whitespace dropped, full-width
// ASCII folded: see `compact`) without making that text. Defined as, on compact(text):
//   the year of the first /统计期限自((?:19|20)\d{2})年/, else
//   the most frequent year of /((?:19|20)\d{2})年(?!\d{1,2}月\d{1,2}日)/g (ties: the earlier year);
// test/property/fastpaths.test.ts holds it to that definition.
import { compactFold, isCompactSpace } from './text';

const NIAN = 0x5e74; // 年
const YUE = 0x6708; // 月
const RI = 0x65e5; // 日
const PERIOD = '统计期限自';

/** The index of the first character `compact` keeps at or after `i` (text.length if none). */
function keptFrom(text: string, i: number): number {
  while (i < text.length && isCompactSpace(text.charCodeAt(i))) i++;
  return i;
}

/** The index of the last character `compact` keeps before `i` (-1 if none). */
function keptBefore(text: string, i: number): number {
  i--;
  while (i >= 0 && isCompactSpace(text.charCodeAt(i))) i--;
  return i;
}

const digitAt = (text: string, i: number): number => {
  const c = compactFold(text.charCodeAt(i));
  return c >= 48 && c <= 57 ? c - 48 : -1;
};

/** The year whose four digits end just before the kept character at `nian` (a 年), or null. */
function yearEndingAt(text: string, nian: number): number | null {
  let year = 0;
  let scale = 1;
  let i = nian;
  for (let k = 0; k < 4; k++) {
    i = keptBefore(text, i);
    const d = i < 0 ? -1 : digitAt(text, i);
    if (d < 0) return null;
    year += d * scale;
    scale *= 10;
  }
  return year >= 1900 && year <= 2099 ? year : null;
}

/** Whether kept characters from `i` read 1–2 digits then `unit`; the index after it, or -1. */
function digitsThen(text: string, i: number, unit: number): number {
  let n = 0;
  for (;;) {
    i = keptFrom(text, i);
    if (i >= text.length) return -1;
    if (digitAt(text, i) >= 0) {
      n++;
      i++;
      continue;
    }
    return (n === 1 || n === 2) && text.charCodeAt(i) === unit ? i + 1 : -1;
  }
}

/** Whether a date ("1月26日") follows the 年 at `nian`: that 年 is part of a date, not a year of the report. */
function dateFollows(text: string, nian: number): boolean {
  const afterMonth = digitsThen(text, nian + 1, YUE);
  return afterMonth >= 0 && digitsThen(text, afterMonth, RI) >= 0;
}

/** Whether the kept characters from `i` spell `word`; the index after it, or -1. */
function spells(text: string, i: number, word: string): number {
  for (let q = 0; q < word.length; q++) {
    i = keptFrom(text, i);
    if (i >= text.length || compactFold(text.charCodeAt(i)) !== word.charCodeAt(q)) return -1;
    i++;
  }
  return i;
}

export function yearInBody(text: string): { year: number | null; source: 'period' | 'body' | null } {
  // The statistics period: the first "统计期限自" followed by a year and 年.
  for (let i = text.indexOf(PERIOD[0]); i >= 0; i = text.indexOf(PERIOD[0], i + 1)) {
    let j = spells(text, i, PERIOD);
    if (j < 0) continue;
    let year = 0;
    let k = 0;
    for (; k < 4; k++) {
      j = keptFrom(text, j);
      const d = j < text.length ? digitAt(text, j) : -1;
      if (d < 0) break;
      year = year * 10 + d;
      j++;
    }
    if (k < 4 || year < 1900 || year > 2099) continue;
    j = keptFrom(text, j);
    if (j < text.length && text.charCodeAt(j) === NIAN) return { year, source: 'period' };
  }
  // Else the most frequent year that is not a date's.
  const counts = new Map<number, number>();
  for (let i = text.indexOf('年'); i >= 0; i = text.indexOf('年', i + 1)) {
    const y = yearEndingAt(text, i);
    if (y === null || dateFollows(text, i)) continue;
    counts.set(y, (counts.get(y) ?? 0) + 1);
  }
  let best: number | null = null;
  for (const [y, c] of counts) if (best === null || c > counts.get(best)! || (c === counts.get(best)! && y < best)) best = y;
  return { year: best, source: best === null ? null : 'body' };
}
