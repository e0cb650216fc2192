// Keeps the server's memory near what it holds. After analysing a large document, V8 would let
// the garbage of the parse (and the report it replaced) pile up for several edits before a full
// collection, several times the live size of the heap; one full collection right after the
// answer is sent keeps the peak close to one document's worth. Small documents never pay for it.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Characters from which an analysis is followed by a full collection. */
export const COLLECT_AFTER = 1_000_000;

let gc: (() => void) | undefined;
try {
  // The documented way to get `gc` without a command-line flag: the flag set at run time makes a
  // new context expose it.
  setFlagsFromString('--expose-gc');
  gc = runInNewContext('gc') as () => void;
} catch {
  gc = undefined;
}

let pending = false;

/** Schedules one full collection after the current work (and its replies) is done. */
export function collectSoon(): void {
  if (!gc || pending) return;
  pending = true;
  setImmediate(() => {
    pending = false;
    gc!();
  });
}
