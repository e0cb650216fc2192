// govreport/summary at the protocol level (issues 16, 18): a client of the built server
// (bench/lsp.ts) validates a folder of N generated reports (bench/generate.ts's corpus), then asks
// for the summary view's rows a few times: the first answer builds every closed report's row, the
// next ones come from the rows kept (until a file's findings change). Prints each answer's
// round trip, the server's own time (elapsedMs) and the answer's size in JSON.
//
//   npm run build && node --import tsx bench/summary-server.ts [N...]     (default: 1000 10000)
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SummaryResult } from '../protocol/src';
import { loadSeeds, writeCorpus } from './generate';
import { BenchClient } from './lsp';

export async function measureSummary(n: number, asks = 3): Promise<{ n: number; validateMs: number; rows: number; bytes: number; ms: number[]; serverMs: number[] }> {
  const dir = mkdtempSync(join(os.tmpdir(), `govreport-bench-summary-${n}-`));
  const client = await BenchClient.start();
  try {
    writeCorpus(join(dir, 'corpus'), loadSeeds(), n);
    const v = await client.timed<{ reports: number }>('govreport/validateWorkspace', { folders: [pathToFileURL(dir).href], include: '**/*.txt' });
    const ms: number[] = [];
    const serverMs: number[] = [];
    let rows = 0;
    let bytes = 0;
    for (let k = 0; k < asks; k++) {
      const r = await client.timed<SummaryResult>('govreport/summary', {});
      ms.push(Math.round(r.ms));
      serverMs.push(r.result.elapsedMs);
      rows = r.result.rows.length;
      bytes = Buffer.byteLength(JSON.stringify(r.result));
    }
    return { n, validateMs: Math.round(v.ms), rows, bytes, ms, serverMs };
  } finally {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith(join('bench', 'summary-server.ts'))) {
  const sizes = process.argv.slice(2).map(Number).filter((x) => x > 0);
  void (async () => {
    for (const n of sizes.length ? sizes : [1000, 10_000]) {
      const m = await measureSummary(n);
      console.log(
        `govreport/summary, ${m.n} files (validated in ${m.validateMs} ms): ${m.rows} rows, ${(m.bytes / 1e6).toFixed(1)} MB of JSON; first answer ${m.ms[0]} ms (server ${m.serverMs[0]} ms), then ${m.ms.slice(1).join(', ')} ms (server ${m.serverMs.slice(1).join(', ')} ms); load ${os.loadavg()[0].toFixed(1)}`,
      );
    }
  })();
}
