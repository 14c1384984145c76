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
