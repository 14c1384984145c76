import { fstatSync, ftruncateSync } from 'node:fs';

/**
 * A regular file whose last record was written in part (a write that fell short: the disk filled) is
 * cut back by the `torn` bytes of that record, so the file ends on a whole line and the record can be
 * written again whole. False when the descriptor itself failed (EBADF): nothing could be cut.
 */
export function cutTornRecord(fd: number, torn: number): boolean {
  try {
    const stats = fstatSync(fd);
    if (stats.isFile() && stats.size >= torn) ftruncateSync(fd, stats.size - torn);
    return true;
  } catch {
    return false;
  }
}
