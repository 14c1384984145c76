import { createWriteStream } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
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
  // Opened before the archive is created: a source pruned meanwhile fails here, leaving nothing behind
  // (a write stream still opening when the pipeline fails would create the archive after its cleanup).
  const input = await open(source, 'r');
  try {
    await pipeline(input.createReadStream(), createGzip(), createWriteStream(partial));
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
