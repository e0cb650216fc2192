// What the DOCX and HTML readers share: the converted text built line by line under the text
// bound, and how the pieces of one table cell are joined.
import { looksLikeValue } from '../numbers';
import { ReaderError, type Converted, type FileFormat, type ReaderNote, type SourceLocation } from './types';

/** The converted text, a line at a time, with each line's source; stops at `maxChars`. */
export class LineSink {
  readonly lines: string[] = [];
  readonly sources: (SourceLocation | undefined)[] = [];
  private chars = 0;
  constructor(private readonly maxChars: number) {}

  /** Adds one line (line breaks inside it become spaces). */
  add(text: string, source: SourceLocation | undefined): void {
    this.chars += text.length + 1;
    if (this.chars > this.maxChars) throw textTooLarge(this.maxChars);
    this.lines.push(LINE_BREAK.test(text) ? text.replace(LINE_BREAKS, ' ') : text);
    this.sources.push(source);
  }

  /** Counts characters about to be produced (a table's grid) before they are built. */
  reserve(chars: number): void {
    if (this.chars + chars > this.maxChars) throw textTooLarge(this.maxChars);
  }

  result(format: FileFormat, notes: ReaderNote[], from = 0, to = this.lines.length): Converted {
    const lines = from === 0 && to === this.lines.length ? this.lines : this.lines.slice(from, to);
    return { format, text: lines.length === 0 ? '' : lines.join('\n') + '\n', lines: this.sources.slice(from, to), notes };
  }
}

const LINE_BREAK = /[\r\n]/;
const LINE_BREAKS = /\r\n?|\n/g;

export function textTooLarge(max: number): ReaderError {
  return new ReaderError('text-too-large', `转换后的文本超过 ${max} 个字符上限，已停止读取`, `the converted text is over the ${max} character limit; reading stopped`);
}

/** Runs of whitespace (tabs, line breaks, NBSP) as one space; the ends trimmed. */
export function cleanCell(s: string): string {
  return s.replace(/[\s\u00a0]+/g, ' ').trim();
}

const ASCII_WORD = /[0-9A-Za-z]/;

/**
 * Joins two pieces of one cell (paragraphs, line breaks): directly between two characters of
 * Chinese text ("本年新" + "收"), with a space where both sides are Latin letters or digits
 * ("1" + "2" must not become "12").
 */
export function joinPieces(a: string, b: string): string {
  if (a === '') return b;
  if (b === '') return a;
  return ASCII_WORD.test(a[a.length - 1]) && ASCII_WORD.test(b[0]) ? `${a} ${b}` : a + b;
}

/**
 * A table row's fields (one per grid column) with its last label cell, when that cell spans
 * columns and only values or blanks follow it, moved to the last column of its span: the empty
 * fields of the span then stand before the label, and the row's values right after it. A row
 * such as 「（一）予以公开」(two columns) · 258 · 12 · … · (a blank total) is then read with its
 * blank last cell as the total, where fields label · (empty) · 258 · … · (empty) leave the text
 * reader no way to tell the span's empty field from the blank cell. The fields keep their grid
 * columns: only the label moves, within its span. `spans[c]` is the span of the cell starting in
 * column c (0 or undefined: no cell starts there).
 */
export function alignSpannedLabel(fields: string[], spans: readonly (number | undefined)[]): void {
  let label = -1;
  for (let c = fields.length - 1; c >= 0; c--) {
    const f = fields[c];
    if (f !== '' && !looksLikeValue(f)) {
      label = c;
      break;
    }
  }
  if (label < 0) return;
  const span = spans[label] ?? 1;
  if (span < 2 || label + span >= fields.length) return;
  for (let c = label + span - 1; c > label; c--) if (fields[c] !== '') return;
  fields[label + span - 1] = fields[label];
  fields[label] = '';
}
