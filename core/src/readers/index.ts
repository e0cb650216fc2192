// The readers of published files, chosen by what a file is (source.ts: magic bytes, markup, the
// name). This module and what it imports (fflate, htmlparser2) are loaded only when such a file
// is read (load.ts; the bundles have it as dist/readers.js). A reader may be asynchronous (the
// PDF reader's library is): readPublished always answers with a promise.
import { readDocx } from './docx';
import { readHtml } from './html';
import { readPdf } from './pdf';
import { sniffFormat } from './source';
import { DEFAULT_READER_LIMITS, ReaderError, type Converted, type FileFormat, type ReaderLimits } from './types';

export { ReaderError, DEFAULT_READER_LIMITS } from './types';
export type { Converted, FileFormat, ReaderLimits, ReaderNote, SourceLocation } from './types';
export { readDocx, documentXmlToText } from './docx';
export { readHtml, htmlToText, decodeHtml, reportSpan } from './html';

/** A reader: the file's bytes (not kept after it returns) → the report as tab-row text. */
export type Reader = (bytes: Uint8Array, limits: ReaderLimits) => Converted | Promise<Converted>;

/**
 * The readers by format. The PDF reader plugs in with one line here (`pdf: readPdf,`, and its
 * import), or from its own module through `registerReader('pdf', readPdf)`.
 */
const READERS: Partial<Record<FileFormat, Reader>> = {
  docx: readDocx,
  html: readHtml,
  pdf: readPdf,
};

export function registerReader(format: FileFormat, reader: Reader): void {
  READERS[format] = reader;
}

export function hasReader(format: FileFormat): boolean {
  return READERS[format] !== undefined;
}

const OLD_BINARY_ZH = '无法读取此格式，请另存为 .docx 或 PDF';
const OLD_BINARY_EN = 'cannot read this format; save it as .docx or PDF';

/**
 * Reads a published file (PDF, DOCX, HTML) into the report's text. Throws (rejects with)
 * ReaderError: an old binary format (.doc, .wps: 'old-binary-format'), an encrypted Word file,
 * RTF or anything unknown ('unsupported-format'), a PDF while no PDF reader is registered
 * ('pdf-unavailable'), a file over a bound or corrupt (the reader's code). Any other failure
 * of a reader becomes ReaderError('reader-failed'): a file never crashes its caller.
 */
export async function readPublished(bytes: Uint8Array, fileName: string, limits: ReaderLimits = DEFAULT_READER_LIMITS): Promise<Converted> {
  if (bytes.length > limits.maxInputBytes) {
    const mb = Math.round(limits.maxInputBytes / 1_000_000);
    throw new ReaderError('input-too-large', `文件大于 ${mb} MB 上限，未读取`, `the file is larger than the ${mb} MB limit; not read`);
  }
  const kind = sniffFormat(bytes, fileName);
  if (kind === 'ole2') {
    // An encrypted .docx is an OLE2 file holding an "EncryptedPackage" stream.
    if (containsUtf16(bytes, 'EncryptedPackage')) {
      throw new ReaderError('encrypted', 'Word 文档已加密，无法读取；请去掉密码后另存为 .docx 或 PDF', 'the Word document is encrypted; remove the password and save it as .docx or PDF');
    }
    throw new ReaderError('old-binary-format', OLD_BINARY_ZH, OLD_BINARY_EN);
  }
  if (kind === 'rtf') throw new ReaderError('unsupported-format', `RTF 文件${OLD_BINARY_ZH}`, `RTF file: ${OLD_BINARY_EN}`);
  if (kind === 'unknown') throw new ReaderError('unsupported-format', '无法识别的文件格式（支持 PDF、.docx、网页）', 'unrecognised file format (PDF, .docx and web pages are read)');
  const reader = READERS[kind];
  if (!reader) {
    throw new ReaderError(`${kind}-unavailable`, `暂不能读取 ${kind.toUpperCase()} 文件`, `${kind.toUpperCase()} files cannot be read yet`);
  }
  try {
    return await reader(bytes, limits);
  } catch (err) {
    if (err instanceof ReaderError) throw err;
    const why = err instanceof Error ? err.message : String(err);
    throw new ReaderError('reader-failed', `读取失败：${why}`, `reading failed: ${why}`);
  }
}

function containsUtf16(bytes: Uint8Array, word: string): boolean {
  const first = word.charCodeAt(0);
  outer: for (let i = 0; i + 2 * word.length <= bytes.length; i++) {
    if (bytes[i] !== first || bytes[i + 1] !== 0) continue;
    for (let k = 1; k < word.length; k++) if (bytes[i + 2 * k] !== word.charCodeAt(k) || bytes[i + 2 * k + 1] !== 0) continue outer;
    return true;
  }
  return false;
}
