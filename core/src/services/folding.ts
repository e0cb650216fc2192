// Folding ranges: each section (heading to the last line of its body) and each table; the blocks
// of table 二 too. Line numbers are 0-based.
import type { Report } from '../model';

export interface FoldingRangeData {
  startLine: number;
  endLine: number;
  kind: 'section' | 'table' | 'block';
}

export function foldingRanges(report: Report): FoldingRangeData[] {
  const { lineIndex, lines } = report;
  const out: FoldingRangeData[] = [];
  const lineOf = (offset: number) => lineIndex.positionAt(offset).line;
  /** The last non-blank line in [from, to]. */
  const lastContent = (from: number, to: number) => {
    let l = Math.min(to, lines.length - 1);
    while (l > from && lines.at(l).text.trim() === '') l--;
    return l;
  };
  const push = (startLine: number, endLine: number, kind: FoldingRangeData['kind']) => {
    if (endLine > startLine) out.push({ startLine, endLine, kind });
  };
  for (const s of report.sections) {
    const start = s.line;
    // bodyEnd is the start of the next heading's line (or the end of the text).
    const endLine = s.bodyEnd >= report.text.length ? lines.length - 1 : lineOf(s.bodyEnd) - 1;
    push(start, lastContent(start, endLine), 'section');
  }
  for (const table of Object.values(report.tables)) {
    if (!table) continue;
    push(lineOf(table.start), lineOf(table.end), 'table');
    if (table.blocks.length > 1) for (const b of table.blocks) push(lineOf(b.start), lineOf(b.end), 'block');
  }
  out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  return out;
}
