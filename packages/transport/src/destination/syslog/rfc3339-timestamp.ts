/**
 * RFC 5424 TIMESTAMP (RFC 3339): local time with milliseconds and the UTC offset, e.g.
 * `2024-05-01T12:00:00.123+02:00` ('Z' when the offset is zero). The date, time and offset are rendered
 * once per second (the offset changes only on a second boundary, at a DST switch); each message then
 * costs three digit writes for the milliseconds.
 */
export class Rfc3339Timestamp {
  private second = Number.NaN;
  /** `YYYY-MM-DDTHH:MM:SS.` of `second`. */
  private readonly dateTime = new Uint8Array(20);
  /** `Z` or `+HH:MM` / `-HH:MM` of `second`. */
  private offset = new Uint8Array(0);

  /** Writes the timestamp of `ms` (epoch milliseconds) at `pos`; returns the position after it. */
  write(out: Uint8Array, pos: number, ms: number): number {
    const second = Math.floor(ms / 1000);
    if (second !== this.second) this.render(second);
    out.set(this.dateTime, pos);
    pos += 20;
    const millis = ms - second * 1000;
    out[pos++] = DIGIT_0 + Math.floor(millis / 100);
    out[pos++] = DIGIT_0 + (Math.floor(millis / 10) % 10);
    out[pos++] = DIGIT_0 + (millis % 10);
    out.set(this.offset, pos);
    return pos + this.offset.length;
  }

  /** The longest timestamp written: 20 + 3 millisecond digits + '+HH:MM'. */
  static readonly MAX_LENGTH = 29;

  private render(second: number): void {
    this.second = second;
    const date = new Date(second * 1000);
    const text =
      `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1, 2)}-${pad(date.getDate(), 2)}` +
      `T${pad(date.getHours(), 2)}:${pad(date.getMinutes(), 2)}:${pad(date.getSeconds(), 2)}.`;
    for (let i = 0; i < 20; i++) this.dateTime[i] = text.charCodeAt(i);
    // getTimezoneOffset is minutes *behind* UTC: -120 for UTC+02:00.
    const minutesAhead = -date.getTimezoneOffset();
    const offset =
      minutesAhead === 0
        ? 'Z'
        : `${minutesAhead > 0 ? '+' : '-'}${pad(Math.floor(Math.abs(minutesAhead) / 60), 2)}:${pad(Math.abs(minutesAhead) % 60, 2)}`;
    this.offset = Buffer.from(offset, 'latin1');
  }
}

const DIGIT_0 = 0x30;

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
