// Which report checked together is last year's of which (the CLI's batch, the server's workspace
// check): reports of one body (the issuer named by the title, normalised: core/src/identity.ts)
// and consecutive years (core/src/pairing.ts), and last year's reports kept as long as they are
// needed.
import { parseReport, type Report } from '../../core/src';
import { identify, pairReports, type Identified } from '../../core/src/pairing';

export { identify, pairReports, type Identified };

/** Last year's report of a checked file, as the engine takes it, and where it came from. */
export interface PreviousFile {
  report: Report;
  /** What messages call it: its path as shown. */
  name: string;
  absPath: string;
  /** Converted from a PDF, Word document or web page (its positions are those of the text). */
  converted: boolean;
}

/**
 * How the CLI reads a file for pairing: its text, or null when it cannot be read (reported later);
 * `id`: its identity when the reader identified it already (identify(text, path)).
 */
export type ReadText = (index: number) => Promise<{ text: string; converted: boolean; id?: Identified } | null>;

/**
 * The pairs of a batch: which file is last year's of which, and last year's reports as they are
 * needed. A report that is some later file's last year's is kept from its own check until that
 * file's (files are checked in order: usually last year's first); one met later is read then.
 */
export class YearPairs {
  private readonly kept = new Map<number, { report: Report; converted: boolean }>();
  private explicit: PreviousFile | undefined;

  private constructor(
    private readonly shown: readonly string[],
    private readonly paths: readonly string[],
    private readonly read: ReadText,
    /** For each file, its last year's (index), or -1. */
    readonly previousIndex: Int32Array,
    /** For each file, how many later files take it as last year's. */
    private readonly wanted: Uint32Array,
  ) {}

  /**
   * Pairs the files (`read` gives each one's text; files that are skipped give null). `explicit`:
   * --previous FILE, taken as last year's of every file (no pairing then).
   */
  static async of(shown: readonly string[], paths: readonly string[], read: ReadText, explicit?: { text: string; name: string; absPath: string; converted: boolean }): Promise<YearPairs> {
    const n = paths.length;
    const wanted = new Uint32Array(n);
    let previous: Int32Array = new Int32Array(n).fill(-1);
    if (!explicit && n > 1) {
      const ids: (Identified | null)[] = [];
      for (let i = 0; i < n; i++) {
        const r = await read(i);
        ids.push(r ? (r.id ?? identify(r.text, paths[i])) : null);
      }
      previous = pairReports(ids);
      for (let i = 0; i < n; i++) if (previous[i] >= 0 && previous[i] < i) wanted[previous[i]]++;
    }
    const pairs = new YearPairs(shown, paths, read, previous, wanted);
    if (explicit) pairs.explicit = { report: parseReport(explicit.text), name: explicit.name, absPath: explicit.absPath, converted: explicit.converted };
    return pairs;
  }

  /** Whether file `i` has last year's report (to be read by `previousFor`). */
  has(i: number): boolean {
    return this.explicit ? this.paths[i] !== this.explicit.absPath : this.previousIndex[i] >= 0;
  }

  /** Last year's report of file `i`, or undefined. */
  async previousFor(i: number): Promise<PreviousFile | undefined> {
    if (this.explicit) return this.paths[i] === this.explicit.absPath ? undefined : this.explicit;
    const p = this.previousIndex[i];
    if (p < 0) return undefined;
    const kept = this.kept.get(p);
    if (kept) {
      if (--this.wanted[p] === 0) this.kept.delete(p);
      return { report: kept.report, name: this.shown[p], absPath: this.paths[p], converted: kept.converted };
    }
    const r = await this.read(p);
    if (!r) return undefined;
    return { report: parseReport(r.text), name: this.shown[p], absPath: this.paths[p], converted: r.converted };
  }

  /** File `i` was checked: its report is kept while later files take it as last year's. */
  checked(i: number, report: Report, converted: boolean): void {
    if (this.wanted[i] > 0) this.kept.set(i, { report, converted });
  }
}
