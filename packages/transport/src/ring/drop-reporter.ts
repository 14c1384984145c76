import { createLogger, type Logger, RecordBuffer, type RecordSink } from '@sluice/core';
import type { RecordShape } from '../worker/worker-data.js';

/** Receives one formatted record: bytes [start, end) of `bytes`, at `level`. Copies what it keeps. */
export type RecordReceiver = (bytes: Uint8Array, start: number, end: number, level: number) => void;

/**
 * Writes the record that reports a ring's drops, `{"level":40,"dropped":{"info":1234},"msg":"sluice
 * dropped 1234 records"}`, in the transport's own record shape (format, keys, base, name), and hands it
 * on like any record. The sink worker routes it to its targets; a producer writing its own ring out
 * writes it after the ring's records.
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
}

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
