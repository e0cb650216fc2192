// A report's body and year (core/src/identity.ts): what pairs last year's report with this one.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseReport } from '../../core/src';
import { bodyOfTitle, identityOf, normalizeBody, readIdentity } from '../../core/src/identity';
import { report2021, seed } from './helpers';
import { fixturePath, present } from '../fetched';

const FIXTURES = join(__dirname, '..', 'fixtures');
const read = (f: string) => readFileSync(fixturePath(FIXTURES, f), 'utf8');

describe('identity: body and year from the title', () => {
  it('the seeds and every real report in test/fixtures', () => {
    const cases: [string, string | null, string | null, number | null][] = [
      // file, body as written, body key, year
      ['seeds/000_6762482f42d905fe.txt', '港门镇', '港门镇', 2020],
      ['seeds/001_9b1ebd4af0696446.txt', '三岔河镇', '三岔河镇', 2020],
      ['seeds/002_7f8cb9d4cf28011f.txt', '莱州市金城镇', '金城镇', 2020],
      ['seeds/003_9405448751938849.txt', '岑港街道', '岑港街道', 2020],
      // No year in the title: the parser's, from the body.
      ['seeds/004_fbd623e0f7a449c7.txt', '新湖镇', '新湖镇', 2020],
      ['reports/2021-tabs.txt', '示例市示例区人民政府', '示例区', 2021],
      // Title over two lines: 洪泽区人民政府 / 2023 年政府信息公开工作年度报告.
      ['pdf-text/hongze_2023.layout.txt', '洪泽区人民政府', '洪泽区', 2023],
      ['pdf-text/hongze_2023.pypdf.txt', '洪泽区人民政府', '洪泽区', 2023],
      ['pdf-text/hongze_2024.layout.txt', '淮安市洪泽区人民政府', '洪泽区', 2024],
      ['pdf-text/hongze_2024.pypdf.txt', '淮安市洪泽区人民政府', '洪泽区', 2024],
      ['pdf-text/huaian_szf_2024.layout.txt', '淮安市人民政府', '淮安市', 2024],
      ['web-text/pingtan_2019.webcopy.txt', '平潭综合实验区', '平潭综合实验区', 2019],
      // The web copies of 2023 and 2024 start at the article: no title, the year from the period.
      ['web-text/pingtan_2023.webcopy.txt', null, null, 2023],
      ['web-text/pingtan_2024.webcopy.txt', null, null, 2024],
    ];
    // (洪泽 where the fetched files are here: test/fetched.ts.)
    for (const [f, body, key, year] of cases.filter(([f]) => present(f))) {
      const id = identityOf(parseReport(read(f)));
      assert.deepEqual([id.body, id.bodyKey, id.year], [body, key, year], f);
    }
  });

  it('titles as they are written', () => {
    const cases: [string, string | null][] = [
      ['2020年港门镇政府信息公开工作年度报告', '港门镇'],
      ['三岔河镇 2020 年政府信息公开工作 年度报告', '三岔河镇'],
      ['岑港街道2020年度政府信息公开工作报告', '岑港街道'],
      ['淮安市人民政府2024年政府信息公开工作年度报告', '淮安市人民政府'],
      ['淮安市人民政府信息公开工作年度报告', '淮安市人民政府'],
      ['南京市鼓楼区教育局关于2021年度政府信息公开工作的年度报告', '南京市鼓楼区教育局'],
      ['《某某县财政局2022年政务公开工作年度报告》', '某某县财政局'],
      ['二〇二二年政府信息公开工作年度报告', null],
      ['政府信息公开工作年度报告', null],
    ];
    for (const [title, body] of cases) assert.equal(bodyOfTitle(title), body, title);
  });

  it('one body across the ways its name is written; other bodies apart', () => {
    const same: string[][] = [
      ['淮安市洪泽区人民政府', '洪泽区人民政府', '洪泽区', '江苏省淮安市洪泽区人民政府'],
      ['某某市人民政府办公室', '某某市政府办公室', '某某市政府办', '某某市人民政府办公厅'],
      ['岑港街道办事处', '岑港街道', '舟山市定海区岑港街道'],
      ['平潭综合实验区管理委员会', '平潭综合实验区管委会', '平潭综合实验区'],
      ['港门镇人民政府', '港门镇'],
    ];
    for (const names of same) assert.equal(new Set(names.map(normalizeBody)).size, 1, names.join(' '));
    const apart = ['淮安市人民政府', '淮安市洪泽区人民政府', '淮安市人民政府办公室', '淮安市市场监督管理局', '洪泽区市场监督管理局'];
    assert.equal(new Set(apart.map(normalizeBody)).size, apart.length);
  });

  it('the body from the signature when the title names none', () => {
    const text = report2021('tabs').replace('示例市示例区人民政府2021年', '2021年') + '示例市示例区人民政府\n2022年1月20日\n';
    const id = readIdentity(text);
    assert.deepEqual([id.body, id.bodySource, id.bodyKey], ['示例市示例区人民政府', 'signature', '示例区']);
    assert.equal(readIdentity(seed('000')).bodySource, 'title');
  });
});
