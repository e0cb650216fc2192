// Who published a report and when: the issuing body (from the title, else the signature at the
// end), its kind (a 县级以上地方人民政府, a township, a department), the report year, the
// statistics-period sentence and the 落款 (signature) date. Read from the first and last lines of
// the text and one search for "统计": linear, and cheap enough for the CLI to run on every file
// before checking any (to pair reports of one body and consecutive years).
import type { Report } from './model';
import { chineseNumeralValue, foldNFKC, isSpaceCode } from './text';
import { yearInBody } from './year';

/**
 * What the deadline of 条例 第四十九条 depends on: a 县级以上地方人民政府 publishes by 3月31日; a
 * government department by 1月31日. A 乡镇人民政府 or 街道办事处 hands its report to the county by
 * 1月31日 like a department ('township'; the same deadline).
 */
export type BodyKind = 'government' | 'township' | 'department';

export interface TextRange {
  start: number;
  end: number;
}

export interface DateFound extends TextRange {
  year: number;
  month: number;
  day: number;
}

export interface Identity {
  /** The body as written (title, else signature), spaces dropped: "淮安市洪泽区人民政府". */
  body: string | null;
  /**
   * The body normalised for pairing reports of one body across years: the year, the title's
   * fixed words, 人民政府/政府/管委会 after a place, higher-level places before a county-level
   * or lower one ("淮安市洪泽区人民政府" → "洪泽区"), and the 办公室/办公厅 forms ("政府办").
   */
  bodyKey: string | null;
  bodySource: 'title' | 'signature' | null;
  kind: BodyKind | null;
  /** The title: its line (and the line before it when the title wraps), and the year written in it. */
  title: (TextRange & { year: number | null; yearRange: TextRange | null; body: string | null }) | null;
  /** The statistics-period sentence ("统计期限自2021年1月1日起至2021年12月31日止"): its two dates. */
  period: (TextRange & { from: DateFound; to: DateFound }) | null;
  /** The 落款 date: a date line (or signature and date) among the last lines of the text. */
  signature: (DateFound & { body: TextRange | null }) | null;
  /** With no 落款 date: the last line when it is a body's name alone (signed, not dated). */
  undatedSigner: TextRange | null;
  /** The report year: the title's, else the period's, else the parser's (its body). */
  year: number | null;
}

/** Non-empty lines read at the start (the title) and at the end (the signature). */
const HEAD_LINES = 6;
const TAIL_LINES = 8;
/** Longest line taken as a title, a signature or a date line (characters). */
const SHORT_LINE = 60;

const cache = new WeakMap<Report, Identity>();

/** The identity of a parsed report (computed once per report). */
export function identityOf(report: Report): Identity {
  let id = cache.get(report);
  if (!id) {
    id = readIdentity(report.text, report.year);
    cache.set(report, id);
  }
  return id;
}

/**
 * The identity of a text. `parsedYear`: the parser's year of the report, used when neither the
 * title nor the period states one (the CLI's pre-scan passes none: the year is then unknown).
 */
export function readIdentity(text: string, parsedYear: number | null = null): Identity {
  const title = findTitle(text);
  const period = findPeriod(text);
  const signature = findSignature(text);
  let body: string | null = null;
  let bodySource: Identity['bodySource'] = null;
  if (title) {
    body = title.body;
    if (body) bodySource = 'title';
  }
  if (!body && signature?.body) {
    const b = cleanBody(text.slice(signature.body.start, signature.body.end));
    if (b && ORGAN_END_RE.test(b)) {
      body = b;
      bodySource = 'signature';
    }
  }
  const bodyKey = body ? normalizeBody(body) : null;
  const year = title?.year ?? period?.from.year ?? parsedYear;
  const undatedSigner = signature ? null : findUndatedSigner(text);
  return { body, bodyKey, bodySource, kind: bodyKey ? kindOfBody(bodyKey) : null, title, period, signature, undatedSigner, year };
}

/**
 * What pairs reports of one body across years, read as cheaply as possible (the CLI reads it for
 * every file of a batch before checking any): the title's body and year when it has both, else
 * the rest of the identity, the year last from the body as the parser reads it (`yearInBody`).
 */
export function pairingIdentity(text: string): { bodyKey: string | null; year: number | null } {
  const title = findTitle(text);
  const body = title ? title.body : null;
  if (body && title!.year !== null) return { bodyKey: normalizeBody(body), year: title!.year };
  const id = readIdentity(text);
  return { bodyKey: id.bodyKey, year: id.year ?? yearInBody(text).year };
}

// ---------------------------------------------------------------------------------------------
// Lines

/** [start, end) of each non-empty line from the start, at most `max`. */
function headLines(text: string, max: number): TextRange[] {
  const out: TextRange[] = [];
  let start = 0;
  while (start <= text.length && out.length < max) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const s = skipSpace(text, start, end);
    const e = trimBack(text, s, end);
    if (e > s) out.push({ start: s, end: e });
    start = end + 1;
  }
  return out;
}

/** [start, end) of each non-empty line from the end, at most `max`, last first. */
function tailLines(text: string, max: number): TextRange[] {
  const out: TextRange[] = [];
  let end = text.length;
  while (end >= 0 && out.length < max) {
    const nl = end === 0 ? -1 : text.lastIndexOf('\n', end - 1);
    const start = nl + 1;
    const s = skipSpace(text, start, end);
    const e = trimBack(text, s, end);
    if (e > s) out.push({ start: s, end: e });
    if (nl < 0) break;
    end = nl;
  }
  return out;
}

function skipSpace(text: string, s: number, e: number): number {
  while (s < e && isSpaceCode(text.charCodeAt(s))) s++;
  return s;
}

function trimBack(text: string, s: number, e: number): number {
  while (e > s && isSpaceCode(text.charCodeAt(e - 1))) e--;
  return e;
}

/** The text without whitespace, full-width ASCII folded (NFKC). */
function squeeze(s: string): string {
  const f = foldNFKC(s);
  for (let i = 0; i < f.length; i++) if (isSpaceCode(f.charCodeAt(i))) return f.replace(/[\s\ufeff\u200b]+/g, '');
  return f;
}

// ---------------------------------------------------------------------------------------------
// Title and body

const TITLE_RE = /报告|年报/;
const YEAR_IN_TITLE_RE = /((?:19|20)\d{2})\s*年/;

/**
 * The title: the first of the first non-empty lines naming a report ("…年度报告"), as the parser
 * finds it (parse/version.ts); when it does not name a body ("2023 年政府信息公开工作年度报告"
 * under "洪泽区人民政府"), the line before it is part of it.
 */
function findTitle(text: string): Identity['title'] {
  const lines = headLines(text, HEAD_LINES);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.end - l.start > SHORT_LINE) continue;
    const line = text.slice(l.start, l.end);
    if (!TITLE_RE.test(foldNFKC(line))) continue;
    let start = l.start;
    let body = bodyOfTitle(line);
    if (i > 0 && !body && lines[i - 1].end - lines[i - 1].start <= SHORT_LINE && !/[。，：；]/.test(text.slice(lines[i - 1].start, lines[i - 1].end))) {
      start = lines[i - 1].start;
      body = bodyOfTitle(text.slice(start, l.end));
    }
    const whole = text.slice(start, l.end);
    const m = YEAR_IN_TITLE_RE.exec(foldNFKC(whole));
    let yearRange: TextRange | null = null;
    if (m) {
      // The year's place in the text (the digits, possibly full-width, as written).
      const at = findDigits(text, start, l.end, m[1]);
      if (at >= 0) yearRange = { start: at, end: digitsEnd(text, at, 4) };
    }
    return { start, end: l.end, year: m ? Number(m[1]) : null, yearRange, body };
  }
  return null;
}

/** Where the digits `d` (ASCII or full-width, possibly spaced) start in [from, to), or -1. */
function findDigits(text: string, from: number, to: number, d: string): number {
  outer: for (let i = from; i < to; i++) {
    let j = i;
    for (let k = 0; k < d.length; k++) {
      if (k > 0) while (j < to && isSpaceCode(text.charCodeAt(j))) j++;
      if (j >= to || digitOf(text.charCodeAt(j)) !== d.charCodeAt(k) - 48) continue outer;
      j++;
    }
    return i;
  }
  return -1;
}

function digitsEnd(text: string, i: number, n: number): number {
  let k = 0;
  while (i < text.length && k < n) {
    if (digitOf(text.charCodeAt(i)) >= 0) k++;
    i++;
  }
  return i;
}

function digitOf(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 0xff10 && c <= 0xff19) return c - 0xff10;
  return -1;
}

/** The fixed words of a title after its body: where the body ends. */
const TITLE_WORDS_RE = /(?:关于)?(?:本?年度)?(?:政府|政务)?信息(?:与政务)?公开|政务公开|(?:工作)?年度报告|年报|工作报告/;
const YEAR_RE = /[(（]?(?:(?:19|20)\d{2}|[〇零一二][〇零一二三四五六七八九]{3})年度?[)）]?/g;

/** The body a title names, spaces dropped; null when it names none. */
export function bodyOfTitle(title: string): string | null {
  let s = squeeze(title).replace(/[《》“”"『』「」]/g, '').replace(YEAR_RE, '');
  const m = TITLE_WORDS_RE.exec(s);
  if (m) s = s.slice(0, m.index);
  // "淮安市人民政府信息公开…" (no year between): the 政府 of 人民政府 was taken for the fixed words'.
  if (s.endsWith('人民')) s += '政府';
  return cleanBody(s);
}

/** A body without the words around it ("关于", "的", a trailing 年度), or null if nothing is left. */
function cleanBody(s: string): string | null {
  s = squeeze(s).replace(/^关于/, '').replace(/(?:关于|的|年度|度|年|本)+$/, '');
  // A body is a name: ideographs (and the odd digit or bracket), no sentence punctuation.
  if (s.length < 2 || s.length > 40 || /[。，；：,;:!?！？]/.test(s) || !/[\u4e00-\u9fff]{2}/.test(s)) return null;
  return s;
}

/** How a body's name ends when it is an organ (a signature line must end so). */
const ORGAN_END_RE = /(?:人民政府|政府|办公室|办公厅|办事处|管委会|管理委员会|委员会|局|委|厅|办|署|院|中心|所|站|队|会|街道|镇|乡|区|县|市|州|盟|旗|部)$/;

/** Levels of places, highest first as names nest: "江苏省淮安市洪泽区". */
const UPPER_PLACE_RE = /^[\u4e00-\u9fff]{2,}?(?:自治区|自治州|特别行政区|省|市|地区|盟|州)/;
/** A county-level or lower place at the start of a name: "洪泽区…", "金城镇…", "岑港街道…". */
const PLACE_START_RE = /^[\u4e00-\u9fff]{2,}?(?:自治县|自治旗|街道|县|区|市|旗|镇|乡|苏木)/;

/** A body's name normalised for pairing (see `Identity.bodyKey`). */
export function normalizeBody(body: string): string {
  let s = squeeze(body)
    .replace(/管理委员会/g, '管委会')
    .replace(/街道办事处/g, '街道')
    .replace(/(?:人民)?政府办公[室厅]|政府办/g, '政府办')
    .replace(/(?:人民政府|政府|管委会)$/, '');
  // Higher-level places before a lower one: "淮安市洪泽区" → "洪泽区", "莱州市金城镇" → "金城镇".
  for (;;) {
    const m = UPPER_PLACE_RE.exec(s);
    if (!m) break;
    const rest = s.slice(m[0].length);
    if (!PLACE_START_RE.test(rest)) break;
    s = rest;
  }
  // A county before a township that is the whole body: "定海区岑港街道" → "岑港街道".
  const county = COUNTY_RE.exec(s);
  if (county && TOWNSHIP_RE.test(s.slice(county[0].length))) s = s.slice(county[0].length);
  return s;
}

const COUNTY_RE = /^[\u4e00-\u9fff]{2,}?(?:自治县|自治旗|县|区|市|旗)/;
const TOWNSHIP_RE = /^[\u4e00-\u9fff]{2,}?(?:镇|乡|街道|苏木)$/;

/** The kind of a body from its normalised name. */
export function kindOfBody(key: string): BodyKind {
  if (/(?:镇|乡|街道|苏木)$/.test(key)) return 'township';
  if (/(?:自治区|特别行政区|省|市|自治州|州|地区|盟|自治县|县|自治旗|旗|区)$/.test(key)) return 'government';
  return 'department';
}

// ---------------------------------------------------------------------------------------------
// Dates

const NUM = '(\\d{1,4}|[０-９]{1,4}|[〇零○一二三四五六七八九十]{1,4})';
const SP = '[\\s\\u3000]*';
/** A date: 2022年1月20日, 2022 年 1 月 20 日, 二〇二二年一月二十日. */
const DATE_SRC = `${NUM}${SP}年${SP}${NUM}${SP}月${SP}${NUM}${SP}日`;

function numeral(s: string): number | null {
  // ASCII digits (nearly every date): read as they are.
  let n = 0;
  let i = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    n = n * 10 + (c - 48);
  }
  if (i === s.length && i > 0) return n;
  const f = foldNFKC(s);
  if (/^\d+$/.test(f)) return Number(f);
  // A year written digit by digit: 二〇二二.
  if (f.length === 4 && /^[〇零○一二三四五六七八九]{4}$/.test(f)) {
    let n = 0;
    for (const ch of f) n = n * 10 + '〇一二三四五六七八九'.indexOf(ch === '零' || ch === '○' ? '〇' : ch);
    return n;
  }
  const v = chineseNumeralValue(f.replace(/[零○]/g, '〇'));
  return v === null || Number.isNaN(v) ? null : v;
}

function dateOf(m: RegExpExecArray, offset: number): DateFound | null {
  const year = numeral(m[1]);
  const month = numeral(m[2]);
  const day = numeral(m[3]);
  if (year === null || month === null || day === null || year < 1990 || year > 2099 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  return { year, month, day, start: offset + m.index, end: offset + m.index + m[0].length };
}

/**
 * The statistics-period sentence: "统计期限自…起至…止", "统计期限为…至…", "统计时限…". Sticky:
 * tried only where its "统计" is (a match further on in the 80 characters read would start at
 * another "统计", tried in its turn), not at every position after a failure.
 */
const PERIOD_RE = new RegExp(`统计${SP}(?:期限|时限|期间|时间|区间|周期)[^。；\\n]{0,12}?${DATE_SRC}${SP}(?:起)?${SP}(?:至|到|—|－|-|~|～)${SP}${DATE_SRC}`, 'y');

function findPeriod(text: string): Identity['period'] {
  for (let i = text.indexOf('统计'); i >= 0; i = text.indexOf('统计', i + 2)) {
    PERIOD_RE.lastIndex = 0;
    const m = PERIOD_RE.exec(text.slice(i, i + 80));
    if (!m || m.index !== 0) continue;
    const from = dateOf(dateMatch(m, 1), i);
    const to = dateOf(dateMatch(m, 4), i);
    if (!from || !to) continue;
    // The two dates' own ranges within the sentence.
    DATE_G.lastIndex = 0;
    const first = DATE_G.exec(m[0]);
    if (first) {
      from.start = i + first.index;
      from.end = from.start + first[0].length;
      const s2 = DATE_G.exec(m[0]);
      if (s2) {
        to.start = i + s2.index;
        to.end = to.start + s2[0].length;
      }
    }
    return { start: i, end: i + m[0].length, from, to };
  }
  return null;
}

/** A fake match holding groups k, k+1, k+2 of `m` as 1, 2, 3 (for `dateOf`). */
function dateMatch(m: RegExpExecArray, k: number): RegExpExecArray {
  const out = [m[0], m[k], m[k + 1], m[k + 2]] as unknown as RegExpExecArray;
  out.index = 0;
  return out;
}

const DATE_LINE_RE = new RegExp(DATE_SRC);
const DATE_G = new RegExp(DATE_SRC, 'g');

/**
 * The 落款 date: among the last non-empty lines, the last one that is a date alone or a
 * signature and a date ("三岔河镇人民政府 2021年1月26日"): short, and apart from the date no
 * sentence punctuation. The signature body is the text before the date on its line, else the
 * line above when it is short and reads as a name.
 */
function findSignature(text: string): Identity['signature'] {
  const lines = tailLines(text, TAIL_LINES);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.end - l.start > SHORT_LINE) continue;
    const ri = text.indexOf('日', l.start);
    if (ri < 0 || ri >= l.end) continue;
    const line = text.slice(l.start, l.end);
    const m = DATE_LINE_RE.exec(line);
    if (!m) continue;
    const rest = (line.slice(0, m.index) + line.slice(m.index + m[0].length)).replace(/[\s\u3000（）()]/g, '');
    if (/[。，；：,;:]/.test(rest) || rest.length > 30) continue;
    // Nothing after the date but a bracket or a seal mark ("（盖章）").
    const after = line.slice(m.index + m[0].length).replace(/[\s\u3000]/g, '');
    if (after.length > 6) continue;
    const date = dateOf(m, l.start);
    if (!date) continue;
    let body: TextRange | null = null;
    const before = trimBack(text, l.start, l.start + m.index);
    if (before > l.start) body = { start: l.start, end: before };
    else if (i + 1 < lines.length) {
      const prev = lines[i + 1];
      const p = text.slice(prev.start, prev.end);
      if (prev.end - prev.start <= 30 && !/[。，；：,;:]/.test(p) && ORGAN_END_RE.test(squeeze(p))) body = prev;
    }
    return { ...date, body };
  }
  return null;
}

/** The last non-empty line when it is a body's name alone ("港门镇人民政府"), else null. */
function findUndatedSigner(text: string): TextRange | null {
  const last = tailLines(text, 1)[0];
  if (!last || last.end - last.start > 30) return null;
  const line = squeeze(text.slice(last.start, last.end));
  if (/[。，；：,;:、（）()\d]/.test(line) || !ORGAN_END_RE.test(line) || !/^[\u4e00-\u9fff]{4,}$/.test(line)) return null;
  return last;
}
