import type { RecordBuffer } from '@sluice/core';
import type { DestinationEvents, RecordDestination } from './record-destination.js';
import { BATCH_BYTES, SonicBatchWriter, type SonicTarget } from './sonic-batch-writer.js';

/**
 * A descriptor (stdout, stderr, any fd) or a file path, written in 128 KiB batches through sonic-boom.
 * A path is opened in append mode and re-opened by `reopen()`, so logrotate can move the file away
 * (no copytruncate needed) and the next records go to a fresh file at the same path.
 *
 * It also lets the worker copy whole runs of records from a ring straight into its batch (`bulkBatch`),
 * the fast path of a transport with a single target in the ring's own format and no level filter.
 */
export class StreamDestination implements RecordDestination {
  private readonly writer: SonicBatchWriter;
  /** Only a path can be re-opened; stdout or an inherited descriptor stays as it is. */
  private readonly reopens: boolean;

  constructor(target: SonicTarget, events: DestinationEvents) {
    this.writer = new SonicBatchWriter(target, events);
    this.reopens = 'path' in target;
  }

  write(bytes: Uint8Array, start: number, end: number, _level: number): void {
    this.writer.append(bytes, start, end);
  }

  flush(done: () => void): void {
    this.writer.send(done);
  }

  get pendingBytes(): number {
    return this.writer.pendingBytes;
  }

  get idle(): boolean {
    return this.writer.idle;
  }

  get acceptedBytes(): number | undefined {
    return this.reopens ? this.writer.bytesSent + this.writer.batch.pos : undefined;
  }

  /** The descriptor being written (sonic-boom's; -1 while a path is being opened). */
  get fd(): number {
    return this.writer.fd;
  }

  get bytesWritten(): number {
    return this.writer.bytesWritten;
  }

  get recordsDropped(): number {
    return this.writer.recordsDropped;
  }

  giveUpIfFailing(): void {
    this.writer.giveUpIfFailing();
  }

  reopen(): void {
    if (this.reopens) this.writer.reopen();
  }

  close(done: () => void): void {
    this.writer.close(done);
  }

  /** The batch the fast path copies records into, and how much room it has before it must be sent. */
  set steady(steady: boolean) {
    this.writer.steady = steady;
  }

  get steady(): boolean {
    return this.writer.steady;
  }

  bulkBatch(): RecordBuffer {
    return this.writer.batch;
  }

  get bulkRoom(): number {
    return BATCH_BYTES - this.writer.batch.pos;
  }
}
