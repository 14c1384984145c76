import { createLogger, type Logger, RecordBuffer, type RecordSink } from '@sluice/core';
import { LEVEL_BUCKETS, levelBucket } from '../layout/level-buckets.js';
import type { RecordShape } from '../layout/record-shape.js';

/** Receives one formatted record: bytes [start, end) of `bytes`, at `level`. Copies what it keeps. */
export type RecordReceiver = (bytes: Uint8Array, start: number, end: number, level: number) => void;

/**
 * Writes the transport's own records, in its record shape (format, keys, base, name): the one that
 * reports a ring's drops, `{"level":40,"dropped":{"info":1234},"msg":"sluice dropped 1234 records"}`,
 * and the one that replaces a record too large for the ring. It hands each on like any record: the
 * sink worker routes a drop report to its targets, and a producer writing its own ring out writes it
 * after the ring's records; a producer puts a cut record into its ring.
 */
export class DropReporter {
  private readonly logger: Logger;

  constructor(shape: RecordShape, receive: RecordReceiver) {
    const sink = new ReportSink((level) => {
      const out = sink.out;
      receive(out.bytes, out.start, out.pos, level);
      out.pos = 0;
    });
    this.logger = createLogger({
      format: shape.format,
      timestamp: shape.timestamp,
      keys: shape.keys,
      base: shape.base,
      name: shape.name,
      level: 'trace',
      destination: sink,
    });
  }

  report(dropped: Record<string, number>): void {
    let total = 0;
    for (const count of Object.values(dropped)) total += count;
    this.logger.warn({ dropped }, `sluice dropped ${total} records`);
  }

  /**
   * The record that replaces one too large for the ring, at its level's name (a custom level takes its
   * range's): `{"level":60,...,"oversize":{"limit":2097144},"msg":"sluice cut a record too large for the
   * ring"}`, `limit` being the most bytes a record may take in this ring.
   */
  reportCut(level: number, limit: number): void {
    this.logger[LEVEL_BUCKETS[levelBucket(level)]]({ oversize: { limit } }, CUT_MESSAGE);
  }
}

const CUT_MESSAGE = 'sluice cut a record too large for the ring';

/** The reporter's records: each is handed on when committed. */
class ReportSink implements RecordSink {
  readonly out = new RecordBuffer(1024);
  constructor(private readonly committed: (level: number) => void) {}
  begin(): boolean {
    return true;
  }
  commit(level: number): void {
    this.committed(level);
  }
  flushSync(): void {}
  flush(): Promise<void> {
    return Promise.resolve();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}
