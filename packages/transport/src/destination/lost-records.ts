/**
 * Write errors after which a destination never takes bytes again: the descriptor is not open for
 * writing (EBADF), or the reader closed the pipe or socket (EPIPE) and nobody can open it again. A
 * named FIFO the destination opened by its path is the exception: a new reader may open it, so its
 * EPIPE is retried like any other failure.
 */
export function isFinalWriteError(error: Error, openedByPath: boolean): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EBADF' || (code === 'EPIPE' && !openedByPath);
}

/**
 * How many records end in bytes [start, end) of formatted output: newlines not followed by an indented
 * line (a pretty record's error stack continues on lines that start with spaces; JSON and logfmt records
 * are one line each). The last newline of the range ends a record: only whole records are ever sent.
 */
export function countRecordEnds(bytes: Uint8Array, start: number, end: number): number {
  const range = bytes.subarray(start, end);
  const last = range.length - 1;
  let records = 0;
  for (let at = range.indexOf(NEWLINE); at !== -1; at = range.indexOf(NEWLINE, at + 1)) {
    if (at === last || range[at + 1] !== SPACE) records++;
  }
  return records;
}

const NEWLINE = 0x0a;
const SPACE = 0x20;
