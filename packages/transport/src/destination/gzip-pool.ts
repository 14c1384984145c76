import { existsSync } from 'node:fs';
// A namespace import: a bundled ESM app often declares its own `createRequire` in a banner.
import * as nodeModule from 'node:module';
import { dirname, join } from 'node:path';
import { gzipFile } from './gzip-file.js';

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
 * stream instead (see `Compressor`).
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

interface PiscinaPool {
  run(task: unknown): Promise<unknown>;
  destroy(): Promise<void>;
}

/** How a rotated file got compressed (counted in stats). */
export type CompressedBy = 'pool' | 'stream';

/**
 * Compresses rotated files off the write path. With piscina and its task file on disk, on a one-thread
 * piscina pool: the sink worker only posts a file name. Without them (a bundled application), with a
 * zlib stream in the sink worker, whose compression runs on libuv's thread pool; the worker's thread
 * only moves 64 KiB chunks between the file and zlib, between its other work.
 */
export class Compressor {
  private pool: PiscinaPool | null = null;
  private readonly running = new Set<Promise<unknown>>();

  constructor(location: GzipTaskLocation | null) {
    if (location === null) return;
    try {
      const loaded = nodeModule.createRequire(location.piscina)(location.piscina) as {
        Piscina?: new (options: object) => PiscinaPool;
      };
      const Piscina = loaded.Piscina ?? (loaded as unknown as new (options: object) => PiscinaPool);
      this.pool = new Piscina({ filename: location.task, minThreads: 0, maxThreads: 1, idleTimeout: 5000 });
    } catch {
      this.pool = null;
    }
  }

  /** Compresses `file` into `file.gz`; resolves with how, rejects if it failed (the file stays as is). */
  compress(file: string): Promise<CompressedBy> {
    const by: CompressedBy = this.pool === null ? 'stream' : 'pool';
    const work = this.pool === null ? gzipFile(file) : this.pool.run(file);
    const done = work.then(() => by);
    this.running.add(done);
    const forget = () => this.running.delete(done);
    done.then(forget, forget);
    return done;
  }

  /** Waits for compressions under way, then stops the pool's thread. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.running]);
    await this.pool?.destroy();
    this.pool = null;
  }
}
