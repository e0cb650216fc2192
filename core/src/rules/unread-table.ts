import type { Rule } from './types';

/**
 * A table whose layout the parser recognised but could not read without guessing
 * (`Report.unread`, parse/paragraphs.ts): said once, on its section heading, instead of the
 * missing rows and cell counts a wrong reading would give. Its cells are not checked.
 */
export const unreadTable: Rule = {
  meta: {
    id: 'unread-table',
    description: {
      zh: '统计表的版式无法可靠读取（如不带 -layout 的 pdftotext 文本中数值按列排列），其数值未检查',
      en: "A table's layout could not be read reliably (e.g. values column by column in pdftotext text without -layout); its cells are not checked",
    },
    defaultSeverity: 'warning',
    fix: 'none',
  },
  check(ctx) {
    const { report, t } = ctx;
    for (const tdef of report.format.tables) {
      const unread = report.unread[tdef.id];
      if (!unread) continue;
      const section = report.sections.find((s) => s.def.id === tdef.section);
      const at = section ? { start: section.start, end: section.end } : { start: unread.start, end: report.lines.endOf(report.lineIndex.positionAt(unread.start).line) };
      const name = `${tdef.nameEn[0].toUpperCase()}${tdef.nameEn.slice(1)}`;
      ctx.add({
        message:
          unread.why === 'spaced-blanks'
            ? t(
                `${tdef.name}的版式无法可靠读取：数值以空格分隔，而有的单元格为空（如 pdftotext -layout 或 pypdf 提取的文本），无法判断哪些单元格为空，本表数值未检查。请从原文档复制表格（单元格以制表符分隔），或直接以报告方式打开 PDF`,
                `${name}: the layout could not be read reliably (values separated by spaces while some cells are blank, as in text extracted by pdftotext -layout or pypdf: which cells are blank cannot be told); its cells are not checked. Copy the table from the original (cells separated by tabs), or open the PDF itself as a report`,
              )
            : unread.why === 'paragraph-count'
              ? t(
                  `${tdef.name}的版式无法可靠读取：每个单元格各占一段，但有的行的数值段数与单元格数不符（如从网页复制时空白单元格只留下空行），无法判断各数值属于哪一格，本表数值未检查。请直接以报告方式打开原网页（保存为 .html）或原文件，或从原文档重新提取表格`,
                  `${name}: the layout could not be read reliably (every cell a paragraph of its own, but some row has more or fewer value paragraphs than cells, as when a web page's blank cells leave only an empty line in a copy: which value is which cell cannot be told); its cells are not checked. Open the original page (saved as .html) or file itself as a report, or take the table again from the original document`,
                )
              : t(
                  `${tdef.name}的版式无法可靠读取：数值不是逐行跟在行名之后（有的在行名之前、一列一列地排列，或夹在表头文字之间，如不带 -layout 的 pdftotext 文本），本表数值未检查。请用 pdftotext -layout 重新提取，或从原文档重新复制表格`,
                  `${name}: the layout could not be read reliably (the values do not follow their row labels row by row: some stand before their labels, column by column, or among header words, as in pdftotext text without -layout); its cells are not checked. Extract the text again with pdftotext -layout, or copy the table from the original`,
                ),
        ...at,
        data: { table: tdef.id, why: unread.why ?? 'columns' },
      });
    }
  },
};
