import { RecordBuffer } from '../buffer/record-buffer.js';
import type { RecordSink } from './record-sink.js';

/** Anything with a `write(string)`: `process.stdout`, a Node Writable, a test's collector. */
export interface WritableLike {
  write(chunk: string): unknown;
  flushSync?(): void;
  flush?(callback?: (error?: Error | null) => void): unknown;
  end?(callback?: () => void): unknown;
}

/**
 * Adapts a string stream: each record is decoded to a string and written. This is the compatibility
 * path (it allocates a string per record); `destination()` is the fast one.
 */
export class StreamSink implements RecordSink {
  readonly out = new RecordBuffer(4096);

  constructor(private readonly stream: WritableLike) {}

  begin(): boolean {
    return true;
  }

  commit(): void {
    const out = this.out;
    const line = out.toString(0, out.pos);
    out.pos = 0;
    this.stream.write(line);
  }

  flushSync(): void {
    this.stream.flushSync?.();
  }

  flush(): Promise<void> {
    const stream = this.stream;
    if (typeof stream.flush !== 'function') return Promise.resolve();
    return new Promise((resolve, reject) => {
      stream.flush!((error) => (error ? reject(error) : resolve()));
    });
  }

  async close(): Promise<void> {
    await this.flush();
  }
}
