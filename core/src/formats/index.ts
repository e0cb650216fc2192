import { FORMAT_2019 } from './v2019';
import { FORMAT_2021 } from './v2021';
import type { FormatDef, FormatVersion } from './types';

export * from './types';

/**
 * Every known format version, oldest first. Adding a version: a data file (its sections, tables,
 * relations, marker phrases and report years), listed here, and its name in `FormatVersion`;
 * everything else (detection, the year rule, the CLI's and the settings' choices) reads this list.
 */
export const FORMAT_LIST: readonly FormatDef[] = [FORMAT_2019, FORMAT_2021];

export const FORMATS = Object.fromEntries(FORMAT_LIST.map((f) => [f.version, f])) as Record<FormatVersion, FormatDef>;

/** The versions' names, oldest first. */
export const FORMAT_VERSIONS: readonly FormatVersion[] = FORMAT_LIST.map((f) => f.version);

/** The newest version: what a report with no other clue is checked as. */
export const LATEST_VERSION: FormatVersion = FORMAT_VERSIONS[FORMAT_VERSIONS.length - 1];

/**
 * The version that applies to a report year (the format data's `years`): before the first
 * version's years, the first; after the last, the latest.
 */
export function versionForYear(year: number): FormatVersion {
  for (const f of FORMAT_LIST) if (year >= f.years.from && (f.years.to === undefined || year <= f.years.to)) return f.version;
  return year < FORMAT_LIST[0].years.from ? FORMAT_LIST[0].version : LATEST_VERSION;
}
