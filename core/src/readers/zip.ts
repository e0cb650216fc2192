// The ZIP container of a .docx, read from its central directory, and one entry inflated with
// fflate's streaming inflater under a byte budget: a zip bomb stops when its output passes the
// budget, whatever sizes its headers claim (fflate's unzipSync trusts the declared size: it
// allocates it, and inflates a bomb that claims a small size to the end of its input).
import { Inflate } from 'fflate';
import { ReaderError } from './types';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  flags: number;
  compressedSize: number;
  /** The size the directory claims (not trusted). */
  size: number;
  localOffset: number;
}

/** Compressed bytes pushed to the inflater at a time: its output per push is at most ~1,032 times this. */
const INFLATE_CHUNK = 8192;

const UTF8 = new TextDecoder('utf-8');

function corrupt(detail: string): ReaderError {
  return new ReaderError('zip-corrupt', `文件已损坏，不是有效的 ZIP（.docx）文件：${detail}`, `the file is corrupt, not a valid ZIP (.docx) file: ${detail}`);
}

const u16 = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u32 = (b: Uint8Array, i: number) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16)) + b[i + 3] * 0x1000000;
/** A 64-bit little-endian number, as a double (exact below 2^53; larger is corrupt here anyway). */
const u64 = (b: Uint8Array, i: number) => u32(b, i) + u32(b, i + 4) * 0x100000000;

/** The entries of a ZIP file by name, from its central directory. Throws ReaderError('zip-corrupt'). */
export function listZip(bytes: Uint8Array): Map<string, ZipEntry> {
  const n = bytes.length;
  if (n < 22) throw corrupt('too short');
  let eocd = -1;
  for (let i = n - 22, stop = Math.max(0, n - 22 - 65535); i >= stop; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 5 && bytes[i + 3] === 6) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt('no end of central directory');
  let count = u16(bytes, eocd + 10);
  let cdSize = u32(bytes, eocd + 12);
  let cdOffset = u32(bytes, eocd + 16);
  // ZIP64: the locator sits just before the end record and names the ZIP64 end record.
  if (eocd >= 20 && u32(bytes, eocd - 20) === 0x07064b50) {
    const z = u64(bytes, eocd - 12);
    if (z + 56 > n || u32(bytes, z) !== 0x06064b50) throw corrupt('bad ZIP64 end record');
    count = u64(bytes, z + 32);
    cdSize = u64(bytes, z + 40);
    cdOffset = u64(bytes, z + 48);
  }
  if (cdOffset + cdSize > n) throw corrupt('central directory outside the file');
  const entries = new Map<string, ZipEntry>();
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > n || u32(bytes, p) !== 0x02014b50) throw corrupt('bad central directory entry');
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    let compressedSize = u32(bytes, p + 20);
    let size = u32(bytes, p + 24);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    let localOffset = u32(bytes, p + 42);
    if (p + 46 + nameLen + extraLen + commentLen > n) throw corrupt('bad central directory entry');
    const name = UTF8.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    // ZIP64 extra field: the 64-bit values of the fields that hold 0xFFFFFFFF, in this order.
    for (let x = p + 46 + nameLen, xe = x + extraLen; x + 4 <= xe; ) {
      const id = u16(bytes, x);
      const len = u16(bytes, x + 2);
      if (id === 1) {
        let q = x + 4;
        const qe = q + len;
        if (size === 0xffffffff && q + 8 <= qe) {
          size = u64(bytes, q);
          q += 8;
        }
        if (compressedSize === 0xffffffff && q + 8 <= qe) {
          compressedSize = u64(bytes, q);
          q += 8;
        }
        if (localOffset === 0xffffffff && q + 8 <= qe) localOffset = u64(bytes, q);
      }
      x += 4 + len;
    }
    if (!entries.has(name)) entries.set(name, { name, method, flags, compressedSize, size, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The bytes an entry's data may inflate to, shared by the entries of one file. */
export interface Budget {
  remaining: number;
  limit: number;
}

function tooLarge(budget: Budget): ReaderError {
  const mb = Math.round(budget.limit / 1_000_000);
  return new ReaderError(
    'zip-too-large',
    `解压后超过 ${mb} MB 上限（可能是 ZIP 炸弹），已停止读取`,
    `inflates to more than the ${mb} MB limit (possibly a zip bomb); reading stopped`,
  );
}

/**
 * An entry's content: stored bytes, or inflated with fflate's streaming inflater in chunks of
 * INFLATE_CHUNK compressed bytes, counting the output against `budget`; past it, ReaderError
 * ('zip-too-large'), after at most one chunk's output more.
 */
export function readEntry(bytes: Uint8Array, e: ZipEntry, budget: Budget): Uint8Array {
  if (e.flags & 1) throw new ReaderError('zip-encrypted', '文件已加密，无法读取', 'the file is encrypted; cannot read it');
  const lh = e.localOffset;
  if (lh + 30 > bytes.length || u32(bytes, lh) !== 0x04034b50) throw corrupt(`bad local header of ${e.name}`);
  const start = lh + 30 + u16(bytes, lh + 26) + u16(bytes, lh + 28);
  const end = start + e.compressedSize;
  if (end > bytes.length) throw corrupt(`${e.name} runs past the end of the file`);
  const data = bytes.subarray(start, end);
  if (e.method === 0) {
    if (data.length > budget.remaining) throw tooLarge(budget);
    budget.remaining -= data.length;
    return data.slice();
  }
  if (e.method !== 8) throw corrupt(`${e.name}: compression method ${e.method} not supported`);
  // A claim beyond the budget is refused before any work (a claim within it is not trusted).
  if (e.size > budget.remaining) throw tooLarge(budget);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > budget.remaining) throw tooLarge(budget);
    chunks.push(chunk);
  });
  try {
    if (data.length === 0) inflater.push(data, true);
    for (let p = 0; p < data.length; p += INFLATE_CHUNK) {
      const q = Math.min(p + INFLATE_CHUNK, data.length);
      inflater.push(data.subarray(p, q), q === data.length);
    }
  } catch (err) {
    if (err instanceof ReaderError) throw err;
    throw corrupt(`${e.name}: ${(err as Error).message}`);
  }
  budget.remaining -= total;
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
