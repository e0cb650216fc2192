// A worker thread of the workspace check (server/src/workspace.ts; built as dist/check-worker.js):
// reads and identifies files for the pairing, checks them, and sends back plain data (the text,
// the identity; the findings, their diagnostics and counts). The server's main thread keeps the
// open documents (typing) and the protocol; what a worker cannot do (it dies, it throws) the main
// thread does itself (WorkerLost), so no file is lost.
import { parentPort, workerData } from 'node:worker_threads';
import { serve } from '../../host/src/pool';
import { positions } from './positions';
import { runTask, type WorkerInit, type WorkerTask } from './workspaceTasks';

const init = workerData as WorkerInit;
positions.encoding = init.encoding;
// Tests only: a worker that dies on a given file (a crash must never lose a file).
const dieOn = process.env.GOVREPORT_TEST_WORKER_DIE_ON;
serve(parentPort!, (task: WorkerTask) => {
  if (dieOn && task.files.some((f) => ('path' in f ? f.path : f.uri).includes(dieOn))) process.exit(70);
  return runTask(task);
});
