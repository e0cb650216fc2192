// Reading and writing report files in the encodings they come in: UTF-8 (with or without BOM),
// UTF-16 with BOM, and GB18030/GBK (what Chinese Windows and WPS save by default).
import { isUtf8, transcode } from 'node:buffer';
import type * as Iconv from 'iconv-lite';

export type EncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface Decoded {
  text: string;
  encoding: EncodingName;
  bom: boolean;
  /** The most common line end, kept when writing back. */
  eol: '\n' | '\r\n' | '\r';
}

export class BinaryFileError extends Error {
  constructor() {
    super('binary file');
  }
}

// Made once: opening a decoder costs more than decoding a report.
const UTF8 = new TextDecoder('utf-8');
const UTF16LE = new TextDecoder('utf-16le');
const UTF16BE = new TextDecoder('utf-16be');
const GB18030 = new TextDecoder('gb18030');

/** Decodes a file's bytes. Throws BinaryFileError for content that is not text. */
export function decode(bytes: Uint8Array): Decoded {
  let text: string;
  let encoding: EncodingName;
  let bom = false;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    text = UTF8.decode(bytes.subarray(3));
    encoding = 'utf-8';
    bom = true;
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = UTF16LE.decode(bytes.subarray(2));
    encoding = 'utf-16le';
    bom = true;
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = UTF16BE.decode(bytes.subarray(2));
    encoding = 'utf-16be';
    bom = true;
  } else {
    // NUL bytes are valid UTF-8: they are looked for first, so a binary file is never decoded.
    if (bytes.subarray(0, BINARY_WINDOW).indexOf(0) >= 0) throw new BinaryFileError();
    if (isUtf8(bytes)) {
      text = utf8Text(bytes);
      // In UTF-8 a control byte is a control character and nothing else: a text with none has
      // none in its first 8 KB (one native search of the text settles nearly every file).
      if (CONTROL_RE.test(text) && looksBinary(bytes)) throw new BinaryFileError();
      encoding = 'utf-8';
    } else {
      if (looksBinary(bytes)) throw new BinaryFileError();
      text = GB18030.decode(bytes);
      encoding = 'gb18030';
    }
  }
  return { text, encoding, bom, eol: dominantEol(text) };
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
      const out = new Uint8Array(2 + text.length * 2);
      const le = d.encoding === 'utf-16le';
      out[0] = le ? 0xff : 0xfe;
      out[1] = le ? 0xfe : 0xff;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        out[2 + 2 * i] = le ? c & 0xff : c >> 8;
        out[3 + 2 * i] = le ? c >> 8 : c & 0xff;
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

/** NUL bytes, or many control characters, in the first 8 KB mean binary. */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, BINARY_WINDOW);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return n > 0 && control / n > 0.1;
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
