// Readers of published files (PDF, DOCX, HTML): each turns a file's bytes into the report as
// text in the tab-row layout (one table row a line, cells separated by tabs, empty cells kept;
// the layout the parser reads back exactly), with a map from each line of that text to where it
// came from in the file. The engine then checks the text as any other; findings are located in
// the file through the map. Readers work on bytes (no file system) and stop at documented bounds.

/** Where a line of the converted text came from in the published file. */
export type SourceLocation =
  /** PDF: a page (1-based) and the text run's position on it (PDF user space, origin bottom left). */
  | { kind: 'pdf'; page: number; x: number; y: number }
  /**
   * DOCX: a paragraph of the body (0-based, in document order), or a table cell. Table, row and
   * cell are 0-based too: the table among the body's tables, the row among its w:tr (header rows
   * included), the cell as a grid column (a cell spanning columns has its first column's index).
   * A line holds a whole row: its entry says cell 0, and `sourceAt` (source.ts) finds the cell of
   * a position by the tabs before it (one field per grid column). HTML cells alike, the table
   * counted among the data tables of the report (layout tables are not tables here).
   */
  | { kind: 'docx'; paragraph: number }
  | { kind: 'docx-cell'; table: number; row: number; cell: number }
  /** HTML: a block element (0-based, in document order), or a table cell. */
  | { kind: 'html'; block: number }
  | { kind: 'html-cell'; table: number; row: number; cell: number };

export type FileFormat = 'pdf' | 'docx' | 'html';

/** A reader's result. */
export interface Converted {
  format: FileFormat;
  /** The report as text, tab-row layout. */
  text: string;
  /** For each line of `text` (by line index), where it came from; undefined for added lines. */
  lines: (SourceLocation | undefined)[];
  /** What the reader noticed and the user should know (no text layer, merged cells guessed...). */
  notes: ReaderNote[];
}

export interface ReaderNote {
  /** Stable id, e.g. "pdf-no-text-layer", "docx-truncated". */
  code: string;
  message: { zh: string; en: string };
  severity: 'error' | 'warning' | 'information';
}

/** A file the reader refuses (encrypted, corrupt, over a bound, an old binary format). */
export class ReaderError extends Error {
  constructor(
    readonly code: string,
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}

/** Bounds every reader keeps (documented in SECURITY.md). */
export interface ReaderLimits {
  /** Largest input, in bytes. */
  maxInputBytes: number;
  /** Largest total of inflated or decoded data a reader may produce, in bytes (zip bombs). */
  maxExpandedBytes: number;
  /** PDF: most pages read. */
  maxPages: number;
  /** HTML/XML: deepest element nesting followed. */
  maxDepth: number;
  /** Largest converted text, in characters. */
  maxTextChars: number;
  /**
   * A native inflater the host may give (the CLI and the server pass node:zlib's,
   * host/src/inflate.ts): the size `data` (a zlib stream) inflates to, counted up to at least
   * `max` + 1 (any larger answer means "over"); throws for damaged data. The PDF reader counts
   * with it what a file's streams inflate to (pdf-bounds.ts); without it, with fflate in
   * JavaScript (about 3× slower). Not a bound: it changes no answer, only the time.
   */
  inflatedSize?: (data: Uint8Array, max: number) => number;
}

export const DEFAULT_READER_LIMITS: ReaderLimits = {
  maxInputBytes: 50_000_000,
  maxExpandedBytes: 50_000_000,
  maxPages: 500,
  maxDepth: 256,
  maxTextChars: 5_000_000,
};
