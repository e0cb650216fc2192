// Stage (plain `pdftotext`, without -layout): the tables `readStream` (parse/paragraphs.ts)
// leaves unread, read only where the text leaves no doubt which value is which cell.
//
// Table 三 column by column: where a table row's label cell is taller than one line, pdftotext
// gives the values of several rows as runs of lines, one run per column (「0 0 1 0 0 1 1 0 31」
// on consecutive lines: the 自然人 values of rows （三）1 to （四）1), then the next column's run,
// and the labels elsewhere. `readColumnStream` reads the table as one stream of value groups in
// the template's order: a value paragraph of its own is the next cell (row by row), and a run of
// K ≥ 2 lines starts a block of K whole rows, exactly as many runs of K as the rows have columns
// (K itself never equal to the number of columns: that could be K rows written row by row). The
// labels check the order: every row is labelled somewhere in the region, and each label followed
// by values stands where the stream puts it (a single value: at its row's first cell; a block:
// on one of the block's rows), at least half the groups (a row's single values, a block) so
// anchored.
//
// Table 四 with a header word between its values (「…1 0 总计 3」): `interleavedRow` reads the
// row in text order when each header word among the values names the column that order gives
// the value after it, and there are exactly the row's values. pdftotext puts a column's header
// word right before its value when both form one block; a value out of order has a header word
// that names another column (淮安 2024: 「总计」 before the ninth value), and the table stays unread.
import { type TableDef } from '../formats/types';
import { type UnreadWhy } from '../model';
import { type Lines, normalizeLabel } from '../text';
import { type LabelScorer, type Match } from './align';
import { type Candidate, fieldEmpty, pushTrimmed } from './fields';
import { emptyLine, exactPieces, gatherParagraphs, valueParagraph } from './paragraphs';
import { type Region, trimmed } from './scan';

/** A page number standing alone, as PDF text has it between a table's cells: 「-3-」, 「- 4 -」, 「第 5 页」. */
const PAGE_NUMBER = /^(?:[-－—–]\s*\d{1,3}\s*[-－—–]|第\s*\d{1,3}\s*页(?:\s*[，,]?\s*共\s*\d{1,3}\s*页)?)$/;

/** Whether line `i` is a page number and nothing else. */
export function pageNumberLine(text: string, lines: Lines, i: number): boolean {
  const { s, e } = trimmed(text, lines.startOf(i), lines.endOf(i));
  return e - s >= 3 && e - s <= 16 && PAGE_NUMBER.test(text.slice(s, e));
}

/** Similarity at which a label not written as the template's (a misprint) still names its row. */
const NAMES_ROW = 0.8;

interface Run {
  /** Offsets of the values (pairs), one per line. */
  spans: number[];
  first: number;
  last: number;
}

/**
 * Table 三 of plain pdftotext read as a stream of single values and column blocks (above); null
 * when any check fails (the caller marks the table unread). One candidate per row read, in the
 * template's order, with its label's fields and its values, and the matches to those rows.
 */
export function readColumnStream(text: string, lines: Lines, cands: Candidate[], region: Region, scorer: LabelScorer): { cands: Candidate[]; matches: Match[] } | null {
  const expected = scorer.expected;
  const E = expected.length;
  // Each expected row's label: candidate index (-1: none), joined label, last line, exactness.
  const labelAt = new Int32Array(E).fill(-1);
  const joined: string[] = new Array<string>(E).fill('');
  const lastLine = new Int32Array(E);
  const exact = new Uint8Array(E);
  const score = new Float64Array(E);
  // A row labelled with another version's label (2019's （六）其他处理 for 2021's （六）3).
  const foreignAt = new Int32Array(E).fill(-1);
  const scores = new Float64Array(E);
  const winners = new Int32Array(E);
  /** The label lines that lead values: [row, line of the first value, whether another version's label]. */
  const leads: [number, number, boolean][] = [];
  // Values after a label on its line: rows, not paragraphs (the stream would miss them).
  for (const c of cands) for (let k = c.labelLast + 1; k < c.fields.length >> 1; k++) if (!fieldEmpty(c.fields, k)) return null;
  for (let next = 0; next < cands.length; ) {
    const c = cands[next];
    let { row, label, pieces } = exactPieces(cands, next, scorer);
    const isExact = row >= 0;
    let foreign = false;
    if (row < 0) {
      pieces = 1;
      label = c.label;
      for (let r = 0; r < E && row < 0; r++) if (expected[r].row.foreign && normalizeLabel(expected[r].row.foreign!.label) === label) row = r;
      foreign = row >= 0;
      if (!foreign) row = fuzzyRow(scorer, label, scores, winners);
    }
    const last = cands[next + pieces - 1].line;
    next += pieces;
    if (row < 0) continue;
    if (foreign) foreignAt[row] = next - 1;
    else if (isExact || labelAt[row] < 0) {
      // A label met again (a column header 「其他」, then 「3、其他」): the later stands.
      labelAt[row] = next - pieces;
      joined[row] = label;
      lastLine[row] = last;
      exact[row] = isExact ? 1 : 0;
      score[row] = isExact ? 1 : scores[row];
    } else continue; // Like a row already labelled, not written as it: no row's.
    for (let j = last + 1; j < region.endLine; j++) {
      if (emptyLine(lines, j)) continue;
      if (valueParagraph(text, lines, j)) leads.push([row, j, foreign]);
      break;
    }
  }
  // The rows of the stream: a row another version's label stands for keeps that label, and the
  // rows it covers are not in the stream (parse/tables.ts `foreignRows` implies them).
  const skip = new Uint8Array(E);
  for (let r = 0; r < E; r++) {
    const f = expected[r].row.foreign;
    if (!f || foreignAt[r] < 0) continue;
    const covered = f.covers.map((id) => expected.findIndex((x) => x.row.id === id && x.block === expected[r].block));
    if (labelAt[r] >= 0 || covered.some((k) => k < 0 || labelAt[k] >= 0)) continue;
    for (const k of covered) skip[k] = 1;
    const c = cands[foreignAt[r]];
    labelAt[r] = foreignAt[r];
    joined[r] = c.label;
    lastLine[r] = c.lastLine;
    exact[r] = 1;
    score[r] = 1;
  }
  const rows: number[] = [];
  for (let r = 0; r < E; r++) {
    if (skip[r]) continue;
    if (labelAt[r] < 0) return null;
    rows.push(r);
  }
  const R = rows.length;
  const posOfRow = new Int32Array(E).fill(-1);
  for (let p = 0; p < R; p++) posOfRow[rows[p]] = p;

  // The runs of value lines, in text order; between two runs, whether only empty lines stand.
  const runs: Run[] = [];
  const joinedToNext: boolean[] = [];
  let run: Run | null = null;
  let gapClean = false;
  for (let i = region.startLine; i < region.endLine; i++) {
    if (valueParagraph(text, lines, i)) {
      if (!run) {
        if (runs.length > 0) joinedToNext[runs.length - 1] = gapClean;
        run = { spans: [], first: i, last: i };
        runs.push(run);
      }
      const { s, e } = trimmed(text, lines.startOf(i), lines.endOf(i));
      pushTrimmed(run.spans, text, s, e);
      run.last = i;
      continue;
    }
    if (run) gapClean = true;
    run = null;
    // Only empty lines (and page numbers) between two runs: they may be columns of one block.
    if (!emptyLine(lines, i) && !pageNumberLine(text, lines, i)) gapClean = false;
  }
  joinedToNext[runs.length - 1] = false;

  // The stream: each row's values (pairs), and for each run the stream row it starts at, whether
  // at the row's first cell, and the rows a block covers.
  const values: number[][] = rows.map(() => []);
  const runRow = new Int32Array(runs.length).fill(-1);
  const runRowStart = new Uint8Array(runs.length);
  const runBlock = new Int32Array(runs.length);
  let p = 0;
  let col = 0;
  for (let j = 0; j < runs.length; j++) {
    if (p >= R) return null;
    const N = expected[rows[p]].block.columns.length;
    const K = runs[j].spans.length >> 1;
    runRow[j] = p;
    runRowStart[j] = col === 0 ? 1 : 0;
    if (K === 1) {
      values[p].push(runs[j].spans[0], runs[j].spans[1]);
      runBlock[j] = 1;
      if (++col === N) {
        p++;
        col = 0;
      }
      continue;
    }
    // A block: K whole rows of N cells, N runs of K lines with only empty lines between them.
    if (col !== 0 || K === N || p + K > R || j + N > runs.length) return null;
    for (let k = 0; k < K; k++) if (expected[rows[p + k]].block.columns.length !== N) return null;
    for (let c = 0; c < N; c++) {
      const r = runs[j + c];
      if (r.spans.length >> 1 !== K || (c < N - 1 && !joinedToNext[j + c])) return null;
      for (let k = 0; k < K; k++) values[p + k].push(r.spans[2 * k], r.spans[2 * k + 1]);
      runRow[j + c] = p;
      runBlock[j + c] = K;
    }
    j += N - 1;
    p += K;
  }
  if (p !== R || col !== 0) return null;

  // The labels that lead values stand where the stream puts their rows.
  let anchored = 0;
  for (const [row, line, foreign] of leads) {
    // Another version's label the row was not read with (a 2021 group line 「（六）其他处理」): no row's.
    if (foreign && labelAt[row] !== foreignAt[row]) continue;
    const pos = posOfRow[row];
    const j = runs.findIndex((r) => r.first === line);
    if (pos < 0 || j < 0) return null;
    if (runBlock[j] === 1) {
      if (!runRowStart[j] || runRow[j] !== pos) return null;
    } else if (pos < runRow[j] || pos >= runRow[j] + runBlock[j]) return null;
    anchored++;
  }
  // Groups: a row's single values, a block.
  let groups = 0;
  for (let j = 0; j < runs.length; j++) if (runRowStart[j] && (j === 0 || runRow[j] !== runRow[j - 1] || runBlock[j] === 1)) groups++;
  if (2 * anchored < groups) return null;

  const out: Candidate[] = [];
  const matches: Match[] = [];
  for (let q = 0; q < R; q++) {
    const r = rows[q];
    const c = cands[labelAt[r]];
    const fields = c.fields.slice(0, 2 * (c.labelLast + 1));
    for (const v of values[q]) fields.push(v);
    out.push({ line: c.line, fields, labelFirst: c.labelFirst, labelLast: c.labelLast, label: joined[r], lastLine: lastLine[r] });
    matches.push({ cand: q, exp: r, score: score[r], exact: exact[r] === 1 });
  }
  return { cands: out, matches };
}

/** The one row a label not written as any of the template's names, by similarity; -1 for none or a tie. */
function fuzzyRow(scorer: LabelScorer, label: string, scores: Float64Array, winners: Int32Array): number {
  scores.fill(0);
  winners.fill(0);
  if (!scorer.score(label, scores, winners, 0)) return -1;
  let best = -1;
  let tie = false;
  for (let r = 0; r < scores.length; r++) {
    if (scores[r] < NAMES_ROW) continue;
    if (best < 0 || scores[r] > scores[best]) {
      best = r;
      tie = false;
    } else if (scores[r] === scores[best]) tie = true;
  }
  return tie ? -1 : best;
}

/** The names of table 四's columns under their group (结果维持 … 总计), normalised. */
function resultWord(tdef: TableDef, k: number): string {
  const label = tdef.blocks[0].columns[k].label;
  return normalizeLabel(label.slice(label.lastIndexOf('·') + 1));
}

/**
 * Table 四's value paragraphs from line `first` with header words (or page numbers) among them:
 * the values in text order when there are exactly N and each header word between two values
 * names the column the order gives the value after it; null otherwise.
 */
export function interleavedRow(text: string, lines: Lines, tdef: TableDef, region: Region, sectionLines: Set<number>, first: number, N: number): { spans: number[]; lastLine: number } | null {
  const words = new Set<string>();
  for (let k = 0; k < N; k++) words.add(resultWord(tdef, k));
  const spans: number[] = [];
  let lastLine = first;
  /** The header word seen since the last value ('' for none). */
  let word = '';
  for (let i = first; i < region.endLine && !sectionLines.has(i); i++) {
    if (emptyLine(lines, i)) continue;
    const { s, e } = trimmed(text, lines.startOf(i), lines.endOf(i));
    if (valueParagraph(text, lines, i)) {
      const k = spans.length >> 1;
      if (k >= N || (word !== '' && word !== resultWord(tdef, k))) return null;
      pushTrimmed(spans, text, s, e);
      lastLine = i;
      word = '';
      continue;
    }
    if (pageNumberLine(text, lines, i)) continue;
    const w = normalizeLabel(text.slice(s, e));
    // Two words in a row, or a line that is no header word: the values ended before it.
    if (word !== '' || !words.has(w)) break;
    word = w;
  }
  return spans.length === 2 * N ? { spans, lastLine } : null;
}

/**
 * Why a labelled table in paragraphs was left unread, from what the text shows: a value no label
 * leads, or two value paragraphs on adjacent lines (a column's run) — plain pdftotext's order,
 * `columns`; else every value follows its row's label, one paragraph each, and some row has more
 * or fewer of them than cells (a blank cell that left only an empty line), `paragraph-count`.
 */
export function paragraphsWhy(text: string, lines: Lines, cands: Candidate[], region: Region): UnreadWhy {
  if (!gatherParagraphs(text, lines, cands, region)) return 'columns';
  for (let i = region.startLine + 1; i < region.endLine; i++) if (valueParagraph(text, lines, i) && valueParagraph(text, lines, i - 1)) return 'columns';
  return 'paragraph-count';
}

/**
 * Why table 四 in paragraphs (its value paragraphs from line `first`) was left unread: a header
 * word among its values, with values after it (plain pdftotext's blocks out of order), `columns`;
 * else its run of values is longer or shorter than the row, `paragraph-count`.
 */
export function rowWhy(text: string, lines: Lines, tdef: TableDef, region: Region, sectionLines: Set<number>, first: number): UnreadWhy {
  const words = new Set<string>();
  for (let k = 0; k < tdef.blocks[0].columns.length; k++) words.add(resultWord(tdef, k));
  let word = false;
  for (let i = first; i < region.endLine && !sectionLines.has(i); i++) {
    if (emptyLine(lines, i) || pageNumberLine(text, lines, i)) continue;
    if (valueParagraph(text, lines, i)) {
      if (word) return 'columns';
      continue;
    }
    const { s, e } = trimmed(text, lines.startOf(i), lines.endOf(i));
    if (words.has(normalizeLabel(text.slice(s, e)))) word = true;
  }
  return 'paragraph-count';
}
