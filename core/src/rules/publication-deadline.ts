import { identityOf, type BodyKind } from '../identity';
import { isSpaceCode } from '../text';
import type { Rule } from './types';

/** 条例 第四十九条: departments by 1月31日, 县级以上地方人民政府 by 3月31日 of the following year. */
const DEFAULT_DEADLINES: Record<'government' | 'department', [number, number]> = { government: [3, 31], department: [1, 31] };

/**
 * The 落款 date against the publication deadline of 条例 第四十九条 (spec §8, "Deadline"): a
 * government department (and a township or street office, which hands its report to the county)
 * by 1月31日 of the following year, a 县级以上地方人民政府 by 3月31日. The kind of body is read from
 * the title (identity.ts); `govreport.reviewer.bodyKind` and `.deadlines` override it.
 */
export const publicationDeadline: Rule = {
  meta: {
    id: 'publication-deadline',
    description: {
      zh: '落款日期晚于公布期限（政府部门次年1月31日，县级以上地方人民政府次年3月31日），或找不到落款日期',
      en: 'The date at the end (落款) is after the deadline (January 31 for departments, March 31 for 县级以上地方人民政府, of the following year), or there is none',
    },
    defaultSeverity: 'warning',
    fix: 'none',
  },
  check(ctx) {
    const { report, t } = ctx;
    // Text that is no report (no section found) has no 落款 to look for.
    if (report.sections.length === 0) return;
    const id = identityOf(report);
    const sig = id.signature;
    if (!sig) {
      // Signed but not dated: an omission. No signature at all is what most copies of published
      // pages and PDFs look like (the page carries the date): noted only when asked.
      const signer = id.undatedSigner;
      if (!signer && !ctx.reviewer?.requireDate) return;
      const at = signer ? signer.end : lastCharacter(report.text);
      ctx.add({
        severity: 'information',
        message: signer
          ? t('落款只有机关名称，没有日期（成文日期），无法核对是否按期公布', 'The signature at the end has no date: whether the report was published in time cannot be checked')
          : t('未找到落款日期（文末的成文日期），无法核对是否按期公布', 'No date at the end (落款): whether the report was published in time cannot be checked'),
        start: signer ? signer.start : at,
        end: at,
      });
      return;
    }
    const year = id.year;
    if (year === null) return;
    const forced = ctx.reviewer?.bodyKind;
    const kind: BodyKind | null = forced === 'government' || forced === 'department' ? forced : id.kind;
    const group = kind === 'government' || kind === null ? 'government' : 'department';
    const custom = deadlineOf(ctx.reviewer?.deadlines?.[group]);
    const [month, day] = custom ?? DEFAULT_DEADLINES[group];
    const due = year + 1;
    if (compare(sig.year, sig.month, sig.day, due, month, day) <= 0) return;
    const who = whoWords(kind, id.body, forced === 'government' || forced === 'department', custom);
    ctx.add({
      message: t(
        `落款日期 ${sig.year}年${sig.month}月${sig.day}日 晚于公布期限 ${due}年${month}月${day}日（${who.zh}）`,
        `Dated ${sig.year}-${pad(sig.month)}-${pad(sig.day)}, after the deadline ${due}-${pad(month)}-${pad(day)} (${who.en})`,
      ),
      start: sig.start,
      end: sig.end,
      data: { kind, deadline: `${due}-${pad(month)}-${pad(day)}`, date: `${sig.year}-${pad(sig.month)}-${pad(sig.day)}` },
    });
  },
};

/**
 * Why this deadline: the kind of body (read from the title, or given: the editor's
 * govreport.reviewer.bodyKind, the CLI's --body-kind — the message names both, not knowing
 * which) and the rule it follows (条例 第四十九条, or a deadline given by the user).
 */
function whoWords(kind: BodyKind | null, body: string | null, forced: boolean, custom: [number, number] | undefined): { zh: string; en: string } {
  const name = body ? `${body}，` : '';
  const by = forced ? '按指定的机关类型（govreport.reviewer.bodyKind / --body-kind），' : '';
  const byEn = forced ? 'kind of body as given (govreport.reviewer.bodyKind / --body-kind): ' : '';
  const date = (m: number, d: number) => (custom ? { zh: `次年${custom[0]}月${custom[1]}日前公布（指定的期限）`, en: `by ${custom[1]} ${MONTHS[custom[0] - 1]} (the deadline given)` } : { zh: `次年${m}月${d}日前公布，条例第四十九条`, en: `by ${d} ${MONTHS[m - 1]}, 条例 第四十九条` });
  switch (kind) {
    case 'government': {
      const w = date(3, 31);
      return { zh: `${name}${by}县级以上地方人民政府应于${w.zh}`, en: `${byEn}a 县级以上地方人民政府 publishes ${w.en}` };
    }
    case 'township': {
      const w = date(1, 31);
      return custom
        ? { zh: `${name}乡镇人民政府、街道办事处按部门期限，${w.zh}`, en: `a township or street office, like a department, publishes ${w.en}` }
        : { zh: `${name}乡镇人民政府、街道办事处按部门期限，于次年1月31日前报送并公布`, en: 'a township or street office hands in and publishes its report by 31 January, like a department' };
    }
    case 'department': {
      const w = date(1, 31);
      return { zh: `${name}${by}政府部门应于${w.zh}`, en: `${byEn}a government department publishes ${w.en}` };
    }
    default:
      return custom
        ? { zh: '未能从标题判断机关类型，按县级以上地方人民政府的期限（指定的期限）', en: "the kind of body is not told by the title: a 县级以上地方人民政府's deadline (the one given)" }
        : { zh: '未能从标题判断机关类型，按县级以上地方人民政府的期限', en: "the kind of body is not told by the title: the later deadline, a 县级以上地方人民政府's" };
  }
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "MM-DD" (or "M-D") → [month, day]; undefined for anything else. */
function deadlineOf(s: string | undefined): [number, number] | undefined {
  const m = typeof s === 'string' ? /^(\d{1,2})-(\d{1,2})$/.exec(s.trim()) : null;
  if (!m) return undefined;
  const month = Number(m[1]);
  const day = Number(m[2]);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? [month, day] : undefined;
}

function compare(y1: number, m1: number, d1: number, y2: number, m2: number, d2: number): number {
  return y1 !== y2 ? y1 - y2 : m1 !== m2 ? m1 - m2 : d1 - d2;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Just after the last character that is not a space (where a 落款 would go). */
function lastCharacter(text: string): number {
  let e = text.length;
  while (e > 0 && isSpaceCode(text.charCodeAt(e - 1))) e--;
  return e;
}
