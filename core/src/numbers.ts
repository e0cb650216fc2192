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
  /** Something that is not a number ("5以公开", "O", "无法统计"). */
  | 'text';

export interface CellValue {
  status: CellStatus;
  /** The number, when one can be read (for money: in the unit written, see `unit`). */
  value: number | null;
  /** Unit written after the number: 项, 件, 元, 万元… */
  unit?: string;
  /** How the cell should be written (safe normalisation), when it differs from the text. */
  normalized?: string;
  /** Why the number is odd. */
  oddities?: Oddity[];
  /** For text that looks like a digit typed with letters (O→0, l→1): the intended number. */
  suggestion?: string;
}

export type Oddity = 'full-width' | 'thousands' | 'unit' | 'spaces' | 'sign';

const PLACEHOLDERS = new Set(['/', '／', '\\', '—', '——', '–', '-', '－', '--', '―', '无', '空', '×', 'x', 'X', '…', '...', '……']);
const UNITS = ['万元', '元', '项', '件', '个', '条', '次', '家', '人', '份'];
// sign? digits (with optional thousands groups) fraction? unit?
const NUMBER_RE = /^([+\-]|增|减|增加|减少)?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(万元|元|项|件|个|条|次|家|人|份)?$/;
const LOOKALIKE_RE = /^[0-9OoIl|〇]+$/;

/** Reads a cell's text (already trimmed of surrounding whitespace). */
function isPlainDigits(s: string): boolean {
  if (s.length === 0 || s.length > 15) return false;
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
const SMALL = Array.from({ length: 1000 }, (_, n): CellValue => cellValue('number', n));

export function readCell(raw: string, kind: CellKind): CellValue {
  if (raw.length === 0) return BLANK;
  // Fast path: most cells are plain digits, and most of those small.
  if (isPlainDigits(raw)) {
    // At most 15 digits: exact as a double, the same as Number(raw).
    let n = 0;
    for (let i = 0; i < raw.length; i++) n = n * 10 + (raw.charCodeAt(i) - 48);
    return n < 1000 ? SMALL[n] : cellValue('number', n);
  }
  if (PLACEHOLDERS.has(raw)) return BLANK;
  const half = raw.normalize('NFKC');
  const noSpace = half.replace(/[\s\u3000\u00a0]+/g, '');
  if (PLACEHOLDERS.has(noSpace)) return BLANK;
  const m = NUMBER_RE.exec(noSpace);
  if (!m) {
    if (LOOKALIKE_RE.test(noSpace) && /\d|O|o|〇|l|I/.test(noSpace)) {
      const suggestion = noSpace.replace(/[Oo〇]/g, '0').replace(/[Il|]/g, '1');
      return cellValue('text', null, undefined, undefined, undefined, suggestion);
    }
    return cellValue('text', null);
  }
  const [, sign, digits, frac, unit] = m;
  const oddities: Oddity[] = [];
  if (half !== raw) oddities.push('full-width');
  if (kind !== 'signed' && (sign === '+' || sign === '增' || sign === '增加')) oddities.push('sign');
  if (digits.includes(',')) oddities.push('thousands');
  // Spaces inside the digits ("1 234") are odd; a space before the unit ("4168558 元") is not.
  if (/\d[\s\u3000\u00a0]+[\d,.]/.test(half)) oddities.push('spaces');
  const plain = digits.replace(/,/g, '');
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
