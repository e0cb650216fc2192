// Which reports are of one body in consecutive years: used by the CLI (reports checked together)
// and the language server (the workspace's report files) to find last year's report. Linear:
// reports are indexed by body and year, each looked up once. Plain data, no file system.
import { pairingIdentity } from './identity';

/** What pairs a report: its body (or, without one, its file name with the year taken out) and year. */
export interface Identified {
  key: string | null;
  year: number | null;
  /** The file name with its year taken out ("pingtan_#.webcopy.txt"): breaks ties. */
  pattern: string;
  /** The folder (a path or URI without its last part). */
  dir: string;
}

/** The identity of a report's text for pairing; `path`: a file path or a URI (either separator). */
export function identify(text: string, path: string): Identified {
  const id = pairingIdentity(text);
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const dir = cut < 0 ? '' : path.slice(0, cut);
  const name = path.slice(cut + 1);
  const pattern = id.year === null ? name : name.split(String(id.year)).join('#');
  // No body in the title or the signature (a web page's article copied without its heading):
  // the file name, when it holds the year (pingtan_2023.webcopy.txt, pingtan_2024.webcopy.txt).
  const key = id.bodyKey !== null ? `body:${id.bodyKey}` : pattern !== name ? `file:${dir}/${pattern}` : null;
  return { key, year: id.year, pattern, dir };
}

/**
 * Of `candidates` (reports of the year before, same key), the one to take as last year's of
 * `report`: the only one; else the one in the same folder with the same file name but for the
 * year; still several (or none of those): none (-1).
 */
export function choosePrevious(report: Identified, candidates: readonly number[], reports: readonly (Identified | null)[]): number {
  if (candidates.length === 1) return candidates[0];
  let found = -1;
  for (const c of candidates) {
    const o = reports[c]!;
    if (o.dir !== report.dir || o.pattern !== report.pattern) continue;
    if (found !== -1) return -1;
    found = c;
  }
  return found;
}

/** The key under which a report of `year` is indexed. */
export function pairKey(key: string, year: number): string {
  return `${key}|${year}`;
}

/** For each report, the index of last year's report among them (`choosePrevious`), or -1. */
export function pairReports(reports: readonly (Identified | null)[]): Int32Array {
  const byKey = new Map<string, number[]>();
  for (let i = 0; i < reports.length; i++) {
    const r = reports[i];
    if (!r || r.key === null || r.year === null) continue;
    const k = pairKey(r.key, r.year);
    const list = byKey.get(k);
    if (list) list.push(i);
    else byKey.set(k, [i]);
  }
  const out = new Int32Array(reports.length).fill(-1);
  for (let i = 0; i < reports.length; i++) {
    const r = reports[i];
    if (!r || r.key === null || r.year === null) continue;
    const candidates = byKey.get(pairKey(r.key, r.year - 1));
    if (candidates) out[i] = choosePrevious(r, candidates, reports);
  }
  return out;
}
