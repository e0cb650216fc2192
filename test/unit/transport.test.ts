import assert from 'node:assert/strict';
import { PassThrough, Writable } from 'node:stream';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { WriteableStreamMessageWriter, type ResponseMessage } from 'vscode-languageserver/node';
import { MAX_CONTENT_LENGTH, MAX_HEADER_BYTES, OneWritePerMessage, StdioMessageReader } from '../../server/src/transport';

describe('OneWritePerMessage (stdio writer of the server)', () => {
  it('writes each message, header and body, as one chunk', async () => {
    const chunks: Buffer[] = [];
    const out = new Writable({
      write(chunk: Buffer, _enc, cb) {
        chunks.push(chunk);
        cb();
      },
    });
    const writer = new WriteableStreamMessageWriter(new OneWritePerMessage(out));
    await writer.write({ jsonrpc: '2.0', method: 'a', params: { text: '政府信息公开' } } as never);
    await writer.write({ jsonrpc: '2.0', method: 'b' } as never);
    assert.equal(chunks.length, 2);
    for (const c of chunks) {
      const s = c.toString('utf8');
      const m = /^Content-Length: (\d+)\r\n\r\n/.exec(s)!;
      assert.ok(m, s);
      assert.equal(c.length, Buffer.byteLength(m[0]) + Number(m[1]));
      assert.doesNotThrow(() => JSON.parse(c.subarray(Buffer.byteLength(m[0])).toString('utf8')));
    }
  });

  it('a failed write rejects the message', async () => {
    const out = new Writable({
      write(_chunk, _enc, cb) {
        cb(new Error('pipe closed'));
      },
    });
    out.on('error', () => undefined);
    const writer = new WriteableStreamMessageWriter(new OneWritePerMessage(out));
    await assert.rejects(writer.write({ jsonrpc: '2.0', method: 'a' } as never));
  });
});

// ---------------------------------------------------------------------------------------------
// StdioMessageReader (stdio reader of the server)

interface Read {
  messages: unknown[];
  replies: ResponseMessage[];
  logs: string[];
  /** Everything, in the order it happened (a message as itself, a reply as {reply}, a log line as a string). */
  events: unknown[];
}

/** Feeds the chunks, one write each, through a PassThrough; resolves when the reader closes. */
async function read(chunks: (Buffer | string)[], partialMessageTimeoutMs = 0): Promise<Read> {
  const r: Read = { messages: [], replies: [], logs: [], events: [] };
  const input = new PassThrough();
  const reader = new StdioMessageReader(input, {
    reply: (m) => (r.replies.push(m), r.events.push({ reply: m })),
    log: (l) => (r.logs.push(l), r.events.push(l)),
    partialMessageTimeoutMs,
  });
  const closed = new Promise<void>((resolve) => reader.onClose(() => resolve()));
  reader.listen((m) => (r.messages.push(m), r.events.push(m)));
  for (const c of chunks) input.write(typeof c === 'string' ? Buffer.from(c, 'utf8') : c);
  input.end();
  await closed;
  reader.dispose();
  return r;
}

function frame(msg: unknown, extraHeader = ''): string {
  const body = JSON.stringify(msg);
  return `${extraHeader}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

function request(id: number, text = '政府信息公开 Content-Length: 12\r\n\r\n{}'): Record<string, unknown> {
  return { jsonrpc: '2.0', id, method: 'test/echo', params: { text } };
}

/** The promise, or a failure after `ms` (the timer also keeps the event loop alive meanwhile). */
function within<T>(p: Promise<T>, ms = 5000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`nothing within ${ms} ms`)), ms)));
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

const codes = (r: Read) => r.replies.map((m) => m.error!.code);
const ids = (r: Read) => r.messages.map((m) => (m as { id: unknown }).id);

/** One reply of `code` with id `id`, one or more log lines, and the request after it read. */
function assertRecovered(r: Read, code: number, after: number, id: number | null = null): void {
  assert.deepEqual(codes(r), [code], JSON.stringify(r.replies));
  assert.equal(r.replies[0].id, id);
  assert.equal(r.replies[0].jsonrpc, '2.0');
  assert.match(r.replies[0].error!.message, code === -32700 ? /^Parse error: / : /^Invalid Request: /);
  assert.ok(r.logs.length >= 1 && r.logs.every((l) => !l.includes('\n')), r.logs.join('\n'));
  assert.match(r.logs[0], /^stdio input, byte \d+: /);
  assert.deepEqual(ids(r), [after]);
}

describe('StdioMessageReader (stdio reader of the server)', () => {
  it('reads messages whole, several to a chunk, or a byte at a time, CJK and CRLF-formatted JSON included', async () => {
    const pretty = JSON.stringify(request(3), null, 2).replace(/\n/g, '\r\n');
    const stream = frame(request(1)) + frame({ jsonrpc: '2.0', method: 'n' }) + `Content-Length: ${Buffer.byteLength(pretty)}\r\n\r\n${pretty}` + frame({ jsonrpc: '2.0', id: 4, result: null });
    const expected = [request(1), { jsonrpc: '2.0', method: 'n' }, request(3), { jsonrpc: '2.0', id: 4, result: null }];
    for (const chunks of [[stream], [...Buffer.from(stream)].map((b) => Buffer.of(b))]) {
      const r = await read(chunks);
      assert.deepEqual(r.messages, expected);
      assert.deepEqual(r.replies, []);
      assert.deepEqual(r.logs, []);
    }
  });

  it('accepts a Content-Type header with charset utf-8 (or utf8, or none), in any header order and case', async () => {
    const r = await read([
      frame(request(1), 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n'),
      frame(request(2), 'content-type: application/vscode-jsonrpc; charset=UTF8\r\n'),
      frame(request(3), 'Content-Type: application/json\r\n'),
      `content-length:${Buffer.byteLength(JSON.stringify(request(4)))}\r\n\r\n${JSON.stringify(request(4))}`,
    ]);
    assert.deepEqual(ids(r), [1, 2, 3, 4]);
    assert.deepEqual(r.replies, []);
  });

  it('invalid JSON in a well-framed body: -32700 with id null, then the next message', async () => {
    const r = await read([`Content-Length: 12\r\n\r\n{"jsonrpc":}` + frame(request(2))]);
    assertRecovered(r, -32700, 2);
    assert.match(r.replies[0].error!.message, /not valid JSON/);
    assert.match(r.logs[0], /^stdio input, byte 0: /);
  });

  it('JSON that is not a message: -32600, id null (or the id of a request that has one), then the next message', async () => {
    for (const [body, id] of [
      ['[1,2]', null],
      ['[]', null],
      ['42', null],
      ['"text"', null],
      ['null', null],
      ['true', null],
      ['{}', null],
      ['{"jsonrpc":"2.0","id":null,"method":"x"}', null],
      ['{"jsonrpc":"2.0","id":{"a":1},"method":"x"}', null],
      ['{"jsonrpc":"2.0","id":7,"method":5}', 7],
    ] as const) {
      const r = await read([`Content-Length: ${body.length}\r\n\r\n${body}` + frame(request(2))]);
      assertRecovered(r, -32600, 2, id);
    }
  });

  it('a response without result or error: -32600 with id null, and still passed on (the connection fails its pending request with it)', async () => {
    const r = await read([frame({ jsonrpc: '2.0', id: 3 }) + frame(request(2))]);
    assert.deepEqual(codes(r), [-32600]);
    assert.equal(r.replies[0].id, null); // its id is one of the server's requests, not the client's
    assert.deepEqual(ids(r), [3, 2]);
  });

  it('a header without a usable Content-Length: -32700, then reading resumes at the next Content-Length header', async () => {
    for (const [header, why] of [
      ['Content-Type: application/json\r\n\r\n', /without Content-Length/],
      ['Content-Length: abc\r\n\r\n', /"abc" is not a number/],
      ['Content-Length: -5\r\n\r\n', /"-5" is not a number/],
      ['Content-Length: 1.5\r\n\r\n', /is not a number/],
      ['Content-Length: \r\n\r\n', /is not a number/],
      [`Content-Length: ${MAX_CONTENT_LENGTH + 1}\r\n\r\n`, /over the limit/],
      ['Content-Length: 99999999999999999999\r\n\r\n', /over the limit/],
      ['\r\n', /an empty line where a header was expected at byte 0/],
      ['hello\r\n', /a header line without ":" at byte 5/],
      ['Content-Length 5\r\n\r\n', /" " where a header name or ":" was expected at byte 14/],
      ['Content-Length: 5\n\n', /a CR or LF alone inside a header line at byte 17/],
      [`${'X'.repeat(65)}: 1\r\n\r\n`, /a header name longer than 64 bytes/],
      ['{"jsonrpc":"2.0"}\r\n\r\n', /"\{" where a header name or ":" was expected at byte 0/],
    ] as const) {
      // The body that came with the bad header (a message in itself) is skipped with it.
      for (const body of ['', JSON.stringify(request(9, 'Content-Length: 5'))]) {
        const r = await read([header + body + frame(request(2))]);
        assertRecovered(r, -32700, 2);
        assert.match(r.replies[0].error!.message, why);
      }
    }
  });

  it('bytes that are no header, before a message or between two: one -32700, then the message', async () => {
    for (const junk of ['garbage', '}}}', '\r\n\r\n', 'x'.repeat(3 * MAX_HEADER_BYTES), 'Content-Length: 5 octets\r\n\r\n']) {
      const r = await read([frame(request(1)) + junk + frame(request(2))]);
      assert.deepEqual(codes(r), [-32700], junk);
      assert.deepEqual(ids(r), [1, 2]);
    }
    // A header block that never ends.
    const r = await read(['X-Long: ' + 'a'.repeat(MAX_HEADER_BYTES) + frame(request(2))]);
    assert.deepEqual(codes(r), [-32700]);
    assert.deepEqual(ids(r), [2]);
  });

  it('a Content-Length too small: -32700 for the body, the rest skipped up to the next header', async () => {
    const body = JSON.stringify(request(1));
    for (const short of [1, 10, body.length - 1]) {
      const r = await read([`Content-Length: ${short}\r\n\r\n${body}` + frame(request(2))]);
      assertRecovered(r, -32700, 2);
      assert.ok(r.logs.some((l) => /skipped \d+ bytes/.test(l)) || short === body.length - 1, r.logs.join('\n'));
    }
  });

  it('a Content-Length too large: the next header inside the body ends it (-32700 with the request id), the next message is read', async () => {
    const body = JSON.stringify(request(1));
    const next = frame(request(2));
    // Larger by 1 byte up to far past the next message (which then cannot complete the body).
    for (const extra of [1, 5, 16, 20, 30, next.length - 1, next.length, next.length + 1, 10_000]) {
      const stream = `Content-Length: ${Buffer.byteLength(body) + extra}\r\n\r\n${body}` + next;
      const r = await read([stream]);
      assert.deepEqual(codes(r), [-32700], `extra ${extra}: ${JSON.stringify(r.replies)}`);
      assert.deepEqual(ids(r), [2], `extra ${extra}`);
      // The request came whole before the header line: its id is known, unless the declared end
      // falls inside that line (the body is then judged whole, and is not JSON).
      if (extra >= next.indexOf('\n') + 1) assert.equal(r.replies[0].id, 1, `extra ${extra}`);
      else assert.equal(r.replies[0].id, null, `extra ${extra}`);
    }
  });

  it('two different Content-Length headers: -32700, and the message after them is read', async () => {
    const r = await read(['Content-Length: 5\r\nContent-Length: 6\r\n\r\n{}' + frame(request(2))]);
    assert.match(r.replies[0].error!.message, /a second, different Content-Length \(5, then 6\) at byte 19/);
    assert.deepEqual(ids(r), [2]);
  });

  it('a Content-Length too large with nothing after it: answered when no byte comes for the timeout, then reading goes on', async () => {
    const input = new PassThrough();
    const replies: ResponseMessage[] = [];
    const messages: unknown[] = [];
    const logs: string[] = [];
    let replied: () => void = () => undefined;
    const reader = new StdioMessageReader(input, { reply: (m) => (replies.push(m), replied()), log: (l) => logs.push(l), partialMessageTimeoutMs: 50 });
    let got: () => void = () => undefined;
    reader.listen((m) => (messages.push(m), got()));
    const body = JSON.stringify(request(1));
    const answered = new Promise<void>((resolve) => (replied = resolve));
    input.write(`Content-Length: ${Buffer.byteLength(body) + 100}\r\n\r\n${body}`);
    await within(answered);
    assert.equal(replies[0].id, 1);
    assert.equal(replies[0].error!.code, -32700);
    assert.match(replies[0].error!.message, /then nothing for 50 ms/);
    assert.equal(logs.length, 1);
    const delivered = new Promise<void>((resolve) => (got = resolve));
    input.write(frame(request(2)));
    await within(delivered);
    assert.deepEqual(ids({ messages } as Read), [2]);
    input.end();
    reader.dispose();
  });

  it('an unfinished header with nothing after it: answered after the timeout', async () => {
    const input = new PassThrough();
    const reader = new StdioMessageReader(input, { log: () => undefined, partialMessageTimeoutMs: 30, reply: (m) => done(m) });
    let done: (m: ResponseMessage) => void = () => undefined;
    const reply = new Promise<ResponseMessage>((resolve) => (done = resolve));
    reader.listen(() => undefined);
    input.write('Content-Length: 12');
    const m = await within(reply);
    assert.match(m.error!.message, /unfinished header/);
    input.end();
    reader.dispose();
  });

  it('a charset other than utf-8: -32700 and the message is skipped', async () => {
    for (const type of ['application/vscode-jsonrpc; charset=latin1', 'application/json; charset="utf-16"', 'text/plain;charset=gb18030']) {
      const r = await read([frame(request(1), `Content-Type: ${type}\r\n`) + frame(request(2))]);
      assertRecovered(r, -32700, 2);
      assert.match(r.replies[0].error!.message, /charset .* is not supported/);
    }
  });

  it('the text "Content-Length:" inside a JSON string never breaks a message, however it is cut', async () => {
    const texts = ['Content-Length: 5', 'Content-Length:\\r\\n', 'x\\r\\nContent-Length: 99\\r\\n\\r\\n{}', 'content-length: 1'.repeat(50)];
    const stream = texts.map((t, i) => frame(request(i, t))).join('');
    const b = Buffer.from(stream);
    for (let k = 1; k < b.length; k += 7) {
      const r = await read([b.subarray(0, k), b.subarray(k)]);
      assert.deepEqual(r.messages, texts.map((t, i) => request(i, t)));
      assert.deepEqual(r.replies, []);
    }
  });

  it('a message of several megabytes cut into 64 KiB chunks is gathered whole', async () => {
    const big = request(1, '政'.repeat(3_000_000) + 'Content-Length: 5');
    const b = Buffer.from(frame(big) + frame(request(2)));
    const chunks: Buffer[] = [];
    for (let i = 0; i < b.length; i += 65536) chunks.push(b.subarray(i, i + 65536));
    const r = await read(chunks);
    assert.equal(r.messages.length, 2);
    assert.deepEqual(r.messages[0], big);
    assert.deepEqual(r.replies, []);
  });

  it('every bad input of a stream is told in a log line saying where it is', async () => {
    const r = await read([frame(request(1)) + 'Content-Length: x\r\n\r\n{}' + frame(request(2))]);
    const at = Buffer.byteLength(frame(request(1)));
    assert.ok(r.logs[0].startsWith(`stdio input, byte ${at}: Content-Length "x" is not a number of bytes`), r.logs[0]);
    assert.ok(r.replies[0].error!.message.endsWith(`(input byte ${at})`));
  });

  // -------------------------------------------------------------------------------------------
  // Chunking: the same bytes give the same messages, answers and log lines, however they come.

  const BAD = ['invalid-json', 'not-a-message', 'no-length', 'nan-length', 'negative-length', 'huge-length', 'too-small', 'too-large', 'charset', 'junk'] as const;
  type Bad = (typeof BAD)[number];

  /** A bad input; `seed` varies sizes. Each is answered exactly once when a valid message follows. */
  function bad(kind: Bad, seed: number): string {
    const body = JSON.stringify(request(1000 + seed, 'Content-Length: ' + 'é'.repeat(seed % 7)));
    const n = Buffer.byteLength(body);
    switch (kind) {
      case 'invalid-json':
        return `Content-Length: ${n - 1}\r\n\r\n${body.slice(0, -2)}]`;
      case 'not-a-message':
        return frame([seed]);
      case 'no-length':
        return `Content-Type: application/json\r\n\r\n${body}`;
      case 'nan-length':
        return `Content-Length: ${seed}x\r\n\r\n${body}`;
      case 'negative-length':
        return `Content-Length: -${n}\r\n\r\n${body}`;
      case 'huge-length':
        return `Content-Length: ${MAX_CONTENT_LENGTH + 1 + seed}\r\n\r\n${body}`;
      case 'too-small':
        return `Content-Length: ${1 + (seed % (n - 1))}\r\n\r\n${body}`;
      case 'too-large':
        return `Content-Length: ${n + 1 + seed}\r\n\r\n${body}`;
      case 'charset':
        return `Content-Type: application/vscode-jsonrpc; charset=latin1\r\nContent-Length: ${n}\r\n\r\n${body}`;
      case 'junk':
        return ['garbage', '}\r\n', '\r\n', 'abc', '{"id":1}'][seed % 5];
    }
  }

  const stream = fc.array(fc.tuple(fc.option(fc.constantFrom(...BAD), { nil: undefined }), fc.nat(300), fc.string({ maxLength: 30 })), { minLength: 1, maxLength: 6 });

  function build(segments: [Bad | undefined, number, string][]): { bytes: Buffer; valid: unknown[]; bad: number } {
    let s = '';
    const valid: unknown[] = [];
    segments.forEach(([kind, seed, text], i) => {
      if (kind) s += bad(kind, seed);
      const m = request(i, text);
      valid.push(m);
      s += frame(m);
    });
    return { bytes: Buffer.from(s), valid, bad: segments.filter(([k]) => k).length };
  }

  function cut(b: Buffer, points: number[]): Buffer[] {
    const at = [...new Set(points.map((p) => p % (b.length + 1)))].sort((x, y) => x - y);
    const chunks: Buffer[] = [];
    let from = 0;
    for (const p of at) {
      if (p > from) chunks.push(b.subarray(from, p));
      from = Math.max(from, p);
    }
    chunks.push(b.subarray(from));
    return chunks;
  }

  it('property: every valid message after a bad input is read, each bad input answered once, whatever the chunking', async () => {
    await fc.assert(
      fc.asyncProperty(stream, fc.array(fc.nat(), { maxLength: 12 }), async (segments, points) => {
        const { bytes, valid, bad: nBad } = build(segments);
        const whole = await read([bytes]);
        assert.deepEqual(whole.messages, valid);
        assert.equal(whole.replies.length, nBad, JSON.stringify(whole.replies));
        const chunked = await read(cut(bytes, points));
        assert.deepEqual(chunked.events, whole.events);
      }),
      { numRuns: 300 },
    );
  });

  it('property: any mix of header fragments, digits, line breaks, JSON and junk is read the same however it is cut', async () => {
    const FRAGMENTS = ['Content-Length: ', 'content-length:', 'Content-Length:\t', 'Content-Type: a; charset=latin1\r\n', '12', '0', '7', '99999999', ' ', '\r\n', '\r\n\r\n', '\r', '\n', ':', '{', '}', '"', '[1]', 'x', '政', frame(request(1)), frame(request(2, 'Content-Length: 3\r\n'))];
    const pieces = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((xs) => Buffer.from(xs.join('')));
    await fc.assert(
      fc.asyncProperty(pieces, fc.array(fc.nat(), { maxLength: 12 }), async (bytes, points) => {
        const whole = await read([bytes]);
        const chunked = await read(cut(bytes, points));
        assert.deepEqual(chunked.events, whole.events);
        // Whatever came before, a valid message after a blank line is read.
        const after = await read(cut(Buffer.concat([bytes, Buffer.from('\r\n\r\n' + frame(request(77)))]), points));
        assert.ok(after.messages.some((m) => (m as { id: unknown }).id === 77), JSON.stringify(after.events));
      }),
      { numRuns: 500 },
    );
  });

  it('a stream with every kind of bad input, split at every byte boundary and a byte at a time: the same result', async () => {
    const { bytes, valid } = build(BAD.map((k, i) => [k, i * 37, `m${i} Content-Length: ${i}`]));
    const whole = await read([bytes]);
    assert.deepEqual(whole.messages, valid);
    assert.deepEqual(codes(whole), BAD.map((k) => (k === 'not-a-message' ? -32600 : -32700)));
    assert.deepEqual((await read([...bytes].map((x) => Buffer.of(x)))).events, whole.events);
    for (let k = 1; k < bytes.length; k++) {
      const r = await read([bytes.subarray(0, k), bytes.subarray(k)]);
      assert.deepEqual(r.events, whole.events, `split at ${k}`);
    }
  });
});
