// Issue 15, last year's report in the CLI: the reports given together (files, folders) are paired
// by body and consecutive years, or --previous FILE names last year's; the JSON says which was
// taken. The folder here holds real reports of three bodies and several years, and a 2021 twin of a
// seed whose 上年结转 does not carry over.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { identify, pairReports } from '../../cli/src/pairing';
import { ref, replaceOnce, seed, setCell } from './helpers';
import { fixturePath, present } from '../fetched';
import { run } from './cli-run';

const FIXTURES = join(__dirname, '..', 'fixtures');


interface JsonFile {
  path: string;
  previous?: string;
  diagnostics: { code: string; severity: string; message: string }[];
}

/**
 * 港门镇's 2021 report, made from its 2020 one (seed 000): the years moved on, 上年结转 2 自然人
 * where the 2020 report carried 0 over (and 四 raised by 2 too, so 2021's own balance holds).
 */
function seedTwin2021(): string {
  let t = replaceOnce(seed('000'), '2021年1月10日', '2022年1月10日').replace(/2020年/g, '2021年');
  for (const row of ['carried', 'carry_over']) for (const column of ['natural', 'total']) t = setCell(t, ref('t3', 'main', row, column), '2');
  return t;
}

/** A folder of reports of several bodies and years (copies of test/fixtures, names kept). */
function corpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'govreport-years-'));
  mkdirSync(join(dir, 'pdf'));
  mkdirSync(join(dir, 'web'));
  mkdirSync(join(dir, 'seeds'));
  for (const f of ['hongze_2023.layout.txt', 'hongze_2024.layout.txt', 'hongze_2023.pypdf.txt', 'hongze_2024.pypdf.txt', 'huaian_szf_2024.layout.txt'].filter(present)) copyFileSync(fixturePath(join(FIXTURES, 'pdf-text'), f), join(dir, 'pdf', f));
  for (const f of ['pingtan_2019.webcopy.txt', 'pingtan_2023.webcopy.txt', 'pingtan_2024.webcopy.txt']) copyFileSync(join(FIXTURES, 'web-text', f), join(dir, 'web', f));
  copyFileSync(join(FIXTURES, 'seeds', '000_6762482f42d905fe.txt'), join(dir, 'seeds', 'gangmen_2020.txt'));
  copyFileSync(join(FIXTURES, 'seeds', '002_7f8cb9d4cf28011f.txt'), join(dir, 'seeds', 'jincheng_2020.txt'));
  writeFileSync(join(dir, 'seeds', 'gangmen_2021.txt'), seedTwin2021());
  return dir;
}

const CROSS = ['carry-over', 'stock-continuity', 'repeated-text', 'year-on-year'];

describe('CLI: last year\'s report', () => {
  it('a folder of several bodies and years: each report paired with its body\'s report of the year before', async () => {
    const dir = corpus();
    const r = await run(['check', '--format', 'json', '.'], dir);
    const files = (JSON.parse(r.stdout) as { files: JsonFile[] }).files;
    // (The 洪泽 reports where the fetched files are here: test/fetched.ts.)
    assert.deepEqual(
      files.map((f) => [f.path, f.previous ?? null, f.diagnostics.filter((d) => CROSS.includes(d.code)).map((d) => d.code)]),
      (
        [
        ['pdf/hongze_2023.layout.txt', null, []],
        ['pdf/hongze_2023.pypdf.txt', null, []],
        // 洪泽区人民政府 (2023) and 淮安市洪泽区人民政府 (2024) are one body; of the two 2023 texts,
        // the one of the same name. 行政许可 550 → 9487 as published: a real swing, noted.
        ['pdf/hongze_2024.layout.txt', 'pdf/hongze_2023.layout.txt', ['year-on-year']],
        ['pdf/hongze_2024.pypdf.txt', 'pdf/hongze_2023.pypdf.txt', ['year-on-year']],
        // 淮安市人民政府 is another body than 洪泽区: no 2023 report of it here.
        ['pdf/huaian_szf_2024.layout.txt', null, []],
        ['seeds/gangmen_2020.txt', null, []],
        // The twin's 上年结转 (2) is not 2020's 结转下年度 (0): two errors (自然人, 总计); its 一 and
        // 五 are 2020's word for word (years aside): repeated-text on both headings.
        ['seeds/gangmen_2021.txt', 'seeds/gangmen_2020.txt', ['repeated-text', 'carry-over', 'carry-over', 'repeated-text']],
        ['seeds/jincheng_2020.txt', null, []],
        // 2019 and 2023 are not consecutive.
        ['web/pingtan_2019.webcopy.txt', null, []],
        ['web/pingtan_2023.webcopy.txt', null, []],
        // No title in these web copies: paired by their names (pingtan_#.webcopy.txt). The real
        // T2-stock break: 470 + 62 − 33 = 499, 2024 says 440.
        ['web/pingtan_2024.webcopy.txt', 'web/pingtan_2023.webcopy.txt', ['stock-continuity']],
        ] as [string, string | null, string[]][]
      ).filter(([path]) => present(path)),
    );
    const stock = files.find((f) => f.path === 'web/pingtan_2024.webcopy.txt')!.diagnostics.find((d) => d.code === 'stock-continuity')!;
    assert.equal(stock.message, '行政规范性文件现行有效件数为 440，但上年报告（web/pingtan_2023.webcopy.txt）现行有效 470 + 本年制发 62 − 本年废止 33 = 499');
    const carry = files.find((f) => f.path === 'seeds/gangmen_2021.txt')!.diagnostics.filter((d) => d.code === 'carry-over');
    assert.deepEqual(carry.map((d) => d.severity), ['error', 'error']);
    assert.equal(r.code, 1);
  });

  it('--previous FILE pairs explicitly, whatever the names and titles', async () => {
    const dir = corpus();
    copyFileSync(join(dir, 'web', 'pingtan_2023.webcopy.txt'), join(dir, 'last.txt'));
    const r = await run(['check', '--format', 'json', '--previous', 'last.txt', 'web/pingtan_2024.webcopy.txt'], dir);
    const [f] = (JSON.parse(r.stdout) as { files: JsonFile[] }).files;
    assert.equal(f.previous, 'last.txt');
    assert.deepEqual(f.diagnostics.filter((d) => CROSS.includes(d.code)).map((d) => d.code), ['stock-continuity']);
    const bad = await run(['check', '--previous', 'nope.txt', 'web/pingtan_2024.webcopy.txt'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--previous/);
  });

  it('a report checked alone gets no cross-year finding; text output names last year\'s file in the message', async () => {
    const dir = corpus();
    const alone = await run(['check', 'web/pingtan_2024.webcopy.txt'], dir);
    assert.doesNotMatch(alone.stdout, /stock-continuity/);
    const both = await run(['check', 'web'], dir);
    assert.match(both.stdout, /13:15 +warning +行政规范性文件现行有效件数为 440，但上年报告（web\/pingtan_2023\.webcopy\.txt）/);
  });

  it('SARIF: the related location of a cross-year finding is in last year\'s file', async () => {
    const dir = corpus();
    const r = await run(['check', '--format', 'sarif', 'seeds'], dir);
    const results = JSON.parse(r.stdout).runs[0].results as { ruleId: string; relatedLocations?: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[] }[];
    const carry = results.filter((x) => x.ruleId === 'carry-over');
    assert.equal(carry.length, 2);
    const loc = carry[0].relatedLocations![0].physicalLocation;
    assert.match(loc.artifactLocation.uri, /seeds\/gangmen_2020\.txt$/);
    // Line of 四、结转下年度继续办理's 自然人 cell in the 2020 seed (one cell a line).
    assert.equal(readFileSync(join(dir, 'seeds', 'gangmen_2020.txt'), 'utf8').split('\n')[loc.region!.startLine - 2].includes('结转下年度继续办理'), true);
  });

  it('pairing is by body and year, linear in the number of reports, ambiguous pairs left unpaired', () => {
    const id = (body: string, year: number, name: string) => identify(`${body}${year}年政府信息公开工作年度报告\n`, `/d/${name}`);
    const reports = [id('某县财政局', 2022, 'a.txt'), id('某县财政局', 2023, 'b.txt'), id('某县教育局', 2023, 'c.txt'), id('某县教育局', 2022, 'd1.txt'), id('某县教育局', 2022, 'd2.txt'), null];
    assert.deepEqual([...pairReports(reports)], [-1, 0, -1, -1, -1, -1]);
    // 10,000 reports of 2,000 bodies over 5 years: pairs each with its year before.
    const many = [];
    for (let b = 0; b < 2000; b++) for (let y = 2020; y < 2025; y++) many.push({ key: `body:b${b}`, year: y, pattern: `${b}_#.txt`, dir: '/d' });
    const t0 = performance.now();
    const p = pairReports(many);
    assert.ok(performance.now() - t0 < 500);
    assert.equal([...p].filter((x) => x >= 0).length, 8000);
  });
});

describe('CLI: the reviewer\'s settings as flags (the editor\'s govreport.reviewer.*, lastYear.enable)', () => {
  const dl = (r: { stdout: string }) => (JSON.parse(r.stdout) as { files: JsonFile[] }).files.flatMap((f) => f.diagnostics.filter((d) => d.code === 'publication-deadline').map((d) => d.message));

  it('--body-kind and --deadline move the deadline; --require-date asks for a date', async () => {
    const dir = corpus();
    // 港门镇 2020 signed 2021年1月10日: in time by default.
    assert.deepEqual(dl(await run(['check', '--format', 'json', 'seeds/gangmen_2020.txt'], dir)), []);
    const late = dl(await run(['check', '--format', 'json', '--body-kind', 'department', '--deadline', 'department=01-05', 'seeds/gangmen_2020.txt'], dir));
    assert.equal(late.length, 1);
    assert.match(late[0], /^落款日期 2021年1月10日 晚于公布期限 2021年1月5日/);
    // A report without a dated signature: information only when asked for.
    writeFileSync(join(dir, 'undated.txt'), readFileSync(join(FIXTURES, 'reports', '2021-tabs.txt'), 'utf8'));
    assert.deepEqual(dl(await run(['check', '--format', 'json', 'undated.txt'], dir)), []);
    assert.equal(dl(await run(['check', '--format', 'json', '--require-date', 'undated.txt'], dir)).length, 1);
  });

  it('--no-last-year pairs nothing; bad values are usage errors', async () => {
    const dir = corpus();
    const r = await run(['check', '--format', 'json', '--no-last-year', 'seeds', 'web'], dir);
    const files = (JSON.parse(r.stdout) as { files: JsonFile[] }).files;
    assert.ok(files.length >= 5);
    assert.deepEqual(files.filter((f) => f.previous !== undefined || f.diagnostics.some((d) => CROSS.includes(d.code))).map((f) => f.path), []);
    for (const bad of [['--body-kind', 'city'], ['--deadline', 'government=13-01'], ['--deadline', 'ministry=01-31'], ['--no-last-year', '--previous', 'web/pingtan_2023.webcopy.txt']]) {
      const u = await run(['check', ...bad, 'seeds'], dir);
      assert.equal(u.code, 2, bad.join(' '));
    }
  });
});
