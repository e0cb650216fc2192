// file-encoding: what the text's bytes say about how the file was made. Stray control characters
// and U+FFFD replacement characters are found in the text itself (so the editor shows them too);
// how the file had to be decoded comes from the file reader, as notes (`ctx.source`).
import type { DecodeNote } from '../encoding';
import type { Rule, RuleContext } from './types';

/** One run of stray control characters (C0 but tab, LF, VT, FF, CR), or of U+FFFD. */
const STRAY_RE = /[\x00-\x08\x0e-\x1f]+|\ufffd+/g;
const ANY_STRAY_RE = /[\x00-\x08\x0e-\x1f\ufffd]/;

export const fileEncoding: Rule = {
  meta: {
    id: 'file-encoding',
    description: {
      zh: '文本中有控制字符或替换字符（U+FFFD），或文件编码不规范（非 UTF-8、无 BOM 的 UTF-16、含无效字节）',
      en: 'Stray control characters or U+FFFD replacement characters in the text, or a file not cleanly encoded (not UTF-8, UTF-16 without BOM, invalid bytes)',
    },
    defaultSeverity: 'warning',
    fix: 'none',
  },
  check(ctx) {
    const notes = ctx.source?.notes;
    if (notes) for (let i = 0; i < notes.length; i++) reportNote(ctx, notes[i]);
    const text = ctx.report.text;
    // One native search settles nearly every text.
    if (!ANY_STRAY_RE.test(text)) return;
    const re = new RegExp(STRAY_RE.source, 'g');
    for (let m = re.exec(text); m; m = re.exec(text)) reportRun(ctx, m.index, m[0]);
  },
};

function hex(code: number): string {
  return 'U+' + code.toString(16).toUpperCase().padStart(4, '0');
}

function reportRun(ctx: RuleContext, start: number, run: string): void {
  const n = run.length;
  if (run.charCodeAt(0) === 0xfffd) {
    ctx.add({
      message: ctx.t(
        () => `${n} 个替换字符 U+FFFD：此处的字节无法按文件的编码解码，原有文字已丢失，请对照原件核实`,
        () => `${n} replacement character${n === 1 ? '' : 's'} U+FFFD: bytes here could not be decoded in the file's encoding and what they said is lost; check against the original`,
      ),
      start,
      end: start + n,
    });
    return;
  }
  const codes: string[] = [];
  for (let i = 0; i < n && codes.length < 3; i++) {
    const c = hex(run.charCodeAt(i));
    if (!codes.includes(c)) codes.push(c);
  }
  const list = codes.join(', ') + (new Set(run).size > codes.length ? ', …' : '');
  ctx.add({
    message: ctx.t(
      () => `${n} 个控制字符（${list}），多为转换或复制时混入，打印和报送时可能出错`,
      () => `${n} stray control character${n === 1 ? '' : 's'} (${list}), usually left over from a conversion or a copy; they can break printing and submission`,
    ),
    start,
    end: start + n,
  });
}

function reportNote(ctx: RuleContext, note: DecodeNote): void {
  switch (note.kind) {
    case 'gb18030':
      ctx.add({
        message: ctx.t(
          `文件不是有效的 UTF-8（第一个无效字节在偏移 ${note.firstInvalidUtf8} 处），已按 GB18030 解码`,
          `decoded as GB18030 because the file is not valid UTF-8 (first invalid byte at offset ${note.firstInvalidUtf8})`,
        ),
        severity: 'information',
        start: 0,
        end: 0,
      });
      return;
    case 'utf8-replaced':
      ctx.add({
        message: ctx.t(
          `${note.bytes} 个无效的 UTF-8 字节已替换为 U+FFFD（第一个在字节偏移 ${note.first} 处）；此文件不会被 --fix 改写`,
          `${note.bytes} invalid UTF-8 byte${note.bytes === 1 ? '' : 's'} replaced with U+FFFD (first at byte offset ${note.first}); --fix will not rewrite this file`,
        ),
        start: 0,
        end: 0,
      });
      return;
    case 'utf16-no-bom':
      ctx.add({
        message: ctx.t(
          `按字节规律识别为无 BOM 的 UTF-16（${note.encoding === 'utf-16le' ? '小端' : '大端'}）`,
          `UTF-16 without BOM detected by byte pattern (${note.encoding === 'utf-16le' ? 'little' : 'big'}-endian)`,
        ),
        severity: 'information',
        start: 0,
        end: 0,
      });
      return;
  }
}
