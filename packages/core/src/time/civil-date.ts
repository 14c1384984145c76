import { writeDigits } from '../json/write-json-number.js';

/**
 * Writes `YYYY-MM-DD` for a count of days since 1970-01-01 at `p` and returns the new position (10
 * bytes; the caller has made room). Howard Hinnant's civil_from_days, in integer arithmetic, so no
 * Date object is made.
 */
export function writeCivilDate(dst: Buffer, p: number, days: number): number {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  p = writeDigits(dst, p, year, 4);
  dst[p++] = DASH;
  p = writeDigits(dst, p, month, 2);
  dst[p++] = DASH;
  return writeDigits(dst, p, day, 2);
}

const DASH = 0x2d;

/** Writes `HH:MM:SS` at `p` and returns the new position (8 bytes; the caller has made room). */
export function writeTimeOfDay(
  dst: Buffer,
  p: number,
  hours: number,
  minutes: number,
  seconds: number,
): number {
  p = writeDigits(dst, p, hours, 2);
  dst[p++] = COLON;
  p = writeDigits(dst, p, minutes, 2);
  dst[p++] = COLON;
  return writeDigits(dst, p, seconds, 2);
}

const COLON = 0x3a;

/**
 * Writes `YYYY-MM-DD`, `separator` and `HH:MM:SS` for `ms` milliseconds since 1970-01-01 (UTC, or a
 * local time the caller has offset) at `p` and returns the new position (19 bytes; the caller has made
 * room). The ISO timestamp and foundation's local timestamp both start this way.
 */
export function writeDateTime(dst: Buffer, p: number, ms: number, separator: number): number {
  const days = Math.floor(ms / MS_PER_DAY);
  let rest = ms - days * MS_PER_DAY;
  const hours = (rest / 3_600_000) | 0;
  rest -= hours * 3_600_000;
  const minutes = (rest / 60_000) | 0;
  rest -= minutes * 60_000;
  p = writeCivilDate(dst, p, days);
  dst[p++] = separator;
  return writeTimeOfDay(dst, p, hours, minutes, (rest / 1000) | 0);
}

const MS_PER_DAY = 86_400_000;
