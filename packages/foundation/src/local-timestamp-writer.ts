import type { RecordBuffer } from '@sluice/core';
import { writeDateTime } from '@sluice/core/internal';

/**
 * Writes structlog's console timestamp, local time without a zone: `YYYY-MM-DD HH:MM:SS.ffffff`
 * (26 bytes), from epoch milliseconds.
 *
 * Microseconds: JavaScript's wall clock (`Date.now()`, the default clock) has millisecond resolution, so
 * by default the last three digits are `000` (ms * 1000): sluice does not invent digits it does not
 * have. A clock that returns fractional milliseconds (e.g. `() => performance.timeOrigin +
 * performance.now()`) fills them in, rounded to the nearest microsecond.
 *
 * No Date object or string per call: the `YYYY-MM-DD HH:MM:SS.` prefix is kept for the current second
 * (a record copies its 20 bytes and writes six digits); when the second changes, the zone offset is
 * re-read with one `Date` per quarter hour (zone changes happen on quarter-hour boundaries).
 */
export class LocalTimestampWriter {
  private offsetBucket = Number.NaN;
  private offsetMs = 0;
  private cachedSecond = Number.NaN;
  /** `YYYY-MM-DD HH:MM:SS.` of `cachedSecond`. */
  private readonly secondBytes = Buffer.alloc(SECOND_PREFIX_BYTES);

  /** Writes the 26-byte timestamp for `epochMs`. */
  write(out: RecordBuffer, epochMs: number): void {
    const micros = Math.round(epochMs * 1000);
    const second = Math.floor(micros / 1_000_000);
    if (second !== this.cachedSecond) this.cacheSecond(second);
    out.ensure(TIMESTAMP_BYTES);
    const dst = out.bytes;
    let p = out.pos;
    // Twenty bytes: a loop beats Buffer#copy, a C++ call whose fixed cost outweighs so few bytes.
    const prefix = this.secondBytes;
    for (let i = 0; i < SECOND_PREFIX_BYTES; i++) dst[p++] = prefix[i];
    // Six digits as two table lookups of three: milliseconds, then microseconds (`000` for Date.now()).
    const fraction = micros - second * 1_000_000;
    const millis = (fraction / 1000) | 0;
    let at = millis * 3;
    dst[p++] = THREE_DIGITS[at++];
    dst[p++] = THREE_DIGITS[at++];
    dst[p++] = THREE_DIGITS[at];
    at = (fraction - millis * 1000) * 3;
    dst[p++] = THREE_DIGITS[at++];
    dst[p++] = THREE_DIGITS[at++];
    dst[p++] = THREE_DIGITS[at];
    out.pos = p;
  }

  private cacheSecond(second: number): void {
    this.cachedSecond = second;
    const utcMs = second * 1000;
    const bucket = Math.floor(utcMs / QUARTER_HOUR_MS);
    if (bucket !== this.offsetBucket) {
      this.offsetBucket = bucket;
      this.offsetMs = -new Date(utcMs).getTimezoneOffset() * 60_000;
    }
    const localMs = utcMs + this.offsetMs;
    const dst = this.secondBytes;
    dst[writeDateTime(dst, 0, localMs, SPACE)] = DOT;
  }
}

const TIMESTAMP_BYTES = 26;
const SECOND_PREFIX_BYTES = 20;
/** `000001002...999`: the three ASCII digits of n at n * 3. */
const THREE_DIGITS = Buffer.from(Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0')).join(''));
const QUARTER_HOUR_MS = 900_000;
const DOT = 0x2e;
const SPACE = 0x20;
