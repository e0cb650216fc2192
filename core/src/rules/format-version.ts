import { FORMAT_VERSIONS, versionForYear } from '../formats';
import { rowName } from '../model';
import { sameDigitRuns } from '../numbers';
import type { Rule } from './types';

export const formatVersion: Rule = {
  meta: {
    id: 'format-version',
    description: {
      zh: '格式版本与报告年度不符，或混用了 2019 版和 2021 版的表述',
      en: 'The format version does not fit the report year, or the labels mix both versions',
    },
    defaultSeverity: 'warning',
    fix: 'safe',
  },
  check(ctx) {
    const { report, t } = ctx;
    const v = report.formatVersion;
    const titleRange = report.titleLine !== null ? { start: report.lines.startOf(report.titleLine), end: report.lines.endOf(report.titleLine) } : { start: 0, end: report.lines.endOf(0) };
    if (report.year !== null && report.versionSource === 'labels') {
      const want = versionForYear(report.year);
      if (want !== v) {
        ctx.add({
          message: t(
            `${report.year} 年度报告应使用 ${want} 版格式，但表格采用的是 ${v} 版格式`,
            `A report for ${report.year} should use the ${want} format, but its tables follow the ${v} format`,
          ),
          ...titleRange,
        });
      }
    }
    const mixed = FORMAT_VERSIONS.filter((x) => (report.markers.get(x) ?? 0) > 0);
    if (mixed.length > 1) {
      ctx.add({
        message: t(
          () => `表格混用了${mixed.map((x) => ` ${x} 版（${report.markers.get(x)} 处）`).join('和')}格式的表述，按 ${v} 版检查`,
          () => `The tables mix wording of${mixed.map((x) => ` the ${x} format (${report.markers.get(x)})`).join(' and')}; checked as ${v}`,
        ),
        ...titleRange,
      });
    }
    // Another version's row standing for several of this version's (2019's （六）其他处理).
    for (const tdef of report.format.tables) {
      const table = report.tables[tdef.id];
      if (!table) continue;
      for (const b of table.blocks) {
        for (const r of b.rows) {
          if (!r.foreign || !r.def.foreign) continue;
          const covered = [...r.def.foreign.covers.map((id) => b.def.rows.find((x) => x.id === id)), r.def].map((x) => (x ? rowName(x) : '')).join('、');
          ctx.add({
            message: t(
              () => `${tdef.name}的「${r.def.foreign!.label}」是 ${r.foreign} 版格式的写法；${v} 版格式中分为 ${covered}。按其数值作为这几行的合计检查`,
              () => `${tdef.nameEn}: "${r.def.foreign!.label}" is the ${r.foreign} format's row; the ${v} format splits it into ${covered}. Its values are checked as their total`,
            ),
            start: r.labelStart,
            end: r.labelEnd,
          });
        }
      }
    }
    const t2 = report.tables.t2;
    if (t2) {
      for (const f of t2.foreignBlocks) {
        ctx.add({
          message: t(`「第二十条第（${f.ordinal}）项」不属于 ${v} 版格式的表二`, `"第二十条第（${f.ordinal}）项" is not part of table 二 in the ${v} format`),
          start: f.start,
          end: f.end,
        });
      }
      for (const b of t2.blocks) {
        for (const r of b.rows) {
          if (!r.alias) continue;
          ctx.add({
            message: t(`${v} 版格式中该行为「${r.def.label}」，而非「${r.alias}」`, `In the ${v} format this row is "${r.def.label}", not "${r.alias}"`),
            start: r.labelStart,
            end: r.labelEnd,
            // A label spread over several fields (merged cells, "规|范性文件") would lose its
            // separators, and the fields after it would shift: then the rename is only suggested.
            fix: { title: t(`改为「${r.def.label}」`, `Rename to "${r.def.label}"`), safe: !/[\t|｜]/.test(r.labelText) && sameDigitRuns(r.labelText, r.def.label), edits: [{ start: r.labelStart, end: r.labelEnd, newText: r.def.label }] },
          });
        }
      }
    }
  },
};
