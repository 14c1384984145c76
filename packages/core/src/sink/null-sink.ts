import { RecordBuffer } from '../buffer/record-buffer.js';
import type { RecordSink } from './record-sink.js';

/** Discards every record: for benchmarks (the logger's own cost) and for tests. */
export class NullSink implements RecordSink {
  readonly out = new RecordBuffer(4096);
  records = 0;

  begin(): boolean {
    return true;
  }

  commit(): void {
    this.out.pos = 0;
    this.records++;
  }

  flushSync(): void {}

  flush(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
