// The stdio transport, with each message written to the pipe in one piece. vscode-jsonrpc's
// stream writer writes a message's header and its body as two writes: two system calls, and the
// client may wake up for the header alone. Over stdio (editors other than VS Code, the tests and
// the benchmarks) that was a sixth of the server's time while typing. VS Code itself talks over
// node IPC, where a message is one `process.send`; that path is left as vscode-languageserver
// chooses it.
import { format } from 'node:util';
import { Disposable, RAL, StreamMessageReader, WriteableStreamMessageWriter, type MessageReader, type MessageWriter } from 'vscode-languageserver/node';

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
  return [new StreamMessageReader(process.stdin), new WriteableStreamMessageWriter(new OneWritePerMessage(process.stdout))];
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
