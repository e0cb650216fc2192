// The CLI's worker threads (cli.ts: checkInWorkers): the pool is host/src/pool.ts (shared with
// the server's workspace check); here, what the CLI decides about them.
export { Pool, serve, WorkerLost } from '../../host/src/pool';

/** Files from which a batch is checked by worker threads by default (a PDF, Word document or web page counts PUBLISHED_WEIGHT). */
export const PARALLEL_MIN = 100;
/** What a published file weighs against a text file: reading it costs tens of checks. */
export const PUBLISHED_WEIGHT = 25;
/** Cores from which a batch is checked by several threads by default (on two, a second thread's warm-up costs what it saves). */
export const MIN_CORES = 3;
/** Threads by default: the cores, at most this many. */
export const DEFAULT_MAX_THREADS = 8;
/** The largest --jobs. */
export const MAX_JOBS = 64;
/** Files of one check task (more when a unit of paired files is longer; a published file ends a task). */
export const TASK_FILES = 8;
/**
 * The marker of a worker thread's workerData. (Here, not in cli.ts: the CLI's first batch starts
 * while cli.ts is still being evaluated, before its later constants are set.)
 */
export const WORKER = 'govreport-check-worker';
