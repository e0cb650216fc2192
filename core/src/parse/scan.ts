// Line helpers shared by the parser's stages: finding lines that hold ideographs (the only ones
// that can carry a heading or a label), a table's region of lines, trimming offsets.
import { type Lines, trimEnd, trimStart } from '../text';

/**
 * A character `normalizeLabel` could keep: an ideograph, or one that NFKC folds into one
 * (`foldsToIdeograph`). A line without any (a value, a placeholder, a tab) can carry neither a
 * label nor a heading, and most lines of a one-cell-per-line table are such lines.
 */
const IDEOGRAPHIC = /[\u2e80-\u2fdf\u3038-\u303a\u3190-\u319f\u3200-\u9fff\uf900-\ufaff\ud800-\udfff]/g;

/** The first line in [from, to) holding an IDEOGRAPHIC character (to if none): found by the regular-expression engine, not line by line. */
export function nextLineHolding(text: string, lines: Lines, from: number, to: number): number {
  if (from >= to) return to;
  IDEOGRAPHIC.lastIndex = lines.startOf(from);
  if (!IDEOGRAPHIC.test(text)) return to;
  const at = IDEOGRAPHIC.lastIndex - 1;
  let i = from;
  while (i < to && lines.endOf(i) <= at) i++;
  return i;
}

export interface Region {
  startLine: number;
  /** Exclusive. */
  endLine: number;
}

/** The trimmed range of [start, end) (as `trimSpan`, without the slice). */
export function trimmed(text: string, start: number, end: number): { s: number; e: number } {
  const s = trimStart(text, start, end);
  return { s, e: trimEnd(text, s, end) };
}
