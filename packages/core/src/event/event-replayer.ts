import type { RecordBuffer } from '../buffer/record-buffer.js';
import { createRecordFormat } from '../format/create-format.js';
import type { RecordFormat } from '../format/record-format.js';
import { JsonValueWriter } from '../json/json-value-writer.js';
import type { Clock } from '../time/timestamp.js';
import { getFloat64, getNumber, getString } from './binary-args.js';
import type { EventDescriptor, ReplayStep } from './event-descriptor.js';

/**
 * Formats a deferred event's binary records on the thread that writes them: the descriptor's static
 * runs in order, with the time and each argument written by the same format writers, with the same
 * limits, as the caller's thread would have used. The output is byte-for-byte that text.
 */
export class EventReplayer {
  private readonly format: RecordFormat;
  private readonly steps: readonly ReplayStep[];
  private readonly heads: ReadonlyMap<number, Buffer>;
  private readonly statics: readonly Buffer[];
  /** The record's own time, handed to the format as a clock so its time-entry cache still works. */
  private readonly recordClock = new RecordClock();
  private readonly cursor = new Int32Array(1);

  constructor(descriptor: EventDescriptor) {
    // Only scalar arguments are deferred, and censored fields are static runs: the writers used here
    // never consult redaction or serializers.
    const values = new JsonValueWriter(descriptor.limits, null, null);
    this.format = createRecordFormat(descriptor.format, descriptor.keys, descriptor.timestamp, values);
    this.steps = descriptor.steps;
    this.heads = descriptor.heads;
    this.statics = descriptor.statics;
  }

  /** The level values this event was compiled for. */
  hasLevel(level: number): boolean {
    return this.heads.has(level);
  }

  /**
   * Appends the text of the record whose arguments start at `src[at]` (after the event id). The level
   * must be one `hasLevel` accepts.
   */
  replay(src: Buffer, at: number, level: number, out: RecordBuffer): void {
    const format = this.format;
    const cursor = this.cursor;
    cursor[0] = at;
    for (const step of this.steps) {
      if (step.kind === 'static') {
        out.writeBytes(step.index === 0 ? (this.heads.get(level) as Buffer) : this.statics[step.index]);
      } else if (step.kind === 'time') {
        this.recordClock.ms = getFloat64(src, cursor[0]);
        cursor[0] += 8;
        format.writeTimeNow(out, this.recordClock);
      } else if (step.type === 'string') {
        format.writeString(out, getString(src, cursor));
      } else if (step.type === 'number') {
        format.writeNumber(out, getNumber(src, cursor));
      } else {
        format.writeBoolean(out, src[cursor[0]++] === 1);
      }
    }
  }
}

class RecordClock implements Clock {
  ms = 0;
  now(): number {
    return this.ms;
  }
}
