// Reading and writing report files in the encodings they come in: UTF-8 (with or without BOM),
// UTF-16 (with BOM, or without one when its byte pattern is unmistakable), and GB18030/GBK (what
// Chinese Windows and WPS save by default). Decoding never drops or reorders what it cannot read:
// undecodable bytes become U+FFFD and are reported (notes, and the `file-encoding` rule), and
// `roundTrips` tells whether writing the text back would give the same bytes.
import { Buffer, isUtf8, transcode } from 'node:buffer';
import type * as Iconv from 'iconv-lite';

export type EncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/**
 * What decoding noticed about the bytes, for the `file-encoding` rule (offsets are byte offsets
 * into the file, BOM included).
 */
export type DecodeNote =
  /** Not valid UTF-8, and GB18030 read it without error. */
  | { kind: 'gb18030'; firstInvalidUtf8: number }
  /** Mostly UTF-8: the invalid bytes (`bytes`, in `sequences` maximal runs) became U+FFFD. */
  | { kind: 'utf8-replaced'; bytes: number; sequences: number; first: number }
  /** UTF-16 without a byte order mark, recognised by its zero bytes. */
  | { kind: 'utf16-no-bom'; encoding: 'utf-16le' | 'utf-16be' };

export interface Decoded {
  text: string;
  encoding: EncodingName;
  bom: boolean;
  /** The most common line end, kept when writing back. */
  eol: '\n' | '\r\n' | '\r';
  /** What decoding noticed (usually nothing: a shared empty array). */
  notes: readonly DecodeNote[];
}

export class BinaryFileError extends Error {
  constructor() {
    super('binary file');
  }
}

const NO_NOTES: readonly DecodeNote[] = Object.freeze([]);

// Made once: opening a decoder costs more than decoding a report. `ignoreBOM: true` everywhere:
// the BOM is looked for (and removed) by `decode` itself, so a second BOM after the first stays
// in the text (a decoder left to itself would drop it, and the write-back with it).
const UTF8_LOSSY = new TextDecoder('utf-8', { ignoreBOM: true });
const UTF16LE = new TextDecoder('utf-16le', { ignoreBOM: true });
const UTF16BE = new TextDecoder('utf-16be', { ignoreBOM: true });
const UTF16LE_FATAL = new TextDecoder('utf-16le', { ignoreBOM: true, fatal: true });
const UTF16BE_FATAL = new TextDecoder('utf-16be', { ignoreBOM: true, fatal: true });
const GB18030 = new TextDecoder('gb18030');

/**
 * Decodes a file's bytes. Throws BinaryFileError for content that is not text.
 *
 * The policy, in order:
 * 1. A BOM decides: UTF-8 (invalid bytes become U+FFFD, with a note), UTF-16LE, UTF-16BE.
 * 2. Zero bytes at one parity in 5% or more of the first 8 KB's byte pairs, and the whole file
 *    decodes as UTF-16 (that byte order, else the other) without error into plausible text
 *    (`utf16WithoutBom`): UTF-16 without BOM, with a note.
 * 3. Binary (`looksBinary`: control bytes are 1% or more of the file, or the first 8 KB hold a
 *    run of 8 NUL bytes): BinaryFileError. Fewer stray control bytes are text, reported by the
 *    `file-encoding` rule.
 * 4. Valid UTF-8: UTF-8.
 * 5. Otherwise the reading with fewer U+FFFD wins: GB18030 when it reads the file cleanly (with a
 *    note) or with fewer errors than UTF-8 has invalid sequences; UTF-8 with replacement (with a
 *    note) when its invalid sequences are no more than GB18030's errors.
 */
export function decode(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const body = bytes.subarray(3);
    if (isUtf8(body)) return decoded(utf8Text(body), 'utf-8', true, NO_NOTES);
    const scan = scanUtf8(body);
    return decoded(UTF8_LOSSY.decode(body), 'utf-8', true, [{ kind: 'utf8-replaced', bytes: scan.bytes, sequences: scan.sequences, first: scan.first + 3 }]);
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decoded(UTF16LE.decode(bytes.subarray(2)), 'utf-16le', true, NO_NOTES);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decoded(UTF16BE.decode(bytes.subarray(2)), 'utf-16be', true, NO_NOTES);
  // Zero bytes are valid UTF-8 but never part of text in UTF-8 or GB18030: UTF-16 or stray (one
  // native search settles nearly every file).
  if (bytes.indexOf(0) >= 0) {
    const u16 = utf16WithoutBom(bytes);
    if (u16) return u16;
  }
  if (isUtf8(bytes)) {
    const text = utf8Text(bytes);
    // In UTF-8 a control byte is a control character and nothing else: a text with none needs
    // no count of control bytes (one native search of the text settles nearly every file).
    if (CONTROL_RE.test(text) && looksBinary(bytes)) throw new BinaryFileError();
    return decoded(text, 'utf-8', false, NO_NOTES);
  }
  if (looksBinary(bytes)) throw new BinaryFileError();
  const scan = scanUtf8(bytes);
  const gb = GB18030.decode(bytes);
  const gbErrors = replacementsMade(gb, bytes);
  if (gbErrors === 0 || gbErrors < scan.sequences) return decoded(gb, 'gb18030', false, [{ kind: 'gb18030', firstInvalidUtf8: scan.first }]);
  return decoded(UTF8_LOSSY.decode(bytes), 'utf-8', false, [{ kind: 'utf8-replaced', bytes: scan.bytes, sequences: scan.sequences, first: scan.first }]);
}

function decoded(text: string, encoding: EncodingName, bom: boolean, notes: readonly DecodeNote[]): Decoded {
  return { text, encoding, bom, eol: dominantEol(text), notes };
}

/** The most bytes `decode` spends on one UTF-16 code unit of its text (a GB18030 four-byte sequence, or one replaced by U+FFFD). */
export const MAX_BYTES_PER_CODE_UNIT = 4;

/**
 * The size in bytes above which a file's text (`decode`) cannot be `chars` UTF-16 code units or
 * fewer, whatever its encoding: MAX_BYTES_PER_CODE_UNIT per code unit, plus a BOM. A size limit
 * counted in characters (`govreport.maxFileSize`) thus refuses a larger file unread, and reads
 * no more than this of one.
 */
export function maxEncodedBytes(chars: number): number {
  return MAX_BYTES_PER_CODE_UNIT * chars + 3;
}

/**
 * Whether writing `d.text` back in its encoding gives exactly `bytes`: false when decoding
 * replaced something (invalid UTF-8, an unpaired UTF-16 surrogate or odd byte, an invalid
 * GB18030 sequence) or when a valid sequence has a different canonical encoding (GB18030 A3A0,
 * A6D9…, GBK's single byte 0x80). Every supported encoding is stateless, so for a file that round
 * trips, writing an edited text changes only the bytes of the edited ranges.
 */
export function roundTrips(bytes: Uint8Array, d: Pick<Decoded, 'text' | 'encoding' | 'bom'>): boolean {
  const again = encode(d.text, d);
  return again.length === bytes.length && Buffer.from(again.buffer, again.byteOffset, again.length).equals(bytes);
}

export function encode(text: string, d: Pick<Decoded, 'encoding' | 'bom'>): Uint8Array {
  switch (d.encoding) {
    case 'utf-8': {
      const body = new TextEncoder().encode(text);
      if (!d.bom) return body;
      const out = new Uint8Array(body.length + 3);
      out.set([0xef, 0xbb, 0xbf]);
      out.set(body, 3);
      return out;
    }
    case 'utf-16le':
    case 'utf-16be': {
      const at = d.bom ? 2 : 0;
      const out = new Uint8Array(at + text.length * 2);
      const le = d.encoding === 'utf-16le';
      if (d.bom) {
        out[0] = le ? 0xff : 0xfe;
        out[1] = le ? 0xfe : 0xff;
      }
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        out[at + 2 * i] = le ? c & 0xff : c >> 8;
        out[at + 1 + 2 * i] = le ? c >> 8 : c & 0xff;
      }
      return out;
    }
    case 'gb18030':
      return new Uint8Array(iconvLite().encode(text, 'gb18030'));
  }
}

let iconv: typeof Iconv | undefined;

/**
 * iconv-lite, loaded on the first GB18030 write: its tables are most of the CLI's and the
 * server's code (550 of 690 kB), and a check never needs them (GB18030 is decoded by
 * TextDecoder). The bundles take it from dist/iconv-lite.js (see esbuild.mjs).
 */
function iconvLite(): typeof Iconv {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (iconv ??= require('iconv-lite') as typeof Iconv);
}

/**
 * The text of bytes known to be valid UTF-8 (`isUtf8`): what `new TextDecoder('utf-8',
 * { fatal: true, ignoreBOM: true })` gives, its definition (test/property/fastpaths.test.ts
 * holds it to that). Converted by ICU to UTF-16, about five times faster here than V8's UTF-8
 * decoder on Chinese text (8 against 50 ms for a thousand 6 KB reports).
 */
export function utf8Text(bytes: Uint8Array): string {
  if (bytes.length === 0) return '';
  return transcode(bytes, 'utf8', 'utf16le').toString('utf16le');
}

const BINARY_WINDOW = 8192;
/** Control characters other than tab, line feed, vertical tab, form feed and carriage return. */
const CONTROL_RE = /[\x00-\x08\x0e-\x1f]/;
/** Control bytes at or above this share of a file make it binary. */
const BINARY_CONTROL_SHARE = 0.01;
/** A run of this many NUL bytes in the first 8 KB makes a file binary (zero-padded headers). */
const BINARY_NUL_RUN = 8;

/**
 * Binary: control bytes (NUL and C0 other than tab, LF, VT, FF, CR) are 1% or more of the
 * bytes, or the first 8 KB hold a run of 8 or more NUL bytes. A text with a few stray control
 * characters is not binary: it is decoded, and the strays are reported by `file-encoding`.
 * (In UTF-8 and GB18030 a control byte is never part of another character.)
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = bytes.length;
  let control = 0;
  let run = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b >= 32 || (b > 8 && b < 14)) {
      run = 0;
      continue;
    }
    control++;
    if (b === 0) {
      if (++run >= BINARY_NUL_RUN && i < BINARY_WINDOW) return true;
    } else run = 0;
  }
  return n > 0 && control >= n * BINARY_CONTROL_SHARE;
}

/**
 * Invalid UTF-8 in `bytes`, counted as TextDecoder replaces it (one U+FFFD per maximal subpart
 * of an ill-formed sequence, WHATWG Encoding): the number of such sequences, of their bytes, and
 * the offset of the first (-1 when the bytes are valid).
 */
export function scanUtf8(bytes: Uint8Array): { sequences: number; bytes: number; first: number } {
  let sequences = 0;
  let bad = 0;
  let first = -1;
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const c = bytes[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      else if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      else if (c === 0xf4) hi = 0x8f;
    } else need = -1;
    let j = i + 1;
    if (need > 0) {
      let k = 0;
      while (k < need && j < n && bytes[j] >= lo && bytes[j] <= hi) {
        lo = 0x80;
        hi = 0xbf;
        j++;
        k++;
      }
      if (k === need) {
        i = j;
        continue;
      }
    }
    sequences++;
    bad += j - i;
    if (first < 0) first = i;
    i = j;
  }
  return { sequences, bytes: bad, first };
}

/** GB18030's encoding of U+FFFD: a replacement character the file really holds. */
const GB18030_FFFD = Uint8Array.of(0x84, 0x31, 0xa4, 0x37);

/** How many U+FFFD the GB18030 decoder made (those in `text` less those the bytes encode). */
function replacementsMade(text: string, bytes: Uint8Array): number {
  let made = 0;
  for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) made++;
  if (made === 0) return 0;
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  for (let i = b.indexOf(GB18030_FFFD); i >= 0; i = b.indexOf(GB18030_FFFD, i + 4)) made--;
  return made;
}

/** Zero bytes at one parity in this share of the first 8 KB's byte pairs suggest UTF-16. */
const UTF16_ZERO_SHARE = 0.05;
/** Characters outside what reports are written in, at most this share of a UTF-16 reading. */
const UTF16_IMPLAUSIBLE_SHARE = 0.05;
/**
 * What a report is written in: tab, line ends, printable ASCII, Latin-1, general punctuation,
 * letterlike symbols, enclosed numbers, box drawing, CJK symbols and punctuation, CJK ideographs,
 * full-width forms. Anything else (control characters, other scripts) counts against a reading.
 */
const IMPLAUSIBLE_RE = /[^\t\n\r\x20-\x7e\u00a0-\u00ff\u2000-\u206f\u2100-\u218f\u2460-\u24ff\u2500-\u257f\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\ufe30-\ufe4f\uff00-\uffef]/g;

/** Text in lines (a line end at least), with few characters reports are not written in. */
function plausible(text: string): boolean {
  if (text.indexOf('\n') < 0 && text.indexOf('\r') < 0) return false;
  const limit = text.length * UTF16_IMPLAUSIBLE_SHARE;
  let implausible = 0;
  IMPLAUSIBLE_RE.lastIndex = 0;
  while (IMPLAUSIBLE_RE.exec(text)) if (++implausible > limit) return false;
  return true;
}

/**
 * UTF-16 without a BOM: zero bytes (the high byte of ASCII characters, the low byte of U+3000…)
 * at one parity in 5% or more of the first 8 KB's byte pairs, and the whole file decodes in that
 * byte order (else the other) without error into plausible text: lines, and at most 5% of
 * characters outside the scripts and symbols reports use. Undefined otherwise.
 */
function utf16WithoutBom(bytes: Uint8Array): Decoded | undefined {
  const n = bytes.length;
  if (n < 4 || n % 2 !== 0) return undefined;
  const w = Math.min(n, BINARY_WINDOW);
  let even = 0;
  let odd = 0;
  for (let i = 0; i + 1 < w; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  if (Math.max(even, odd) < (w >> 1) * UTF16_ZERO_SHARE) return undefined;
  const orders: ('utf-16le' | 'utf-16be')[] = odd >= even ? ['utf-16le', 'utf-16be'] : ['utf-16be', 'utf-16le'];
  for (const encoding of orders) {
    let text: string;
    try {
      text = (encoding === 'utf-16le' ? UTF16LE_FATAL : UTF16BE_FATAL).decode(bytes);
    } catch {
      continue;
    }
    if (plausible(text)) return decoded(text, encoding, false, [{ kind: 'utf16-no-bom', encoding }]);
  }
  return undefined;
}

function dominantEol(text: string): Decoded['eol'] {
  // No CR at all (nearly every file): LF, found by the engine's string search.
  if (text.indexOf('\r') < 0) return '\n';
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) {
        crlf++;
        i++;
      } else cr++;
    } else if (c === 10) lf++;
  }
  if (crlf >= lf && crlf >= cr && crlf > 0) return '\r\n';
  if (cr > lf) return '\r';
  return '\n';
}
