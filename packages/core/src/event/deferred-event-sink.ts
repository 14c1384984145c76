import type { RecordSink } from '../sink/record-sink.js';
import type { Clock } from '../time/timestamp.js';

/**
 * A sink that can take precompiled events in binary and format them elsewhere (a transport's ring,
 * formatted by its sink worker). An event registers its descriptor once; each call then writes only
 * `[event id (u32)][time][arguments]` (see binary-args.ts) between `beginEvent` and `commitEvent`.
 */
export interface DeferredEventSink extends RecordSink {
  /**
   * Makes an event's descriptor (encodeEventDescriptor) known to whoever formats this sink's records.
   * Returns the event's id, or -1 when the sink cannot take more: the event then writes text.
   */
  registerEvent(descriptor: Uint8Array): number;
  /**
   * Puts a string in the table whoever formats this sink's records reads references from (see
   * binary-args.ts: SHARED). `binary` is the string's binary form (`encodeBinaryString`). Returns its
   * id, or -1 when the table is full: the string is then written in full.
   */
  registerString(binary: Uint8Array): number;
  /**
   * `begin` for an event record whose arguments take at most `payloadBytes`, with room made for all of
   * them (no `ensure` needed while writing them). False when the sink dropped the record (counted
   * there); it never throws RECORD_ABANDONED. It runs on every deferred call, so a sink answers the
   * common case (room enough) with one comparison.
   */
  beginEvent(level: number, payloadBytes: number): boolean;
  /** Like `commit`, for a record written in the binary event form. */
  commitEvent(level: number): void;
  /**
   * `out.bytes` as Int32 words (word i = bytes 4i to 4i + 3) when that memory never changes and the
   * host is little-endian, so event writers may store four bytes at once; null otherwise. A record's
   * payload starts 8-aligned.
   */
  readonly words: Int32Array | null;
}

export function isDeferredEventSink(sink: RecordSink): sink is DeferredEventSink {
  return (
    typeof (sink as DeferredEventSink).registerEvent === 'function' &&
    typeof (sink as DeferredEventSink).registerString === 'function' &&
    typeof (sink as DeferredEventSink).beginEvent === 'function' &&
    typeof (sink as DeferredEventSink).commitEvent === 'function'
  );
}

/**
 * The consumer's side of a sink's string table: the binary form (`putString`'s) of string `id`. Throws
 * for an id the table does not hold (memory not written by a producer): the record becomes a marked one.
 */
export interface SharedStrings {
  binary(id: number): Buffer;
}

/**
 * A clock that writes the time's 8 bytes (float64, little endian) itself. Returning a double from a
 * call that is not inlined allocates a 16-byte heap number; writing the bytes keeps the deferred path
 * allocation-free.
 */
export interface ByteClock extends Clock {
  /** Writes now() as a little-endian float64 at `d[p]` and returns `p + 8`. */
  writeNow(d: Uint8Array, p: number): number;
  /**
   * The same 8 bytes as two Int32 stores at `w[i]` and `w[i + 1]` (for a sink that has words, see
   * DeferredEventSink.words; little-endian host).
   */
  writeNowWords(w: Int32Array, i: number): void;
}

export function isByteClock(clock: Clock): clock is ByteClock {
  return (
    typeof (clock as ByteClock).writeNow === 'function' &&
    typeof (clock as ByteClock).writeNowWords === 'function'
  );
}
