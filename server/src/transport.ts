// The stdio transport: each message written to the pipe in one piece, and read by a reader that
// answers framing and JSON errors instead of falling silent.
//
// Writing: vscode-jsonrpc's stream writer writes a message's header and its body as two writes:
// two system calls, and the client may wake up for the header alone. Over stdio (editors other
// than VS Code, the tests and the benchmarks) that was a sixth of the server's time while typing.
// VS Code itself talks over node IPC, where a message is one `process.send`; that path is left as
// vscode-languageserver chooses it.
//
// Reading: vscode-jsonrpc's StreamMessageReader stops for good at a header without a usable
// Content-Length, and a body that is not JSON only raises an error event nobody listens to: the
// client's next requests were never answered. StdioMessageReader answers every bad input with a
// JSON-RPC error (id null unless the id of a request could be read), logs one line on stderr, and
// resynchronises at the next Content-Length header.
import { format } from 'node:util';
import {
  AbstractMessageReader,
  Disposable,
  ErrorCodes,
  RAL,
  WriteableStreamMessageWriter,
  type DataCallback,
  type Message,
  type MessageReader,
  type MessageWriter,
  type ResponseMessage,
} from 'vscode-languageserver/node';

/** A writable stream for WriteableStreamMessageWriter that holds a header until its body comes. */
export class OneWritePerMessage implements RAL.WritableStream {
  private header: Buffer | undefined;
  constructor(private readonly out: NodeJS.WritableStream) {}
  onClose(listener: () => void): Disposable {
    this.out.on('close', listener);
    return Disposable.create(() => this.out.off('close', listener));
  }
  onError(listener: (error: unknown) => void): Disposable {
    this.out.on('error', listener);
    return Disposable.create(() => this.out.off('error', listener));
  }
  onEnd(listener: () => void): Disposable {
    this.out.on('end', listener);
    return Disposable.create(() => this.out.off('end', listener));
  }
  write(data: Uint8Array | string, encoding?: RAL.MessageBufferEncoding): Promise<void> {
    if (typeof data === 'string') {
      // The header (the writer sends it as a string, then the body as bytes).
      const b = Buffer.from(data, encoding ?? 'utf-8');
      this.header = this.header ? Buffer.concat([this.header, b]) : b;
      return Promise.resolve();
    }
    const chunk = this.header ? Buffer.concat([this.header, data]) : data;
    this.header = undefined;
    return new Promise((resolve, reject) => {
      this.out.write(chunk, (error) => (error ? reject(error) : resolve()));
    });
  }
  end(): void {
    if (this.header) this.out.write(this.header);
    this.header = undefined;
    this.out.end();
  }
}

/**
 * Reader and writer for --stdio; undefined for the other transports (createConnection picks them
 * from argv). Given a reader and writer, createConnection no longer does two things it does for
 * --stdio itself, so the caller must: exit when stdin ends (`exitWhenInputEnds`) and keep
 * console output off stdout (`consoleToStderr`).
 */
export function stdioTransport(argv: string[]): [MessageReader, MessageWriter] | undefined {
  if (!argv.slice(2).includes('--stdio')) return undefined;
  const writer = new WriteableStreamMessageWriter(new OneWritePerMessage(process.stdout));
  // Error answers go through the connection's own writer (it serialises every write).
  const reply = (response: ResponseMessage) => void writer.write(response).catch(() => undefined);
  return [new StdioMessageReader(process.stdin, { reply }), writer];
}

/** The client went away (stdin ended or closed): exit, 0 after a shutdown request, else 1. */
export function exitWhenInputEnds(shutdownReceived: () => boolean): void {
  const exit = () => process.exit(shutdownReceived() ? 0 : 1);
  process.stdin.on('end', exit);
  process.stdin.on('close', exit);
}

/** stdout carries the protocol: anything a library prints goes to stderr instead. */
export function consoleToStderr(): void {
  const toStderr = (...args: unknown[]) => void process.stderr.write(format(...args) + '\n');
  console.log = console.info = console.debug = console.warn = console.error = console.trace = toStderr;
}

// ---------------------------------------------------------------------------------------------
// Reading

/** The largest Content-Length accepted (bytes): a larger one is a framing error, not a wait. */
export const MAX_CONTENT_LENGTH = 64 * 1024 * 1024;
/** A header block (up to its blank line) longer than this is not a header. */
export const MAX_HEADER_BYTES = 8 * 1024;
/** A message begun whose next bytes do not come for this long is given up and answered (ms). */
export const PARTIAL_MESSAGE_TIMEOUT_MS = 5_000;

export interface StdioReaderOptions {
  /** Sends an error response to the client; stdioTransport passes the connection's writer. */
  reply?: (response: ResponseMessage) => void;
  /** Receives one line per bad input; by default written to stderr after "govreport: ". */
  log?: (line: string) => void;
  /** PARTIAL_MESSAGE_TIMEOUT_MS by default; 0 waits for ever. */
  partialMessageTimeoutMs?: number;
}

// Reader states.
const HEADER = 0; // at the start of a header
const BODY = 1; // inside a body whose length the header gave
const RESYNC = 2; // skipping bytes up to the next Content-Length header

const EMPTY = Buffer.alloc(0);
const CRLFCRLF = Buffer.from('\r\n\r\n', 'latin1');
/**
 * Searched for to find a Content-Length header anywhere: the tail "Content-Length:" and
 * "content-length:" share (resynchronisation finds those two spellings; the header parser takes
 * the name in any case).
 */
const ENGTH = Buffer.from('ength:', 'latin1');
/** The 9 bytes before ENGTH in a Content-Length header, in lower case. */
const CONTENT_L = Buffer.from('content-l', 'latin1');
/** Bytes of header names (RFC 7230 tokens); a name is at most MAX_NAME of them here. */
const TOKEN = new Uint8Array(256);
for (const c of "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") TOKEN[c.charCodeAt(0)] = 1;
const MAX_NAME = 64;
const USUAL_HEADER = Buffer.from('Content-Length: ', 'latin1');
/** A store this large is dropped when it empties, not kept for the next partial message. */
const KEEP_STORE_BYTES = 1024 * 1024;

interface Header {
  length: number;
  /** The charset parameter of Content-Type, lower case, if any. */
  charset: string | undefined;
}

function show(text: string): string {
  return JSON.stringify(text.length > 40 ? text.slice(0, 40) + '…' : text);
}

/** The value of a Content-Length header, or what is wrong with it. */
function contentLength(value: string): number | string {
  if (!/^\d+$/.test(value)) return `Content-Length ${show(value)} is not a number of bytes`;
  const digits = value.replace(/^0+(?=\d)/, '');
  const n = digits.length > 9 ? Infinity : Number(digits);
  return n > MAX_CONTENT_LENGTH ? `Content-Length ${digits} is over the limit of ${MAX_CONTENT_LENGTH} bytes` : n;
}

/** A byte as shown in a message. */
function showByte(b: number): string {
  return b >= 0x20 && b < 0x7f ? JSON.stringify(String.fromCharCode(b)) : `byte 0x${b.toString(16).padStart(2, '0')}`;
}

/** Whether d[at, at + lower.length) is `lower` in any case (lower: lower-case letters and '-'). */
function sameName(d: Buffer, at: number, end: number, lower: string): boolean {
  if (end - at !== lower.length) return false;
  for (let j = 0; j < lower.length; j++) if ((d[at + j] | 0x20) !== lower.charCodeAt(j)) return false;
  return true;
}

/**
 * What the header block d[from, to) says, or the first thing wrong with it. `complete`: the block
 * is whole (its blank line excluded); otherwise it is the beginning of one, and undefined means
 * nothing is wrong so far. The bytes are judged in order, and each verdict rests only on the
 * bytes before it, so a block gets the same verdict whether it came whole or in pieces. `base`:
 * offset of d[0] in the input, for the messages.
 */
function headerBlock(d: Buffer, from: number, to: number, complete: boolean, base: number): Header | string | undefined {
  // The usual block, "Content-Length: <digits>".
  if (complete && to - from > USUAL_HEADER.length && to - from <= USUAL_HEADER.length + 9 && d.compare(USUAL_HEADER, 0, USUAL_HEADER.length, from, from + USUAL_HEADER.length) === 0) {
    let n = 0;
    let i = from + USUAL_HEADER.length;
    for (; i < to && d[i] >= 0x30 && d[i] <= 0x39; i++) n = n * 10 + d[i] - 0x30;
    if (i === to && i > from + USUAL_HEADER.length && n <= MAX_CONTENT_LENGTH) return { length: n, charset: undefined };
  }
  const bad = (k: number, what: string) => `${what} at byte ${base + k}`;
  let length = -1;
  let charset: string | undefined;
  let line = from;
  for (;;) {
    // The name, then ':'.
    let k = line;
    while (k < to && TOKEN[d[k]] === 1) if (++k - line > MAX_NAME) return bad(k - 1, `a header name longer than ${MAX_NAME} bytes`);
    if (k === to) {
      if (!complete) return undefined;
      return k === line ? bad(k, 'an empty line where a header was expected') : bad(k, 'a header line without ":"');
    }
    if (d[k] === 0x0d) {
      if (k + 1 === to && !complete) return undefined; // its LF may be coming
      if (k + 1 < to && d[k + 1] === 0x0a) return k === line ? bad(k, 'an empty line where a header was expected') : bad(k, 'a header line without ":"');
    }
    if (d[k] !== 0x3a || k === line) return bad(k, `${showByte(d[k])} where a header name or ":" was expected`);
    // The value, up to CRLF.
    let v = k + 1;
    while (v < to && d[v] !== 0x0d && d[v] !== 0x0a) v++;
    if (v === to) {
      if (!complete) return undefined;
    } else if (d[v] === 0x0a || (v + 1 < to && d[v + 1] !== 0x0a) || (v + 1 === to && complete)) {
      return bad(v, 'a CR or LF alone inside a header line');
    } else if (v + 1 === to) return undefined; // its LF may be coming
    // A whole line: d[line, k) is its name, d[k + 1, v) its value.
    if (sameName(d, line, k, 'content-length')) {
      const n = contentLength(d.toString('latin1', k + 1, v).trim());
      if (typeof n === 'string') return bad(line, n);
      if (length !== -1 && length !== n) return bad(line, `a second, different Content-Length (${length}, then ${n})`);
      length = n;
    } else if (sameName(d, line, k, 'content-type')) {
      const m = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(d.toString('latin1', k + 1, v));
      if (m) charset = m[1].toLowerCase();
    }
    if (v === to) break;
    line = v + 2;
    if (line === to) {
      if (!complete) return undefined;
      return bad(line, 'an empty line where a header was expected');
    }
  }
  if (length === -1) return `a header without Content-Length at byte ${base + from}`;
  return { length, charset };
}

/**
 * At `k`, just after "Content-Length:", do the bytes up to `to` go on as a header line
 * (blanks, digits, blanks, CRLF)? 1 yes, -1 no, 0 not known before `to`.
 */
function lengthLineAt(d: Buffer, k: number, to: number): number {
  let n = 0;
  while (k < to && (d[k] === 0x20 || d[k] === 0x09)) if ((k++, ++n) > 16) return -1;
  if (k >= to) return 0;
  n = 0;
  while (k < to && d[k] >= 0x30 && d[k] <= 0x39) if ((k++, ++n) > 12) return -1;
  if (k >= to) return 0;
  if (n === 0) return -1;
  n = 0;
  while (k < to && (d[k] === 0x20 || d[k] === 0x09)) if ((k++, ++n) > 16) return -1;
  if (k >= to) return 0;
  if (d[k] !== 0x0d) return -1;
  if (k + 1 >= to) return 0;
  return d[k + 1] === 0x0a ? 1 : -1;
}

function isContentL(d: Buffer, q: number): boolean {
  for (let j = 0; j < 9; j++) {
    const b = d[q + j];
    // '-' (index 7) exactly; the letters in either case.
    if (j === 7 ? b !== 0x2d : (b | 0x20) !== CONTENT_L[j]) return false;
  }
  return true;
}

/** Why a parsed body is not a JSON-RPC message, as vscode-jsonrpc tells them apart; undefined if it is one. */
function notAMessage(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array (LSP has no JSON-RPC batches)';
  if (typeof value !== 'object') return `a ${typeof value}`;
  const v = value as { id?: unknown; method?: unknown; result?: unknown; error?: unknown };
  const idOk = typeof v.id === 'string' || typeof v.id === 'number';
  if (typeof v.method === 'string') return v.id === undefined || idOk ? undefined : 'a request whose id is neither a string nor a number';
  if ((v.result !== undefined || !!v.error) && (idOk || v.id === null)) return undefined;
  return 'an object with no method, result or error';
}

/** An object with the id of a response but neither result nor error (nor a method). */
function brokenResponse(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || 'method' in value) return false;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'string' || typeof id === 'number';
}

/**
 * The id to answer an unusable message with: a request's id, when it has one. Anything else gets
 * null, as JSON-RPC requires: the id of a response is one of the server's own requests, and an
 * error sent back with it would read as the answer to the client's request of that number.
 */
function requestId(value: unknown): string | number | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !('method' in value)) return null;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}

/**
 * A MessageReader for --stdio that never stalls on bad input. Invalid JSON in a well-framed body
 * is answered with -32700 (Parse error), JSON that is not a message with -32600 (Invalid Request),
 * and reading goes on after the body. A header without a usable Content-Length (missing, not a
 * number, over MAX_CONTENT_LENGTH), or bytes that are no header at all, is answered with -32700
 * and the reader skips to the next "Content-Length: <digits>" + CRLF, wherever it is. A Content-Type
 * charset other than utf-8 is answered with -32700 and the message is skipped.
 *
 * A Content-Length too small leaves a body that is not JSON (-32700), then junk up to the next
 * header (skipped). A Content-Length too large makes the next message's header land inside the
 * body: "Content-Length: <digits>" + CRLF can never occur in JSON (a string cannot hold a raw CR,
 * and outside strings the text is not JSON), so as soon as it appears in a body, the body is
 * broken and the reader resumes at that header (the bytes before it are answered with -32700).
 * That is decided on the bytes alone, so any chunking of the same input gives the same messages
 * and answers. When the last message is cut short and nothing more comes for
 * PARTIAL_MESSAGE_TIMEOUT_MS, it is answered with -32700 (with its id when what came is a whole
 * request) and the reader waits for a new header.
 *
 * Every bad input is also one line on stderr, with its byte offset in the input. Bytes are kept
 * as Buffers: a chunk holding whole messages is read in place, a message cut across chunks is
 * gathered once into a store that grows by doubling.
 */
export class StdioMessageReader extends AbstractMessageReader implements MessageReader {
  private callback: DataCallback | undefined;
  private readonly replyTo: (response: ResponseMessage) => void;
  private readonly log: (line: string) => void;
  private readonly timeoutMs: number;
  /** The bytes at hand: a chunk as received, or the beginning of `store`. */
  private data: Buffer = EMPTY;
  /** Owned storage for bytes gathered across chunks; `data` is its beginning when `inStore`. */
  private store: Buffer | undefined;
  private inStore = false;
  /** First byte of `data` not yet consumed. */
  private start = 0;
  /** Offset in the whole input of data[0] (positions below named "at…" or "…Start/End" are in the input). */
  private base = 0;
  private mode = HEADER;
  /** BODY: where the message's header began, where its body begins and where it ends. */
  private messageAt = 0;
  private bodyStart = 0;
  private bodyEnd = 0;
  /** BODY: the body is skipped, not read (its error was already answered). */
  private discard = false;
  /** BODY and RESYNC: where the search for a Content-Length header goes on. */
  private scanFrom = 0;
  /** RESYNC: the first byte counted as skipped. */
  private junkFrom = 0;
  private timer: NodeJS.Timeout | undefined;
  private detach: (() => void) | undefined;

  constructor(
    private readonly input: NodeJS.ReadableStream,
    options: StdioReaderOptions = {},
  ) {
    super();
    this.replyTo = options.reply ?? (() => undefined);
    this.log = options.log ?? ((line) => void process.stderr.write(`govreport: ${line}\n`));
    this.timeoutMs = options.partialMessageTimeoutMs ?? PARTIAL_MESSAGE_TIMEOUT_MS;
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const input = this.input;
    const onData = (chunk: Buffer | string) => this.onData(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    const onError = (error: unknown) => this.fireError(error);
    const onEnd = () => this.ended();
    let closed = false;
    const onClose = () => {
      if (!closed) (closed = true), this.fireClose();
    };
    input.on('data', onData);
    input.on('error', onError);
    // Before exitWhenInputEnds' listener, which exits: what was cut short is logged first.
    input.prependListener('end', onEnd);
    input.on('close', onClose);
    this.detach = () => {
      input.off('data', onData);
      input.off('error', onError);
      input.off('end', onEnd);
      input.off('close', onClose);
    };
    return Disposable.create(() => this.stop());
  }

  override dispose(): void {
    this.stop();
    super.dispose();
  }

  private stop(): void {
    this.detach?.();
    this.detach = undefined;
    this.clearTimer();
  }

  private onData(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.append(chunk);
    this.run();
    this.arm();
  }

  /** Adds a chunk after the bytes not yet consumed; copies only when some are left. */
  private append(chunk: Buffer): void {
    const pending = this.data.length - this.start;
    if (pending === 0) {
      this.base += this.data.length;
      this.data = chunk;
      this.start = 0;
      this.inStore = false;
      return;
    }
    const store = this.store;
    if (this.inStore && store !== undefined && this.data.length + chunk.length <= store.length) {
      chunk.copy(store, this.data.length);
      this.data = store.subarray(0, this.data.length + chunk.length);
      return;
    }
    const need = pending + chunk.length;
    let target = store;
    if (target === undefined || target.length < need) {
      let size = Math.max(need * 2, 16 * 1024);
      // A body of known length: room for its end and the next header, not twice its size.
      if (this.mode === BODY) size = Math.max(need, Math.min(size, this.bodyEnd - (this.base + this.start) + 4096));
      target = Buffer.allocUnsafe(size);
    }
    if (this.inStore && target === store) target.copyWithin(0, this.start, this.data.length);
    else this.data.copy(target, 0, this.start);
    chunk.copy(target, pending);
    this.base += this.start;
    this.start = 0;
    this.store = target;
    this.inStore = true;
    this.data = target.subarray(0, need);
  }

  /** Reads what the bytes at hand allow. A bug here costs the bytes at hand, never the reader. */
  private run(): void {
    try {
      for (;;) {
        const more = this.mode === HEADER ? this.readHeader() : this.mode === BODY ? this.readBody() : this.resync();
        if (!more) break;
      }
    } catch (error) {
      this.log(`stdio input: internal error of the reader, ${this.data.length - this.start} bytes dropped: ${String(error).replace(/\s+/g, ' ')}`);
      this.start = this.data.length;
      this.mode = RESYNC;
      this.junkFrom = this.scanFrom = this.base + this.start;
      this.fireError(error);
    }
    if (this.start === this.data.length) {
      this.base += this.data.length;
      this.data = EMPTY;
      this.start = 0;
      this.inStore = false;
      if (this.store !== undefined && this.store.length > KEEP_STORE_BYTES) this.store = undefined;
    }
  }

  private readHeader(): boolean {
    const d = this.data;
    const p = this.start;
    if (p === d.length) return false;
    const e = d.indexOf(CRLFCRLF, p);
    if (e !== -1 && e - p <= MAX_HEADER_BYTES) {
      const h = headerBlock(d, p, e, true, this.base) as Header | string;
      if (typeof h === 'string') return this.badHeader(p, h);
      this.messageAt = this.base + p;
      this.bodyStart = this.base + e + 4;
      this.bodyEnd = this.bodyStart + h.length;
      this.scanFrom = this.bodyStart;
      this.start = e + 4;
      this.mode = BODY;
      this.discard = h.charset !== undefined && h.charset !== 'utf-8' && h.charset !== 'utf8';
      if (this.discard) this.fail(ErrorCodes.ParseError, null, this.messageAt, `charset ${show(h.charset!)} is not supported (only utf-8)`, `skipping the message (${h.length} bytes)`);
      return true;
    }
    // No complete header yet: what came so far may already show it is none.
    const problem = headerBlock(d, p, Math.min(d.length, p + MAX_HEADER_BYTES), false, this.base) as string | undefined;
    if (problem !== undefined) return this.badHeader(p, problem);
    // (+4: a blank line beginning within the limit may still be arriving.)
    if (d.length - p >= MAX_HEADER_BYTES + 4) return this.badHeader(p, `no blank line ends the header within ${MAX_HEADER_BYTES} bytes of byte ${this.base + p}`);
    return false;
  }

  private badHeader(p: number, problem: string): boolean {
    this.fail(ErrorCodes.ParseError, null, this.base + p, problem, 'skipping to the next Content-Length header');
    this.mode = RESYNC;
    this.junkFrom = this.base + p;
    this.scanFrom = this.base + p + 1;
    this.start = p + 1;
    return true;
  }

  private readBody(): boolean {
    const d = this.data;
    if (this.base + d.length < this.bodyEnd) {
      // Not all here. A Content-Length header inside what came means the length was too large.
      const r = this.findHeader(this.scanFrom - this.base, d.length);
      if (r >= 0) return this.cutBody(r);
      this.scanFrom = this.base + (r === -1 ? Math.max(this.scanFrom - this.base, d.length - 14) : -2 - r);
      return false;
    }
    const s = this.bodyStart - this.base;
    const t = this.bodyEnd - this.base;
    let value: unknown;
    if (!this.discard) {
      try {
        value = JSON.parse(d.toString('utf8', s, t));
      } catch (error) {
        return this.badBody(s, t, error);
      }
    } else {
      // Skipped whole: what follows is searched for a header as after a broken body.
      const r = this.findHeader(s, t);
      return r >= 0 ? this.cutBody(r) : this.resyncAfterBody(r < -1 ? -2 - r : Math.max(s, t - 14));
    }
    this.start = t;
    this.mode = HEADER;
    const problem = notAMessage(value);
    if (problem === undefined) this.callback!(value as Message);
    else {
      this.fail(ErrorCodes.InvalidRequest, requestId(value), this.messageAt, `the message is ${problem}`, 'skipped it');
      // A response without result or error still goes to the connection, which fails the
      // server's request of that id with it (as with vscode-jsonrpc's own reader) rather than
      // leave it waiting for ever.
      if (brokenResponse(value)) this.callback!(value as Message);
    }
    return true;
  }

  /** A whole body that is not JSON. */
  private badBody(s: number, t: number, error: unknown): boolean {
    // A header inside it: the Content-Length was too large, resume there.
    const r = this.findHeader(s, t);
    if (r >= 0) return this.cutBody(r);
    const why = error instanceof Error ? error.message : String(error);
    this.fail(ErrorCodes.ParseError, null, this.messageAt, `the body (${t - s} bytes) is not valid JSON: ${why}`, 'skipped it');
    return this.resyncAfterBody(r < -1 ? -2 - r : Math.max(s, t - 14));
  }

  /**
   * After a body given up: what follows is a header, or junk when the Content-Length was too
   * small. The search begins at `from`, inside the body when a header may begin there (one that
   * starts in it and runs past its end, the declared length a little too large).
   */
  private resyncAfterBody(from: number): boolean {
    this.mode = RESYNC;
    this.junkFrom = this.bodyEnd;
    this.scanFrom = this.base + from;
    this.start = from;
    return true;
  }

  /** A Content-Length header at `r`, inside the current body: the body ends there, broken. */
  private cutBody(r: number): boolean {
    const s = this.bodyStart - this.base;
    const at = this.base + r;
    if (this.discard) this.log(`stdio input, byte ${this.messageAt}: the skipped message holds a Content-Length header at byte ${at}; resuming there`);
    else
      this.fail(
        ErrorCodes.ParseError,
        this.requestIdIn(s, r),
        this.messageAt,
        `a Content-Length header at byte ${at} is inside the body of ${this.bodyEnd - this.bodyStart} bytes (Content-Length too large?)`,
        `skipped the ${r - s} bytes before it; resuming there`,
      );
    this.start = r;
    this.mode = HEADER;
    return true;
  }

  private resync(): boolean {
    const d = this.data;
    const r = this.findHeader(this.scanFrom - this.base, d.length);
    if (r >= 0) {
      const at = this.base + r;
      if (at > this.junkFrom) this.log(`stdio input: skipped ${at - this.junkFrom} bytes (from byte ${this.junkFrom}); resuming at the Content-Length header at byte ${at}`);
      this.start = r;
      this.mode = HEADER;
      return true;
    }
    // Keep only what may begin a header: an undecided one, or the last 14 bytes.
    const keep = r === -1 ? Math.max(this.scanFrom - this.base, d.length - 14) : -2 - r;
    this.scanFrom = this.base + keep;
    this.start = keep;
    return false;
  }

  /**
   * The first "Content-Length:" (either case) + blanks + digits + blanks + CRLF beginning at or
   * after `from` and ending by `to` (positions in `data`): its position, -1 if none, or -2 - q
   * when the one at q cannot be judged before `to`.
   */
  private findHeader(from: number, to: number): number {
    const d = this.data;
    let i = from + 9;
    for (;;) {
      const m = d.indexOf(ENGTH, i);
      if (m === -1 || m + 6 > to) return -1;
      const q = m - 9;
      if (isContentL(d, q)) {
        const r = lengthLineAt(d, m + 6, to);
        if (r === 1) return q;
        if (r === 0) return -2 - q;
      }
      i = m + 1;
    }
  }

  /** The id of the request that bytes [s, t) of `data` hold, if they are one. */
  private requestIdIn(s: number, t: number): string | number | null {
    try {
      return requestId(JSON.parse(this.data.toString('utf8', s, t)));
    } catch {
      return null;
    }
  }

  private fail(code: number, id: string | number | null, at: number, what: string, action: string): void {
    this.log(`stdio input, byte ${at}: ${what}; ${action}`);
    const kind = code === ErrorCodes.ParseError ? 'Parse error' : 'Invalid Request';
    this.replyTo({ jsonrpc: '2.0', id, error: { code, message: `${kind}: ${what} (input byte ${at})` } });
  }

  // A message begun and not finished: given up after PARTIAL_MESSAGE_TIMEOUT_MS without a byte.

  private arm(): void {
    const waiting = this.mode === BODY || (this.mode === HEADER && this.start < this.data.length);
    if (!waiting || this.timeoutMs <= 0) return this.clearTimer();
    if (this.timer !== undefined) this.timer.refresh();
    else {
      this.timer = setTimeout(() => this.timedOut(), this.timeoutMs);
      this.timer.unref();
    }
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private timedOut(): void {
    this.timer = undefined;
    const d = this.data;
    if (this.mode === BODY) {
      const s = this.bodyStart - this.base;
      const what = `only ${d.length - s} of the body's ${this.bodyEnd - this.bodyStart} bytes came, then nothing for ${this.timeoutMs} ms (Content-Length too large?)`;
      if (this.discard) this.log(`stdio input, byte ${this.messageAt}: the skipped message: ${what}`);
      else this.fail(ErrorCodes.ParseError, this.requestIdIn(s, d.length), this.messageAt, what, 'skipped it; waiting for a new header');
      this.start = d.length;
      this.mode = RESYNC;
      this.junkFrom = this.scanFrom = this.base + d.length;
    } else if (this.mode === HEADER && this.start < d.length) {
      this.badHeader(this.start, `an unfinished header, then nothing for ${this.timeoutMs} ms`);
    }
    this.run();
    this.arm();
  }

  /** The input ended: what was cut short is logged (the client is gone, nobody reads answers). */
  private ended(): void {
    this.clearTimer();
    const d = this.data;
    if (this.mode === BODY) this.log(`stdio input, byte ${this.messageAt}: the input ended ${this.bodyEnd - this.base - d.length} bytes before the end of this message`);
    else if (this.mode === HEADER && this.start < d.length) this.log(`stdio input, byte ${this.base + this.start}: the input ended inside a header`);
    else if (this.mode === RESYNC && this.base + d.length > this.junkFrom) this.log(`stdio input: the input ended after ${this.base + d.length - this.junkFrom} bytes skipped (from byte ${this.junkFrom})`);
  }
}
