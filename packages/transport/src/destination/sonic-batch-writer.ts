import { RecordBuffer } from '@sluice/core';
import { SonicBoom as VendoredSonicBoom } from '@sluice/core/internal';
import { countRecordEnds } from './count-record-ends.js';
import { cutTornRecord } from './cut-torn-record.js';
import { isFinalWriteError } from './final-write-error.js';
import type { DestinationEvents } from './record-destination.js';
import { writeUntilRefused } from './write-until-refused.js';
import { writesWithoutWaiting } from './writes-without-waiting.js';

/** sonic-boom in buffer mode (its typings describe only string mode). */
interface SonicBufferStream {
  write(chunk: Uint8Array): boolean;
  reopen(): void;
  end(): void;
  destroy(): void;
  on(event: 'write', listener: (bytes: number) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'ready', listener: () => void): unknown;
  readonly fd: number;
  once(event: 'close', listener: () => void): unknown;
}

const SonicBoom = VendoredSonicBoom as new (options: object) => SonicBufferStream;

/**
 * Where one writer writes: an open descriptor (closed by `close` only when `owned`: stdout or a
 * descriptor the application passed stays open), or a path sonic-boom opens (and can re-open).
 */
export type SonicTarget = { fd: number; owned?: boolean } | { path: string; mkdir: boolean; mode: number };

/** A batch handed to sonic-boom, with what to do once every byte of it is written. */
interface InFlight {
  /** The bytes sent (kept to count the records in them if they are never written). */
  bytes: Buffer | null;
  remaining: number;
  onWritten: () => void;
  /** The batch's memory, reused for a later batch once written (null for a flush marker). */
  memory: Buffer | null;
}

/**
 * Batches of formatted records written through sonic-boom's async writes (libuv's thread pool), so the
 * worker's own thread stays free to keep the clock and drain rings while the destination is slow.
 * Records are gathered into `batch` (128 KiB) before a write; memory is bounded because the worker stops
 * handing records over while `inFlightBytes` is above its cap.
 *
 * Failures: a failed write (ENOSPC, EACCES, ...) is kept by sonic-boom and retried here with backoff
 * (50 ms doubling to 2 s), so a broken destination costs no CPU and writing resumes by itself. EAGAIN (a
 * non-blocking pipe whose reader is slow) is retried by sonic-boom every 100 ms, at most EAGAIN_RETRIES
 * times in a row; past that it surfaces as a failure and joins the backoff above.
 *
 * A small batch with nothing in flight, to a regular file or a device such as /dev/null (which never
 * make a write wait), is written right here with one synchronous write instead: a trickle of records
 * then costs the worker one wake-up per record, not also a thread-pool thread's and the completion's.
 * So is a batch of any size while records come slower than bursts (`steady`).
 * Anything else, and any batch whose synchronous write fails or falls short, goes the async way above.
 *
 * A destination gone for good (EBADF; EPIPE: the reader closed a pipe nobody can open again), or one
 * still failing once the process exits (`giveUpOnFailure`), is abandoned: what it holds and everything
 * sent later is discarded, its records counted in `recordsDropped`, and a file's torn last record is cut
 * back to the last whole one. Its flush callbacks then run at once, so the rings keep draining and
 * nobody waits for it.
 */
export class SonicBatchWriter {
  batch = new RecordBuffer(BATCH_BYTES + 16 * 1024);
  private readonly sonic: SonicBufferStream;
  private readonly queue: InFlight[] = [];
  /**
   * Written batches' memory, kept for the next batches: a fresh 80 KiB buffer per batch costs its page
   * faults and the allocator's work again each time. At most the batches the in-flight cap allows.
   */
  private readonly spare: Buffer[] = [];
  inFlightBytes = 0;
  /** Bytes handed to sonic-boom, and bytes it has written: cumulative, across re-opens. */
  bytesSent = 0;
  bytesWritten = 0;
  /** True from a failed write until a write succeeds again. */
  failing = false;
  /** Records come slower than bursts (RecordDestination.steady): batches of any size are written here. */
  steady = false;
  /** Records discarded since the destination was abandoned (see `abandon`), cumulative. */
  recordsDropped = 0;
  /** Why the destination was abandoned; null while it is written (or retried). */
  abandoned: Error | null = null;
  /** Set when the process exits: a failing write is abandoned at once instead of retried. */
  private giveUpOnFailure = false;
  /** Bytes written since the last whole record: a torn record's head, cut off if it is abandoned. */
  private tornBytes = 0;
  private retryDelayMs = MIN_RETRY_MS;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  /** Between reopen() and sonic-boom's 'ready': the descriptor is about to change. */
  private reopening = false;
  /** The descriptor last judged for synchronous writes (see writesWithoutWaiting), and the verdict. */
  private judgedFd = -1;
  private judgedWithoutWaiting = false;
  private readonly owned: boolean;
  private readonly openedByPath: boolean;

  constructor(
    target: SonicTarget,
    private readonly events: DestinationEvents,
  ) {
    const where =
      'fd' in target
        ? { fd: target.fd }
        : { dest: target.path, mkdir: target.mkdir, mode: target.mode, append: true };
    this.sonic = new SonicBoom({
      ...where,
      sync: false,
      contentMode: 'buffer',
      minLength: 0,
      maxWriteRetries: EAGAIN_RETRIES,
    });
    this.owned = !('fd' in target) || target.owned === true;
    this.openedByPath = !('fd' in target);
    this.sonic.on('write', (bytes) => this.written(bytes));
    this.sonic.on('error', (error) => this.failed(error));
    // sonic-boom says 'ready' when it has opened a path (again, after reopen), before it writes to it.
    const opened = events.onFileOpened;
    this.sonic.on('ready', () => {
      this.reopening = false;
      if (opened !== undefined && !('fd' in target)) opened(this.sonic.fd, this.bytesWritten);
    });
  }

  get fd(): number {
    return this.sonic.fd;
  }

  /** Copies one record into the batch, writing the batch out when it is full. */
  append(bytes: Uint8Array, start: number, end: number): void {
    const batch = this.batch;
    const length = end - start;
    batch.ensure(length);
    batch.bytes.set(bytes.subarray(start, end), batch.pos);
    batch.pos += length;
    if (batch.pos >= BATCH_BYTES) this.send(null);
  }

  /** Nothing held, in flight, being opened or waiting for a retry (see RecordDestination.idle). */
  get idle(): boolean {
    if (this.abandoned !== null) return true;
    return (
      this.queue.length === 0 &&
      this.batch.pos === 0 &&
      this.retryTimer === null &&
      !this.reopening &&
      !this.closed &&
      this.sonic.fd >= 0
    );
  }

  /** Bytes held in the batch or handed to sonic-boom and not yet written. */
  get pendingBytes(): number {
    return this.inFlightBytes + this.batch.pos;
  }

  /**
   * Hands the current batch to sonic-boom; `onWritten` runs once all of it and everything sent before
   * it is written (at once when nothing is pending).
   */
  send(onWritten: (() => void) | null): void {
    const batch = this.batch;
    let length = batch.pos;
    if (this.abandoned !== null) {
      this.recordsDropped += countRecordEnds(batch.bytes, 0, length);
      batch.pos = 0;
      batch.start = 0;
      onWritten?.();
      return;
    }
    if (length > 0 && (length < SYNC_WRITE_BELOW_BYTES || this.steady)) {
      if (this.writtenHere(length)) {
        onWritten?.();
        return;
      }
      // Written in part: what is left was moved to the start of the batch.
      length = batch.pos;
    }
    if (length > 0) {
      // What is sent stays with sonic-boom until its write completes. A mostly empty batch (a flush, a
      // pass that emptied the rings) leaves as a copy of its bytes and the batch is reused, so memory in
      // flight follows the bytes in flight, not the count of sends; a fuller batch leaves whole.
      let memory: Buffer | null = null;
      let bytes: Buffer;
      if (length < COPY_BELOW_BYTES) {
        bytes = Buffer.allocUnsafeSlow(length);
        batch.bytes.copy(bytes, 0, 0, length);
        batch.pos = 0;
        batch.start = 0;
      } else {
        memory = batch.swap(this.batchMemory(batch.bytes.length));
        bytes = memory.subarray(0, length);
      }
      this.queue.push({ bytes, remaining: length, onWritten: onWritten ?? NOTHING, memory });
      this.inFlightBytes += length;
      this.bytesSent += length;
      this.sonic.write(bytes);
    } else if (onWritten !== null) {
      const last = this.queue[this.queue.length - 1];
      if (last === undefined) onWritten();
      // Runs right after the last batch's.
      else this.queue.push({ bytes: null, remaining: 0, onWritten, memory: null });
    }
  }

  /**
   * Writes the whole batch with synchronous writes when nothing else is in flight and the descriptor
   * never makes a write wait; true when every byte went. A write that fails or falls short leaves the
   * rest in the batch for the async path (whose retries and failure handling take over).
   */
  private writtenHere(length: number): boolean {
    if (this.queue.length !== 0 || this.failing || this.reopening || this.closed) return false;
    const fd = this.sonic.fd;
    if (fd < 0 || !this.writesWithoutWaiting(fd)) return false;
    const batch = this.batch;
    // A failure leaves the rest to the async path, which writes it again and reports it its way.
    const written = writeUntilRefused(fd, batch.bytes, length);
    if (written > 0) {
      this.bytesSent += written;
      this.noteWritten(batch.bytes, 0, written);
      this.bytesWritten += written;
    }
    if (written === length) {
      batch.pos = 0;
      batch.start = 0;
      return true;
    }
    batch.bytes.copyWithin(0, written, length);
    batch.pos = length - written;
    batch.start = 0;
    return false;
  }

  /** writesWithoutWaiting, judged once per descriptor. */
  private writesWithoutWaiting(fd: number): boolean {
    if (fd !== this.judgedFd) {
      this.judgedFd = fd;
      this.judgedWithoutWaiting = writesWithoutWaiting(fd);
    }
    return this.judgedWithoutWaiting;
  }

  /** Memory for the next batch: a written batch's of the same size, or new. */
  private batchMemory(size: number): Buffer {
    const spare = this.spare;
    while (spare.length > 0) {
      const memory = spare.pop() as Buffer;
      if (memory.length === size) return memory;
    }
    return Buffer.allocUnsafeSlow(size);
  }

  /** Re-opens the file path (after logrotate moved it); what is pending goes to the new file. */
  reopen(): void {
    if (this.closed || this.abandoned !== null) return;
    try {
      this.reopening = true;
      this.sonic.reopen();
    } catch (error) {
      this.failed(error as Error);
    }
  }

  /** Sends what is batched, then closes once it is written; `done` runs after the descriptor closes. */
  close(done: () => void): void {
    this.send(() => {
      if (this.closed || !this.owned) return done();
      this.closed = true;
      if (this.retryTimer !== null) clearTimeout(this.retryTimer);
      this.sonic.once('close', done);
      // An abandoned destination's sonic-boom still holds what it could not write: never try it again.
      if (this.abandoned !== null) this.sonic.destroy();
      else this.sonic.end();
    });
  }

  /**
   * The process is exiting: a destination failing now (or later) is abandoned instead of retried, so
   * the exit drain counts what it cannot write rather than leaving it uncounted in memory.
   */
  giveUpIfFailing(): void {
    this.giveUpOnFailure = true;
    // Only between retries: a retry under way may still succeed, and a failure abandons it then.
    if (this.failing && this.retryTimer !== null && this.abandoned === null) {
      this.abandon(this.lastError ?? new Error('write failed'));
    }
  }

  private lastError: Error | null = null;

  private failed(error: Error): void {
    if (this.abandoned !== null) return;
    this.lastError = error;
    if (this.giveUpOnFailure || isFinalWriteError(error, this.openedByPath)) {
      this.abandon(error);
      return;
    }
    this.failing = true;
    this.events.onError(error);
    if (this.retryTimer !== null || this.closed) return;
    const delay = this.retryDelayMs;
    this.retryDelayMs = Math.min(delay * 2, MAX_RETRY_MS);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      // An empty write makes sonic-boom start writing again, beginning with the chunk it kept.
      this.sonic.write(EMPTY);
    }, delay);
  }

  /**
   * Stops writing for good: counts the records of every byte not yet written (a record partly written
   * counts as dropped, and its written head is cut off a regular file), then runs the flush callbacks
   * waiting for them. sonic-boom keeps its copies, never written: it is destroyed, not ended, at close.
   */
  private abandon(error: Error): void {
    this.abandoned = error;
    this.failing = false;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.cutTornRecord();
    const queue = this.queue.splice(0);
    for (const item of queue) {
      if (item.bytes !== null && item.remaining > 0) {
        this.recordsDropped += countRecordEnds(
          item.bytes,
          item.bytes.length - item.remaining,
          item.bytes.length,
        );
      }
    }
    this.inFlightBytes = 0;
    this.events.onAbandoned?.(error);
    for (const item of queue) item.onWritten();
  }

  /** A regular file whose last record was written in part is cut back to the last whole record. */
  private cutTornRecord(): void {
    const torn = this.tornBytes;
    if (torn === 0 || this.fd < 0) return;
    if (cutTornRecord(this.fd, torn)) this.tornBytes = 0;
  }

  private written(bytes: number): void {
    if (this.failing && bytes > 0) {
      this.failing = false;
      this.retryDelayMs = MIN_RETRY_MS;
      this.events.onRecovered();
    }
    this.bytesWritten += bytes;
    let left = bytes;
    const queue = this.queue;
    while (queue.length > 0 && (left > 0 || queue[0].remaining === 0)) {
      const head = queue[0];
      const taken = Math.min(head.remaining, left);
      if (taken > 0 && head.bytes !== null)
        this.noteWritten(head.bytes, head.bytes.length - head.remaining, taken);
      head.remaining -= taken;
      left -= taken;
      this.inFlightBytes -= taken;
      if (head.remaining !== 0) break;
      queue.shift();
      // Every byte of it is written: sonic-boom keeps at most an empty view of it, never reads it again.
      if (head.memory !== null && this.spare.length < MAX_SPARE_BATCHES) this.spare.push(head.memory);
      head.onWritten();
    }
  }

  /** Follows where the last whole record ends in what was written (usually the chunk's last byte). */
  private noteWritten(bytes: Buffer, from: number, length: number): void {
    const end = from + length;
    if (bytes[end - 1] === NEWLINE) {
      this.tornBytes = 0;
      return;
    }
    const newline = bytes.lastIndexOf(NEWLINE, end - 1);
    this.tornBytes = newline >= from ? end - newline - 1 : this.tornBytes + length;
  }
}

const NEWLINE = 0x0a;

const MIN_RETRY_MS = 50;
const MAX_RETRY_MS = 2000;
/** sonic-boom waits 100 ms between EAGAIN retries: about 10 s of a stalled pipe before it is a failure. */
const EAGAIN_RETRIES = 100;
const EMPTY = Buffer.alloc(0);
/**
 * A batch under this size is written synchronously when it can be (see writtenHere): a trickle's
 * records. Larger ones go through the thread pool, so the worker keeps draining rings while they are
 * written.
 */
const SYNC_WRITE_BELOW_BYTES = 16 * 1024;
/** A batch with less than this is sent as a copy: at most 4 whole batches fit the 256 KiB in flight. */
const COPY_BELOW_BYTES = 64 * 1024;
/** Batches in flight at the worker's cap (256 KiB: two batches), plus one being filled. */
const MAX_SPARE_BATCHES = 3;
const NOTHING = (): void => {};

/**
 * Records are gathered up to this size before a write: large enough to amortise the write's hand-off to
 * libuv's thread pool and the completion that wakes this thread (half this size costs the worker
 * measurably more CPU per record at full rate), small enough that two fit the worker's 256 KiB
 * in-flight cap.
 */
export const BATCH_BYTES = 128 * 1024;
