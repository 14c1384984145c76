// A namespace import: a bundled ESM app often declares its own `createRequire` in a banner.
import * as nodeModule from 'node:module';
import { gzipFile } from './gzip-file.js';
import type { GzipTaskLocation } from './gzip-task-location.js';

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
