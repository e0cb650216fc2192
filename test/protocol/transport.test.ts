// The stdio transport (server/src/transport.ts): the duties createConnection leaves to the
// server when given its own reader and writer, and the reader's answers to bad input. (One write
// per message, and the reader alone: test/unit/transport.test.ts.)
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { before, describe, it } from 'node:test';
import { MAX_CONTENT_LENGTH, PARTIAL_MESSAGE_TIMEOUT_MS } from '../../server/src/transport';
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

interface Reply {
  jsonrpc: string;
  id?: number | string | null;
  method?: string;
  result?: { capabilities?: object } | null;
  error?: { code: number; message: string };
}

/** The server over --stdio, spoken to in raw bytes; its messages parsed as they come. */
class RawServer {
  readonly child: ChildProcessWithoutNullStreams;
  readonly received: Reply[] = [];
  stderr = '';
  private pending = Buffer.alloc(0);
  private taken = new Set<Reply>();
  private waiters: (() => void)[] = [];

  constructor() {
    this.child = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.on('data', (d: Buffer) => {
      this.stderr += d.toString();
      this.wake();
    });
    this.child.stdout.on('data', (d: Buffer) => {
      this.pending = Buffer.concat([this.pending, d]);
      for (;;) {
        const end = this.pending.indexOf('\r\n\r\n');
        if (end === -1) break;
        const length = Number(/Content-Length: (\d+)/.exec(this.pending.toString('latin1', 0, end))![1]);
        if (this.pending.length < end + 4 + length) break;
        this.received.push(JSON.parse(this.pending.toString('utf8', end + 4, end + 4 + length)));
        this.pending = this.pending.subarray(end + 4 + length);
      }
      this.wake();
    });
    this.child.once('exit', () => this.wake());
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  send(bytes: string | Buffer): void {
    this.child.stdin.write(bytes);
  }

  /** Waits (on output, never a fixed sleep) until `ready` holds, failing after `timeoutMs`. */
  private async until<T>(ready: () => T | undefined, what: string, timeoutMs: number): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = ready();
      if (v !== undefined) return v;
      if (this.child.exitCode !== null) throw new Error(`server exited (${this.child.exitCode}) waiting for ${what}; stderr: ${this.stderr}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; got ${JSON.stringify(this.received)}; stderr: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => (clearTimeout(timer), resolve()));
      });
    }
  }

  /** The first message received, not yet taken, that satisfies `pred`. */
  next(pred: (m: Reply) => boolean, what: string, timeoutMs = 10_000): Promise<Reply> {
    return this.until(
      () => {
        const m = this.received.find((r) => !this.taken.has(r) && pred(r));
        if (m) this.taken.add(m);
        return m;
      },
      what,
      timeoutMs,
    );
  }

  /** Waits for a line on stderr matching `re`. */
  logged(re: RegExp, timeoutMs = 10_000): Promise<string> {
    return this.until(() => this.stderr.split('\n').find((l) => re.test(l)), `stderr ${re}`, timeoutMs);
  }

  /** shutdown answered, stdin ended, exit code 0. */
  async stop(): Promise<void> {
    this.send(frame({ jsonrpc: '2.0', id: 'bye', method: 'shutdown' }));
    await this.next((m) => m.id === 'bye', 'the shutdown answer');
    const exited = once(this.child, 'exit');
    this.child.stdin.end();
    const [code] = await exited;
    assert.equal(code, 0);
  }
}

const initialize = (id: number) => frame({ jsonrpc: '2.0', id, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });

/** Sends `bad`, then initialize: the error answer comes, then initialize is answered. */
async function answersThenServes(bad: string | Buffer, code: number, id: number | null = null, timeoutMs = 10_000): Promise<Reply> {
  const s = new RawServer();
  try {
    s.send(bad);
    s.send(initialize(1));
    const error = await s.next((m) => m.error !== undefined && m.id !== 1, `an error answer ${code}`, timeoutMs);
    assert.equal(error.jsonrpc, '2.0');
    assert.equal(error.id, id);
    assert.equal(error.error!.code, code);
    assert.match(error.error!.message, code === -32700 ? /^Parse error: / : /^Invalid Request: /);
    const init = await s.next((m) => m.id === 1, 'the initialize answer', timeoutMs);
    assert.ok(init.result?.capabilities, JSON.stringify(init));
    // Told on stderr too, one line saying where.
    await s.logged(/^govreport: stdio input, byte \d+: /);
    await s.stop();
    return error;
  } finally {
    if (s.child.exitCode === null) s.child.kill();
  }
}

const request = JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'govreport/debug/stats', params: {} });

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

  it('invalid JSON in a well-framed body: -32700 with id null, then initialize is answered', async () => {
    const e = await answersThenServes('Content-Length: 15\r\n\r\n{"jsonrpc":"2.', -32700);
    assert.match(e.error!.message, /not valid JSON/);
  });

  it('a body that is no JSON-RPC message (an array, a number): -32600 with id null, then initialize is answered', async () => {
    await answersThenServes(frame([1, 2, 3]), -32600);
    await answersThenServes('Content-Length: 2\r\n\r\n42', -32600);
  });

  it('a header without Content-Length: -32700, resumed at the next header', async () => {
    await answersThenServes(`Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${request}`, -32700);
  });

  it('a Content-Length that is not a number: -32700, resumed at the next header', async () => {
    const e = await answersThenServes(`Content-Length: twelve\r\n\r\n${request}`, -32700);
    assert.match(e.error!.message, /"twelve" is not a number/);
  });

  it('a negative Content-Length: -32700, resumed at the next header', async () => {
    await answersThenServes(`Content-Length: -${request.length}\r\n\r\n${request}`, -32700);
  });

  it('an absurdly large Content-Length: -32700 at once (no wait for the bytes), resumed at the next header', async () => {
    const e = await answersThenServes(`Content-Length: ${MAX_CONTENT_LENGTH + 1}\r\n\r\n${request}`, -32700);
    assert.match(e.error!.message, /over the limit/);
  });

  it('a Content-Length too small: -32700 for the body, the rest skipped, then initialize is answered', async () => {
    await answersThenServes(`Content-Length: 10\r\n\r\n${request}`, -32700);
  });

  it('a Content-Length too large: the next header inside the body ends it (-32700 with the request id), initialize is answered', async () => {
    const e = await answersThenServes(`Content-Length: ${request.length + 50}\r\n\r\n${request}`, -32700, 7);
    assert.match(e.error!.message, /Content-Length too large/);
  });

  it('a Content-Length too large with nothing after it: answered after the partial-message timeout, then initialize is answered', async () => {
    const s = new RawServer();
    try {
      s.send(`Content-Length: ${request.length + 50}\r\n\r\n${request}`);
      const e = await s.next((m) => m.id === 7, 'the error answer to request 7', PARTIAL_MESSAGE_TIMEOUT_MS + 10_000);
      assert.equal(e.error!.code, -32700);
      s.send(initialize(1));
      assert.ok((await s.next((m) => m.id === 1, 'the initialize answer')).result?.capabilities);
      await s.logged(/then nothing for \d+ ms/);
      await s.stop();
    } finally {
      if (s.child.exitCode === null) s.child.kill();
    }
  });

  it('a charset other than utf-8: -32700, the message skipped, then initialize is answered', async () => {
    const e = await answersThenServes(`Content-Type: application/vscode-jsonrpc; charset=iso-8859-1\r\nContent-Length: ${request.length}\r\n\r\n${request}`, -32700);
    assert.match(e.error!.message, /charset "iso-8859-1" is not supported/);
    // The skipped request was not answered.
  });

  it('junk before a message: -32700, resumed at the header', async () => {
    await answersThenServes('Hello server!\r\n', -32700);
  });

  it('a message whose JSON holds "Content-Length:" and CRLF line breaks, sent a few bytes at a time, is read whole', async () => {
    const s = new RawServer();
    try {
      const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {}, initializationOptions: { note: 'Content-Length: 5\r\n\r\n{}' } } }, null, 1).replace(/\n/g, '\r\n');
      const bytes = Buffer.from(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      for (let i = 0; i < bytes.length; i += 7) s.send(bytes.subarray(i, i + 7));
      assert.ok((await s.next((m) => m.id === 1, 'the initialize answer')).result?.capabilities);
      await s.stop();
      assert.equal(s.received.filter((m) => m.error).length, 0, JSON.stringify(s.received));
      assert.doesNotMatch(s.stderr, /stdio input/);
    } finally {
      if (s.child.exitCode === null) s.child.kill();
    }
  });
});
