// Positions at the LSP boundary. The core, the open documents and the analyses count in UTF-16
// code units; a client may count a line's characters in UTF-8 bytes or in code points instead
// (LSP 3.17 `general.positionEncodings`). Every position the server receives or sends passes
// through this module, converted to or from UTF-16 here and nowhere else. On a line of Chinese
// text the difference is large: `　　（七）总计 5` has the 5 at UTF-16 and UTF-32 column 8 and
// at UTF-8 byte 22.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ClientCapabilities, Position, Range, TextDocumentContentChangeEvent, TextDocumentsConfiguration } from 'vscode-languageserver/node';

export type PositionEncoding = 'utf-16' | 'utf-8' | 'utf-32';

const KNOWN: readonly string[] = ['utf-16', 'utf-8', 'utf-32'];

/**
 * The encoding to use with a client: the first of its `general.positionEncodings` (listed in
 * its order of preference) that the server knows; UTF-16 when it lists none (the LSP default,
 * and what a client that does not say must be assumed to count).
 */
export function negotiateEncoding(capabilities: ClientCapabilities | undefined): PositionEncoding {
  const offered = capabilities?.general?.positionEncodings;
  if (!Array.isArray(offered)) return 'utf-16';
  for (const e of offered) if (typeof e === 'string' && KNOWN.includes(e)) return e as PositionEncoding;
  return 'utf-16';
}

/** Maps UTF-16 offsets to UTF-16 line/character positions and back: core's LineIndex, a TextDocument. */
export interface Utf16Lines {
  positionAt(offset: number): { line: number; character: number };
  offsetAt(position: { line: number; character: number }): number;
}

/** The units (UTF-8 bytes, or 1 code point) the character at `i` of `text` takes. */
function unitsAt(text: string, i: number, utf8: boolean): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return utf8 ? 4 : 1;
  }
  // A lone surrogate is written as U+FFFD in UTF-8: three bytes.
  if (!utf8) return 1;
  return c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
}

function isPair(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return false;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff;
}

/**
 * The negotiated encoding and the conversions. One per server (the encoding is fixed by the
 * initialize request and never changes), set in onInitialize before any position is made.
 */
export class Positions {
  encoding: PositionEncoding = 'utf-16';

  // The last width computed: consecutive positions on one long line continue from it instead of
  // counting from the line's start again (findings come in text order).
  private lastLines: Utf16Lines | undefined;
  private lastText: string | undefined;
  private lastFrom = -1;
  private lastTo = -1;
  private lastWidth = 0;

  /** The width in the encoding of text[from, to) (a part of one line). */
  private width(text: string, lines: Utf16Lines, from: number, to: number): number {
    const utf8 = this.encoding === 'utf-8';
    let i = from;
    let n = 0;
    // (The line map first: an object compared by identity; the text is then the same string.)
    if (lines === this.lastLines && from === this.lastFrom && to >= this.lastTo && text === this.lastText) {
      i = this.lastTo;
      n = this.lastWidth;
    }
    while (i < to) {
      n += unitsAt(text, i, utf8);
      i += isPair(text, i) ? 2 : 1;
    }
    this.lastLines = lines;
    this.lastText = text;
    this.lastFrom = from;
    this.lastTo = i;
    this.lastWidth = n;
    return n;
  }

  /** The LSP position of UTF-16 offset `offset` of `text`. */
  position(text: string, lines: Utf16Lines, offset: number): Position {
    const p = lines.positionAt(offset);
    if (this.encoding === 'utf-16' || p.character === 0) return p;
    const lineStart = lines.offsetAt({ line: p.line, character: 0 });
    return { line: p.line, character: this.width(text, lines, lineStart, lineStart + p.character) };
  }

  /**
   * The UTF-16 offset of an LSP position in `text`. A character past the end of its line means
   * the line's end (as in LSP); one inside a character (a byte within a Chinese character's
   * three) means that character's start.
   */
  offset(text: string, lines: Utf16Lines, position: Position): number {
    if (this.encoding === 'utf-16') return lines.offsetAt(position);
    if (position.line < 0) return 0;
    const utf8 = this.encoding === 'utf-8';
    let i = lines.offsetAt({ line: position.line, character: 0 });
    let n = 0;
    while (i < text.length && n < position.character) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) break;
      const units = unitsAt(text, i, utf8);
      if (n + units > position.character) break;
      n += units;
      i += isPair(text, i) ? 2 : 1;
    }
    return i;
  }

  range(text: string, lines: Utf16Lines, start: number, end: number): Range {
    return { start: this.position(text, lines, start), end: this.position(text, lines, end) };
  }

  /** A content change as the client sent it, with its range in UTF-16 positions of `doc`. */
  changeToUtf16(doc: TextDocument, change: TextDocumentContentChangeEvent): TextDocumentContentChangeEvent {
    if (this.encoding === 'utf-16' || !('range' in change) || !change.range) return change;
    const text = doc.getText();
    const start = this.offset(text, doc, change.range.start);
    const end = Math.max(start, this.offset(text, doc, change.range.end));
    return { range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text: change.text };
  }

  /**
   * How TextDocuments makes and updates documents: incremental changes are converted one by one,
   * each against the text the ones before it left, as the client computed them.
   */
  documents(): TextDocumentsConfiguration<TextDocument> {
    return {
      create: TextDocument.create,
      update: (doc, changes, version) => {
        if (this.encoding === 'utf-16') return TextDocument.update(doc, changes, version);
        let d = doc;
        for (const change of changes) d = TextDocument.update(d, [this.changeToUtf16(d, change)], version);
        return d;
      },
    };
  }
}

/** The server's one instance. */
export const positions = new Positions();
