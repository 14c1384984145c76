import type { RecordBuffer } from '../buffer/record-buffer.js';

/**
 * Where a logger's records go. The sink owns `out`; a logger call appends exactly one complete record
 * to it and then calls `commit`. After `commit` returns the sink may have written, queued or handed on
 * the bytes, and may reset `out.pos` or swap `out.bytes`: a logger never keeps a reference to them.
 *
 * All methods are called on the thread that owns the sink.
 */
export interface RecordSink {
  readonly out: RecordBuffer;
  /**
   * Called before a record at `level` is written (the logger has set `out.start = out.pos`). False means
   * the sink drops it (a full ring under a dropping policy): the logger writes nothing.
   */
  begin(level: number): boolean;
  /** A complete record at `level` now ends at `out.pos`. */
  commit(level: number): void;
  /** Writes everything pending before returning (used by `fatal()` and on exit). */
  flushSync(): void;
  /** Resolves when everything committed so far has been handed to the operating system. */
  flush(): Promise<void>;
  /** Flushes, then releases the underlying resource. */
  close(): Promise<void>;
}

/** True for objects that implement RecordSink (as opposed to a Node stream or `{ write }`). */
export function isRecordSink(value: unknown): value is RecordSink {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as RecordSink).commit === 'function' &&
    typeof (value as RecordSink).begin === 'function' &&
    typeof (value as RecordSink).out === 'object'
  );
}

/**
 * `fatal()`'s flush, shared by log methods and precompiled events: the record is already committed, so
 * a failing flush is the sink's to count and report, never an exception into the caller.
 */
export function flushAfterFatal(sink: RecordSink): void {
  try {
    sink.flushSync();
  } catch {
    // Reported by the sink (its error handler and stats).
  }
}
