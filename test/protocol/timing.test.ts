// Latency over LSP, measured and reported (generous bounds: this is a regression net, not a benchmark).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { fileUri, positionAt, seedText, TestClient } from './harness';
import { parseReport } from '../../core/src';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('timing', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ initializationOptions: { debounceMs: 150 } });
    // Warm up the JIT.
    for (let i = 0; i < 3; i++) {
      const uri = fileUri(`warm-${i}.txt`);
      await client.open(uri, seedText('000'));
      await client.close(uri);
    }
  });
  after(async () => {
    await client.stop();
  });

  test('didOpen → publishDiagnostics, median of 20 (seed 000)', async (t) => {
    const times: number[] = [];
    const text = seedText('000');
    for (let i = 0; i < 20; i++) {
      const uri = fileUri(`timing-open-${i}.txt`);
      const t0 = performance.now();
      await client.open(uri, text);
      times.push(performance.now() - t0);
      await client.close(uri);
    }
    const m = median(times);
    t.diagnostic(`didOpen→publishDiagnostics median ${m.toFixed(1)} ms (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)})`);
    assert.ok(m < 500, `median ${m} ms`);
  });

  test('didChange → publishDiagnostics (includes the 150 ms debounce), median of 20', async (t) => {
    const uri = fileUri('timing-change.txt');
    const text = seedText('003');
    await client.open(uri, text);
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      await client.change(uri, text + ' '.repeat(i + 1));
      times.push(performance.now() - t0);
    }
    const m = median(times);
    t.diagnostic(`didChange→publishDiagnostics median ${m.toFixed(1)} ms (debounce 150 ms)`);
    assert.ok(m >= 150 && m < 800, `median ${m} ms`);
    await client.close(uri);
  });

  test('hover right after a change (forces the parse), median of 20', async (t) => {
    const uri = fileUri('timing-hover.txt');
    const text = seedText('000');
    await client.open(uri, text);
    const cell = parseReport(text).cells.get('t3/main/r7/total')!;
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      await client.changeNoWait(uri, text + '\n'.repeat(i + 1));
      const t0 = performance.now();
      const h = await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionAt(text, cell.start) });
      times.push(performance.now() - t0);
      assert.ok(h);
    }
    const m = median(times);
    t.diagnostic(`hover after change median ${m.toFixed(1)} ms`);
    assert.ok(m < 300, `median ${m} ms`);
    await client.close(uri);
  });
});
