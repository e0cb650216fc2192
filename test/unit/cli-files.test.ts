// Issue 11, files handled with care: how `govreport check` (and --fix) treats links, permissions,
// owners, temporary files, bytes it cannot read back exactly, files that are not text, special
// files and large files. SECURITY.md names these tests as the ones that hold its guarantees.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { check, safeEdits } from '../../core/src';
import { FileSkipped, readRegularFileSync, replaceFileSync, temporaryName } from '../../host/src/files';
import { report2021, seed } from './helpers';
import { run } from './cli-run';


function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'govreport-files-'));
}

const BUILT = existsSync('dist/cli.js');
const IS_ROOT = process.getuid?.() === 0;

/** The built CLI in a child process, bounded in time: a hang fails the test instead of the suite. */
function runBuilt(args: string[], opts: { uid?: number; gid?: number } = {}) {
  const res = spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8', timeout: 20_000, ...opts });
  assert.equal(res.error, undefined, `the CLI did not finish: ${res.error}`);
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

/** Seed 000 with its count units ("0项", "20项"): two safe fixes. */
const FIXABLE = () => seed('000');
const FIXED = (s: string) => s.replace(/\t\u3000\u30000项(\r\n|\r|\n)/, '\t\u3000\u30000$1').replace(/\t\u300020项(\r\n|\r|\n)/, '\t\u300020$1');

type Json = { files: { path: string; skipped?: string; message?: string; diagnostics: { code: string; severity: string; message: string }[] }[] };

describe('--fix and links, permissions, owners, temporary files', () => {
  it('a symbolic link named on the command line: its target is fixed, the link stays a link', async () => {
    const dir = tmp();
    const target = join(dir, 'real.txt');
    writeFileSync(target, FIXABLE());
    symlinkSync('real.txt', join(dir, 'link.txt'));
    const r = await run(['check', '--fix', '--format', 'json', 'link.txt'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(lstatSync(join(dir, 'link.txt')).isSymbolicLink());
    assert.equal(readlinkSync(join(dir, 'link.txt')), 'real.txt');
    assert.equal(readFileSync(target, 'utf8'), FIXED(FIXABLE()));
    assert.deepEqual(readdirSync(dir).sort(), ['link.txt', 'real.txt']);
  });

  it('a file with other hard links is not fixed (exit 2, a message), still checked; the links keep one content', async () => {
    const dir = tmp();
    const a = join(dir, 'a.txt');
    writeFileSync(a, FIXABLE());
    linkSync(a, join(dir, 'b.txt'));
    const ino = statSync(a).ino;
    const r = await run(['check', '--fix', '--format', 'json', a], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /a\.txt: 文件有 2 个硬链接，未修复（替换它会断开链接） \/ file has 2 hard links; not fixed/);
    assert.equal(statSync(a).ino, ino);
    assert.equal(statSync(join(dir, 'b.txt')).ino, ino);
    assert.equal(readFileSync(a, 'utf8'), FIXABLE());
    // Checked as it is: the fixable findings are still there.
    assert.ok((JSON.parse(r.stdout) as Json).files[0].diagnostics.filter((d) => d.code === 'number-format').length >= 2);
  });

  it('keeps the mode (0666 stays 0666 whatever the umask; 0640 stays 0640)', async () => {
    const dir = tmp();
    for (const mode of [0o666, 0o640, 0o600]) {
      const file = join(dir, `m${mode.toString(8)}.txt`);
      writeFileSync(file, FIXABLE());
      chmodSync(file, mode);
      assert.equal((await run(['check', '--fix', file], dir)).code, 0);
      assert.equal(readFileSync(file, 'utf8'), FIXED(FIXABLE()));
      assert.equal(statSync(file).mode & 0o7777, mode, mode.toString(8));
    }
  });

  it('refuses a read-only file (0444): exit 2, a message, not a byte written, still checked', async () => {
    const dir = tmp();
    const file = join(dir, 'ro.txt');
    writeFileSync(file, FIXABLE());
    chmodSync(file, 0o444);
    const before = statSync(file);
    const r = await run(['check', '--fix', '--format', 'json', file], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /ro\.txt: 文件只读，未修复 \/ file is read-only; not fixed/);
    assert.equal(readFileSync(file, 'utf8'), FIXABLE());
    assert.equal(statSync(file).mtimeMs, before.mtimeMs);
    assert.equal(statSync(file).ino, before.ino);
    assert.equal((JSON.parse(r.stdout) as Json).files.length, 1);
  });

  it('keeps the owner and group of a file in a folder owned by someone else (as root)', { skip: !IS_ROOT && 'needs root' }, async () => {
    const dir = tmp();
    chmodSync(dir, 0o755);
    chownSync(dir, 4242, 4242);
    const file = join(dir, 'r.txt');
    writeFileSync(file, FIXABLE());
    chownSync(file, 4242, 4343);
    chmodSync(file, 0o664);
    assert.equal((await run(['check', '--fix', file], dir)).code, 0);
    const st = statSync(file);
    assert.equal(readFileSync(file, 'utf8'), FIXED(FIXABLE()));
    assert.deepEqual([st.uid, st.gid, st.mode & 0o7777], [4242, 4343, 0o664]);
  });

  it('a symbolic link planted at the old predictable temporary name is not followed', async () => {
    const dir = tmp();
    const outside = tmp();
    const victim = join(outside, 'victim.txt');
    writeFileSync(victim, 'do not touch');
    const file = join(dir, 'r.txt');
    writeFileSync(file, FIXABLE());
    // The name the CLI used to write (`.NAME.govreport-PID.tmp`; main() runs in this process).
    const planted = join(dir, `.r.txt.govreport-${process.pid}.tmp`);
    symlinkSync(victim, planted);
    assert.equal((await run(['check', '--fix', file], dir)).code, 0);
    assert.equal(readFileSync(victim, 'utf8'), 'do not touch');
    assert.equal(readFileSync(file, 'utf8'), FIXED(FIXABLE()));
    assert.ok(lstatSync(planted).isSymbolicLink(), 'what was planted is left alone');
    assert.deepEqual(readdirSync(dir).sort(), [`.r.txt.govreport-${process.pid}.tmp`, 'r.txt']);
  });

  it('temporary names are random (crypto), in the file’s folder', async () => {
    const names = new Set<string>();
    for (let i = 0; i < 100; i++) {
      const n = temporaryName('/some/dir/r.txt');
      assert.match(n, /^\/some\/dir\/\.r\.txt\.govreport-[0-9a-f]{16}\.tmp$/);
      names.add(n);
    }
    assert.equal(names.size, 100);
  });

  it('the temporary file is removed when the write fails (the file was replaced meanwhile)', async () => {
    const dir = tmp();
    const file = join(dir, 'r.txt');
    writeFileSync(file, 'old');
    const read = readRegularFileSync(file, { maxBytes: 1000 });
    // Another program replaces the file after it was read: it is not overwritten.
    writeFileSync(join(dir, 'other.txt'), 'theirs');
    execFileSync('mv', [join(dir, 'other.txt'), file]);
    assert.throws(() => replaceFileSync(file, Buffer.from('new'), read.stat), /replaced while it was being fixed/);
    assert.equal(readFileSync(file, 'utf8'), 'theirs');
    assert.deepEqual(readdirSync(dir), ['r.txt']);
    // A folder where the file was: the same.
    const d2 = tmp();
    writeFileSync(join(d2, 'x.txt'), 'x');
    const st = readRegularFileSync(join(d2, 'x.txt'), { maxBytes: 10 }).stat;
    execFileSync('rm', [join(d2, 'x.txt')]);
    mkdirSync(join(d2, 'x.txt'));
    assert.throws(() => replaceFileSync(join(d2, 'x.txt'), Buffer.from('new'), st));
    assert.deepEqual(readdirSync(d2), ['x.txt']);
  });

  it('an empty path is a usage error (exit 2): `--fix ""` does not fix the current folder', async () => {
    const dir = tmp();
    const file = join(dir, 'r.txt');
    writeFileSync(file, FIXABLE());
    const r = await run(['check', '--fix', ''], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /路径不能为空 \/ empty PATH/);
    assert.equal(readFileSync(file, 'utf8'), FIXABLE());
    assert.equal((await run(['check', '--fix', file, ''], dir)).code, 2);
    assert.equal(readFileSync(file, 'utf8'), FIXABLE());
    assert.equal((await run(['show', ''], dir)).code, 2);
  });
});

// ---------------------------------------------------------------------------------------------
// Byte-exactness

/** How each test file is written: the text's encoder, what goes before it, the line end. */
const ENCODINGS: { name: string; enc: (s: string) => Buffer; head: number[]; eol: string }[] = [
  { name: 'UTF-8, LF', enc: (s) => Buffer.from(s, 'utf8'), head: [], eol: '\n' },
  { name: 'UTF-8 with BOM, CRLF', enc: (s) => Buffer.from(s, 'utf8'), head: [0xef, 0xbb, 0xbf], eol: '\r\n' },
  { name: 'UTF-8 with two BOMs, CR', enc: (s) => Buffer.from(s, 'utf8'), head: [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], eol: '\r' },
  { name: 'UTF-8, mixed line ends', enc: (s) => Buffer.from(s, 'utf8'), head: [], eol: 'mixed' },
  { name: 'UTF-16LE with BOM, CRLF', enc: (s) => Buffer.from(s, 'utf16le'), head: [0xff, 0xfe], eol: '\r\n' },
  { name: 'UTF-16BE with BOM, CR', enc: (s) => Buffer.from(s, 'utf16le').swap16(), head: [0xfe, 0xff], eol: '\r' },
  { name: 'UTF-16LE without BOM, LF', enc: (s) => Buffer.from(s, 'utf16le'), head: [], eol: '\n' },
  { name: 'UTF-16BE without BOM, CRLF', enc: (s) => Buffer.from(s, 'utf16le').swap16(), head: [], eol: '\r\n' },
  { name: 'GB18030, CRLF', enc: (s) => iconv.encode(s, 'gb18030'), head: [], eol: '\r\n' },
  { name: 'GB18030, CR', enc: (s) => iconv.encode(s, 'gb18030'), head: [], eol: '\r' },
];

function withEol(text: string, eol: string): string {
  if (eol !== 'mixed') return text.replace(/\n/g, eol);
  let k = 0;
  return text.replace(/\n/g, () => ['\n', '\r\n', '\r'][k++ % 3]);
}

describe('--fix changes only the bytes of the edits', () => {
  for (const { name, enc, head, eol } of ENCODINGS) {
    it(name, async () => {
      const dir = tmp();
      const file = join(dir, 'r.txt');
      const text = withEol(FIXABLE(), eol);
      const before = Buffer.concat([Buffer.from(head), enc(text)]);
      writeFileSync(file, before);
      // The text the CLI sees (a second BOM is part of it) and the edits of its safe fixes.
      const seen = head.length === 6 ? '\ufeff' + text : text;
      const edits = safeEdits(check(seen).findings).sort((a, b) => a.start - b.start);
      assert.equal(edits.length, 2);
      const r = await run(['check', '--fix', '--format', 'json', file], dir);
      assert.equal(r.code, 0, r.stderr);
      const after = readFileSync(file);
      // Expected: the ORIGINAL bytes, with each edit's bytes replaced by its new text's bytes.
      const bom = head.length === 6 ? 3 : head.length;
      const offset = (i: number) => bom + enc(seen.slice(0, i)).length;
      const pieces: Buffer[] = [];
      let pos = 0;
      for (const e of edits) {
        pieces.push(before.subarray(pos, offset(e.start)), enc(e.newText));
        pos = offset(e.end);
      }
      pieces.push(before.subarray(pos));
      assert.deepEqual(after, Buffer.concat(pieces));
      // And so the bytes before the first edit and after the last are the same.
      assert.deepEqual(after.subarray(0, offset(edits[0].start)), before.subarray(0, offset(edits[0].start)));
      const tail = before.length - offset(edits[1].end);
      assert.deepEqual(after.subarray(after.length - tail), before.subarray(before.length - tail));
    });
  }
});

describe('--fix refuses a file that does not round-trip byte for byte (still checked, exit 2)', () => {
  const utf8 = (s: string) => Buffer.from(s, 'utf8');
  const gb = (s: string) => iconv.encode(s, 'gb18030');
  const text = FIXABLE();
  /** Bytes inserted in front of the report's title line's end (prose, away from the fixes). */
  const at = text.indexOf('\n');
  const cases: [string, Buffer, string][] = [
    ['invalid UTF-8 bytes (they would become EF BF BD)', Buffer.concat([utf8(text.slice(0, at)), Buffer.from([0xff, 0xfe, 0x80]), utf8(text.slice(at))]), 'UTF-8'],
    ['invalid UTF-8 after a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(text.slice(0, at)), Buffer.from([0xc3]), utf8(text.slice(at))]), 'UTF-8'],
    ['a lone surrogate in UTF-16LE', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.slice(0, at), 'utf16le'), Buffer.from([0x00, 0xd8]), Buffer.from(text.slice(at), 'utf16le')]), 'UTF-16LE'],
    ['an odd byte count in UTF-16BE', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16(), Buffer.from([0x41])]), 'UTF-16BE'],
    ['an invalid GB18030 sequence', Buffer.concat([gb(text.slice(0, at)), Buffer.from([0x81, 0x30]), gb(text.slice(at))]), 'GB18030'],
    ['GB18030 A3A0 (read as U+3000, written back as A1A1)', Buffer.concat([gb(text.slice(0, at)), Buffer.from([0xa3, 0xa0]), gb(text.slice(at))]), 'GB18030'],
    ['GB18030 A6D9 (read as U+FE10, written back as 84318236)', Buffer.concat([gb(text.slice(0, at)), Buffer.from([0xa6, 0xd9]), gb(text.slice(at))]), 'GB18030'],
    ['GBK 0x80 (read as €, written back as A2E3)', Buffer.concat([gb(text.slice(0, at)), Buffer.from([0x80]), gb(text.slice(at))]), 'GB18030'],
  ];
  for (const [name, bytes, encoding] of cases) {
    it(name, async () => {
      const dir = tmp();
      const file = join(dir, 'r.txt');
      writeFileSync(file, bytes);
      const r = await run(['check', '--fix', '--format', 'json', file], dir);
      assert.equal(r.code, 2);
      assert.equal(r.stderr, `govreport: r.txt: 文件无法按 ${encoding} 逐字节还原，未修复 / file does not round-trip byte for byte in ${encoding}; not fixed\n`);
      assert.deepEqual(readFileSync(file), bytes);
      assert.deepEqual(readdirSync(dir), ['r.txt']);
      const f = (JSON.parse(r.stdout) as Json).files;
      assert.equal(f.length, 1);
      assert.ok(f[0].diagnostics.filter((d) => d.code === 'number-format').length >= 2, 'still checked');
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Files that are not (cleanly) text

describe('reports are not silently left unchecked', () => {
  it('a stray NUL in the first 8 KB: checked, the NUL reported by file-encoding', async () => {
    const dir = tmp();
    const text = report2021('tabs');
    const at = text.indexOf('我区认真');
    writeFileSync(join(dir, 'r.txt'), text.slice(0, at) + '\0' + text.slice(at));
    const r = await run(['check', '--format', 'json', '--locale', 'en', dir], dir);
    assert.equal(r.code, 0, r.stderr);
    const f = (JSON.parse(r.stdout) as Json).files;
    assert.deepEqual(
      f.map((x) => [x.path, x.skipped, x.diagnostics.map((d) => `${d.code}: ${d.message}`)]),
      [['r.txt', undefined, ['file-encoding: 1 stray control character (U+0000), usually left over from a conversion or a copy; they can break printing and submission']]],
    );
  });

  it('UTF-16 without BOM, either byte order: read, checked, noted', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'le.txt'), Buffer.from(report2021('tabs'), 'utf16le'));
    writeFileSync(join(dir, 'be.txt'), Buffer.from(seed('000'), 'utf16le').swap16());
    const r = await run(['check', '--format', 'json', '--locale', 'en', dir], dir);
    assert.equal(r.code, 0, r.stderr);
    const f = (JSON.parse(r.stdout) as Json).files;
    assert.deepEqual(
      f.map((x) => [x.path, x.diagnostics.filter((d) => d.code === 'file-encoding').map((d) => `${d.severity}: ${d.message}`)]),
      [
        ['be.txt', ['information: UTF-16 without BOM detected by byte pattern (big-endian)']],
        ['le.txt', ['information: UTF-16 without BOM detected by byte pattern (little-endian)']],
      ],
    );
    assert.ok(f[0].diagnostics.some((d) => d.code === 'number-format'));
  });

  it('one stray invalid UTF-8 byte: read as UTF-8 (not GB18030), with a note and the replacement reported', async () => {
    const dir = tmp();
    const good = Buffer.from(report2021('tabs'), 'utf8');
    const at = good.indexOf(Buffer.from('我区认真'));
    writeFileSync(join(dir, 'r.txt'), Buffer.concat([good.subarray(0, at), Buffer.from([0xff]), good.subarray(at)]));
    const r = await run(['check', '--format', 'json', '--locale', 'en', dir], dir);
    const d = (JSON.parse(r.stdout) as Json).files[0].diagnostics;
    assert.deepEqual(
      d.map((x) => `${x.code} ${x.severity}: ${x.message}`),
      [
        `file-encoding warning: 1 invalid UTF-8 byte replaced with U+FFFD (first at byte offset ${at}); --fix will not rewrite this file`,
        "file-encoding warning: 1 replacement character U+FFFD: bytes here could not be decoded in the file's encoding and what they said is lost; check against the original",
      ],
    );
  });

  it('a real GB18030 file is still read as GB18030 (with an information note)', async () => {
    const dir = tmp();
    // 示 is CA BE in GB18030, valid UTF-8 too; 例 (C0 FD) is not: the first invalid byte is at 2.
    writeFileSync(join(dir, 'r.txt'), iconv.encode(report2021('tabs'), 'gb18030'));
    const r = await run(['check', '--format', 'json', '--locale', 'en', dir], dir);
    assert.equal(r.code, 0);
    assert.deepEqual(
      (JSON.parse(r.stdout) as Json).files[0].diagnostics.map((x) => `${x.code} ${x.severity}: ${x.message}`),
      ['file-encoding information: decoded as GB18030 because the file is not valid UTF-8 (first invalid byte at offset 2)'],
    );
  });

  it('every *.txt a walk meets is in the output: JSON "skipped" and "message", SARIF notifications, a text line', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a-ok.txt'), report2021('tabs'));
    writeFileSync(join(dir, 'b-binary.txt'), Buffer.concat([Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00'), Buffer.alloc(64, 7)]));
    writeFileSync(join(dir, 'c-big.txt'), report2021('tabs') + 'x'.repeat(5000));
    execFileSync('mkfifo', [join(dir, 'd-fifo.txt')]);
    symlinkSync(join(dir, 'a-ok.txt'), join(dir, 'e-link.txt'));
    writeFileSync(join(dir, 'not-a-report.csv'), '\0\0\0\0\0\0\0\0\0');
    const limit = String(Buffer.byteLength(report2021('tabs')) + 100);

    const j = await run(['check', '--format', 'json', '--max-file-size', limit, dir], dir);
    assert.equal(j.code, 0, 'skips in a walk do not change the exit code');
    const files = (JSON.parse(j.stdout) as Json).files;
    assert.deepEqual(
      files.map((f) => [f.path, f.skipped ?? null]),
      [
        ['a-ok.txt', null],
        ['b-binary.txt', 'binary'],
        ['c-big.txt', 'too-large'],
        ['d-fifo.txt', 'not-a-regular-file'],
        ['e-link.txt', 'not-a-regular-file'],
      ],
    );
    assert.deepEqual(
      files.map((f) => f.message ?? null),
      [
        null,
        '不是文本文件，已跳过 / not a text file, skipped',
        `大于 ${limit} 字节（--max-file-size），已跳过 / larger than ${limit} bytes (--max-file-size), skipped`,
        '不是普通文件（命名管道），已跳过 / not a regular file (FIFO), skipped',
        '符号链接，未跟随（用 --follow-symlinks 跟随） / symbolic link not followed (use --follow-symlinks)',
      ],
    );
    for (const f of files.slice(1)) assert.deepEqual(f.diagnostics, []);

    const s = await run(['check', '--format', 'sarif', '--max-file-size', limit, dir], dir);
    assert.equal(s.code, 0);
    const sarifRun = JSON.parse(s.stdout).runs[0];
    assert.equal(sarifRun.invocations[0].executionSuccessful, true);
    assert.deepEqual(
      sarifRun.invocations[0].toolExecutionNotifications.map((n: { level: string; descriptor: { id: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => [
        n.level,
        n.descriptor.id,
        n.locations[0].physicalLocation.artifactLocation.uri.replace(/.*\//, ''),
      ]),
      [
        ['warning', 'binary', 'b-binary.txt'],
        ['warning', 'too-large', 'c-big.txt'],
        ['warning', 'not-a-regular-file', 'd-fifo.txt'],
        ['warning', 'not-a-regular-file', 'e-link.txt'],
      ],
    );
    assert.deepEqual(
      sarifRun.tool.driver.notifications.map((n: { id: string }) => n.id),
      ['binary', 'too-large', 'unreadable', 'not-a-regular-file', 'unsupported-format'],
    );

    const t = await run(['check', '--max-file-size', limit, dir], dir);
    assert.equal(t.code, 0);
    assert.match(t.stdout, /^b-binary\.txt\n {2}不是文本文件，已跳过 \/ not a text file, skipped {2}binary\n\n/m);
    assert.match(t.stdout, /^c-big\.txt\n {2}大于 \d+ 字节（--max-file-size），已跳过 .* {2}too-large\n/m);
    assert.match(t.stdout, /^d-fifo\.txt\n {2}不是普通文件（命名管道），已跳过 .* {2}not-a-regular-file\n/m);
    assert.match(t.stdout, /✔ 已检查 1 个文件，没有发现问题；跳过 4 个文件\n$/);
    assert.equal(t.stderr, '', 'text output carries the skips itself');
  });

  it('a skipped file named on the command line exits 2 (and is an error notification in SARIF)', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'b.txt'), Buffer.alloc(100, 1));
    const t = await run(['check', 'b.txt'], dir);
    assert.equal(t.code, 2);
    assert.match(t.stdout, /^b\.txt\n {2}不是文本文件，已跳过 \/ not a text file, skipped {2}binary\n/);
    const s = await run(['check', '--format', 'sarif', 'b.txt'], dir);
    assert.equal(s.code, 2);
    const inv = JSON.parse(s.stdout).runs[0].invocations[0];
    assert.equal(inv.executionSuccessful, false);
    assert.equal(inv.toolExecutionNotifications[0].level, 'error');
  });

  it('an unreadable file in a walk is listed as skipped "unreadable" and exits 2 (as another user)', { skip: (!IS_ROOT || !BUILT) && 'needs root and dist/cli.js' }, () => {
    const dir = tmp();
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'a.txt'), report2021('tabs'));
    writeFileSync(join(dir, 'secret.txt'), report2021('tabs'));
    chmodSync(join(dir, 'a.txt'), 0o644);
    chmodSync(join(dir, 'secret.txt'), 0o600);
    const r = runBuilt(['check', '--format', 'json', dir], { uid: 65534, gid: 65534 });
    assert.equal(r.code, 2, r.stderr);
    const files = (JSON.parse(r.stdout) as Json).files;
    assert.deepEqual(
      files.map((f) => [f.path.replace(/.*\//, ''), f.skipped ?? null, f.message ?? null]),
      [
        ['a.txt', null, null],
        ['secret.txt', 'unreadable', '无法读取（没有权限），已跳过 / cannot read (permission denied), skipped'],
      ],
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Special files and size limits

describe('only regular files are read, and never past the size limit', () => {
  it('a FIFO named on the command line: exit 2 at once, skipped as not-a-regular-file (the built CLI)', { skip: !BUILT && 'dist/cli.js not built' }, () => {
    const dir = tmp();
    const fifo = join(dir, 'pipe.txt');
    execFileSync('mkfifo', [fifo]);
    const r = runBuilt(['check', '--format', 'json', fifo]);
    assert.equal(r.code, 2);
    assert.deepEqual(
      (JSON.parse(r.stdout) as Json).files.map((f) => [f.skipped, f.message]),
      [['not-a-regular-file', '不是普通文件（命名管道），已跳过 / not a regular file (FIFO), skipped']],
    );
    const fix = runBuilt(['check', '--fix', fifo]);
    assert.equal(fix.code, 2);
    const show = runBuilt(['show', fifo]);
    assert.equal(show.code, 2);
    assert.match(show.stderr, /not a regular file \(FIFO\)/);
  });

  it('/dev/zero named on the command line: exit 2 at once, nothing read', { skip: (!BUILT || !existsSync('/dev/zero')) && 'needs dist/cli.js and /dev/zero' }, () => {
    const r = runBuilt(['check', '--format', 'json', '/dev/zero']);
    assert.equal(r.code, 2);
    assert.deepEqual(
      (JSON.parse(r.stdout) as Json).files.map((f) => [f.path, f.skipped, f.message]),
      [['/dev/zero', 'not-a-regular-file', '不是普通文件（字符设备），已跳过 / not a regular file (character device), skipped']],
    );
    assert.equal(runBuilt(['show', '/dev/zero']).code, 2);
  });

  it('--max-file-size: a larger named file exits 2 (too-large); a huge sparse file is refused without being read', async () => {
    const dir = tmp();
    const file = join(dir, 'r.txt');
    writeFileSync(file, report2021('tabs'));
    const size = statSync(file).size;
    assert.equal((await run(['check', '--max-file-size', String(size), file], dir)).code, 0);
    const r = await run(['check', '--format', 'json', '--max-file-size', String(size - 1), file], dir);
    assert.equal(r.code, 2);
    assert.equal((JSON.parse(r.stdout) as Json).files[0].skipped, 'too-large');
    // 10 GB of nothing: the default limit (5,000,000 bytes) refuses it from its size alone.
    const huge = join(dir, 'huge.txt');
    writeFileSync(huge, '');
    truncateSync(huge, 10 * 2 ** 30);
    const t0 = process.hrtime.bigint();
    const h = await run(['check', '--format', 'json', huge], dir);
    assert.equal(h.code, 2);
    assert.equal((JSON.parse(h.stdout) as Json).files[0].message, '大于 5000000 字节（--max-file-size），已跳过 / larger than 5000000 bytes (--max-file-size), skipped');
    assert.ok(Number(process.hrtime.bigint() - t0) / 1e6 < 5000);
    for (const bad of ['0', '-1', '1e6', 'lots', '']) assert.equal((await run(['check', '--max-file-size', bad, file], dir)).code, 2, bad);
  });

  it('the reader: a FIFO, a folder, a device, a link with noFollow are refused before reading; reading stops at limit + 1', async () => {
    const dir = tmp();
    const fifo = join(dir, 'p');
    execFileSync('mkfifo', [fifo]);
    const refused = (path: string, noFollow = false) => {
      try {
        readRegularFileSync(path, { maxBytes: 100, noFollow });
      } catch (err) {
        assert.ok(err instanceof FileSkipped);
        return [err.reason, err.detail];
      }
      return null;
    };
    assert.deepEqual(refused(fifo), ['not-a-regular-file', 'fifo']);
    assert.deepEqual(refused(dir), ['not-a-regular-file', 'directory']);
    if (existsSync('/dev/zero')) assert.deepEqual(refused('/dev/zero'), ['not-a-regular-file', 'character-device']);
    writeFileSync(join(dir, 'f'), 'x');
    symlinkSync(join(dir, 'f'), join(dir, 'l'));
    assert.deepEqual(refused(join(dir, 'l'), true), ['not-a-regular-file', 'symbolic-link']);
    assert.deepEqual(refused(join(dir, 'missing')), ['unreadable', 'ENOENT']);
    // A file whose size fstat does not tell (procfs: 0) is read in chunks, and no further than the limit + 1.
    if (existsSync('/proc/self/maps')) {
      const whole = readRegularFileSync('/proc/self/maps', { maxBytes: 1 << 24 }).bytes.length;
      assert.ok(whole > 200);
      try {
        readRegularFileSync('/proc/self/maps', { maxBytes: 100 });
        assert.fail('read past the limit');
      } catch (err) {
        assert.ok(err instanceof FileSkipped);
        assert.deepEqual([err.reason, err.size], ['too-large', 101]);
      }
    }
  });
});
