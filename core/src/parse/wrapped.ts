// Stage (text copied out of PDFs and web pages): row labels wrapped over several lines, joined.
// A label too long for its cell continues on the next line; the numbers sit after one of its
// pieces ("1、申请人无正当理由逾期不补" / "正、行政机关不再处理其政府信  67 3 0 0 1 0 71" /
// "息公开申请"), or a browser breaks a cell of two paragraphs ("（六）其他处理⇥1.申请人…行政机关" /
// "不再处理其政府信息公开申请⇥0⇥0…"). The pieces are joined by the template: a line holding values
// takes the label-only lines just before and after it when, together, they name a row of the
// table clearly better than its own piece does.
import { MATCH_THRESHOLD, type LabelScorer } from './align';
import { type Candidate, fieldEmpty, looksLikeValueAt } from './fields';
import { charCounts, labelSimilarity, type Lines, trimEnd, trimStart } from '../text';

/** Label-only lines a piece of a label may take before its values' line, and after it. */
const MAX_BEFORE = 3;
const MAX_AFTER = 2;
/** Lines between two pieces of one label, at most (blank lines and page furniture between them). */
const MAX_GAP = 3;
/** A label scoring this well alone is not wrapped. */
const WHOLE = 0.8;
/** How much better the joined label must score than the piece alone. */
const GAIN = 0.1;
/** How similar the piece holding the values must be to the row it is joined into, at least. */
const OWN_SHARE = 0.25;

/** Whether a candidate's own line holds values after its label. */
function hasValues(c: Candidate): boolean {
  for (let k = c.labelLast + 1; k < c.fields.length >> 1; k++) if (!fieldEmpty(c.fields, k)) return true;
  return false;
}

/** Whether line `i` holds only values (no label): the values of a label standing above it. */
function valuesOnly(text: string, lines: Lines, i: number): boolean {
  if (i >= lines.length) return false;
  const s = lines.startOf(i);
  const e = lines.endOf(i);
  const ts = trimStart(text, s, e);
  const te = trimEnd(text, ts, e);
  return ts < te && looksLikeValueAt(text, ts, te);
}

/** Wrapped labels joined, in two passes: label-only lines first, then lines holding values. */
export function joinWrappedLabels(text: string, lines: Lines, scanned: Candidate[], scorer: LabelScorer): Candidate[] {
  // Text of one cell per line (no line holds a label and its values) does not wrap this way:
  // nothing to join, and nothing scored.
  let valued = false;
  for (let k = 0; k < scanned.length && !valued; k++) valued = hasValues(scanned[k]);
  if (!valued) return scanned;
  const scoring = new Scoring(scorer);
  return joinValueLines(text, lines, joinLabelLines(text, lines, scanned, scoring), scorer, scoring);
}

/** The best score of a label over a table's rows (`best`), and which row gave it (`row`). */
class Scoring {
  row = -1;
  constructor(private readonly scorer: LabelScorer) {}
  /** Whether a label is exactly a row's (official or alias): it scores 1, and is no piece. */
  exact(label: string): boolean {
    return this.scorer.exactRow(label) >= 0;
  }
  best(label: string): number {
    const b = this.scorer.best(label);
    this.row = b.row;
    return b.score;
  }
}

/**
 * Label-only lines joined while the next one continues the label ("（二）部分公开（…只计这一情
 * 形，不" / "计其他情形）" / its values on the line below; pypdf's three-line labels above a line
 * of values): the joined label must name a row clearly better than either part. The values are
 * then read after the last piece (`lastLine`).
 */
function joinLabelLines(text: string, lines: Lines, cands: Candidate[], scoring: Scoring): Candidate[] {
  let out: Candidate[] | null = null;
  for (let k = 0; k < cands.length; k++) {
    let cur = cands[k];
    while (k + 1 < cands.length) {
      const next = cands[k + 1];
      if (hasValues(cur) || hasValues(next) || next.line - cur.lastLine > 2 || valuesOnly(text, lines, cur.lastLine + 1)) break;
      // A piece that is a row's label exactly is a row of its own (a map lookup: most are).
      if (scoring.exact(cur.label) || scoring.exact(next.label)) break;
      const joined = cur.label + next.label;
      const score = scoring.best(joined);
      if (score < MATCH_THRESHOLD || score < Math.max(scoring.best(cur.label), scoring.best(next.label)) + GAIN) break;
      cur = { line: cur.line, fields: cur.fields, labelFirst: cur.labelFirst, labelLast: cur.labelLast, label: joined, lastLine: next.lastLine };
      out ??= cands.slice(0, k);
      k++;
    }
    if (out) out.push(cur);
  }
  return out ?? cands;
}

/**
 * The candidates with wrapped labels joined: a candidate with values takes the label-only
 * candidates around it that complete its label; those pieces are no candidates of their own any
 * more. Candidates are in line order. Returns `cands` itself when nothing is joined.
 */
function joinValueLines(text: string, lines: Lines, cands: Candidate[], scorer: LabelScorer, scoring: Scoring): Candidate[] {
  const n = cands.length;
  // Whether each candidate could be a piece: label only, and not the head of values standing one
  // per line below it (that label reads its values itself). Found on demand: 0 not yet known.
  const piece = new Int8Array(n);
  const isPiece = (k: number): boolean => {
    if (piece[k] === 0) piece[k] = !hasValues(cands[k]) && !valuesOnly(text, lines, cands[k].line + 1) ? 1 : 2;
    return piece[k] === 1;
  };
  let used: Uint8Array | null = null;
  let joined: Map<number, Candidate> | null = null;
  for (let v = 0; v < n; v++) {
    if (!hasValues(cands[v])) continue;
    // The pieces just before and after, contiguous, each near the next.
    const before: number[] = [];
    for (let k = v - 1, at = cands[v].line; k >= 0 && before.length < MAX_BEFORE && at - cands[k].line <= MAX_GAP && !used?.[k] && isPiece(k); k--) {
      before.push(k);
      at = cands[k].line;
    }
    const after: number[] = [];
    for (let k = v + 1, at = cands[v].line; k < n && after.length < MAX_AFTER && cands[k].line - at <= MAX_GAP && isPiece(k); k++) {
      after.push(k);
      at = cands[k].line;
    }
    if (before.length === 0 && after.length === 0) continue;
    if (scoring.exact(cands[v].label)) continue;
    const own = scoring.best(cands[v].label);
    if (own >= WHOLE) continue;
    // Grown greedily: the nearest piece before, then the next, while the score rises; then the
    // pieces after. (Every combination cost up to eleven scorings per line on OCR text.)
    let top = own;
    let topRow = -1;
    let p = 0;
    let q = 0;
    while (p < before.length) {
      const score = scoring.best(labelOf(cands, v, before, p + 1, after, q));
      if (score <= top) break;
      top = score;
      topRow = scoring.row;
      p++;
    }
    while (q < after.length) {
      const score = scoring.best(labelOf(cands, v, before, p, after, q + 1));
      if (score <= top) break;
      top = score;
      topRow = scoring.row;
      q++;
    }
    if (top < MATCH_THRESHOLD || top < own + GAIN || topRow < 0) continue;
    // The piece holding the values must be part of that row's label itself: a line of values
    // under a header or a stray word is not taken for the row of the label line above it.
    const row = scorer.expected[topRow].labels[0].norm;
    if (labelSimilarity(cands[v].label, row, charCounts(row)) < OWN_SHARE) continue;
    used ??= new Uint8Array(n);
    for (let x = 0; x < p; x++) used[before[x]] = 1;
    for (let x = 0; x < q; x++) used[after[x]] = 1;
    (joined ??= new Map()).set(v, { line: cands[v].line, fields: cands[v].fields, labelFirst: cands[v].labelFirst, labelLast: cands[v].labelLast, label: labelOf(cands, v, before, p, after, q), lastLine: cands[v].lastLine });
  }
  if (!joined || !used) return cands;
  const out: Candidate[] = [];
  for (let k = 0; k < n; k++) {
    if (used[k]) continue;
    out.push(joined.get(k) ?? cands[k]);
  }
  return out;
}

/** The label of candidate `v` with its first `np` pieces before and `nq` after. */
function labelOf(cands: Candidate[], v: number, before: number[], np: number, after: number[], nq: number): string {
  let label = '';
  for (let x = np - 1; x >= 0; x--) label += cands[before[x]].label;
  label += cands[v].label;
  for (let x = 0; x < nq; x++) label += cands[after[x]].label;
  return label;
}
