import { writeSync } from 'node:fs';

/**
 * Writes `length` bytes of `bytes` from `offset` to `fd` synchronously, as `fs.writeSync` does, and
 * returns how many were written, or -1 when the write failed: the caller hands the bytes to code that
 * writes them again and handles the failure (sonic-boom retries EAGAIN, reports the rest).
 *
 * Node 20's `fs.writeSync` allocates an error-context object on every call (56 B), the one allocation
 * left in a sync record's write. Its fs binding takes that context from the caller, so where the
 * runtime's `writeSync` is that very code (read from its source), one context is kept and reused; any
 * other runtime, or one that would warn about `process.binding`, gets the public `fs.writeSync`.
 */
export function writeFdSync(fd: number, bytes: Uint8Array, offset: number, length: number): number {
  return bindingWrite === null
    ? publicWrite(fd, bytes, offset, length)
    : bindingWrite(fd, bytes, offset, length);
}

type FdWrite = (fd: number, bytes: Uint8Array, offset: number, length: number) => number;

function publicWrite(fd: number, bytes: Uint8Array, offset: number, length: number): number {
  try {
    return writeSync(fd, bytes, offset, length);
  } catch {
    return -1;
  }
}

/** The binding's write with a reused error context, where the runtime's writeSync is built that way. */
function reusedContextWrite(): FdWrite | null {
  if (bindingWouldWarn()) return null;
  try {
    const source = writeSync.toString();
    if (!source.includes(CONTEXT_CALL) || !source.includes(CONTEXT_CHECK)) return null;
    const binding = (process as unknown as { binding(name: string): FsBinding }).binding('fs');
    const writeBuffer = binding.writeBuffer;
    if (typeof writeBuffer !== 'function') return null;
    let context: { errno?: number } = {};
    return (fd, bytes, offset, length) => {
      const written = writeBuffer(fd, bytes, offset, length, null, undefined, context);
      if (context.errno === undefined) return written;
      // A failure (rare): a fresh context, and the caller's fallback writes and reports it.
      context = {};
      return -1;
    };
  } catch {
    return null;
  }
}

interface FsBinding {
  writeBuffer?: (
    fd: number,
    bytes: Uint8Array,
    offset: number,
    length: number,
    position: null,
    request: undefined,
    context: { errno?: number },
  ) => number;
}

/** How Node 20's writeSync calls the binding for a buffer: position, no request, then the context. */
const CONTEXT_CALL = 'binding.writeBuffer(fd, buffer, offset, length, position,';
const CONTEXT_CHECK = 'handleErrorFromBinding(ctx)';

/** `process.binding` warns (DEP0111) under --pending-deprecation; the public write is used then. */
function bindingWouldWarn(): boolean {
  const pending = '--pending-deprecation';
  return (
    typeof (process as unknown as { binding?: unknown }).binding !== 'function' ||
    process.execArgv.includes(pending) ||
    (process.env.NODE_OPTIONS ?? '').includes(pending) ||
    process.env.NODE_PENDING_DEPRECATION === '1'
  );
}

const bindingWrite = reusedContextWrite();
