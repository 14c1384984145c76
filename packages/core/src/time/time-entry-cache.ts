import { RecordBuffer } from '../buffer/record-buffer.js';

/**
 * The last time entry a format encoded (`,"time":1764164467000` or ` time=2026-...Z`) and the
 * millisecond it was for. Many records share a millisecond; they copy these bytes instead of
 * formatting the time again. One small buffer is made per new millisecond.
 */
export class TimeEntryCache {
  private ms = Number.NaN;
  private bytes: Buffer = Buffer.alloc(0);
  private readonly scratch = new RecordBuffer(64);

  constructor(private readonly encode: (out: RecordBuffer, ms: number) => void) {}

  /** The encoded entry for `ms`, re-encoded only when the millisecond changed. */
  entryFor(ms: number): Buffer {
    if (ms !== this.ms) {
      const scratch = this.scratch;
      scratch.pos = 0;
      this.encode(scratch, ms);
      this.bytes = Buffer.from(scratch.bytes.subarray(0, scratch.pos));
      this.ms = ms;
    }
    return this.bytes;
  }
}
