import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, RULE_META, RULES } from '../../../core/src';
import { decode } from '../../../core/src/encoding';
import { CLEAN, findingsOf, lineOf, report2021, seed } from '../helpers';

const RULE = 'file-encoding';

/** The report with `insert` put in front of the first occurrence of `before` (in the prose). */
function inserted(text: string, before: string, insert: string): string {
  const i = text.indexOf(before);
  if (i < 0) throw new Error(`not found: ${before}`);
  return text.slice(0, i) + insert + text.slice(i);
}

describe(RULE, () => {
  it('is registered last, a warning without fix', () => {
    assert.equal(RULES[RULES.length - 1].meta.id, RULE);
    assert.deepEqual(
      RULE_META.filter((m) => m.id === RULE).map((m) => [m.defaultSeverity, m.fix]),
      [['warning', 'none']],
    );
  });

  it('says nothing on the clean reports', () => {
    for (const [name, text] of Object.entries(CLEAN)) assert.deepEqual(findingsOf(text(), RULE), [], name);
  });

  it('one finding per run of stray control characters, on its range; tab, LF, VT, FF and CR are not stray', () => {
    const text = inserted(inserted(report2021('tabs'), '我区认真', '\x00\x00\x1b'), '主动公开、依申请', '\x07');
    const line = lineOf(text, '\x00\x00\x1b');
    assert.deepEqual(findingsOf(text, RULE), [
      `${line}:7 warning ${RULE} 3 个控制字符（U+0000, U+001B），多为转换或复制时混入，打印和报送时可能出错`,
      `${line}:36 warning ${RULE} 1 个控制字符（U+0007），多为转换或复制时混入，打印和报送时可能出错`,
    ]);
    const { findings } = check(text, { locale: 'en' });
    const f = findings.filter((x) => x.rule === RULE);
    assert.deepEqual(
      f.map((x) => [text.slice(x.start, x.end), x.message]),
      [
        ['\x00\x00\x1b', '3 stray control characters (U+0000, U+001B), usually left over from a conversion or a copy; they can break printing and submission'],
        ['\x07', '1 stray control character (U+0007), usually left over from a conversion or a copy; they can break printing and submission'],
      ],
    );
    // The rest of the report reads as before.
    assert.deepEqual(
      check(text).findings.filter((x) => x.rule !== RULE),
      [],
    );
    const whitespace = inserted(report2021('tabs'), '我区认真', '\t\v\f\r\n');
    assert.deepEqual(findingsOf(whitespace, RULE), []);
  });

  it('replacement characters (U+FFFD) apart from control characters: one finding per run', () => {
    const text = inserted(seed('001'), '紧紧围绕', '\ufffd\ufffd\x01');
    const { findings } = check(text, { locale: 'en' });
    assert.deepEqual(
      findings.filter((x) => x.rule === RULE).map((x) => [text.slice(x.start, x.end), x.severity, x.message]),
      [
        ['\ufffd\ufffd', 'warning', "2 replacement characters U+FFFD: bytes here could not be decoded in the file's encoding and what they said is lost; check against the original"],
        ['\x01', 'warning', '1 stray control character (U+0001), usually left over from a conversion or a copy; they can break printing and submission'],
      ],
    );
  });

  it('reports what the file reader noticed, at the start of the file, with its own severity', () => {
    const text = report2021('tabs');
    const source = {
      notes: [
        { kind: 'gb18030' as const, firstInvalidUtf8: 12 },
        { kind: 'utf8-replaced' as const, bytes: 3, sequences: 2, first: 40 },
        { kind: 'utf16-no-bom' as const, encoding: 'utf-16be' as const },
      ],
    };
    assert.deepEqual(findingsOf(text, RULE, { source, locale: 'en' }), [
      `1:1 information ${RULE} decoded as GB18030 because the file is not valid UTF-8 (first invalid byte at offset 12)`,
      `1:1 warning ${RULE} 3 invalid UTF-8 bytes replaced with U+FFFD (first at byte offset 40); --fix will not rewrite this file`,
      `1:1 information ${RULE} UTF-16 without BOM detected by byte pattern (big-endian)`,
    ]);
    assert.deepEqual(findingsOf(text, RULE, { source }), [
      `1:1 information ${RULE} 文件不是有效的 UTF-8（第一个无效字节在偏移 12 处），已按 GB18030 解码`,
      `1:1 warning ${RULE} 3 个无效的 UTF-8 字节已替换为 U+FFFD（第一个在字节偏移 40 处）；此文件不会被 --fix 改写`,
      `1:1 information ${RULE} 按字节规律识别为无 BOM 的 UTF-16（大端）`,
    ]);
    // Configured off, or to a severity of its own.
    assert.deepEqual(findingsOf(text, RULE, { source, rules: { [RULE]: 'off' } }), []);
    assert.deepEqual(
      findingsOf(text, RULE, { source, rules: { [RULE]: 'error' } }).map((s) => s.split(' ')[1]),
      ['error', 'error', 'error'],
    );
  });

  it('from bytes to findings: a stray byte in UTF-8 is one note and one replacement run, the rest of the report intact', () => {
    const good = Buffer.from(seed('002'), 'utf8');
    const at = good.indexOf(Buffer.from('严格按照'));
    assert.ok(at > 0);
    const bytes = Buffer.concat([good.subarray(0, at), Buffer.from([0xff]), good.subarray(at)]);
    const d = decode(bytes);
    assert.equal(d.encoding, 'utf-8');
    const { report, findings } = check(d.text, { source: { notes: d.notes }, locale: 'en' });
    assert.deepEqual(
      findings.filter((f) => f.rule === RULE).map((f) => [f.severity, f.message, d.text.slice(f.start, f.end)]),
      [
        ['warning', `1 invalid UTF-8 byte replaced with U+FFFD (first at byte offset ${at}); --fix will not rewrite this file`, ''],
        ['warning', "1 replacement character U+FFFD: bytes here could not be decoded in the file's encoding and what they said is lost; check against the original", '\ufffd'],
      ],
    );
    assert.equal(report.formatVersion, '2019');
    assert.deepEqual(
      findings.filter((f) => f.rule !== RULE).map((f) => f.rule),
      check(seed('002')).findings.map((f) => f.rule),
    );
  });
});
