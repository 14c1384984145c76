import { fstatSync } from 'node:fs';
import { isatty } from 'node:tty';

/**
 * True when writes to `fd` complete without waiting on a reader: a regular file, or a device that is
 * not a terminal (/dev/null). Pipes, sockets and terminals can make a write wait (or fail with EAGAIN).
 */
export function writesWithoutWaiting(fd: number): boolean {
  try {
    const stats = fstatSync(fd);
    return stats.isFile() || (stats.isCharacterDevice() && !isatty(fd));
  } catch {
    return false;
  }
}
