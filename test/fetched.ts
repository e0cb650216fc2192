// Real reports brought by the search tool's `fetch` (the 洪泽 2023/2024 PDFs and their extracted
// texts). The tool's rule keeps such data out of this repository: it lives beside it, under the
// steering repo's shared/ (../shared/fetched/KIROGOVCOMPARE, or $GOVREPORT_FETCHED), with its
// provenance in the README there. Tests that read it skip, saying why, where it is absent.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');

/** The folder of the fetched files. */
export const FETCHED_DIR = process.env.GOVREPORT_FETCHED ? resolve(process.env.GOVREPORT_FETCHED) : join(ROOT, '..', 'shared', 'fetched', 'KIROGOVCOMPARE');

/** The path of a fetched file (e.g. 'hongze_2024.layout.txt'). */
export const fetched = (name: string): string => join(FETCHED_DIR, name);

/** False when the fetched files are here; else why a test that needs them is skipped. */
export const fetchedSkip: string | false = existsSync(fetched('hongze_2024.pdf')) ? false : `real 洪泽 reports not found in ${FETCHED_DIR} (kept out of the repository: test/fetched.ts)`;

/** Whether a fixture name is one of the fetched files. */
export const isFetched = (name: string): boolean => /(^|\/)hongze_20\d\d\./.test(name);

/** A fixture's path: under `dir` (test/fixtures or a folder of it), or among the fetched files. */
export const fixturePath = (dir: string, rel: string): string => (isFetched(rel) ? fetched(rel.slice(rel.lastIndexOf('/') + 1)) : join(dir, rel));

/** Whether a fixture can be read here (the fetched ones may be absent). */
export const present = (rel: string): boolean => !isFetched(rel) || fetchedSkip === false;
