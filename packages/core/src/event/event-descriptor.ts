import type { FormatName, RecordKeys } from '../format/record-format.js';
import type { TimestampMode } from '../time/timestamp.js';
import type { ValueLimits } from '../value/value-limits.js';
import type { BinaryFieldType } from './binary-args.js';

/**
 * Everything another thread needs to turn a deferred event's binary record into the exact text the
 * caller's thread would have written: the static byte runs the event compiled (level heads, message,
 * keys, bindings, censored values), the order of runs, time and arguments, and how the format writes
 * the dynamic parts. Registered once per event, never per call.
 */
export interface EventDescriptor {
  readonly format: FormatName;
  readonly keys: Readonly<RecordKeys>;
  readonly timestamp: TimestampMode;
  readonly limits: Readonly<ValueLimits>;
  readonly steps: readonly ReplayStep[];
  /** The first static run (it holds the level's head) for each level value of the logger. */
  readonly heads: ReadonlyMap<number, Buffer>;
  /** The other static runs, by index; index 0 is the head, found in `heads`. */
  readonly statics: readonly Buffer[];
}

export type ReplayStep =
  | { readonly kind: 'static'; readonly index: number }
  | { readonly kind: 'time' }
  /** `arg`: the caller's argument position (a censored field's argument is never read or sent). */
  | { readonly kind: 'field'; readonly type: BinaryFieldType; readonly arg: number };

/** The descriptor as bytes, to be placed in shared memory. */
export function encodeEventDescriptor(descriptor: EventDescriptor): Uint8Array {
  const wire = {
    format: descriptor.format,
    keys: descriptor.keys,
    timestamp: descriptor.timestamp,
    limits: descriptor.limits,
    steps: descriptor.steps,
    heads: [...descriptor.heads].map(([level, bytes]) => [level, bytes.toString('base64')]),
    statics: descriptor.statics.map((bytes) => bytes.toString('base64')),
  };
  return Buffer.from(JSON.stringify(wire));
}

export function decodeEventDescriptor(bytes: Uint8Array): EventDescriptor {
  const wire = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString());
  return {
    format: wire.format,
    keys: wire.keys,
    timestamp: wire.timestamp,
    limits: wire.limits,
    steps: wire.steps,
    heads: new Map(
      (wire.heads as [number, string][]).map(([level, base64]) => [level, Buffer.from(base64, 'base64')]),
    ),
    statics: (wire.statics as string[]).map((base64) => Buffer.from(base64, 'base64')),
  };
}
