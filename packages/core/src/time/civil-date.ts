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
