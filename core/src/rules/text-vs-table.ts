import type { CellRef } from '../formats/types';
import { cellName, cellOf, type Cell, type Report } from '../model';
import { formatNumber } from '../numbers';
import { numericValue } from '../relations';
import { chineseNumeralValue, isSpaceCode } from '../text';
import type { Rule } from './types';

/**
 * Figures stated in the prose ("共收到政府信息公开申请7件", "未发生行政复议、行政诉讼") must agree
 * with the tables (spec §5, text-vs-table). The claims and their cells are format data
 * (`FormatDef.claims`); this rule finds them in the prose, one clause at a time.
 */
export const textVsTable: Rule = {
  meta: {
    id: 'text-vs-table',
    description: {
      zh: '正文中陈述的数字（如“共收到政府信息公开申请7件”“未发生行政复议”）与表中数字不符',
      en: 'A figure stated in the text ("共收到政府信息公开申请7件", "未发生行政复议") differs from the tables',
    },
    defaultSeverity: 'warning',
    fix: 'none',
  },
  check(ctx) {
    const { report, t } = ctx;
    if (report.format.claims.length === 0 || Object.keys(report.tables).length === 0) return;
    for (const clause of proseClauses(report)) {
      for (const claim of report.format.claims) {
        // Every match holds the claim's word (`mentions`): a clause without it is not tried.
        if (!clause.text.includes(claim.mentions)) continue;
        for (const p of claim.patterns) {
          const m = p.re.exec(clause.text);
          if (!m) continue;
          const stated = p.none ? 0 : parseCount(m[1]);
          if (stated === null) break;
          // By push, not map (one array kind; see mentionsAt).
          const readings: ({ total: number; cells: Cell[] } | null)[] = [];
          for (let r = 0; r < (p.none ? Math.min(1, claim.sums.length) : claim.sums.length); r++) readings.push(sumOf(report, claim.sums[r]));
          // A cell that is absent or unreadable has its own finding; nothing is judged then.
          if (readings[0] === null) break;
          if (readings.some((r) => r !== null && r.total === stated)) break;
          const first = readings[0];
          const start = offsetAt(clause, m.index);
          const end = offsetAt(clause, m.index + m[0].length - 1) + 1;
          const said = report.text.slice(start, end);
          const names = first.cells.map((c) => cellName(report, c.ref)).join(' + ');
          const table = report.format.tables.find((x) => x.id === first.cells[0].ref.table)!;
          ctx.add({
            message: t(
              `正文称「${said}」，但${table.name} ${names} 为 ${formatNumber(first.total)}`,
              `The text says "${said}" (${claim.subject.en}: ${formatNumber(stated)}), but ${names} in ${table.nameEn} is ${formatNumber(first.total)}`,
            ),
            start,
            end,
            related: first.cells.map((c) => ({ start: c.start, end: c.end, message: `${cellName(report, c.ref)} = ${formatNumber(numericValue(c) ?? 0)}` })),
            data: { claim: claim.id, stated, table: first.total, cells: first.cells.map((c) => c.ref) },
          });
          break;
        }
      }
    }
  },
};

/** The sum of some cells, or null when one of them is absent or unreadable. */
function sumOf(report: Report, refs: CellRef[]): { total: number; cells: Cell[] } | null {
  let total = 0;
  const cells: Cell[] = [];
  for (const ref of refs) {
    const c = cellOf(report, ref);
    const v = numericValue(c);
    if (v === null) return null;
    total += v;
    cells.push(c!);
  }
  return { total, cells };
}

/** "7", "十二", "两" → the number; null for what cannot be read ("一百零三"). */
function parseCount(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  const v = chineseNumeralValue(s.replace(/两/g, '二').replace(/零/g, '〇'));
  return v === null || Number.isNaN(v) ? null : v;
}

interface Clause {
  /** Compacted: no whitespace, full-width ASCII folded. */
  text: string;
  /**
   * Where each character of `text` is in the report: runs of characters from consecutive
   * offsets, run r starting at `runAt[r]` in `text` and at `runFrom[r]` in the report.
   */
  runAt: number[];
  runFrom: number[];
}

/** The offset in the report text of character `i` of a clause. */
function offsetAt(clause: Clause, i: number): number {
  let r = clause.runAt.length - 1;
  while (r > 0 && clause.runAt[r] > i) r--;
  return clause.runFrom[r] + (i - clause.runAt[r]);
}

/** The offsets at which each claim's word (`mentions`) occurs in the text, ascending. */
function mentionsAt(text: string, claims: readonly { mentions: string }[]): number[][] {
  // Built by push, not map (ARCHITECTURE.md, "Speed").
  const out: number[][] = [];
  for (let c = 0; c < claims.length; c++) {
    const at: number[] = [];
    for (let i = text.indexOf(claims[c].mentions); i >= 0; i = text.indexOf(claims[c].mentions, i + 1)) at.push(i);
    out.push(at);
  }
  return out;
}

/**
 * Clauses of the prose: lines outside the tables (a table's headers, from the heading of its
 * section to its last row, are no prose) and outside headings, compacted and split at ，；。.
 * Only lines holding some claim's word are read: the words are found once in the whole text.
 */
function proseClauses(report: Report): Clause[] {
  const { text, lines } = report;
  const skip: [number, number][] = [];
  for (const table of Object.values(report.tables)) {
    const heading = [...report.sections].reverse().find((s) => s.start <= table!.start);
    skip.push([heading ? heading.start : table!.start, table!.end]);
  }
  for (const s of report.sections) skip.push([s.start, s.end]);
  // Sorted by start, swept once alongside the lines (a long text has thousands of headings).
  skip.sort((a, b) => a[0] - b[0]);
  const claims = report.format.claims;
  const at = mentionsAt(text, claims);
  const words = new Int32Array(claims.length);
  for (let c = 0; c < claims.length; c++) words[c] = claims[c].mentions.length;
  // For each claim, the first of its occurrences not yet passed (lines come in order).
  const next = new Int32Array(claims.length);
  let k = 0;
  let reach = -1;
  const out: Clause[] = [];
  for (let i = 0; i < lines.length; i++) {
    const start = lines.startOf(i);
    const end = lines.endOf(i);
    // Every range starting before this line's end has been seen; `reach` is the furthest end.
    while (k < skip.length && skip[k][0] < end) reach = Math.max(reach, skip[k++][1]);
    if (end === start || reach > start) continue;
    // Whether some claim's word lies within the line.
    let mentioned = false;
    for (let c = 0; c < at.length; c++) {
      const list = at[c];
      while (next[c] < list.length && list[next[c]] < start) next[c]++;
      if (next[c] < list.length && list[next[c]] + words[c] <= end) mentioned = true;
    }
    if (mentioned) pushClauses(text, start, end, out);
  }
  return out;
}

/**
 * The clauses of the line [start, end), compacted, pushed on `out`. A function of its own, with
 * no closures (ARCHITECTURE.md, "Speed").
 */
function pushClauses(text: string, start: number, end: number, out: Clause[]): void {
  // Characters kept as they are are copied in runs (`run`: where the current one starts).
  let chars = '';
  let runAt: number[] = [];
  let runFrom: number[] = [];
  let run = -1;
  for (let k = start; k <= end; k++) {
    const raw = k < end ? text.charCodeAt(k) : -1;
    const c = raw >= 0xff01 && raw <= 0xff5e ? raw - 0xfee0 : raw;
    const space = raw >= 0 && isSpaceCode(raw);
    const stop = raw < 0 || c === 44 || c === 59 || c === 0x3002 || c === 33 || c === 63;
    if (run >= 0 && (space || stop || c !== raw)) {
      chars += text.slice(run, k);
      run = -1;
    }
    if (space) continue;
    if (stop) {
      if (chars) out.push({ text: chars, runAt, runFrom });
      chars = '';
      runAt = [];
      runFrom = [];
      continue;
    }
    if (c !== raw) {
      runAt.push(chars.length);
      runFrom.push(k);
      chars += String.fromCharCode(c);
    } else if (run < 0) {
      run = k;
      runAt.push(chars.length);
      runFrom.push(k);
    }
  }
}
