// govreport check / convert / show on Word documents and web pages: found in folders (--ext),
// findings located in the file (text, JSON source, SARIF properties), refusals as skipped files.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readDocx } from '../../core/src/readers';
import { report2021 } from './helpers';
import { docxOfModel, htmlBytes, htmlOfModel, report2021Model, setValue } from './readers-helpers';
import { run } from './cli-run';


const tmp = () => mkdtempSync(join(tmpdir(), 'govreport-published-'));
const ROOT = join(__dirname, '..', '..');
const BUILT = existsSync(join(ROOT, 'dist', 'cli.js')) && existsSync(join(ROOT, 'dist', 'readers.js'));

interface JsonDiag {
  code: string;
  severity: string;
  range: { start: { line: number } };
  source?: { kind: string; table: number; row: number; cell: number };
}
interface JsonFile {
  path: string;
  format: string | null;
  diagnostics: JsonDiag[];
  skipped?: string;
  message?: string;
}

const OLE2 = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]);

/** A folder with the 2021 example as text, Word document, web page (GBK, in page chrome), and a .doc. */
function folder(): string {
  const dir = tmp();
  const model = report2021Model();
  writeFileSync(join(dir, 'a.txt'), report2021('tabs'));
  writeFileSync(join(dir, 'b.docx'), docxOfModel(model));
  writeFileSync(join(dir, 'c.html'), htmlBytes(htmlOfModel(model, { charset: 'gbk', chrome: true }), 'gbk'));
  writeFileSync(join(dir, 'd.htm'), htmlBytes(htmlOfModel(model)));
  writeFileSync(join(dir, 'e.doc'), OLE2);
  writeFileSync(join(dir, 'f.csv'), 'x');
  return dir;
}

describe('govreport on published files', () => {
  it('a folder: text, .docx, .html, .htm checked (no finding), a .doc listed as not read, exit 0', async () => {
    const dir = folder();
    const r = await run(['check', '--format', 'json', dir], dir);
    assert.equal(r.code, 0, r.stderr);
    const files = (JSON.parse(r.stdout) as { files: JsonFile[] }).files;
    assert.deepEqual(
      files.map((f) => [f.path, f.format, f.skipped ?? null, f.diagnostics.length]),
      [
        ['a.txt', 'text', null, 0],
        ['b.docx', 'docx', null, 0],
        ['c.html', 'html', null, 0],
        ['d.htm', 'html', null, 0],
        ['e.doc', null, 'unsupported-format', 0],
      ],
    );
    assert.equal(files[4].message, '无法读取此格式，请另存为 .docx 或 PDF，已跳过 / cannot read this format; save it as .docx or PDF; skipped');
    const t = await run(['check', dir], dir);
    assert.match(t.stdout, /e\.doc\n {2}无法读取此格式，请另存为 \.docx 或 PDF，已跳过 \/ cannot read this format; save it as \.docx or PDF; skipped {2}unsupported-format/);
    assert.match(t.stdout, /✔ 已检查 4 个文件，没有发现问题；跳过 1 个文件/);
  });

  it('--ext chooses what a folder walk reads', async () => {
    const dir = folder();
    const r = await run(['check', '--format', 'json', '--ext', 'docx,.HTM', dir], dir);
    assert.deepEqual((JSON.parse(r.stdout) as { files: JsonFile[] }).files.map((f) => f.path), ['b.docx', 'd.htm', 'e.doc']);
    const txt = await run(['check', '--format', 'json', '--ext', 'txt', dir], dir);
    assert.deepEqual((JSON.parse(txt.stdout) as { files: JsonFile[] }).files.map((f) => f.path), ['a.txt']);
    assert.equal((await run(['check', '--ext', 'docx;html', dir], dir)).code, 2);
    assert.equal((await run(['check', '-o', 'x', dir], dir)).code, 2);
  });

  it('a changed number in a .docx: one error, its place in the file in text, JSON and SARIF', async () => {
    const dir = tmp();
    const file = join(dir, 'r.docx');
    writeFileSync(file, docxOfModel(setValue(report2021Model(), '（一）予以公开', 0, '21')));
    const j = await run(['check', '--format', 'json', file], dir);
    assert.equal(j.code, 1);
    const f = (JSON.parse(j.stdout) as { files: JsonFile[] }).files[0];
    assert.equal(f.format, 'docx');
    const errors = f.diagnostics.filter((d) => d.severity === 'error');
    assert.equal(errors.length, 1);
    assert.equal(errors[0].code, 'sum-mismatch');
    const s = errors[0].source!;
    assert.deepEqual([s.kind, s.table, s.row], ['docx-cell', 1, 5]);
    assert.ok(s.cell === 3 || s.cell === 9);
    // Every diagnostic of a converted file says where it lies.
    assert.ok(f.diagnostics.every((d) => d.source));

    const t = await run(['check', file], dir);
    const line = errors[0].range.start.line + 1;
    assert.match(t.stdout, new RegExp(`^ {2}${line}:\\d+ {2}表格 2 第 6 行第 (4|10) 格 {2}error {2}.+ {2}sum-mismatch$`, 'm'));
    const en = await run(['check', '--locale', 'en', file], dir);
    assert.match(en.stdout, /table 2, row 6, cell (4|10) {2}error/);

    const sarif = JSON.parse((await run(['check', '--format', 'sarif', file], dir)).stdout);
    const result = sarif.runs[0].results.find((x: { level: string }) => x.level === 'error');
    assert.equal(result.locations[0].physicalLocation.region, undefined, 'lines of the converted text are not lines of the .docx');
    assert.deepEqual(result.properties.source, s);
    assert.equal(result.properties.format, 'docx');
    assert.equal(result.properties.convertedRegion.startLine, line);
  });

  it('a .doc or .wps named on the command line: the message, exit 2', async () => {
    const dir = tmp();
    for (const name of ['r.doc', 'r.wps']) {
      writeFileSync(join(dir, name), OLE2);
      const r = await run(['check', name], dir);
      assert.equal(r.code, 2);
      assert.match(r.stdout, new RegExp(`${name.replace('.', '\\.')}\\n {2}无法读取此格式，请另存为 \\.docx 或 PDF，已跳过 / cannot read this format; save it as \\.docx or PDF; skipped {2}unsupported-format`));
    }
    const c = await run(['convert', 'r.doc'], dir);
    assert.equal(c.code, 2);
    assert.match(c.stderr, /无法读取此格式，请另存为 \.docx 或 PDF \/ cannot read this format; save it as \.docx or PDF/);
  });

  it('a scanned PDF (no text layer): the reader\'s note alone, not the checks of an empty report', async () => {
    const scan = join(ROOT, 'test', 'fixtures', 'published', 'generated-scan.pdf');
    const r = await run(['check', '--format', 'json', scan]);
    assert.equal(r.code, 1);
    const files = (JSON.parse(r.stdout) as { files: JsonFile[] }).files;
    assert.deepEqual(files[0].diagnostics.map((d) => [d.code, d.severity]), [['pdf-no-text-layer', 'error']]);
  });

  it('a corrupt .docx: skipped as unreadable with the reason, exit 2, the other files checked', async () => {
    const dir = tmp();
    const good = docxOfModel(report2021Model());
    writeFileSync(join(dir, 'a.docx'), good.subarray(0, 100));
    writeFileSync(join(dir, 'b.txt'), report2021('tabs'));
    const r = await run(['check', '--format', 'json', dir], dir);
    assert.equal(r.code, 2);
    const files = (JSON.parse(r.stdout) as { files: JsonFile[] }).files;
    assert.deepEqual(files.map((f) => [f.path, f.skipped ?? null]), [['a.docx', 'unreadable'], ['b.txt', null]]);
    assert.match(files[0].message!, /^文件已损坏，不是有效的 ZIP（\.docx）文件：.+，已跳过 \/ the file is corrupt, not a valid ZIP \(\.docx\) file: .+; skipped$/);
  });

  it('convert writes the tab-row text (UTF-8) to stdout or -o OUT; show prints the tables of a .docx', async () => {
    const dir = folder();
    const expected = readDocx(readFileSync(join(dir, 'b.docx'))).text;
    const out = await run(['convert', 'b.docx'], dir);
    assert.equal(out.code, 0);
    assert.equal(out.stdout, expected);
    assert.equal((await run(['convert', 'c.html', '-o', 'c.txt'], dir)).code, 0);
    assert.equal(readFileSync(join(dir, 'c.txt'), 'utf8'), expected + '示例市示例区人民政府办公室\n2022年1月20日\n');
    // The converted text checks as the file did.
    const again = await run(['check', '--format', 'json', 'c.txt'], dir);
    assert.deepEqual((JSON.parse(again.stdout) as { files: JsonFile[] }).files[0].diagnostics, []);
    assert.equal((await run(['convert', 'b.docx', '-o', 'b.docx'], dir)).code, 2, 'OUT must not be the input');
    const show = await run(['show', 'b.docx'], dir);
    assert.equal(show.code, 0);
    assert.match(show.stdout, /予以公开/);
    assert.match(show.stdout, /1326/);
  });

  it('dist/cli.js reads a .docx through dist/readers.js, which the text path never loads', { skip: !BUILT && 'dist not built' }, () => {
    const dir = folder();
    const cli = join(ROOT, 'dist', 'cli.js');
    const r = spawnSync(process.execPath, [cli, 'check', '--format', 'json', 'b.docx', 'c.html'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).files.map((f: JsonFile) => f.format), ['docx', 'html']);
    // The CLI bundle holds neither library: they are in dist/readers.js, required on first use.
    const bundle = readFileSync(cli, 'utf8');
    assert.ok(!bundle.includes('fflate') && !bundle.includes('htmlparser2'), 'libraries bundled into dist/cli.js');
    assert.ok(bundle.includes('./readers.js'));
    // Every module the process loads, on stderr: a text file loads no reader.
    writeFileSync(join(dir, 'trace.cjs'), "const M = require('module'); const load = M._load; M._load = function (r, ...a) { process.stderr.write('load ' + r + '\\n'); return load.call(this, r, ...a); };");
    const trace = spawnSync(process.execPath, ['--require', join(dir, 'trace.cjs'), cli, 'check', 'a.txt'], { cwd: dir, encoding: 'utf8' });
    assert.equal(trace.status, 0, trace.stderr);
    assert.ok(!trace.stderr.includes('readers.js'), trace.stderr);
    const docx = spawnSync(process.execPath, ['--require', join(dir, 'trace.cjs'), cli, 'check', 'b.docx'], { cwd: dir, encoding: 'utf8' });
    assert.match(docx.stderr, /load \.\/readers\.js/);
  });
});
