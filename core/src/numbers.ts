// Reading the text of one cell. Pure and allocation-light: called once per cell per parse.
import type { CellKind } from './formats/types';
import { foldNFKC } from './text';

export type CellStatus =
  /** A number written plainly. */
  | 'number'
  /** A readable number written oddly: full-width digits, thousands separators, a unit. */
  | 'odd-number'
  /** Empty or a placeholder ("/", "—", "-", "无"). */
  | 'blank'
  /** Something that is not a number ("5以公开", "O", "无法统计", "41 6", "4，100", "41万元" in a count). */
  | 'text'
  /** Digits, but more than `MAX_DIGITS` of them: no plausible count, and not exact as a double. */
  | 'too-long';

export interface CellValue {
  status: CellStatus;
  /**
   * The number, when one can be read (for money: in the unit written, see `unit`). Always exact:
   * at most MAX_DIGITS integer digits, so sums of any plausible number of cells stay below 2^53.
   */
  value: number | null;
  /** Unit written after the number: 项, 件, 元, 万元… */
  unit?: string;
  /**
   * How the cell should be written, when it differs from the text: a safe normalisation that
   * reads as the same number (full-width digits folded, ASCII thousands separators, a plus sign
   * or a count unit dropped). Never joins digits across whitespace, never folds look-alikes.
   */
  normalized?: string;
  /** Why the number is odd. */
  oddities?: Oddity[];
  /**
   * For text that looks like digits typed with look-alikes (O→0, l→1, ¹→1, ①→1): what may have
   * been meant. Offered as a suggested fix only, never applied by fix-all.
   */
  suggestion?: string;
}

export type Oddity = 'full-width' | 'thousands' | 'unit' | 'sign';

const PLACEHOLDERS = new Set(['/', '／', '\\', '—', '——', '–', '-', '－', '--', '―', '无', '空', '×', 'x', 'X', '…', '...', '……']);
const UNITS = ['万元', '元', '项', '件', '个', '条', '次', '家', '人', '份'];
// sign? digits (with optional thousands groups) fraction? unit?
const NUMBER_RE = /^([+\-]|增|减|增加|减少)?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(万元|元|项|件|个|条|次|家|人|份)?$/;
const LOOKALIKE_RE = /^[0-9OoIl|〇]+$/;
/** Digits on both sides of whitespace: several numbers, or one written apart; never joined. */
const SPLIT_DIGITS_RE = /\d[\s\u00a0]+[\d,.]|[\d,.][\s\u00a0]+\d/;

/**
 * The most integer digits a value may have (a trillion: no count nor amount in these reports
 * comes near). Longer digit strings are `too-long`: a finding, never a rounded double.
 */
export const MAX_DIGITS = 12;

function isPlainDigits(s: string): boolean {
  if (s.length === 0 || s.length > MAX_DIGITS) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Every cell value has every field, in one order, and is frozen: one object shape, so the rules'
 * reads of a value stay monomorphic (values of five shapes made the optimised rules fall back and
 * be compiled again).
 */
function cellValue(status: CellStatus, value: number | null, unit?: string, normalized?: string, oddities?: Oddity[], suggestion?: string): CellValue {
  return Object.freeze({ status, value, unit, normalized, oddities, suggestion });
}

/** Shared values for the commonest cells (blank, small plain numbers): read-only data. */
export const BLANK: CellValue = cellValue('blank', null);
const TOO_LONG: CellValue = cellValue('too-long', null);
const SMALL = Array.from({ length: 1000 }, (_, n): CellValue => cellValue('number', n));

/**
 * Full-width digits, signs, decimal point and the ideographic space folded to ASCII; nothing
 * else. Not NFKC: that also turns superscripts, subscripts and circled digits (5¹, 4₁, ①) into
 * digits and the full-width comma into a thousands separator, which are not safe readings.
 */
function foldWidth(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const f = (c >= 0xff10 && c <= 0xff19) || c === 0xff0b || c === 0xff0d || c === 0xff0e ? c - 0xfee0 : c === 0x3000 ? 32 : -1;
    if (f < 0) continue;
    out += s.slice(from, i) + String.fromCharCode(f);
    from = i + 1;
  }
  return from === 0 ? s : out + s.slice(from);
}

/** A cell that is not a number; with a suggestion when NFKC reads look-alikes as digits. */
function textValue(raw: string, spaced: boolean): CellValue {
  if (!spaced) {
    const nf = raw.normalize('NFKC').replace(/[\s\u00a0]+/g, '');
    if (LOOKALIKE_RE.test(nf) && /\d|O|o|〇|l|I/.test(nf)) {
      const suggestion = nf.replace(/[Oo〇]/g, '0').replace(/[Il|]/g, '1');
      return cellValue('text', null, undefined, undefined, undefined, suggestion);
    }
  }
  return cellValue('text', null);
}

/** Reads a cell's text (already trimmed of surrounding whitespace). */
export function readCell(raw: string, kind: CellKind): CellValue {
  if (raw.length === 0) return BLANK;
  // Fast path: most cells are plain digits, and most of those small.
  if (isPlainDigits(raw)) {
    // At most MAX_DIGITS digits: exact as a double, the same as Number(raw).
    let n = 0;
    for (let i = 0; i < raw.length; i++) n = n * 10 + (raw.charCodeAt(i) - 48);
    return n < 1000 ? SMALL[n] : cellValue('number', n);
  }
  if (PLACEHOLDERS.has(raw)) return BLANK;
  const half = foldWidth(raw);
  const noSpace = half.replace(/[\s\u00a0]+/g, '');
  if (PLACEHOLDERS.has(noSpace)) return BLANK;
  // Digits apart ("41 6", "447   7   0"): several cells run together, or one number written
  // apart; which, only the reader's layout can say, so neither is read as a number here.
  const spaced = SPLIT_DIGITS_RE.test(half);
  const m = spaced ? null : NUMBER_RE.exec(noSpace);
  if (!m) return textValue(raw, spaced);
  const [, sign, digits, frac, unit] = m;
  const plain = digits.replace(/,/g, '');
  if (plain.length > MAX_DIGITS) return TOO_LONG;
  // A money unit on a count ("41万元") is no count of 41: a misplaced amount, or 410,000.
  if (kind !== 'money' && (unit === '万元' || unit === '元')) return cellValue('text', null);
  const oddities: Oddity[] = [];
  if (half !== raw) oddities.push('full-width');
  if (kind !== 'signed' && (sign === '+' || sign === '增' || sign === '增加')) oddities.push('sign');
  if (digits.includes(',')) oddities.push('thousands');
  let value = Number(plain + (frac ?? ''));
  if (sign === '-' || sign === '减' || sign === '减少') value = -value;
  let signText = sign ?? '';
  if (signText === '增加') signText = '增';
  if (signText === '减少') signText = '减';
  // A unit on a count is noise ("20项"); on money it carries meaning ("18660.02万元") and stays.
  if (unit && kind !== 'money') oddities.push('unit');
  if (oddities.length === 0) return cellValue('number', value, unit || undefined);
  const keepUnit = kind === 'money' && unit ? unit : '';
  const keepSign = kind === 'signed' || signText === '-' || signText === '减' ? signText : '';
  return cellValue('odd-number', value, unit || undefined, keepSign + plain + (frac ?? '') + keepUnit, oddities);
}

const HAS_DIGIT_RE = /[0-9\uff10-\uff19]/;

/**
 * Whether two texts hold the same digit runs (full-width digits folded, ASCII thousands
 * separators between digits dropped): the test a renaming fix (heading, row label) passes to be
 * safe, since a safe fix never adds, drops, joins or splits a number ("2.存在的…", "3.规范性文件").
 */
export function sameDigitRuns(a: string, b: string): boolean {
  if (!HAS_DIGIT_RE.test(a) && !HAS_DIGIT_RE.test(b)) return true;
  const runs = (s: string) => (s.replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/(?<=\d),(?=\d{3})/g, '').match(/\d+/g) ?? []).join(' ');
  return runs(a) === runs(b);
}

/** A cell's text for a message: at most `max` characters, then an ellipsis. */
export function clip(s: string, max = 24): string {
  return s.length > max ? s.slice(0, max) + '…' : s;
}

/** Why a number is odd, in words: [Chinese, English] (for messages and hovers). */
export function oddityWords(o: Oddity, unit: string | undefined): [string, string] {
  switch (o) {
    case 'full-width':
      return ['全角数字', 'full-width digits'];
    case 'thousands':
      return ['千分位分隔符', 'thousands separators'];
    case 'unit':
      return [`单位「${unit ?? ''}」`, `the unit "${unit ?? ''}"`];
    case 'sign':
      return ['多余的正号', 'a plus sign'];
  }
}

/** Formats a number for a message: integers plainly, decimals trimmed. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Math.round(n * 1e6) / 1e6);
}

export function isUnit(s: string): boolean {
  return UNITS.includes(s);
}

/** Whether a field reads as a cell value rather than label text: a number, a placeholder or empty. */
export function looksLikeValue(raw: string): boolean {
  if (raw.length === 0 || isPlainDigits(raw)) return true;
  // Fast rejection of labels: an ideograph first that is neither a placeholder nor a sign.
  const c0 = raw.charCodeAt(0);
  if (c0 >= 0x4e00 && c0 <= 0x9fff && raw[0] !== '无' && raw[0] !== '空' && raw[0] !== '增' && raw[0] !== '减') return false;
  if (PLACEHOLDERS.has(raw)) return true;
  const noSpace = foldNFKC(raw).replace(/[\s\u3000\u00a0]+/g, '');
  if (PLACEHOLDERS.has(noSpace)) return true;
  return NUMBER_RE.test(noSpace) || (noSpace.length <= 4 && LOOKALIKE_RE.test(noSpace));
}
