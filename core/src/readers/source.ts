// What the CLI and the server need of published files before (or without) loading the readers:
// which names they read, what a file's first bytes say it is, and where in the file a finding
// on the converted text lies, in words. No dependencies: this module is bundled where the
// readers themselves are loaded only when such a file is read (load.ts).
import type { Converted, FileFormat, SourceLocation } from './types';

/** File name extensions read by a reader (lower case, without the dot). */
export const PUBLISHED_EXTENSIONS: readonly string[] = ['pdf', 'docx', 'html', 'htm'];

/** Old binary word processor formats: refused with a message to save as .docx or PDF. */
export const OLD_BINARY_EXTENSIONS: readonly string[] = ['doc', 'wps'];

/** The extension of a file name, lower case, without the dot ('' when none). */
export function extensionOf(name: string): string {
  const slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
  const dot = name.lastIndexOf('.');
  return dot > slash + 1 ? name.slice(dot + 1).toLowerCase() : '';
}

/** What a file is, from its first bytes, else from its name. */
export type Sniffed = FileFormat | 'ole2' | 'rtf' | 'unknown';

const HTML_START = /^\s*<(?:!doctype\s+html|html|head|body|meta|table|div|p|!--|title|h[1-6])[\s>/]/i;

/**
 * The format by magic bytes (%PDF, a ZIP's PK, OLE2's D0 CF 11 E0, {\rtf), then markup at the
 * start (after a BOM and blanks: <!DOCTYPE html>, <html>, <table>, <div>…), then the name's
 * extension. A ZIP is taken for a .docx here; the DOCX reader says if it is not one.
 */
export function sniffFormat(bytes: Uint8Array, fileName: string): Sniffed {
  const b = bytes;
  if (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0 && b[4] === 0xa1 && b[5] === 0xb1 && b[6] === 0x1a && b[7] === 0xe1) return 'ole2';
  if (b[0] === 0x50 && b[1] === 0x4b && ((b[2] === 3 && b[3] === 4) || (b[2] === 5 && b[3] === 6))) return 'docx';
  // %PDF- may follow some junk; the PDF standard allows it within the first 1,024 bytes.
  const head = latin1(b, 1024);
  if (head.includes('%PDF-')) return 'pdf';
  if (head.startsWith('{\\rtf')) return 'rtf';
  let start = 0;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) start = 3;
  else if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) return 'html';
  if (HTML_START.test(latin1(b.subarray(start), 1024))) return 'html';
  const ext = extensionOf(fileName);
  if (ext === 'pdf') return 'pdf';
  if (ext === 'docx') return 'docx';
  if (ext === 'html' || ext === 'htm' || ext === 'xhtml' || ext === 'shtml') return 'html';
  if (OLD_BINARY_EXTENSIONS.includes(ext)) return 'ole2';
  return 'unknown';
}

function latin1(b: Uint8Array, n: number): string {
  let s = '';
  for (let i = 0, e = Math.min(b.length, n); i < e; i++) s += String.fromCharCode(b[i]);
  return s;
}

/**
 * Whether `err` is a ReaderError: by shape, since the readers may be a bundle of their own
 * (dist/readers.js) whose class is not the caller's.
 */
export function isReaderError(err: unknown): err is { code: string; zh: string; en: string; message: string } {
  const e = err as { code?: unknown; zh?: unknown; en?: unknown } | null;
  return typeof e === 'object' && e !== null && typeof e.code === 'string' && typeof e.zh === 'string' && typeof e.en === 'string';
}

/**
 * Where a position of the converted text lies in the file: the line's source, with the cell of
 * a table row found by counting the tabs before `character` (one field per grid column).
 */
export function sourceAt(converted: Pick<Converted, 'text' | 'lines'>, lineStart: number, line: number, character: number): SourceLocation | undefined {
  const s = converted.lines[line];
  if (!s || (s.kind !== 'docx-cell' && s.kind !== 'html-cell')) return s;
  let cell = 0;
  const text = converted.text;
  for (let i = lineStart, e = Math.min(text.length, lineStart + character); i < e; i++) {
    const c = text.charCodeAt(i);
    if (c === 9) cell++;
    else if (c === 10 || c === 13) break;
  }
  return { ...s, cell };
}

/** A source location in words, numbers from 1: 第 3 页, 段落 12, 表格 2 第 5 行第 3 格. */
export function describeSource(s: SourceLocation, locale: 'zh' | 'en'): string {
  const zh = locale !== 'en';
  switch (s.kind) {
    case 'pdf':
      return zh ? `第 ${s.page} 页` : `page ${s.page}`;
    case 'docx':
      return zh ? `段落 ${s.paragraph + 1}` : `paragraph ${s.paragraph + 1}`;
    case 'html':
      return zh ? `段落 ${s.block + 1}` : `block ${s.block + 1}`;
    case 'docx-cell':
    case 'html-cell':
      return zh ? `表格 ${s.table + 1} 第 ${s.row + 1} 行第 ${s.cell + 1} 格` : `table ${s.table + 1}, row ${s.row + 1}, cell ${s.cell + 1}`;
  }
}

/** The names pdfjs gives the errors of a damaged or protected file. */
const PDFJS_ERRORS = new Set(['XRefEntryException', 'XRefParseException', 'FormatError', 'InvalidPDFException', 'MissingPDFException', 'UnknownErrorException', 'UnexpectedResponseException', 'PasswordException', 'AbortException', 'MissingDataException']);

/**
 * Whether an unhandled rejection is one pdfjs leaves behind on a damaged PDF: pdfjs runs in the
 * reader's thread, and some of its own promises reject after the reading has ended (seen with
 * XRefEntryException on a mutated file). The CLI and the fuzzer ignore these and nothing else.
 */
export function isPdfjsLeftover(err: unknown): boolean {
  const name = (err as { name?: unknown } | null)?.name;
  return typeof name === 'string' && PDFJS_ERRORS.has(name);
}
