import type { RecordBuffer } from '../buffer/record-buffer.js';
import { createRecordFormat } from '../format/create-format.js';
import type { RecordFormat } from '../format/record-format.js';
import { JsonValueWriter } from '../json/json-value-writer.js';
import { writeJsonStringFromLatin1 } from '../json/write-json-string.js';
import type { Clock } from '../time/timestamp.js';
import {
  getFloat64,
  getNumber,
  getString,
  isLatin1String,
  STRING_HEADER_BYTES,
  stringUnits,
} from './binary-args.js';
import type { EventDescriptor, ReplayStep } from './event-descriptor.js';

type Replay = (src: Buffer, at: number, head: Buffer, out: RecordBuffer) => void;

/**
 * Formats a deferred event's binary records on the thread that writes them: the descriptor's static
 * runs in order, with the time and each argument written by the same format writers, with the same
 * limits, as the caller's thread would have used. The output is byte-for-byte that text.
 *
 * The steps are compiled once into straight-line code (indexes and identifiers only: nothing from the
 * descriptor's text becomes code), and a JSON record's Latin-1 strings are escaped straight from the
 * ring's bytes, without building a string.
 */
export class EventReplayer {
  private readonly heads: ReadonlyMap<number, Buffer>;
  private readonly run: Replay;

  constructor(descriptor: EventDescriptor) {
    // Only scalar arguments are deferred, and censored fields are static runs: the writers used here
    // never consult redaction or serializers.
    const values = new JsonValueWriter(descriptor.limits, null, null);
    const format = createRecordFormat(descriptor.format, descriptor.keys, descriptor.timestamp, values);
    this.heads = descriptor.heads;
    const deps: ReplayDeps = {
      format,
      statics: descriptor.statics,
      clock: new RecordClock(),
      cursor: new Int32Array(1),
      getFloat64,
      getNumber,
      writeString:
        descriptor.format === 'json'
          ? jsonStringWriter(format, descriptor.limits.stringLength)
          : (src, cursor, out) => format.writeString(out, getString(src, cursor)),
    };
    this.run = new Function('deps', replaySource(descriptor.steps))(deps) as Replay;
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
    this.run(src, at, this.heads.get(level) as Buffer, out);
  }
}

interface ReplayDeps {
  format: RecordFormat;
  statics: readonly Buffer[];
  clock: RecordClock;
  cursor: Int32Array;
  getFloat64: typeof getFloat64;
  getNumber: typeof getNumber;
  writeString: (src: Buffer, cursor: Int32Array, out: RecordBuffer) => void;
}

function replaySource(steps: readonly ReplayStep[]): string {
  const statements = steps.map((step) => {
    if (step.kind === 'static')
      return step.index === 0 ? 'out.writeBytes(head);' : `out.writeBytes(s${step.index});`;
    if (step.kind === 'time') {
      return 'clock.ms = getFloat64(src, cursor[0]); cursor[0] += 8; format.writeTimeNow(out, clock);';
    }
    if (step.type === 'string') return 'writeString(src, cursor, out);';
    if (step.type === 'number') return 'format.writeNumber(out, getNumber(src, cursor));';
    return 'format.writeBoolean(out, src[cursor[0]++] === 1);';
  });
  const staticIndexes = steps.flatMap((step) =>
    step.kind === 'static' && step.index > 0 ? [step.index] : [],
  );
  return [
    "'use strict';",
    'const { format, statics, clock, cursor, getFloat64, getNumber, writeString } = deps;',
    ...staticIndexes.map((k) => `const s${k} = statics[${k}];`),
    'return function replay(src, at, head, out) {',
    '  cursor[0] = at;',
    ...statements.map((line) => `  ${line}`),
    '};',
  ].join('\n');
}

/** JSON strings: Latin-1 bytes within the length limit are escaped in place; others are decoded first. */
function jsonStringWriter(
  format: RecordFormat,
  stringLength: number,
): (src: Buffer, cursor: Int32Array, out: RecordBuffer) => void {
  return (src, cursor, out) => {
    const p = cursor[0];
    const units = stringUnits(src, p);
    if (isLatin1String(src, p) && units <= stringLength) {
      writeJsonStringFromLatin1(out, src, p + STRING_HEADER_BYTES, units);
      cursor[0] = p + STRING_HEADER_BYTES + units;
    } else {
      format.writeString(out, getString(src, cursor));
    }
  };
}

class RecordClock implements Clock {
  ms = 0;
  now(): number {
    return this.ms;
  }
}
