// Public API of the report engine. No editor or protocol imports anywhere under core/.
export * from './engine';
export * from './findings';
export * from './formats';
export * from './model';
export { parseReport, type ParseOptions } from './parse';
export { RULES, RULE_META } from './rules';
export type { Rule, RuleContext } from './rules';
export { LineIndex, normalizeLabel } from './text';
export { readCell, formatNumber, type CellValue } from './numbers';
export { analyse, equationsOf, numericValue, relationTally, type RelationTally } from './relations';
export { renderTables } from './show';
export { BinaryFileError, decode, encode, maxEncodedBytes, roundTrips, type DecodeNote, type Decoded, type EncodingName } from './encoding';
export { detectReport, looksLikeReport, DETECT_LINE_LIMIT, type Detection } from './detect';
