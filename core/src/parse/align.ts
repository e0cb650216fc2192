// Stage: label scoring and alignment. Candidates are aligned to the template's rows in order by
// dynamic programming, maximising label similarity: an OCR-damaged label lands on its row
// because its neighbours do.
import { type BlockDef, type RowDef, type TableDef } from '../formats/types';
import { charCounts, normalizeLabel } from '../text';
import { type Candidate } from './fields';

/** Minimum similarity for a found label to stand for an expected row. */
export const MATCH_THRESHOLD = 0.5;

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
  private readonly exactRows = new Map<string, Computed>();
  /**
   * What `compute` wrote for labels not of the template, by normalised text: the rows it raised,
   * their scores and winners. Most recur (a report re-read on every edit, the column headers and
   * OCR-damaged labels every report of a layout shares), and a label's scores depend on nothing
   * else. Cleared when full, so that it stays small.
   */
  private readonly computed = new Map<string, Computed>();
  /** Scratch of `remember`: a row of scores and winners, all zeros between calls. */
  private readonly rowScratch: Float64Array;
  private readonly winnerScratch: Int32Array;
  /** The expected row each template label names exactly (`exactRow`), by its normalised text. */
  private readonly exactRowOf = new Map<string, number>();
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
    this.rowScratch = new Float64Array(expected.length);
    this.winnerScratch = new Int32Array(expected.length);
    // Labels are normalised to BMP ideographs, so a code unit names a character.
    for (const [ch, id] of alphabet) if (ch.length === 1) this.idOfCode[ch.charCodeAt(0)] = id + 1;
    // The score rows of the template's own labels, computed once (most labels found are these).
    const E = expected.length;
    for (const norm of this.norms) {
      if (this.exactRows.has(norm)) continue;
      const rowScores = new Float64Array(E);
      const rowWinners = new Int32Array(E);
      this.compute(norm, rowScores, rowWinners, 0);
      // Kept as the rows it raised (`score` writes into a row of zeros); of the winners only
      // aliases: a winner that is an official label names no alias.
      const c: Computed = { at: [], rowScores: [], rowWinners: [], best: NO_BEST };
      rowScores.forEach((score, k) => {
        if (score === 0) return;
        const w = rowWinners[k];
        c.at.push(k);
        c.rowScores.push(score);
        c.rowWinners.push(w !== 0 && this.ownerAlias[w - 1] !== undefined ? w : 0);
      });
      if (c.at.length > 0) c.best = bestOf(c.rowScores, c.at);
      this.exactRows.set(norm, c);
      const exact = rowScores.indexOf(1);
      if (exact >= 0) this.exactRowOf.set(norm, exact);
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
    // A found label written exactly as the template's (its scores are part of the format), or
    // one scored before.
    const c = this.exactRows.get(found) ?? this.computed.get(found) ?? this.remember(found);
    const { at, rowScores, rowWinners } = c;
    for (let k = 0; k < at.length; k++) {
      scores[offset + at[k]] = rowScores[k];
      winners[offset + at[k]] = rowWinners[k];
    }
    return at.length > 0;
  }

  /**
   * The best score of a label over the rows, and the first row that has it (as a scan of the
   * scores `score` writes finds them); score 0 and row -1 when no row reaches the threshold.
   */
  best(found: string): Best {
    const known = this.exactRows.get(found);
    if (known) return known.best;
    return (this.computed.get(found) ?? this.remember(found)).best;
  }

  /** `compute` for a label not of the template, its result kept (`computed`). */
  private remember(found: string): Computed {
    const { rowScratch, winnerScratch } = this;
    const c: Computed = { at: [], rowScores: [], rowWinners: [], best: NO_BEST };
    // `compute` writes a row only when it reaches the threshold, and then says so: the rows
    // written are the nonzero ones.
    if (this.compute(found, rowScratch, winnerScratch, 0)) {
      for (let j = 0; j < rowScratch.length; j++) {
        if (rowScratch[j] === 0) continue;
        c.at.push(j);
        c.rowScores.push(rowScratch[j]);
        c.rowWinners.push(winnerScratch[j]);
        rowScratch[j] = 0;
        winnerScratch[j] = 0;
      }
      c.best = bestOf(c.rowScores, c.at);
    }
    if (this.computed.size >= MAX_COMPUTED) this.computed.clear();
    this.computed.set(found, c);
    return c;
  }

  /** The expected row a found label names exactly (an official label or an alias), or -1. */
  exactRow(found: string): number {
    return this.exactRowOf.get(found) ?? -1;
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

/** A label's rows as `compute` wrote them: row `at[k]` got `rowScores[k]`, `rowWinners[k]`. */
interface Computed {
  at: number[];
  rowScores: number[];
  rowWinners: number[];
  best: Best;
}

/** A label's best score over the rows (`LabelScorer.best`) and the first row that has it. */
export interface Best {
  readonly score: number;
  readonly row: number;
}

const NO_BEST: Best = { score: 0, row: -1 };

/** The best of `scores` (over rows `at[k]`, in increasing order, or rows 0…), and its first row. */
function bestOf(scores: ArrayLike<number>, at?: readonly number[]): Best {
  let score = 0;
  let row = -1;
  for (let k = 0; k < scores.length; k++) {
    if (scores[k] > score) {
      score = scores[k];
      row = at ? at[k] : k;
    }
  }
  return row < 0 ? NO_BEST : { score, row };
}

/** Labels kept by `LabelScorer.computed`, at most (a few hundred bytes each). */
const MAX_COMPUTED = 4096;

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

export interface Match {
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

/**
 * The winners buffer of an alignment (as `scratch`), all zeros: `align` leaves the kept one so
 * (as it does the scores buffer), clearing only the rows it wrote.
 */
function winnersScratch(n: number): Int32Array {
  if (n > KEPT_BUFFER) return new Int32Array(n);
  if (keptWinners.length < n) keptWinners = new Int32Array(Math.min(KEPT_BUFFER, 2 * n));
  return keptWinners;
}

/**
 * Aligns found labels to expected rows, keeping both in order and maximising total similarity
 * (a Needleman–Wunsch style alignment without gap costs). The template's order is strong
 * evidence: an OCR-damaged label still lands on its row when its neighbours match.
 */

export function align(cands: Candidate[], scorer: LabelScorer): Match[] {
  const C = cands.length;
  const E = scorer.expected.length;
  if (C === 0 || E === 0) return [];
  const W = E + 1;
  // Buffers reused across calls: dp needs zeros only in its first row and column (every other
  // entry is written before it is read); scores and winners must start at zero, and are left so
  // (below): only the rows of the candidates kept were written, and only they are cleared.
  const dp = scratch(0, (C + 1) * W);
  const scores = scratch(1, C * E);
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
  scores.fill(0, 0, R * E);
  winners.fill(0, 0, R * E);
  return out.reverse();
}
