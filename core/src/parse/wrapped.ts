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
  const scoring = new Scoring(scorer);
  return joinValueLines(text, lines, joinLabelLines(text, lines, scanned, scoring), scorer, scoring);
}

/** The best score of a label over a table's rows (`best`), and which row gave it (`row`). */
class Scoring {
  /** Made on first use: most tables join nothing and never score here. */
  private scores: Float64Array | undefined;
  private winners: Int32Array | undefined;
  row = -1;
  constructor(private readonly scorer: LabelScorer) {}
  best(label: string): number {
    const scores = (this.scores ??= new Float64Array(this.scorer.expected.length));
    const winners = (this.winners ??= new Int32Array(this.scorer.expected.length));
    scores.fill(0);
    winners.fill(0);
    this.row = -1;
    if (!this.scorer.score(label, scores, winners, 0)) return 0;
    let m = 0;
    for (let j = 0; j < scores.length; j++) {
      if (scores[j] > m) {
        m = scores[j];
        this.row = j;
      }
    }
    return m;
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
  // Which candidates could be pieces: label only, and not the head of values standing one per
  // line below it (that label reads its values itself).
  let pieces = 0;
  let valued = 0;
  const kind = new Int8Array(n); // 1: has values; 2: a label-only piece; 0: neither
  for (let k = 0; k < n; k++) {
    const c = cands[k];
    if (hasValues(c)) {
      kind[k] = 1;
      valued++;
    } else if (!valuesOnly(text, lines, c.line + 1)) {
      kind[k] = 2;
      pieces++;
    }
  }
  if (valued === 0 || pieces === 0) return cands;
  const best = (label: string) => scoring.best(label);
  const used = new Uint8Array(n);
  const joined = new Map<number, Candidate>();
  for (let v = 0; v < n; v++) {
    if (kind[v] !== 1) continue;
    // The pieces just before and after, contiguous, each near the next.
    const before: number[] = [];
    for (let k = v - 1, at = cands[v].line; k >= 0 && before.length < MAX_BEFORE && kind[k] === 2 && !used[k] && at - cands[k].line <= MAX_GAP; k--) {
      before.push(k);
      at = cands[k].line;
    }
    const after: number[] = [];
    for (let k = v + 1, at = cands[v].line; k < n && after.length < MAX_AFTER && kind[k] === 2 && cands[k].line - at <= MAX_GAP; k++) {
      after.push(k);
      at = cands[k].line;
    }
    if (before.length === 0 && after.length === 0) continue;
    const own = best(cands[v].label);
    if (own >= WHOLE) continue;
    let top = own;
    let topRow = -1;
    let pick: [number, number] = [0, 0];
    for (let p = 0; p <= before.length; p++) {
      for (let s = 0; s <= after.length; s++) {
        if (p === 0 && s === 0) continue;
        let label = '';
        for (let q = p - 1; q >= 0; q--) label += cands[before[q]].label;
        label += cands[v].label;
        for (let q = 0; q < s; q++) label += cands[after[q]].label;
        const score = best(label);
        if (score > top) {
          top = score;
          topRow = scoring.row;
          pick = [p, s];
        }
      }
    }
    if (top < MATCH_THRESHOLD || top < own + GAIN || (pick[0] === 0 && pick[1] === 0)) continue;
    // The piece holding the values must be part of that row's label itself: a line of values
    // under a header or a stray word is not taken for the row of the label line above it.
    const row = scorer.expected[topRow].labels[0].norm;
    if (labelSimilarity(cands[v].label, row, charCounts(row)) < OWN_SHARE) continue;
    let label = '';
    for (let q = pick[0] - 1; q >= 0; q--) {
      label += cands[before[q]].label;
      used[before[q]] = 1;
    }
    label += cands[v].label;
    for (let q = 0; q < pick[1]; q++) {
      label += cands[after[q]].label;
      used[after[q]] = 1;
    }
    joined.set(v, { line: cands[v].line, fields: cands[v].fields, labelFirst: cands[v].labelFirst, labelLast: cands[v].labelLast, label, lastLine: cands[v].lastLine });
  }
  if (joined.size === 0) return cands;
  const out: Candidate[] = [];
  for (let k = 0; k < n; k++) {
    if (used[k]) continue;
    out.push(joined.get(k) ?? cands[k]);
  }
  return out;
}
