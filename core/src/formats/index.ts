import { FORMAT_2019 } from './v2019';
import { FORMAT_2021 } from './v2021';
import type { FormatDef, FormatVersion } from './types';

export * from './types';

/** Every known format version. Adding a version means adding a data file and listing it here. */
export const FORMATS: Record<FormatVersion, FormatDef> = { '2019': FORMAT_2019, '2021': FORMAT_2021 };

/** The version that applies to a report year. */
export function versionForYear(year: number): FormatVersion {
  return year >= 2021 ? '2021' : '2019';
}
