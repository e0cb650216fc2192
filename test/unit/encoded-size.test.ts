// maxEncodedBytes (core/src/encoding.ts): the byte size above which no file's text can be within
// a limit counted in characters (govreport.maxFileSize, in the client and the server). It must
// hold for every encoding and every way `decode` reads bytes, invalid ones included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decode, encode, maxEncodedBytes } from '../../core/src/encoding';

/** The bytes are within the bound of the text they decode to. */
function holds(bytes: Uint8Array): { bytes: number; chars: number } {
  const chars = decode(bytes).text.length;
  assert.ok(bytes.length <= maxEncodedBytes(chars), `${bytes.length} bytes decode to ${chars} code units`);
  return { bytes: bytes.length, chars };
}

test('the worst case is reached: GB18030 four-byte sequences, one code unit each', () => {
  // A character outside GBK is four bytes in GB18030.
  let four = '';
  for (let c = 0x80; c < 0xffff && four.length < 50; c++) {
    const ch = String.fromCharCode(c);
    if (c < 0xd800 || c > 0xdfff) if (encode(ch, { encoding: 'gb18030', bom: false }).length === 4) four += ch;
  }
  assert.equal(four.length, 50);
  const r = holds(encode(four, { encoding: 'gb18030', bom: false }));
  assert.deepEqual(r, { bytes: 200, chars: 50 });
  assert.ok(r.bytes > maxEncodedBytes(r.chars - 1), 'the bound is tight');
});

test('every encoding read, with BOMs, supplementary characters and invalid bytes', () => {
  const text = '一、总体情况\n本年新收政府信息公开申请𠀀𠀁 12 件\r\n';
  const cases: Uint8Array[] = [
    encode(text, { encoding: 'utf-8', bom: false }),
    encode(text, { encoding: 'utf-8', bom: true }),
    encode(text, { encoding: 'utf-16le', bom: true }),
    encode(text, { encoding: 'utf-16be', bom: true }),
    encode(text, { encoding: 'gb18030', bom: false }),
    // Invalid UTF-8 sequences (each maximal one is one U+FFFD), truncated at the end.
    Uint8Array.from([...encode(text, { encoding: 'utf-8', bom: false }), 0xe4, 0xb8, 0xf0, 0x9f, 0x98]),
    Uint8Array.from([0xef, 0xbb, 0xbf, 0xe4, 0xb8]),
    // An odd byte at the end of UTF-16.
    Uint8Array.from([0xff, 0xfe, 0x00, 0x4e, 0x41]),
    // Invalid GB18030 four-byte sequences amid valid ones.
    Uint8Array.from([...encode(text, { encoding: 'gb18030', bom: false }), 0x84, 0x31, 0xa5, 0x30, 0x84, 0x31, 0xa5, 0x30, 0x81]),
  ];
  for (const bytes of cases) holds(bytes);
});

test('random bytes above 0x80 (mostly GB18030 or invalid UTF-8)', () => {
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  for (let k = 0; k < 300; k++) {
    const bytes = new Uint8Array(1 + Math.floor(next() * 64));
    for (let i = 0; i < bytes.length; i++) bytes[i] = 0x30 + Math.floor(next() * 0xd0);
    try {
      holds(bytes);
    } catch (e) {
      if (!(e instanceof Error && e.message === 'binary file')) throw e;
    }
  }
});
