import type { RecordBuffer } from '../buffer/record-buffer.js';
import { writeDigits, writeSafeInteger } from '../json/write-json-number.js';
import { writeDateTime } from './civil-date.js';

/** `'epoch'`: milliseconds since 1970 (pino's `time`); `'iso'`: RFC 3339 UTC; `false`: no time field. */
export type TimestampMode = 'epoch' | 'iso' | false;

/**
 * Where records get their time. The default reads `Date.now()` for every record: exact to the
 * millisecond, at the cost of a call and one 16-byte heap number per record. A transport supplies a
 * clock kept in shared memory by its worker, which reads without allocating.
 */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: Date.now };

/** Epoch milliseconds as digits. */
export function writeEpochMillis(out: RecordBuffer, ms: number): void {
  writeSafeInteger(out, ms);
}

/**
 * `YYYY-MM-DDTHH:MM:SS.mmmZ` (what `Date.prototype.toISOString` gives for years 0000-9999), computed
 * from the number so no Date object or string is allocated.
 */
export function writeIsoTimestamp(out: RecordBuffer, ms: number): void {
  out.ensure(24);
  const dst = out.bytes;
  let p = writeDateTime(dst, out.pos, ms, LETTER_T);
  dst[p++] = DOT;
  p = writeDigits(dst, p, ms - Math.floor(ms / 1000) * 1000, 3);
  dst[p++] = LETTER_Z;
  out.pos = p;
}

const DOT = 0x2e;
const LETTER_T = 0x54;
const LETTER_Z = 0x5a;
