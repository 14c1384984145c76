import type { RecordBuffer } from '@sluice/core';

/**
 * One output of the sink worker (a file, a rotating file, a syslog socket, stdout). The worker hands it
 * whole formatted records; the destination batches, frames and writes them itself, asynchronously, and
 * says when what it was given has reached the OS, so the worker releases ring space only then: a record
 * leaves shared memory once it is written (at-least-once delivery across a worker crash).
 */
export interface RecordDestination {
  /**
   * Takes one record: bytes [start, end) of `bytes`, one complete formatted line ending in '\n', at the
   * numeric `level` (pino's numbers). Copies what it keeps before returning: `bytes` is reused.
   */
  write(bytes: Uint8Array, start: number, end: number, level: number): void;
  /**
   * Calls `done` once every record given so far has been handed to the OS, or is held in the
   * destination's own bounded buffer (a syslog connection that is down), or was counted as dropped.
   * `done` callbacks run in the order `flush` was called.
   */
  flush(done: () => void): void;
  /** Bytes accepted but not yet handed to the OS: the worker stops draining rings above a cap. */
  readonly pendingBytes: number;
  /**
   * True when nothing is under way that needs the worker's event loop: no write, open, retry timer or
   * socket event pending. The worker may then block its thread until it is woken (see SinkWorker.rest);
   * a destination without it (a socket) always keeps the event loop running.
   */
  readonly idle?: boolean;
  /**
   * Bytes accepted so far, cumulative, for a destination whose file the release journal can judge (a
   * file it opened itself and reports through `onFileOpened`); undefined for the others.
   */
  readonly acceptedBytes?: number;
  /**
   * Records discarded, cumulative: because the destination was abandoned (gone for good, or failing at
   * exit), or (syslog) not held while its server was unreachable, or still held when close() gave up;
   * undefined for a destination that never discards.
   */
  readonly recordsDropped?: number;
  /**
   * Records taken but held in the destination's own bounded buffer for later delivery (a syslog server
   * that is down), right now; undefined for a destination that never holds records back.
   */
  readonly recordsHeld?: number;
  /**
   * The worker's fast path, on a destination that batches bytes itself (a descriptor, a file): the batch
   * whole runs of records are copied into, and the room it has before it must be sent. Absent elsewhere.
   */
  bulkBatch?(): RecordBuffer;
  readonly bulkRoom?: number;
  /**
   * Set by the worker: true while records come slower than bursts (its clock rests). A destination that
   * can write its descriptor synchronously then writes each batch so, whatever its size: one write
   * costs less than handing it to a thread-pool thread and taking its completion.
   */
  steady?: boolean;
  /**
   * On a destination writing one descriptor (a descriptor, a file): that descriptor (-1 while a path is
   * being opened) and the bytes written to it, so the release journal can measure the file again.
   */
  readonly fd?: number;
  readonly bytesWritten?: number;
  /** The process exits: abandon a failing write now, and any later one at once (no more retries). */
  giveUpIfFailing?(): void;
  /** Re-opens the underlying file after an external rotation (SIGHUP, SIGUSR2); otherwise a no-op. */
  reopen(): void;
  /** Writes what is pending, then releases what it holds; `done` runs after the last byte is out. */
  close(done: () => void): void;
}

/** How a destination tells the worker about trouble, so the worker reports it once and counts it. */
export interface DestinationEvents {
  /** A write failed; the destination keeps the data and retries with backoff (never a busy loop). */
  onError(error: Error): void;
  /**
   * The destination stopped writing for good (a closed pipe, a bad descriptor, or the process exits
   * while it fails): from now on it discards and counts what it is given (`recordsDropped`), and its
   * flushes complete at once. Called once.
   */
  onAbandoned?(error: Error): void;
  /**
   * The destination cannot reach where it writes (a syslog server down or not found) but keeps taking
   * records: it holds them in its own bounded buffer or drops and counts them. Reported like onError,
   * but nothing waits for it: rings keep draining and flush() does not fail because of it.
   */
  onUnreachable(error: Error): void;
  /**
   * Records it held were handed on or dropped outside a flush (a reconnect, close): its counts
   * (`recordsHeld`, `recordsDropped`) changed.
   */
  onCountsChanged?(): void;
  /** A write succeeded after failures. */
  onRecovered(): void;
  /**
   * The destination opened its file at a path (again, after `reopen()`) as `fd`, with nothing being
   * written; it had written `written` bytes before (see `acceptedBytes`). Only file destinations.
   */
  onFileOpened?(fd: number, written: number): void;
}
