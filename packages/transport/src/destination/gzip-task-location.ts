import { existsSync } from 'node:fs';
// A namespace import: a bundled ESM app often declares its own `createRequire` in a banner.
import * as nodeModule from 'node:module';
import { dirname, join } from 'node:path';

/** Where piscina and the compression task are, found on the thread that creates the transport. */
export interface GzipTaskLocation {
  /** piscina's entry file, resolved from @sluice/transport's own directory. */
  piscina: string;
  /** dist/cjs/destination/gzip-task.js of the installed @sluice/transport. */
  task: string;
}

/**
 * Finds the installed @sluice/transport from the application (its main script, then the working
 * directory) and, next to it, piscina and the compiled task file. Null when they are not on disk: an
 * application bundled into one file ships neither, and the sink worker then compresses with a zlib
 * stream instead (see `Compressor` in compressor.ts).
 */
export function locateGzipTask(): GzipTaskLocation | null {
  const bases = [process.argv[1], join(process.cwd(), 'noop.js')];
  for (const base of bases) {
    if (base === undefined) continue;
    try {
      const manifest = nodeModule.createRequire(base).resolve('@sluice/transport/package.json');
      const task = join(dirname(manifest), 'dist', 'cjs', 'destination', 'gzip-task.js');
      const piscina = nodeModule.createRequire(manifest).resolve('piscina');
      if (existsSync(task)) return { piscina, task };
    } catch {
      // not resolvable from this base: try the next
    }
  }
  return null;
}
