// The readers, loaded on first use: fflate and htmlparser2 are parsed only when a published file
// is read, so checking text files (and starting the server) costs nothing more. The bundles
// take the readers from dist/readers.js (see esbuild.mjs), as they take iconv-lite.
import type * as Readers from './index';

let loaded: typeof Readers | undefined;

export function readers(): typeof Readers {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require('./index') as typeof Readers);
}
