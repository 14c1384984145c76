import { createReadStream, createWriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

/**
 * Compresses `source` into `source.gz` and removes `source`. The archive is written under a temporary
 * name and renamed when complete, so a `.gz` file is never a partial one; the source is removed only
 * after that. zlib's stream compresses on libuv's thread pool, not on the calling thread.
 */
export async function gzipFile(source: string): Promise<string> {
  const target = `${source}.gz`;
  const partial = `${target}.partial`;
  try {
    await pipeline(createReadStream(source), createGzip(), createWriteStream(partial));
    await rename(partial, target);
    // Already gone is fine: pruned while it was being compressed (the archive is pruned after it).
    await unlink(source).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  } catch (error) {
    await unlink(partial).catch(() => {});
    throw error;
  }
  return target;
}
