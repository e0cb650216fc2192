// Stage (one paragraph per cell, blank cells as empty lines): Chromium's selection copy of a web
// table whose blank cells hold only collapsible white space (Word's `<p><o:p> </o:p></p>`). Each
// cell with text is a paragraph with one empty line after it; a blank cell gives no paragraph,
// only one more empty line (沭阳 2023: 「26」, six empty lines, 「26」 — 自然人, five blank cells,
// 总计). In every other selection copy gathered (平潭 2019/2023/2024, 上海 2019: 787 gaps inside
// table 三) two paragraphs are exactly one empty line apart.
//
// Tried only when the paragraphs read as they stand do not fit (`readParagraphs`): a gap of g ≥ 2
// empty lines inside a row (after its label, between two of its values, or after its last value
// before the next label) is g − 1 blank cells there. The reading stands only when every row then
// has exactly its number of cells (`paragraphsFit`), so a copy whose blank cells leave no line,
// or two, stays unread.
import { type Lines } from '../text';
import { type Candidate, pushTrimmed } from './fields';
import { emptyLine, valueParagraph } from './paragraphs';
import { type Region, trimmed } from './scan';

/**
 * The candidates of a paragraph table with their values gathered, a gap of g ≥ 2 empty lines in a
 * row counted as g − 1 blank cells (an empty span at the start of each extra empty line); null
 * when a value no label owns stands in the region, or when no gap of two empty lines is there
 * (nothing to count: the plain reading stands).
 */
export function gatherWithBlankLines(text: string, lines: Lines, cands: Candidate[], region: Region): Candidate[] | null {
  const out: Candidate[] = [];
  let next = 0;
  /** The candidate (index in `out`) whose values are being gathered, or -1. */
  let owner = -1;
  /** The empty lines since the last non-empty line: the first of them, and how many. */
  let gapFirst = -1;
  let gap = 0;
  let counted = false;
  /** Whether the owner has a value yet (blank cells after its last one wait for the next label). */
  let valued = false;
  /** Pushes the blank cells of the current gap onto the owner's fields. */
  const blanks = (): void => {
    if (owner < 0 || gap < 2) return;
    const o = out[owner];
    for (let k = 1; k < gap; k++) {
      const at = lines.startOf(gapFirst + k);
      o.fields.push(at, at);
    }
    counted = true;
  };
  for (let i = region.startLine; i < region.endLine; i++) {
    if (emptyLine(lines, i)) {
      if (gap++ === 0) gapFirst = i;
      continue;
    }
    if (next < cands.length && cands[next].line === i) {
      const c = cands[next++];
      // Blank cells after the previous row's last value, before this label.
      if (valued) blanks();
      gap = 0;
      for (let k = c.labelLast + 1; k < c.fields.length >> 1; k++) if (c.fields[2 * k] !== c.fields[2 * k + 1]) return null;
      owner = out.length;
      valued = false;
      out.push({ line: c.line, fields: c.fields.slice(0, 2 * (c.labelLast + 1)), labelFirst: c.labelFirst, labelLast: c.labelLast, label: c.label, lastLine: c.lastLine });
      i = Math.max(i, c.lastLine);
      continue;
    }
    if (!valueParagraph(text, lines, i)) {
      // A block title, a page number, a heading: what follows is no label's.
      owner = -1;
      valued = false;
      gap = 0;
      continue;
    }
    if (owner < 0) return null;
    blanks();
    gap = 0;
    const o = out[owner];
    const { s, e } = trimmed(text, lines.startOf(i), lines.endOf(i));
    pushTrimmed(o.fields, text, s, e);
    o.lastLine = i;
    valued = true;
  }
  return counted ? out : null;
}
