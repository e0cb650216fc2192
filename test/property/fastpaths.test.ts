// The engine's fast text helpers against the plain definitions they replace: same answer on any
// string (random mixes of the characters that matter: ideographs, folding ones, full-width ASCII,
// every kind of space and line break, lone surrogates).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { FORMATS } from '../../core/src/formats';
import { compact, CompactMatcher, isSpaceCode, normalizeLabel, rangeIncludes, splitLines } from '../../core/src/text';
import { yearInBody } from '../../core/src/year';
import { BinaryFileError, decode, looksBinary, scanUtf8, utf8Text } from '../../core/src/encoding';
import { expectedRows, LabelScorer, MATCH_THRESHOLD } from '../../core/src/parse/align';
import { charCounts, labelSimilarity } from '../../core/src/text';

const ALPHABET = [
  '本', '年', '新', '制', '作', '数', '量', '采', '购', '一', '、', '（', '(', ')', '）', '/', '／', '第', '九', '项',
  ' ', '\t', '\u3000', '\u00a0', '\ufeff', '\u200b', '\u2028', '\n', '\r', '\r\n', 'a', '1', '１', '⼀', '豈', '㈠', '\ud800', '\udc00', '𠀀',
];
const text = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 40 }).map((xs) => xs.join(''));
const RUNS = 3000;

describe('fast paths agree with their definitions', () => {
  it('CompactMatcher.find = includes on the compacted text', () => {
    const words = Object.values(FORMATS).flatMap((f) => f.markers);
    const extra = ['本年', '年新', '(九)', '新制作'];
    const matcher = new CompactMatcher([...words, ...extra]);
    fc.assert(
      fc.property(text, fc.nat(5), fc.nat(5), (t, a, b) => {
        const start = Math.min(a, t.length);
        const end = Math.max(start, t.length - b);
        const c = compact(t.slice(start, end));
        assert.deepEqual(Array.from(matcher.find(t, start, end), Boolean), matcher.words.map((w) => c.includes(w)));
      }),
      { numRuns: RUNS },
    );
  });

  it('normalizeLabel = NFKC, then only the CJK ideographs kept', () => {
    const reference = (s: string) => [...s.normalize('NFKC')].filter((ch) => /^[\u3400-\u4dbf\u4e00-\u9fff]$/.test(ch)).join('');
    fc.assert(fc.property(text, (t) => assert.equal(normalizeLabel(t), reference(t))), { numRuns: RUNS });
  });

  it('splitLines = the lines between LF, CRLF and lone CR', () => {
    fc.assert(
      fc.property(text, (t) => {
        const lines = splitLines(t);
        const got = Array.from({ length: lines.length }, (_, i) => t.slice(lines.startOf(i), lines.endOf(i)));
        assert.deepEqual(got, t.split(/\r\n|\r|\n/));
      }),
      { numRuns: RUNS },
    );
  });

  it('rangeIncludes = includes on the slice', () => {
    fc.assert(
      fc.property(text, fc.constantFrom('本年', '第九项', '项', '一、'), fc.nat(40), fc.nat(40), (t, w, a, b) => {
        const [start, end] = [Math.min(a, b, t.length), Math.min(Math.max(a, b), t.length)];
        assert.equal(rangeIncludes(t, start, end, w), t.slice(start, end).includes(w));
      }),
      { numRuns: RUNS },
    );
  });

  it('yearInBody = the regular expressions on the compacted text', () => {
    const reference = (text: string) => {
      const c = compact(text);
      const period = /统计期限自((?:19|20)\d{2})年/.exec(c);
      if (period) return { year: Number(period[1]), source: 'period' };
      const counts = new Map<number, number>();
      const re = /((?:19|20)\d{2})年(?!\d{1,2}月\d{1,2}日)/g;
      for (let m; (m = re.exec(c)); ) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
      let best: number | null = null;
      for (const [y, n] of counts) if (best === null || n > counts.get(best)! || (n === counts.get(best)! && y < best)) best = y;
      return { year: best, source: best === null ? null : 'body' };
    };
    const piece = fc.constantFrom('2020', '2019', '1999', '2', '0', '1', '12', '２０２１', '年', '月', '日', '统计期限自', '统计', '期限自', ' ', '\n', '\u3000', '\t', '自', '度', '3');
    const body = fc.array(piece, { maxLength: 24 }).map((xs) => xs.join(''));
    fc.assert(fc.property(body, (t) => assert.deepEqual(yearInBody(t), reference(t))), { numRuns: 20000 });
  });

  it('isSpaceCode = /[\\s\\u3000\\u00a0\\ufeff\\u200b]/ on every code unit', () => {
    const SPACE_RE = /[\s\u3000\u00a0\ufeff\u200b]/;
    for (let c = 0; c <= 0xffff; c++) if (isSpaceCode(c) !== SPACE_RE.test(String.fromCharCode(c))) assert.fail(`U+${c.toString(16)}`);
  });

  // Bytes that matter to decoding: ASCII, control bytes, lead and continuation bytes, overlong and
  // surrogate forms, and whole UTF-8 sequences of 1 to 4 bytes.
  const UTF8_PIECES = ['a', '\n', '\t', '\r', '\x00', '\x01', '\x1f', '本', '年', '（', '\u3000', '\ufeff', '𠀀', '😀'].map((s) => [...Buffer.from(s, 'utf8')]);
  const RAW = [[0x01, 0x02, 0x03, 0x1f], [0x80], [0xbf], [0xc0, 0x80], [0xc3], [0xe4, 0xb8], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xff], [0xd6, 0xd0]];
  const bytes = fc.array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...UTF8_PIECES) }, { weight: 1, arbitrary: fc.constantFrom(...RAW) }), { maxLength: 30 }).map((xs) => Uint8Array.from(xs.flat()));

  /**
   * The definition of a binary file: control bytes (NUL, C0 but tab, LF, VT, FF, CR) are 1% or
   * more of the bytes, or the first 8 KB hold a run of 8 NUL bytes.
   */
  const binaryReference = (b: Uint8Array) => {
    let control = 0;
    for (let i = 0; i < b.length; i++) if (b[i] < 9 || (b[i] > 13 && b[i] < 32)) control++;
    return (b.length > 0 && control >= b.length * 0.01) || /\x00{8}/.test(Buffer.from(b.subarray(0, 8192)).toString('latin1'));
  };
  /** U+FFFD a lossy decode made: those in the text less those the bytes encode. */
  const made = (text: string, b: Uint8Array, encoded: number[]) => {
    const own = Buffer.from(b).toString('latin1').split(Buffer.from(encoded).toString('latin1')).length - 1;
    return text.split('\ufffd').length - 1 - own;
  };

  it('utf8Text = TextDecoder(utf-8, fatal, BOM kept) on valid UTF-8; decode refuses binary and falls back exactly as defined', () => {
    const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const lossy = new TextDecoder('utf-8', { ignoreBOM: true });
    const gb18030 = new TextDecoder('gb18030');
    fc.assert(
      fc.property(bytes, (b) => {
        let reference: string | null;
        try {
          reference = strict.decode(b);
        } catch {
          reference = null;
        }
        if (reference !== null) assert.equal(utf8Text(b), reference);
        if (b[0] === 0xef || b[0] === 0xfe || b[0] === 0xff) return;
        let d;
        try {
          d = decode(b);
        } catch (err) {
          assert.ok(err instanceof BinaryFileError);
          assert.ok(binaryReference(b), 'refused as binary but is not');
          return;
        }
        if (d.notes[0]?.kind === 'utf16-no-bom') {
          // UTF-16 without BOM: zero bytes, an even length, a clean decode in that order, lines.
          assert.ok(b.length % 2 === 0 && b.includes(0));
          assert.equal(new TextDecoder(d.encoding, { fatal: true, ignoreBOM: true }).decode(b), d.text);
          assert.match(d.text, /[\r\n]/);
          return;
        }
        assert.ok(!binaryReference(b), 'binary but decoded');
        if (reference !== null) {
          assert.deepEqual([d.encoding, d.text, d.notes], ['utf-8', reference, []]);
          return;
        }
        const u = lossy.decode(b);
        const g = gb18030.decode(b);
        const uErrors = made(u, b, [0xef, 0xbf, 0xbd]);
        const gErrors = made(g, b, [0x84, 0x31, 0xa4, 0x37]);
        const first = scanUtf8(b).first;
        // The bytes before the first invalid one are valid UTF-8.
        assert.doesNotThrow(() => strict.decode(b.subarray(0, first)));
        if (gErrors === 0 || gErrors < uErrors) assert.deepEqual([d.encoding, d.text, d.notes], ['gb18030', g, [{ kind: 'gb18030', firstInvalidUtf8: first }]]);
        else {
          assert.equal(d.encoding, 'utf-8');
          assert.equal(d.text, u);
          assert.equal(d.notes[0].kind, 'utf8-replaced');
          assert.equal((d.notes[0] as { sequences: number }).sequences, uErrors);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('scanUtf8 counts the sequences TextDecoder replaces, and finds the first', () => {
    const lossy = new TextDecoder('utf-8', { ignoreBOM: true });
    const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    fc.assert(
      fc.property(bytes, (b) => {
        const scan = scanUtf8(b);
        assert.equal(scan.sequences, made(lossy.decode(b), b, [0xef, 0xbf, 0xbd]));
        if (scan.sequences === 0) return assert.equal(scan.first, -1);
        assert.doesNotThrow(() => strict.decode(b.subarray(0, scan.first)));
        assert.throws(() => strict.decode(b.subarray(0, scan.first + scan.bytes)));
        assert.ok(scan.bytes >= scan.sequences);
      }),
      { numRuns: RUNS },
    );
  });

  it('looksBinary = 1% or more control bytes, or a run of 8 NULs in the first 8 KB', () => {
    fc.assert(fc.property(bytes, (b) => assert.equal(looksBinary(b), binaryReference(b))), { numRuns: RUNS });
    // A run of NULs counts in the first 8 KB only; a view into a larger buffer reads only its own bytes.
    const big = new Uint8Array(10000).fill(0x61);
    big.fill(0, 9000, 9008);
    assert.equal(looksBinary(big), false);
    assert.equal(looksBinary(big.subarray(8000)), true);
    assert.equal(looksBinary(new Uint8Array(0)), false);
    // Stray control bytes below 1% are text; at 1% binary.
    const text = new Uint8Array(1000).fill(0x61);
    text.fill(1, 0, 9);
    assert.equal(looksBinary(text), false);
    text[500] = 0;
    assert.equal(looksBinary(text), true);
  });

  it('LabelScorer.score = labelSimilarity against every template label, best per row, first label on ties', () => {
    for (const format of Object.values(FORMATS)) {
      for (const tdef of format.tables) {
        const expected = expectedRows(tdef);
        if (expected.length === 0) continue;
        const scorer = new LabelScorer(expected);
        const chars = [...new Set(expected.flatMap((e) => e.labels.flatMap((l) => [...l.norm])))];
        const whole = expected.flatMap((e) => e.labels.map((l) => l.norm));
        const label = fc.oneof(
          fc.constantFrom(...whole),
          fc.constantFrom(...whole).chain((w) => fc.nat(w.length).map((cut) => w.slice(0, cut) + w.slice(cut + 1))),
          fc.array(fc.constantFrom(...chars, '某'), { minLength: 1, maxLength: 14 }).map((xs) => xs.join('')),
        );
        fc.assert(
          fc.property(label, (found) => {
            const E = expected.length;
            const scores = new Float64Array(E);
            const winners = new Int32Array(E);
            const any = scorer.score(found, scores, winners, 0);
            let refAny = false;
            for (let r = 0; r < E; r++) {
              let best = 0;
              let alias: string | undefined;
              for (const l of expected[r].labels) {
                const sim = labelSimilarity(found, l.norm, charCounts(l.norm));
                if (sim >= MATCH_THRESHOLD && sim > best) {
                  best = sim;
                  alias = l.alias;
                }
              }
              if (best > 0) refAny = true;
              assert.ok(Math.abs(scores[r] - best) < 1e-12, `${found} row ${r}: ${scores[r]} vs ${best}`);
              assert.equal(scorer.aliasOf(winners[r]), best > 0 ? alias : undefined, `${found} row ${r}`);
            }
            assert.equal(any, refAny);
          }),
          { numRuns: 500 },
        );
      }
    }
  });
});
