// Stage: the report's year (title, else body) and the marker phrases of each format version
// found where tables 二 and 三 are; parseReport decides the version from them.
import { FORMAT_VERSIONS, FORMATS, LATEST_VERSION, versionForYear } from '../formats';
import { type FormatVersion } from '../formats/types';
import { type Report, type SectionNode } from '../model';
import { CompactMatcher, foldNFKC, type Lines } from '../text';
import { yearInBody } from '../year';

export function findYear(text: string, lines: Lines): { year: number | null; yearSource: Report['yearSource']; titleLine: number | null } {
  let seen = 0;
  for (let i = 0; i < lines.length && seen < 6; i++) {
    const t = lines.at(i).text.trim();
    if (!t) continue;
    seen++;
    const n = foldNFKC(t);
    if (/报告|年报/.test(n)) {
      const m = /((?:19|20)\d{2})\s*年/.exec(n);
      if (m) return { year: Number(m[1]), yearSource: 'title', titleLine: i };
      return fromBody(text, i);
    }
  }
  return fromBody(text, null);
}

function fromBody(text: string, titleLine: number | null): { year: number | null; yearSource: Report['yearSource']; titleLine: number | null } {
  const { year, source } = yearInBody(text);
  return { year, yearSource: source, titleLine };
}

/** Every version's marker phrases, one matcher for all. */
const MARKERS = Object.values(FORMATS).flatMap((f) => f.markers.map((m) => ({ version: f.version, m })));

const markerMatcher = new CompactMatcher(MARKERS.map((x) => x.m));

/**
 * Marker phrases of each version found (compacted: across spaces and wrapped lines) where
 * tables 二 and 三 are: from the heading of 二 or 三 to the heading of 四 or later; the whole
 * text when those headings are missing. Marker phrases in the prose ("政府集中采购" in 总体情况)
 * must not decide the version.
 */
export function countMarkers(text: string, sections: SectionNode[]): Map<FormatVersion, number> {
  const first = sections.find((s) => s.def.id === 2 || s.def.id === 3);
  const after = first && sections.find((s) => s.def.id >= 4 && s.start > first.start);
  const found = markerMatcher.find(text, first ? first.start : 0, after ? after.start : text.length);
  // A Map, not a record: versions are integer-like keys ("2019"), which make a record's elements
  // a slow dictionary (a few µs a report to build).
  const out = new Map<FormatVersion, number>();
  for (const v of FORMAT_VERSIONS) out.set(v, 0);
  for (let k = 0; k < MARKERS.length; k++) if (found[k]) out.set(MARKERS[k].version, out.get(MARKERS[k].version)! + 1);
  return out;
}

/**
 * The format version a report is checked as: the one forced by the caller; else the one whose
 * marker phrases the tables hold most of (a tie is no decision); else the one of the report's
 * year; else the latest.
 */
export function chooseVersion(markers: ReadonlyMap<FormatVersion, number>, year: number | null, forced: 'auto' | FormatVersion | undefined): { formatVersion: FormatVersion; versionSource: Report['versionSource'] } {
  if (forced && forced !== 'auto') return { formatVersion: forced, versionSource: 'override' };
  let best: FormatVersion | null = null;
  let tie = false;
  for (const v of FORMAT_VERSIONS) {
    const n = markers.get(v) ?? 0;
    if (best === null || n > (markers.get(best) ?? 0)) {
      best = v;
      tie = false;
    } else if (n === (markers.get(best) ?? 0)) tie = true;
  }
  if (best !== null && !tie) return { formatVersion: best, versionSource: 'labels' };
  if (year !== null) return { formatVersion: versionForYear(year), versionSource: 'year' };
  return { formatVersion: LATEST_VERSION, versionSource: 'default' };
}
