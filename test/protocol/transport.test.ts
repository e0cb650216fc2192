// The stdio transport (server/src/transport.ts): the duties createConnection leaves to the
// server when given its own reader and writer. (One write per message: test/unit/transport.test.ts.)
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { before, describe, it } from 'node:test';
import { ensureBuilt, ROOT, SERVER } from './harness';

function frame(msg: object): string {
  const body = JSON.stringify(msg);
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

function startRaw() {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (d: Buffer) => chunks.push(d));
  return { child, chunks };
}

/** Resolves when the server's stdout has produced `n` complete messages. */
async function messages(chunks: Buffer[], child: ReturnType<typeof startRaw>['child'], n: number): Promise<string[]> {
  for (;;) {
    const all = Buffer.concat(chunks).toString('utf8');
    const bodies = [...all.matchAll(/Content-Length: (\d+)\r\n\r\n/g)];
    if (bodies.length >= n) return bodies.map((m) => m[0]);
    await once(child.stdout, 'data');
  }
}

describe('stdio transport', () => {
  before(ensureBuilt);

  it('exits 1 when stdin closes without a shutdown request, 0 after one', async () => {
    const a = startRaw();
    a.child.stdin.end();
    const [codeA] = await once(a.child, 'exit');
    assert.equal(codeA, 1);

    const b = startRaw();
    b.child.stdin.write(frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));
    await messages(b.chunks, b.child, 1);
    b.child.stdin.write(frame({ jsonrpc: '2.0', id: 2, method: 'shutdown' }));
    await messages(b.chunks, b.child, 2);
    b.child.stdin.end();
    const [codeB] = await once(b.child, 'exit');
    assert.equal(codeB, 0);
  });

});
