import { RecordBuffer } from '@sluice/core';
import sonicBoomModule from 'sonic-boom';

/** sonic-boom in buffer mode (its typings describe only string mode). */
interface SonicBufferStream {
  write(chunk: Uint8Array): boolean;
  on(event: 'write', listener: (bytes: number) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

const SonicBoom = ((sonicBoomModule as unknown as { SonicBoom?: unknown }).SonicBoom ??
  sonicBoomModule) as new (
  options: object,
) => SonicBufferStream;

/** A batch handed to the destination, with what to do once every byte of it is written. */
interface InFlight {
  remaining: number;
  onWritten: () => void;
}

/**
 * The worker's output: batches of formatted records written through sonic-boom's async writes (libuv's
 * thread pool), so the worker's own thread stays free to keep the clock and drain rings while the
 * destination is slow. Memory is bounded: the caller stops copying when `inFlightBytes` reaches its cap.
 */
export class BatchWriter {
  readonly batch = new RecordBuffer(BATCH_BYTES + 16 * 1024);
  private readonly sonic: SonicBufferStream;
  private readonly queue: InFlight[] = [];
  inFlightBytes = 0;
  errors = 0;
  bytesWritten = 0;

  /** True from a failed write until a write succeeds again. */
  failing = false;
  private retryDelayMs = MIN_RETRY_MS;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    fd: number,
    private readonly onError: (error: Error) => void,
    private readonly onRecovered: () => void,
  ) {
    this.sonic = new SonicBoom({ fd, sync: false, contentMode: 'buffer', minLength: 0 });
    this.sonic.on('write', (bytes) => this.written(bytes));
    this.sonic.on('error', (error) => this.failed(error));
  }

  /**
   * A write failed (ENOSPC, EPIPE, EACCES, ...). sonic-boom keeps the unwritten chunk; retry it with
   * backoff (50 ms doubling to 2 s) so a full disk or a closed pipe never spins the CPU, and writing
   * resumes by itself once the destination recovers. Nothing in flight is dropped here.
   */
  private failed(error: Error): void {
    this.errors++;
    this.failing = true;
    this.onError(error);
    if (this.retryTimer !== null) return;
    const delay = this.retryDelayMs;
    this.retryDelayMs = Math.min(delay * 2, MAX_RETRY_MS);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      // An empty write makes sonic-boom start writing again, beginning with the chunk it kept.
      this.sonic.write(EMPTY);
    }, delay);
  }

  /** Hands the current batch to the destination; `onWritten` runs once all of it is written. */
  send(onWritten: () => void): void {
    const batch = this.batch;
    const length = batch.pos;
    if (length === 0) {
      onWritten();
      return;
    }
    // The written batch stays with sonic-boom until its write completes: the next batch gets new memory.
    const bytes = batch.swap(Buffer.allocUnsafeSlow(batch.bytes.length));
    this.queue.push({ remaining: length, onWritten });
    this.inFlightBytes += length;
    this.sonic.write(bytes.subarray(0, length));
  }

  private written(bytes: number): void {
    if (this.failing && bytes > 0) {
      this.failing = false;
      this.retryDelayMs = MIN_RETRY_MS;
      this.onRecovered();
    }
    this.bytesWritten += bytes;
    let left = bytes;
    const queue = this.queue;
    while (left > 0 && queue.length > 0) {
      const head = queue[0];
      const taken = Math.min(head.remaining, left);
      head.remaining -= taken;
      left -= taken;
      this.inFlightBytes -= taken;
      if (head.remaining === 0) {
        queue.shift();
        head.onWritten();
      }
    }
  }
}

const MIN_RETRY_MS = 50;
const MAX_RETRY_MS = 2000;
const EMPTY = Buffer.alloc(0);

/** Records are gathered up to this size before a write: large enough to amortise the syscall. */
export const BATCH_BYTES = 64 * 1024;
