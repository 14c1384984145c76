import { writeSync } from 'node:fs';

/** Writes all of `bytes[0, length)` synchronously, retrying short writes and EAGAIN (bounded backoff). */
export function writeAllSync(fd: number, bytes: Buffer, length: number): void {
  let offset = 0;
  let retries = 0;
  while (offset < length) {
    try {
      offset += writeSync(fd, bytes, offset, length - offset);
      retries = 0;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN' || ++retries > EAGAIN_RETRIES) throw error;
      Atomics.wait(EAGAIN_SLEEP, 0, 0, Math.min(100, 2 ** retries));
    }
  }
}

/** A stalled non-blocking pipe gets ~100 retries with backoff (about 10 s) before the write gives up. */
const EAGAIN_RETRIES = 100;
const EAGAIN_SLEEP = new Int32Array(new SharedArrayBuffer(4));
