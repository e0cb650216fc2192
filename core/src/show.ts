// `govreport show`: the three tables as aligned grids, as the engine understood them. Blanks show
// as "·", bad cells are marked with "!", missing ones with "✗", so a reviewer sees at once what a
// one-cell-per-line file means.
import type { Report } from './model';
import { rowName } from './model';

function width(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || c >= 0x20000 ? 2 : 1;
  }
  return w;
}

function pad(s: string, w: number, right = false): string {
  const fill = ' '.repeat(Math.max(0, w - width(s)));
  return right ? fill + s : s + fill;
}

export function renderTables(report: Report): string {
  const out: string[] = [];
  out.push(`格式版本 ${report.formatVersion}（${report.versionSource}）  年度 ${report.year ?? '?'}  版式 ${report.layout}`);
  out.push('图例：· 空白（按 0）  ! 非数字或写法不规范  ✗ 缺失  ~ 位置推断');
  for (const tdef of report.format.tables) {
    const table = report.tables[tdef.id];
    out.push('');
    out.push(`== ${tdef.name} ==`);
    if (!table) {
      out.push('（未找到）');
      continue;
    }
    for (const bdef of tdef.blocks) {
      const block = table.blocks.find((b) => b.def === bdef);
      if (bdef.title) out.push(`-- ${bdef.title}${block ? '' : '（未找到）'}`);
      if (!block) continue;
      let header = ['', ...bdef.columns.map((c) => c.label)];
      let rows: string[][] = [];
      for (const rdef of bdef.rows) {
        if (rdef.group) {
          rows.push([rdef.label]);
          continue;
        }
        const row = block.rows.find((r) => r.def === rdef);
        const label = rdef.unlabeled ? '' : rowName(rdef);
        if (!row) {
          rows.push([label + ' ✗', ...bdef.columns.map(() => '✗')]);
          continue;
        }
        const cells = row.cells.map((c) => {
          if (!c.present) return '✗';
          const mark = c.located ? '' : '~';
          if (c.value.status === 'blank') return mark + (c.raw ? `·(${c.raw})` : '·');
          if (c.value.status === 'text') return `!${c.raw}`;
          if (c.value.status === 'odd-number') return `!${c.raw}`;
          return mark + c.raw;
        });
        if (row.extra.length) cells.push(`+${row.extra.map((e) => e.text).join(',')}`);
        rows.push([label, ...cells]);
      }
      // A single unlabeled row of "group·column" cells (table 四) reads better as a grid of groups.
      if (bdef.rows.length === 1 && bdef.rows[0].unlabeled && rows.length === 1 && bdef.columns.every((c) => c.label.includes('·'))) {
        const groups: string[] = [];
        const subs: string[] = [];
        for (const c of bdef.columns) {
          const [g, sub] = c.label.split('·');
          if (!groups.includes(g)) groups.push(g);
          if (!subs.includes(sub)) subs.push(sub);
        }
        const flat = rows[0].slice(1);
        header = ['', ...subs];
        rows = groups.map((g, gi) => [g, ...subs.map((_, si) => flat[gi * subs.length + si] ?? '')]);
        if (flat.length > groups.length * subs.length) rows.push(['', ...flat.slice(groups.length * subs.length)]);
      }
      const cols = Math.max(header.length, ...rows.map((r) => r.length));
      const widths: number[] = [];
      for (let k = 0; k < cols; k++) {
        widths[k] = Math.max(width(header[k] ?? ''), ...rows.filter((r) => r.length > 1).map((r) => width(r[k] ?? '')));
      }
      out.push(header.map((h, k) => pad(h, widths[k])).join(' │ ').trimEnd());
      out.push(widths.map((w) => '─'.repeat(w)).join('─┼─'));
      for (const r of rows) {
        if (r.length === 1) out.push(r[0]);
        else out.push(r.map((c, k) => pad(c, widths[k], k > 0)).join(' │ ').trimEnd());
      }
    }
  }
  return out.join('\n') + '\n';
}
