import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { readReport } from '../../cli/src/cli';
import { SEEDS_DIR, report2021, seed } from './helpers';
import { run } from './cli-run';


function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'govreport-cli-'));
}

/** Seed 000 with its count units ("0项", "20项"): two safe fixes. */
const FIXABLE = () => seed('000');

describe('govreport check', () => {
  it('the seeds: exit 0, JSON with version, year and only the expected warnings', async () => {
    const { code, stdout } = await run(['check', '--format', 'json', SEEDS_DIR]);
    assert.equal(code, 0);
    const json = JSON.parse(stdout);
    assert.equal(json.files.length, 5);
    for (const f of json.files) {
      assert.equal(f.formatVersion, '2019');
      assert.equal(f.year, 2020);
      assert.ok(f.diagnostics.every((d: { severity: string }) => d.severity !== 'error'));
      for (const d of f.diagnostics) {
        assert.deepEqual(Object.keys(d).sort(), ['code', 'message', 'range', 'severity']);
        assert.ok(d.range.start.line >= 0 && d.range.start.character >= 0);
      }
    }
    const counts = json.files.map((f: { diagnostics: { code: string; severity: string }[] }) => f.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.code));
    assert.deepEqual(counts.map((c: string[]) => [...new Set(c)]), [['number-format'], ['blank-cell'], ['blank-cell'], [], []]);
  });

  it('text output reads like ESLint, with a summary; errors give exit 1', async () => {
    const dir = tmp();
    const bad = report2021('tabs').replace('2\t1\t0\t1\t4\t', '2\t1\t0\t1\t5\t');
    writeFileSync(join(dir, 'bad.txt'), bad);
    const { code, stdout } = await run(['check', dir], dir);
    assert.equal(code, 1);
    assert.match(stdout, /^bad\.txt\n {2}58:9 {2}error {2}行政复议·总计 应为 4（结果维持 \+ 结果纠正 \+ 其他结果 \+ 尚未审结 之和），实为 5 {2}sum-mismatch\n/);
    assert.match(stdout, /✖ 1 个文件中发现 1 个问题（1 个错误，0 个警告，0 个提示）/);
  });

  it('SARIF 2.1.0', async () => {
    const { code, stdout } = await run(['check', '--format', 'sarif', join(SEEDS_DIR, readdirSync(SEEDS_DIR)[0])]);
    assert.equal(code, 0);
    const sarif = JSON.parse(stdout);
    assert.equal(sarif.version, '2.1.0');
    const runObj = sarif.runs[0];
    assert.equal(runObj.tool.driver.name, 'govreport');
    assert.ok(runObj.tool.driver.rules.some((r: { id: string }) => r.id === 'sum-mismatch'));
    assert.equal(runObj.results.length, 3);
    assert.equal(runObj.results[0].ruleId, 'number-format');
    assert.deepEqual(runObj.results[0].locations[0].physicalLocation.region, { startLine: 67, startColumn: 4, endLine: 67, endColumn: 6 });
  });

  it('usage errors and missing paths give exit 2 with a message; other files are still checked', async () => {
    assert.equal((await run(['check'])).code, 2);
    assert.equal((await run(['frobnicate'])).code, 2);
    assert.equal((await run(['check', '--format', 'xml', SEEDS_DIR])).code, 2);
    assert.equal((await run(['check', '--format-version', '2018', SEEDS_DIR])).code, 2);
    const dir = tmp();
    writeFileSync(join(dir, 'ok.txt'), report2021('tabs'));
    const r = await run(['check', '--format', 'json', 'missing.txt', 'ok.txt'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /missing\.txt: 文件不存在 \/ no such file/);
    assert.equal(JSON.parse(r.stdout).files.length, 1);
  });

  it('reads UTF-8 with BOM, UTF-16 with BOM and GB18030 alike', async () => {
    const dir = tmp();
    const text = report2021('tabs');
    writeFileSync(join(dir, 'a-utf8bom.txt'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
    writeFileSync(join(dir, 'b-utf16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    writeFileSync(join(dir, 'c-gb18030.txt'), iconv.encode(text, 'gb18030'));
    const { code, stdout } = await run(['check', '--format', 'json', dir], dir);
    assert.equal(code, 0);
    const files = JSON.parse(stdout).files;
    // GB18030 is noted (information): the file is not UTF-8.
    assert.deepEqual(files.map((f: { path: string; formatVersion: string; diagnostics: { code: string }[] }) => [f.path, f.formatVersion, f.diagnostics.map((d) => d.code)]), [
      ['a-utf8bom.txt', '2021', []],
      ['b-utf16.txt', '2021', []],
      ['c-gb18030.txt', '2021', ['file-encoding']],
    ]);
  });

  it('reads files of any size whole: at and around its buffer and its sharing limit', async () => {
    const dir = tmp();
    const unit = '本机关继续做好政务公开工作\n'; // 40 bytes in UTF-8
    for (const size of [0, 1, 65535, 65536, 65537, 131072, 1 << 20, (1 << 20) + 1, 2_500_000]) {
      // Exactly `size` bytes: Chinese lines, then ASCII up to the size.
      const chinese = unit.repeat(Math.floor(size / 80));
      const whole = chinese + 'a'.repeat(size - Buffer.byteLength(chinese));
      assert.equal(Buffer.byteLength(whole), size);
      const file = join(dir, `r${size}.txt`);
      writeFileSync(file, whole);
      assert.equal(readReport(file).text, whole, `${size} bytes`);
    }
  });

  it('skips binary files in directories with a note; a named binary file is an I/O problem', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'junk.txt'), Buffer.from([0, 1, 2, 3, 0, 255, 0]));
    writeFileSync(join(dir, 'ok.txt'), report2021('tabs'));
    const r = await run(['check', '--format', 'json', dir], dir);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /junk\.txt: 不是文本文件，已跳过/);
    assert.deepEqual(
      JSON.parse(r.stdout).files.map((f: { path: string; skipped?: string }) => [f.path, f.skipped]),
      [
        ['junk.txt', 'binary'],
        ['ok.txt', undefined],
      ],
    );
    assert.equal((await run(['check', join(dir, 'junk.txt')], dir)).code, 2);
  });

  it('checks a file once however often it is named: in its folder, by name, through a linked folder', async () => {
    const real = tmp();
    mkdirSync(join(real, 'sub'));
    writeFileSync(join(real, 'sub', 'a.txt'), report2021('tabs'));
    const dir = tmp();
    symlinkSync(real, join(dir, 'alias'));
    const r = await run(['check', '--format', 'json', real, join(real, 'sub', 'a.txt'), join(dir, 'alias', 'sub'), join(dir, 'alias', 'sub', 'a.txt')], dir);
    assert.equal(JSON.parse(r.stdout).files.length, 1);
  });

  it('does not follow symbolic links inside directories unless asked', async () => {
    const outside = tmp();
    writeFileSync(join(outside, 'secret.txt'), report2021('tabs'));
    const dir = tmp();
    mkdirSync(join(dir, 'sub'));
    symlinkSync(outside, join(dir, 'sub', 'link'));
    const r = await run(['check', '--format', 'json', dir], dir);
    assert.equal(JSON.parse(r.stdout).files.length, 0);
    assert.match(r.stderr, /符号链接，未跟随/);
    const f = await run(['check', '--format', 'json', '--follow-symlinks', dir], dir);
    assert.equal(JSON.parse(f.stdout).files.length, 1);
  });
});

describe('govreport check --fix', () => {
  for (const [name, encodeFn, decodeFn] of [
    ['UTF-8 with BOM and CRLF', (s: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s, 'utf8')]), (b: Buffer) => (b[0] === 0xef ? b.subarray(3).toString('utf8') : 'NO BOM')],
    ['UTF-16LE with BOM and CRLF', (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]), (b: Buffer) => (b[0] === 0xff ? b.subarray(2).toString('utf16le') : 'NO BOM')],
    ['GB18030 and CRLF', (s: string) => iconv.encode(s, 'gb18030'), (b: Buffer) => iconv.decode(b, 'gb18030')],
  ] as const) {
    it(`applies safe fixes keeping ${name}`, async () => {
      const dir = tmp();
      const file = join(dir, 'r.txt');
      const original = FIXABLE().replace(/\n/g, '\r\n');
      writeFileSync(file, encodeFn(original));
      const r = await run(['check', '--fix', '--format', 'json', file], dir);
      assert.equal(r.code, 0);
      const after = decodeFn(readFileSync(file));
      assert.equal(after, original.replace('\t\u3000\u30000项\r\n', '\t\u3000\u30000\r\n').replace('\t\u300020项\r\n', '\t\u300020\r\n'));
      // Remaining: the money unit note only (and, for GB18030, the note that the file is not UTF-8).
      assert.deepEqual(
        JSON.parse(r.stdout).files[0].diagnostics.map((d: { code: string; severity: string }) => `${d.code}/${d.severity}`),
        name.startsWith('GB18030') ? ['file-encoding/information', 'number-format/information'] : ['number-format/information'],
      );
      assert.deepEqual(readdirSync(dir), ['r.txt'], 'no temporary file left behind');
    });
  }

  it('changes nothing (not even the mtime) when there is nothing safe to fix', async () => {
    const dir = tmp();
    const file = join(dir, 'r.txt');
    writeFileSync(file, seed('001'));
    const before = statSync(file).mtimeMs;
    const bytes = readFileSync(file);
    await run(['check', '--fix', file], dir);
    assert.equal(statSync(file).mtimeMs, before);
    assert.deepEqual(readFileSync(file), bytes);
  });
});

describe('govreport show and the built binary', () => {
  it('show prints the three tables with blanks marked', async () => {
    const { code, stdout } = await run(['show', join(SEEDS_DIR, readdirSync(SEEDS_DIR).find((n) => n.startsWith('001'))!)]);
    assert.equal(code, 0);
    assert.match(stdout, /== 表三（收到和处理政府信息公开申请情况） ==/);
    assert.match(stdout, /（一）予以公开 +│ +· │/);
    assert.match(stdout, /行政复议 +│ +· │ +· │ +· │ +· │ +0/);
  });

  it('dist/cli.js runs as a program with the documented exit codes', { skip: !existsBuilt() && 'dist/cli.js not built' }, () => {
    const ok = spawnSync(process.execPath, ['dist/cli.js', 'check', SEEDS_DIR], { encoding: 'utf8' });
    assert.equal(ok.status, 0, ok.stderr);
    const missing = spawnSync(process.execPath, ['dist/cli.js', 'check', '/nonexistent/x.txt'], { encoding: 'utf8' });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no such file/);
  });

  it('the built binary writes GB18030 back (its encoder is a file of its own, loaded when needed)', { skip: !existsBuilt() && 'dist/cli.js not built' }, () => {
    const dir = tmp();
    const file = join(dir, 'r.txt');
    const original = FIXABLE();
    writeFileSync(file, iconv.encode(original, 'gb18030'));
    const res = spawnSync(process.execPath, ['dist/cli.js', 'check', '--fix', file], { encoding: 'utf8' });
    assert.equal(res.status, 0, res.stderr);
    assert.equal(iconv.decode(readFileSync(file), 'gb18030'), original.replace('\t\u3000\u30000项\n', '\t\u3000\u30000\n').replace('\t\u300020项\n', '\t\u300020\n'));
  });

  it('output piped into a reader that stops early ends quietly, keeping the exit code', { skip: !existsBuilt() && 'dist/cli.js not built' }, () => {
    const dir = tmp();
    // Far more output than a pipe holds, so the write meets a closed pipe.
    for (let i = 0; i < 60; i++) writeFileSync(join(dir, `s${i}.txt`), seed('001'));
    writeFileSync(join(dir, 'bad.txt'), report2021('tabs').replace('2\t1\t0\t1\t4\t', '2\t1\t0\t1\t5\t'));
    const res = spawnSync('bash', ['-c', `"${process.execPath}" dist/cli.js check "${dir}" | head -c 10 >/dev/null; echo "exit=\${PIPESTATUS[0]}" >&2`], { encoding: 'utf8' });
    assert.match(res.stderr, /^exit=1\n$/);
  });
});

function existsBuilt(): boolean {
  try {
    statSync('dist/cli.js');
    return true;
  } catch {
    return false;
  }
}

describe('govreport check --rule', () => {
  it('turns a rule off or changes its severity; a bad spec is a usage error', async () => {
    const file = join(SEEDS_DIR, readdirSync(SEEDS_DIR).find((n) => n.startsWith('000'))!);
    const off = JSON.parse((await run(['check', '--format', 'json', '--rule', 'number-format=off', file])).stdout);
    assert.deepEqual(off.files[0].diagnostics, []);
    const err = await run(['check', '--format', 'json', '--rule', 'number-format=error', file]);
    assert.equal(err.code, 1);
    assert.equal((await run(['check', '--rule', 'no-such-rule=off', file])).code, 2);
    assert.equal((await run(['check', '--rule', 'number-format', file])).code, 2);
  });
});
