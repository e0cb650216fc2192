// Report detection (core/src/detect.ts): what the client uses to switch a plain text to the
// report language and to choose the files the workspace command validates. It reads the first
// lines with the parser itself, so these tests are about which texts count as reports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectReport, headOf, looksLikeReport } from '../../core/src/detect';

const seedDir = join(import.meta.dirname ?? __dirname, '..', 'fixtures', 'seeds');
const seeds = readdirSync(seedDir).filter((f) => f.endsWith('.txt')).sort();

/** The section a single line is read as, by the detection (0: none). */
const sectionOf = (line: string) => {
  const s = detectReport(line).sections;
  return s.length === 1 ? s[0] : s.length === 0 ? 0 : -1;
};

test('there are five seed reports to check', () => {
  assert.equal(seeds.length, 5);
});

for (const name of seeds) {
  test(`seed ${name} is detected as a report`, () => {
    const text = readFileSync(join(seedDir, name), 'utf8');
    const result = detectReport(text);
    assert.equal(result.isReport, true, JSON.stringify(result));
    // Every seed shows at least sections 一 and 二 within its first 60 lines.
    assert.ok(result.sections.includes(1) && result.sections.includes(2), JSON.stringify(result));
  });

  test(`seed ${name} is still detected with CRLF line ends and a BOM`, () => {
    const text = '\ufeff' + readFileSync(join(seedDir, name), 'utf8').replace(/\r?\n/g, '\r\n');
    assert.equal(looksLikeReport(text), true);
    assert.equal(detectReport(text).hasTitle, true);
  });
}

test('seed titles are recognised as titles', () => {
  const titles = seeds.map((name) => detectReport(readFileSync(join(seedDir, name), 'utf8')).hasTitle);
  assert.deepEqual(titles, seeds.map(() => true));
});

test('ordinary texts are not reports', () => {
  const texts = [
    '',
    'hello world\nthis is a plain text file\n',
    '# README\n\nSome notes about the project.\n1. install\n2. run\n',
    '会议纪要\n一、会议时间\n二、参会人员\n三、会议内容\n',
    '购物清单\n一、水果\n二、蔬菜\n',
    '关于做好2021年政府信息公开工作的通知\n各单位：\n请按要求做好相关工作。\n',
    // prose that merely mentions the annual report in a long sentence
    '根据《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》文件精神，现将有关事项通知如下。\n请各单位认真落实。\n',
    // table rows look like headings but are not
    '一、本年新收政府信息公开申请数量\t0\n二、上年结转政府信息公开申请数量\t0\n四、结转下年度继续办理\t0\n',
    // sub-headings of section 一 numbered like sections
    '工作总结\n一、主动公开情况。今年我们做了很多工作。\n二、依申请公开工作。未收到申请。\n',
    'Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n'.repeat(100),
    // one huge line: read up to the character limit, no further
    '无关文字'.repeat(200_000),
  ];
  for (const t of texts) {
    assert.equal(looksLikeReport(t), false, JSON.stringify(t.slice(0, 60)));
  }
});

test('two section headings are enough without a title', () => {
  const text = '\n\n　　一、总体情况\n正文。\n\t　　二、主动公开政府信息情况\n';
  assert.deepEqual(detectReport(text), { isReport: true, hasTitle: false, sections: [1, 2] });
  // CR-only line ends too.
  assert.equal(looksLikeReport(text.replace(/\n/g, '\r')), true);
});

test('one section heading alone is not enough', () => {
  assert.equal(looksLikeReport('一、总体情况\n正文。\n'), false);
});

test('a title alone is enough, also when wrapped over two lines', () => {
  assert.equal(looksLikeReport('某某市人民政府2021年政府信息公开工作年度报告\n\n正文'), true);
  assert.equal(looksLikeReport('某某市人民政府2021年政府信息公开\n工作年度报告\n正文'), true);
  assert.equal(looksLikeReport('某某区政府信息公开年报（2022）\n正文'), true);
});

test('only the first lines are inspected', () => {
  const text = 'plain\n'.repeat(70) + '一、总体情况\n二、主动公开政府信息情况\n';
  assert.equal(looksLikeReport(text), false);
  assert.equal(looksLikeReport(text, 100), true);
});

test('section headings: variants, debris, ASCII punctuation', () => {
  assert.equal(sectionOf('[bookmark: _GoBack]　　一、总体情况'), 1);
  assert.equal(sectionOf('一、工作基本情况'), 1);
  assert.equal(sectionOf('\t　　二、主动公开政府信息情况'), 2);
  assert.equal(sectionOf('三、收到和处理政府信息公开申请情况'), 3);
  assert.equal(sectionOf('四、因政府信息公开工作被申请行政复议、提起行政诉讼情况'), 4);
  assert.equal(sectionOf('四、政府信息公开行政复议和行政诉讼情况'), 4);
  assert.equal(sectionOf('五、政府信息公开工作存在的主要问题及改进情况'), 5);
  assert.equal(sectionOf('五、存在问题及改进情况'), 5);
  assert.equal(sectionOf('六、其他需要报告的情况'), 6);
  assert.equal(sectionOf('六.其他事项'), 6);
  // look-alikes
  assert.equal(sectionOf('一、本年新收政府信息公开申请数量'), 0);
  assert.equal(sectionOf('四、结转下年度继续办理'), 0);
  assert.equal(sectionOf('一、主动公开情况。金城镇认真贯彻落实条例'), 0);
  assert.equal(sectionOf('三、本年度办理结果'), 0);
  assert.equal(sectionOf('（一）予以公开'), 0);
});

test('titles', () => {
  const title = (line: string) => detectReport(line + '\n正文').hasTitle;
  assert.equal(title('三岔河镇 2020 年政府信息公开工作 年度报告'), true);
  assert.equal(title('岑港街道2020年度政府信息公开工作报告'), true);
  assert.equal(title('新湖镇政府信息公开工作年度报告'), true);
  assert.equal(title('年度工作报告'), false);
  assert.equal(title('政府信息公开指南'), false);
});

test('headOf stops after the lines asked for, at any line end, and at the character limit', () => {
  assert.equal(headOf('a\r\nb\r\nc\r\nd', 2), 'a\r\nb\r\n');
  assert.equal(headOf('a\rb\rc', 2), 'a\rb\r');
  assert.equal(headOf('a\nb', 10), 'a\nb');
  assert.equal(headOf('', 10), '');
  assert.equal(headOf('x'.repeat(100_000), 10).length, 64 * 1024);
});
