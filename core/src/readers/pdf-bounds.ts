// What a PDF's compressed streams inflate to, counted before pdfjs reads the file: pdfjs inflates
// a stream whole into memory when it parses it, so one content stream of a few hundred kilobytes
// can hold gigabytes (measured: a 1 MB file whose page inflates to 1 GB took pdfjs 33 s and
// 1.8 GB of memory). Each FlateDecode stream that is not an image (images are not decoded for
// text) is counted; past `maxExpandedBytes` in all, the file is refused before pdfjs sees it.
// Counting is cheap where it can be:
// - deflate inflates at most 1,032 times (a 258-byte match in 2 bits), so streams whose
//   compressed sizes bound their total under what is left of the limit are not inflated at all
//   (the largest streams are inflated first, until the rest are bounded so);
// - the host's native inflater (ReaderLimits.inflatedSize: node:zlib from the CLI and the
//   server) counts the others, stopping at the bound; without it, or for a damaged stream,
//   fflate's streaming inflater in small chunks, its output counted and dropped.
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

/** Most bytes one compressed byte of deflate data inflates to (a 258-byte match coded in 2 bits). */
export const MAX_INFLATE_RATIO = 1032;

/** Throws ReaderError('pdf-too-large') when the file's streams inflate to more than `limit` bytes. */
export function checkPdfExpansion(bytes: Uint8Array, limit: number, inflated?: (data: Uint8Array, max: number) => number): void {
  const streams = flateStreams(bytes);
  // What the streams not yet inflated could inflate to at most (plus a block's worth each).
  let bound = 0;
  for (const s of streams) bound += ceiling(s);
  if (bound <= limit) return;
  let remaining = limit;
  // The largest first: the fewest inflated before the rest are bounded under what is left.
  streams.sort((a, b) => b.length - a.length);
  for (const s of streams) {
    if (bound <= remaining) return;
    bound -= ceiling(s);
    remaining -= inflatedSize(s, remaining, inflated);
    if (remaining < 0) {
      const mb = Math.round(limit / 1_000_000);
      throw new ReaderError('pdf-too-large', `PDF 的内容解压后超过 ${mb} MB 上限（可能是恶意构造的文件），未读取`, `the PDF's content inflates to more than ${mb} MB (possibly a crafted file); not read`);
    }
  }
}

function ceiling(data: Uint8Array): number {
  return MAX_INFLATE_RATIO * (data.length + 1);
}

/** The data of each stream whose first filter is FlateDecode and that is not an image. */
function flateStreams(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
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
    if (!FLATE_FIRST.test(d) || IMAGE.test(d)) continue;
    // The data: /Length when it is written directly and "endstream" follows it, else up to
    // "endstream" (as pdfjs does: a /Length that lies does not hide the data after it).
    const len = LENGTH.exec(d);
    let end = len ? Math.min(bytes.length, start + Number(len[1])) : -1;
    if (end < 0 || !endsAt(bytes, end)) end = keyword(bytes, ENDSTREAM_WORD, start);
    if (end < 0) end = bytes.length;
    out.push(bytes.subarray(start, end));
  }
  return out;
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

/** Whether "endstream" comes at `at`, after blanks. */
function endsAt(bytes: Uint8Array, at: number): boolean {
  let i = at;
  while (i < bytes.length && i < at + 8 && (bytes[i] === 32 || bytes[i] === 10 || bytes[i] === 13 || bytes[i] === 9 || bytes[i] === 0)) i++;
  for (let k = 0; k < ENDSTREAM_WORD.length; k++) if (bytes[i + k] !== ENDSTREAM_WORD[k]) return false;
  return true;
}

function latin1(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode.apply(null, bytes.subarray(from, to) as unknown as number[]);
}

/**
 * What `data` inflates to, counted up to `budget` and a little past; a damaged stream counts
 * what inflated before the damage (pdfjs would inflate that much too).
 */
function inflatedSize(data: Uint8Array, budget: number, native?: (data: Uint8Array, max: number) => number): number {
  if (native) {
    try {
      return native(data, budget);
    } catch {
      // Damaged: counted below, up to the damage.
    }
  }
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
