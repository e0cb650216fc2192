// The rule registry. Order here is the order findings of equal position are listed in.
import type { RuleMeta } from '../findings';
import { balanceMismatch } from './balance-mismatch';
import { blankCell } from './blank-cell';
import { carryOver } from './carry-over';
import { cellCount } from './cell-count';
import { duplicateRow } from './duplicate-row';
import { fileEncoding } from './file-encoding';
import { formatVersion } from './format-version';
import { invalidNumber } from './invalid-number';
import { missingRow } from './missing-row';
import { missingSection } from './missing-section';
import { missingTable } from './missing-table';
import { nonNumericCell } from './non-numeric-cell';
import { numberFormat } from './number-format';
import { publicationDeadline } from './publication-deadline';
import { sectionHeading } from './section-heading';
import { repeatedText } from './repeated-text';
import { sectionOrder } from './section-order';
import { stockContinuity } from './stock-continuity';
import { sumMismatch } from './sum-mismatch';
import { thinSection } from './thin-section';
import { textVsTable } from './text-vs-table';
import type { Rule } from './types';
import { unreadTable } from './unread-table';
import { yearConsistency } from './year-consistency';
import { yearOnYear } from './year-on-year';

export const RULES: Rule[] = [
  missingSection,
  sectionOrder,
  sectionHeading,
  missingTable,
  unreadTable,
  missingRow,
  duplicateRow,
  cellCount,
  nonNumericCell,
  numberFormat,
  blankCell,
  invalidNumber,
  sumMismatch,
  balanceMismatch,
  textVsTable,
  formatVersion,
  yearConsistency,
  publicationDeadline,
  thinSection,
  carryOver,
  stockContinuity,
  repeatedText,
  yearOnYear,
  fileEncoding,
];

export const RULE_META: RuleMeta[] = RULES.map((r) => r.meta);

export type { Rule, RuleContext } from './types';
