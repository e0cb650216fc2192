// PDFs read in a worker thread, so that a hostile PDF can never take the CLI or the server down:
// pdfjs runs there under `resourceLimits` (a heap past them ends the worker, not the process)
// and a hard timeout (the worker is terminated: a content stream pdfjs parses to its end without
// a check, or a loop, is stopped). The worker stays alive between files (pdfjs loads once, about
// 1–2 s) and is started again after it was ended; files are read one at a time. The readers are
// the same module the process would use (dist/readers.js beside the bundle; unbundled, the
// TypeScript sources through tsx), counting PDF streams with Node's zlib (host/src/inflate.ts).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { readers } from '../../core/src/readers/load';
import { sniffFormat } from '../../core/src/readers/source';
import { ReaderError, type Converted, type ReaderLimits } from '../../core/src/readers/types';

/** Bounds of the PDF worker. */
export interface PdfWorkerOptions {
  /** Heap of the worker (old generation), in MB: past it the worker ends ('pdf-out-of-memory'). */
  maxHeapMb: number;
  /** Time one file may take, in milliseconds: then the worker is terminated ('pdf-timeout'). */
  timeoutMs: number;
  /**
   * The readers module the worker loads: by default dist/readers.js beside the bundle, else the
   * TypeScript sources (through tsx). The benchmark names dist/readers.js to measure what ships.
   */
  readers?: string;
}

/** A bit over the reader's own 60 s deadline (MAX_PDF_MILLISECONDS), which stops at a check. */
export const DEFAULT_PDF_WORKER: PdfWorkerOptions = { maxHeapMb: 1024, timeoutMs: 75_000 };

/** The readers module and whether it is TypeScript (needs tsx in the worker). */
function readersModule(named?: string): { path: string; ts: boolean } {
  if (named) return { path: named, ts: named.endsWith('.ts') };
  const bundled = join(__dirname, 'readers.js');
  if (existsSync(bundled)) return { path: bundled, ts: false };
  return { path: join(__dirname, '..', '..', 'core', 'src', 'readers', 'index.ts'), ts: true };
}

/** The worker's code (CommonJS, evaluated): read each file asked for, answer with the result or the ReaderError. */
function workerSource(path: string, ts: boolean): string {
  return `
const { parentPort } = require('node:worker_threads');
const zlib = require('node:zlib');
${ts ? `require(require('node:module').createRequire(${JSON.stringify(path)}).resolve('tsx/cjs'));` : ''}
const readers = require(${JSON.stringify(path)});
// pdfjs's promises that reject after a damaged file was read: nothing else runs here.
process.on('unhandledRejection', () => {});
// Nothing pdfjs prints reaches the process's output (the CLI's JSON): results come as messages.
for (const k of ['log', 'info', 'warn', 'error', 'debug']) console[k] = () => {};
function inflatedSize(data, max) {
  try {
    return zlib.inflateSync(data, { maxOutputLength: Math.max(1, Math.min(max + 1, 2 ** 31 - 1)), finishFlush: zlib.constants.Z_SYNC_FLUSH }).length;
  } catch (e) {
    if (e && e.code === 'ERR_BUFFER_TOO_LARGE') return max + 1;
    throw e;
  }
}
parentPort.on('message', async ({ id, bytes, name, limits }) => {
  try {
    const converted = await readers.readPublished(bytes, name, { ...limits, inflatedSize });
    parentPort.postMessage({ id, converted });
  } catch (e) {
    const err = e && typeof e.code === 'string' && typeof e.zh === 'string' ? { code: e.code, zh: e.zh, en: e.en } : { code: 'reader-failed', zh: '读取失败：' + String(e), en: 'reading failed: ' + String(e) };
    parentPort.postMessage({ id, error: err });
  }
});
`;
}

interface Reply {
  id: number;
  converted?: Converted;
  error?: { code: string; zh: string; en: string };
}

/** One worker reading PDFs, one at a time. */
export class PdfWorker {
  private worker: Worker | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private next = 0;

  constructor(private readonly options: PdfWorkerOptions = DEFAULT_PDF_WORKER) {}

  /** Reads a file (a PDF) as readPublished would, in the worker; rejects with a ReaderError. */
  read(bytes: Uint8Array, name: string, limits: ReaderLimits): Promise<Converted> {
    const run = this.queue.then(() => this.readNow(bytes, name, limits));
    this.queue = run.catch(() => {});
    return run;
  }

  /** Ends the worker (a later read starts another). */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }

  private start(): Worker {
    const { path, ts } = readersModule(this.options.readers);
    const w = new Worker(workerSource(path, ts), {
      eval: true,
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb },
      // None of the process's flags: a loader it runs under (tsx, in the tests and the bench)
      // would see every import pdfjs makes while reading (about 60 ms a read of the 淮安 PDF);
      // TypeScript readers load tsx themselves (workerSource).
      execArgv: [],
    });
    w.unref(); // an idle worker keeps no process alive
    return w;
  }

  private readNow(bytes: Uint8Array, name: string, limits: ReaderLimits): Promise<Converted> {
    const w = (this.worker ??= this.start());
    const id = this.next++;
    const { inflatedSize: _native, ...plain } = limits;
    return new Promise<Converted>((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
        w.unref();
      };
      const lost = (err: ReaderError): void => {
        done();
        if (this.worker === w) this.worker = undefined;
        void w.terminate();
        reject(err);
      };
      const onMessage = (reply: Reply): void => {
        if (reply.id !== id) return;
        done();
        if (reply.converted) resolve(reply.converted);
        else reject(new ReaderError(reply.error?.code ?? 'reader-failed', reply.error?.zh ?? '读取失败', reply.error?.en ?? 'reading failed'));
      };
      const onError = (err: Error): void => {
        const memory = (err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
        lost(
          memory
            ? new ReaderError('pdf-out-of-memory', `读取 PDF 所需内存超过 ${this.options.maxHeapMb} MB 上限（可能是恶意构造的文件），未读取`, `reading the PDF needed more than the ${this.options.maxHeapMb} MB memory limit (possibly a crafted file); not read`)
            : new ReaderError('reader-failed', `读取失败：${err.message}`, `reading failed: ${err.message}`),
        );
      };
      const onExit = (): void => lost(new ReaderError('reader-failed', '读取失败：PDF 读取线程意外结束', 'reading failed: the PDF reading thread ended'));
      const timer = setTimeout(() => {
        const s = Math.round(this.options.timeoutMs / 1000);
        lost(new ReaderError('pdf-timeout', `读取 PDF 超过 ${s} 秒，已停止（文件可能是恶意构造的）`, `reading the PDF took more than ${s} s; stopped (possibly a crafted file)`));
      }, this.options.timeoutMs);
      w.on('message', onMessage);
      w.on('error', onError);
      w.on('exit', onExit);
      w.ref(); // while a file is read, the process waits for it
      const data = new Uint8Array(bytes); // a copy, handed over: the caller's stays as it was
      w.postMessage({ id, bytes: data, name, limits: plain }, [data.buffer]);
    });
  }
}

let shared: PdfWorker | undefined;

/**
 * Reads a published file as readPublished does: a PDF in the process's PDF worker (started on
 * the first PDF), a Word document or a web page in this thread (their readers stop at their
 * bounds as they go). What the CLI and the server call.
 */
export function readPublishedFile(bytes: Uint8Array, name: string, limits: ReaderLimits): Promise<Converted> {
  if (sniffFormat(bytes, name) === 'pdf') return (shared ??= new PdfWorker()).read(bytes, name, limits);
  return readers().readPublished(bytes, name, limits);
}
