// Node's native zlib for the readers' expansion bound (core/src/readers/pdf-bounds.ts): the core
// has no Node API, so the CLI and the server hand this in through ReaderLimits.inflatedSize.
import { constants, inflateSync } from 'node:zlib';
import { DEFAULT_READER_LIMITS, type ReaderLimits } from '../../core/src/readers/types';

/**
 * What `data` (a zlib stream) inflates to, counted up to `max` + 1: zlib stops at
 * maxOutputLength, so nothing past the bound is ever held. A stream cut short counts what it
 * gave (a sync flush accepts a truncated end); damaged data throws, and the reader then counts
 * with its own inflater what came before the damage.
 */
export function nativeInflatedSize(data: Uint8Array, max: number): number {
  try {
    return inflateSync(data, { maxOutputLength: Math.max(1, Math.min(max + 1, 2 ** 31 - 1)), finishFlush: constants.Z_SYNC_FLUSH }).length;
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return max + 1;
    throw e;
  }
}

/** The readers' default bounds, counted with Node's zlib. */
export const NODE_READER_LIMITS: ReaderLimits = { ...DEFAULT_READER_LIMITS, inflatedSize: nativeInflatedSize };
