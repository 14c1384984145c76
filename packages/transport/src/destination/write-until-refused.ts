import { writeFdSync } from '@sluice/core/internal';

/**
 * Writes `bytes[0, length)` to `fd` with synchronous writes until all went or a write took nothing
 * (failed, or the descriptor would block): returns the bytes written. What is left is the caller's.
 */
export function writeUntilRefused(fd: number, bytes: Uint8Array, length: number): number {
  let written = 0;
  while (written < length) {
    const n = writeFdSync(fd, bytes, written, length - written);
    if (n <= 0) break;
    written += n;
  }
  return written;
}
