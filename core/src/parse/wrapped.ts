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

/**
 * The candidates with wrapped labels joined: a candidate with values takes the label-only
 * candidates around it that complete its label; those pieces are no candidates of their own any
 * more. Candidates are in line order. Returns `cands` itself when nothing is joined.
 */
export function joinWrappedLabels(text: string, lines: Lines, cands: Candidate[], scorer: LabelScorer): Candidate[] {
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
  const E = scorer.expected.length;
  const scores = new Float64Array(E);
  const winners = new Int32Array(E);
  let bestRow = -1;
  /** The best score of a label over the table's rows; the row in `bestRow`. */
  const best = (label: string): number => {
    scores.fill(0);
    winners.fill(0);
    bestRow = -1;
    if (!scorer.score(label, scores, winners, 0)) return 0;
    let m = 0;
    for (let j = 0; j < E; j++) {
      if (scores[j] > m) {
        m = scores[j];
        bestRow = j;
      }
    }
    return m;
  };
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
          topRow = bestRow;
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
    joined.set(v, { line: cands[v].line, fields: cands[v].fields, labelFirst: cands[v].labelFirst, labelLast: cands[v].labelLast, label });
  }
  if (joined.size === 0) return cands;
  const out: Candidate[] = [];
  for (let k = 0; k < n; k++) {
    if (used[k]) continue;
    out.push(joined.get(k) ?? cands[k]);
  }
  return out;
}
