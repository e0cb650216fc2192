// What a PDF's compressed streams inflate to, counted before pdfjs reads the file: pdfjs inflates
// a stream whole into memory when it parses it, so one content stream of a few hundred kilobytes
// can hold gigabytes (measured: a 1 MB file whose page inflates to 1 GB took pdfjs 33 s and
// 1.8 GB of memory). Each FlateDecode stream that is not an image (images are not decoded for
// text) is inflated here with fflate's streaming inflater in small chunks, its output counted
// and dropped; past `maxExpandedBytes` in all, the file is refused before pdfjs sees it.
// Streams whose first filter is another (ASCII85, LZW), or that are encrypted, are not counted:
// the page, time and text bounds of pdf.ts still hold for them.
import { Unzlib } from 'fflate';
import { ReaderError } from './types';

/** Compressed bytes pushed at a time: the output of one push is at most ~1,032 times this. */
const CHUNK = 4096;

const FLATE_FIRST = /\/Filter\s*(?:\[\s*)?\/(?:FlateDecode|Fl)(?![A-Za-z])/;
const IMAGE = /\/Subtype\s*\/Image(?![A-Za-z])/;
const LENGTH = /\/Length\s+(\d+)(?!\s+\d+\s+R)/;
/** How far before the keyword `stream` its dictionary is looked for. */
const DICT_BACK = 1024;

class Stop extends Error {}

/** Throws ReaderError('pdf-too-large') when the file's streams inflate to more than `limit` bytes. */
export function checkPdfExpansion(bytes: Uint8Array, limit: number): void {
  let remaining = limit;
  for (let at = keyword(bytes, STREAM_WORD, 0); at >= 0; at = keyword(bytes, STREAM_WORD, at + 6)) {
    // "stream" then CRLF or LF, after a dictionary (">>", blanks between): not "endstream".
    let start = at + 6;
    if (bytes[start] === 13) start++;
    if (bytes[start] !== 10) continue;
    start++;
    let k = at - 1;
    while (k >= 0 && (bytes[k] === 32 || bytes[k] === 10 || bytes[k] === 13 || bytes[k] === 9)) k--;
    if (k < 1 || bytes[k] !== 62 || bytes[k - 1] !== 62) continue;
    const dict = latin1(bytes, Math.max(0, at - DICT_BACK), at);
    const d = dict.slice(dict.lastIndexOf('obj') + 1);
    // The data: /Length when it is written directly, else up to "endstream".
    const len = LENGTH.exec(d);
    let end = len ? Math.min(bytes.length, start + Number(len[1])) : keyword(bytes, ENDSTREAM_WORD, start);
    if (end < 0) end = bytes.length;
    if (!FLATE_FIRST.test(d) || IMAGE.test(d)) continue;
    remaining -= inflatedSize(bytes.subarray(start, end), remaining);
    if (remaining < 0) {
      const mb = Math.round(limit / 1_000_000);
      throw new ReaderError('pdf-too-large', `PDF 的内容解压后超过 ${mb} MB 上限（可能是恶意构造的文件），未读取`, `the PDF's content inflates to more than ${mb} MB (possibly a crafted file); not read`);
    }
  }
}

const STREAM_WORD = [115, 116, 114, 101, 97, 109]; // "stream"
const ENDSTREAM_WORD = [101, 110, 100, 115, 116, 114, 101, 97, 109]; // "endstream"

/** The index of `word` in `bytes` from `from`, or -1. */
function keyword(bytes: Uint8Array, word: readonly number[], from: number): number {
  const first = word[0];
  for (let i = bytes.indexOf(first, from); i >= 0; i = bytes.indexOf(first, i + 1)) {
    let k = 1;
    while (k < word.length && bytes[i + k] === word[k]) k++;
    if (k === word.length) return i;
  }
  return -1;
}

function latin1(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode.apply(null, bytes.subarray(from, to) as unknown as number[]);
}

/** What `data` inflates to, counted up to `budget` + one chunk's output; a damaged stream counts what inflated before the damage. */
function inflatedSize(data: Uint8Array, budget: number): number {
  let total = 0;
  const inflater = new Unzlib((chunk) => {
    total += chunk.length;
    if (total > budget) throw new Stop();
  });
  try {
    for (let p = 0; p < data.length; p += CHUNK) {
      const q = Math.min(p + CHUNK, data.length);
      inflater.push(data.subarray(p, q), q === data.length);
    }
  } catch {
    // Over the budget (Stop), or a damaged stream: what inflated so far counts.
  }
  return total;
}
