// A pool of worker threads: `govreport check` and `summary` on a batch (cli/src/cli.ts:
// checkInWorkers, its workers running the CLI's own bundle in worker mode) and the server's
// workspace check (server/src/workspace.ts, its workers dist/check-worker.js). Each worker
// answers one task at a time, in the order sent.
// A worker that dies (an uncaught error, running out of memory, exiting) fails the tasks it held
// with WorkerLost, and the pool goes on with the others: the caller does those tasks itself, so no
// file is lost.
import { Worker } from 'node:worker_threads';

/** A task failed because its worker died or threw: run it elsewhere (the main thread). */
export class WorkerLost extends Error {}

interface Task<Res> {
  id: number;
  message: unknown;
  resolve: (r: Res) => void;
  reject: (e: Error) => void;
}

interface Slot<Res> {
  worker: Worker;
  held: Map<number, Task<Res>>;
  dead: boolean;
}

/** What a worker sends back for a task. */
type Reply<Res> = { id: number; ok: Res } | { id: number; error: string };

/** Tasks sent to a worker before it answers the first: it starts the next one without a round trip. */
const HELD_PER_WORKER = 2;

export class Pool<Req, Res> {
  private readonly slots: Slot<Res>[] = [];
  private readonly queue: Task<Res>[] = [];
  private nextId = 0;
  private closed = false;

  /** `script`: the worker's file (a .ts file under tsx: loaded through tsx). */
  constructor(script: string, size: number, workerData: unknown) {
    for (let i = 0; i < size; i++) {
      let worker: Worker;
      try {
        worker = script.endsWith('.ts')
          ? new Worker(`require(require('node:module').createRequire(${JSON.stringify(script)}).resolve('tsx/cjs'));require(${JSON.stringify(script)});`, { eval: true, workerData })
          : new Worker(script, { workerData });
      } catch {
        break; // No more threads: the pool works with those it has (none: every task is WorkerLost).
      }
      const slot: Slot<Res> = { worker, held: new Map(), dead: false };
      worker.on('message', (reply: Reply<Res>) => {
        const task = slot.held.get(reply.id);
        if (!task) return;
        slot.held.delete(reply.id);
        if ('ok' in reply) task.resolve(reply.ok);
        else task.reject(new WorkerLost(reply.error));
        this.pump();
      });
      const lost = (why: string) => {
        if (slot.dead) return;
        slot.dead = true;
        for (const task of slot.held.values()) task.reject(new WorkerLost(why));
        slot.held.clear();
        // The last worker gone: what is queued is nobody's.
        if (this.slots.every((s) => s.dead)) for (const task of this.queue.splice(0)) task.reject(new WorkerLost(why));
        else this.pump();
      };
      worker.on('error', (err) => lost(String(err?.stack ?? err)));
      worker.on('exit', (code) => lost(`worker exited (${code})`));
      this.slots.push(slot);
    }
  }

  /** The workers do not keep the process alive (a server ends when its input ends). */
  unref(): void {
    for (const s of this.slots) s.worker.unref();
  }

  /** Live workers. */
  get size(): number {
    return this.slots.filter((s) => !s.dead).length;
  }

  /** Runs a task on the first worker free; rejects with WorkerLost when its worker dies or throws. */
  run(message: Req): Promise<Res> {
    return new Promise<Res>((resolve, reject) => {
      if (this.closed || this.size === 0) return reject(new WorkerLost('no worker'));
      this.queue.push({ id: this.nextId++, message, resolve, reject });
      this.pump();
    });
  }

  /** Sends a message to every live worker, before anything sent to it afterwards (not answered). */
  broadcast(message: Req): void {
    for (const s of this.slots) if (!s.dead) s.worker.postMessage({ id: -1, message });
  }

  private pump(): void {
    for (;;) {
      if (this.queue.length === 0) return;
      let best: Slot<Res> | undefined;
      for (const s of this.slots) if (!s.dead && s.held.size < HELD_PER_WORKER && (!best || s.held.size < best.held.size)) best = s;
      if (!best) return;
      const task = this.queue.shift()!;
      best.held.set(task.id, task);
      try {
        best.worker.postMessage({ id: task.id, message: task.message });
      } catch (err) {
        best.held.delete(task.id);
        task.reject(new WorkerLost(String(err)));
      }
    }
  }

  /** Stops the workers (what is still queued or held fails with WorkerLost). */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new WorkerLost('closed'));
    await Promise.all(
      this.slots.map((s) => {
        s.dead = true;
        for (const task of s.held.values()) task.reject(new WorkerLost('closed'));
        s.held.clear();
        return s.worker.terminate();
      }),
    );
  }
}

/**
 * The worker's side: answers each task with `handle`'s result, one task at a time in the order
 * received; a message of id -1 (a broadcast) is handled without an answer. An exception is sent
 * back as the task's failure (the main thread then does it itself).
 */
export function serve<Req, Res>(port: import('node:worker_threads').MessagePort, handle: (message: Req) => Res | Promise<Res>): void {
  let chain: Promise<void> = Promise.resolve();
  port.on('message', ({ id, message }: { id: number; message: Req }) => {
    chain = chain.then(async () => {
      try {
        const ok = await handle(message);
        if (id >= 0) port.postMessage({ id, ok });
      } catch (err) {
        if (id >= 0) port.postMessage({ id, error: String((err as Error)?.stack ?? err) });
      }
    });
  });
}

