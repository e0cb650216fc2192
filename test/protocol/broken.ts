// A broken report whose wrong cell sits on a line of Chinese text: seed 001 (one row a line) with
// its （七）总计 row relabelled with U+3000 (ideographic space), CJK characters and 𠮷 (U+20BB7,
// outside the BMP: two UTF-16 code units, one code point, four UTF-8 bytes), and its 总计 cell 5
// where the parts add up to 0. Column of that 5: UTF-16 22, UTF-32 21, UTF-8 38. Shared by the
// protocol tests of position encodings and the Neovim end-to-end test.
import { seedText } from './harness';

const ORIGINAL_LINE = '\t(七)总\t计\t0\t0\t0\t0\t0\t0\t0';
export const BROKEN_LABEL = '　（七）总计　𠮷';
export const BROKEN_LINE = `${BROKEN_LABEL}\t0\t0\t0\t0\t0\t0\t5`;

export function brokenReport(): string {
  const seed = seedText('001');
  if (!seed.includes(ORIGINAL_LINE)) throw new Error('seed 001 no longer holds its （七）总计 line');
  return seed.replace(ORIGINAL_LINE, BROKEN_LINE);
}

export type Encoding = 'utf-16' | 'utf-8' | 'utf-32';

/**
 * The column, in `encoding`, of UTF-16 column `utf16` of `line`: computed apart from the
 * server's code (Buffer for UTF-8, the string iterator for code points).
 */
export function columnIn(line: string, utf16: number, encoding: Encoding): number {
  const prefix = line.slice(0, utf16);
  if (encoding === 'utf-8') return Buffer.byteLength(prefix, 'utf8');
  if (encoding === 'utf-32') return [...prefix].length;
  return prefix.length;
}

/** The UTF-16 column of column `col` (in `encoding`) of `line`: the inverse of columnIn. */
export function utf16Column(line: string, col: number, encoding: Encoding): number {
  if (encoding === 'utf-16') return col;
  let units = 0;
  let n = 0;
  for (const ch of line) {
    if (n >= col) break;
    n += encoding === 'utf-8' ? Buffer.byteLength(ch, 'utf8') : 1;
    units += ch.length;
  }
  if (n !== col) throw new Error(`column ${col} (${encoding}) is not on a character boundary of ${JSON.stringify(line)}`);
  return units;
}
