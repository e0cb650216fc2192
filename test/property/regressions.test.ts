// Shrunk counterexamples found by the property tests and `npm run fuzz`, kept as regression tests.
// Fixed ones must hold every property; known ones (not fixed yet) run as TODO.
import { describe, it } from 'node:test';
import { allProperties } from './properties';

const FIXED: { input: string; was: string }[] = [
  // parse.ts findSections: a heading wrapped over two lines and the second line, an exact variant,
  // were both taken as headings of section 三 — overlapping sections, bodyEnd before end.
  { input: '三、处理\n依申请公开情况', was: 'ranges: section 3 body [12, 5]' },
  { input: '三、（六）其他处理\n依申请公开情况\n', was: 'ranges: section 3 body' },
  // parse.ts readUnlabeledTable: table 四 as one value per line, the first value inside pipes:
  // the line qualified by its field, then the loop read the whole line, found no span, crashed.
  { input: '申请 |\n| 10000 |', was: "TypeError: Cannot read properties of undefined (reading 'start')" },
  { input: '| 一、本年新收政府信息公开申请数量 | 0 | \n | 10000 |\n', was: 'TypeError in readUnlabeledTable' },
  // parse.ts splitFields: a unit standing after a full-width digit was not merged into its cell;
  // the safe fix ０→0 then merged it, shifting the following cells.
  { input: '总计 ０ 项', was: 'fix-meaning: t3/main/r7/business "项" → blank' },
  { input: '本年新制作数量\n处罚　２　项', was: 'fix-meaning: t2/b6/penalty/change "项" → blank' },
  // parse.ts findSections: a signed number standing apart ("-1") did not mark a table row, so once
  // the safe fix stripped its unit the row became a heading whose safe rename deleted the number.
  { input: '其他需要报告的情况 -1项', was: 'fix-meaning: t3/main/r6_3/natural -1 → missing' },
  { input: '六、其他需要报告的事项 5项', was: 'safe heading rename deleting "5项"' },
  // parse.ts findSections: a heading wrapped over two lines under a wrong ordinal took a table row
  // label as its second line; the heading's safe rename deleted that label. A wrap is now taken
  // only under the section's own ordinal.
  { input: '一，处理\n申请\n1', was: 'fix-meaning: wrapped heading swallows row label' },
  { input: '七、处理\n二公开申请数量\n0', was: 'fix-meaning: wrapped heading swallows row label' },
  { input: '三、申请\n一主动公开\n1', was: 'fix-meaning: wrapped heading swallows row label' },
  { input: '一、（六）其他处理\n依申请公开政府信息情况 | 项\n', was: 'fix-meaning: wrapped heading swallows row label' },
  // ... and under its own ordinal, the second line must be a piece of the heading's wording: here
  // "其他处理" (a row of table 三) was taken and the rename deleted it.
  { input: '三、申请\n其他处理\n0', was: 'fix-meaning: t3/main/r6_3/natural 0 → missing' },
  // rules/format-version.ts: a row label spanning two pipe fields ("规|范性文件"): the safe alias
  // rename removed the inner pipe and the trailing "|" became a cell. Such a rename is now only
  // suggested.
  { input: '规|范性文件 |', was: 'fix-meaning: t2/b1/normative/issued blank → "|"' },
  // parse.ts splitFields: a unit field after a number that already had one ("1项 项"): once the
  // first unit was stripped, the second merged into the number and its cell disappeared. A lone
  // unit now joins the number before it in both cases.
  { input: '他 1项 项', was: 'fix-meaning: unit after unit re-parses after normalisation' },
  { input: '行政　0项　项', was: 'fix-meaning: t2/b5/licensing/change "项" → blank' },
  { input: '行政　0　项　项', was: 'fix-meaning: the same with the first unit standing apart' },
];

const KNOWN: { input: string; why: string }[] = [
  // One-cell-per-line reading: a non-value line is a cell only up to 12 characters, so shortening
  // "1,000,000" to "1000000" turns a tab row into one (text) cell; "0   1234" reads as one number.
  { input: '于国家\n1,000,000\tO\t…', why: 'length threshold of a cell line' },
  { input: '复申\n０   项   １,２３４', why: 'space-separated numbers read as one cell after normalisation' },
];

describe('property regressions', () => {
  for (const { input, was } of FIXED) {
    it(`holds every property: ${JSON.stringify(input)} (was ${was})`, () => {
      for (const formatVersion of ['auto', '2019', '2021'] as const) allProperties(input, { formatVersion });
    });
  }
  for (const { input, why } of KNOWN) {
    it(`known: ${JSON.stringify(input)}`, { todo: why }, () => {
      for (const formatVersion of ['auto', '2019', '2021'] as const) allProperties(input, { formatVersion });
    });
  }
});
