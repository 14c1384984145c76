/**
 * The level of a line another logger formatted, read without parsing its JSON: pino opens every line
 * with `{"level":30`; bunyan writes `"level":30` after a few short fields. The level goes into the
 * record's ring header, where the full-ring policy reads it (`shed` keeps warnings, drop counts are per
 * level). A line whose level cannot be read this way (a label such as `"level":"info"`, no level, not
 * JSON) gets `fallback`.
 */

/** The level of a line held as a string. */
export function levelOfLine(line: string, fallback: number): number {
  // The common case (pino): the opening is the key.
  if (line.startsWith(LEVEL_OPENING)) return readLevel(line, LEVEL_OPENING.length, line.length, fallback);
  const at = line.indexOf(LEVEL_KEY);
  if (at === -1 || at > LEVEL_SCAN_LIMIT) return fallback;
  return readLevel(line, at + LEVEL_KEY.length, line.length, fallback);
}

/** The level of the line in `bytes[start, end)` (UTF-8). Scans at most the first LEVEL_SCAN_LIMIT bytes. */
export function levelOfBytes(bytes: Buffer, start: number, end: number, fallback: number): number {
  const keyLength = LEVEL_KEY_BYTES.length;
  const last = Math.min(end - keyLength, start + LEVEL_SCAN_LIMIT);
  for (let at = start; at <= last; at++) {
    if (bytes[at] !== QUOTE) continue;
    let k = 1;
    while (k < keyLength && bytes[at + k] === LEVEL_KEY_BYTES[k]) k++;
    if (k === keyLength) return readLevelBytes(bytes, at + keyLength, end, fallback);
  }
  return fallback;
}

/** Digits of a level number from `at`: at most MAX_LEVEL_DIGITS, else (or none) the fallback. */
function readLevel(line: string, at: number, end: number, fallback: number): number {
  let value = 0;
  let i = at;
  const stop = Math.min(end, at + MAX_LEVEL_DIGITS + 1);
  for (; i < stop; i++) {
    const digit = line.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
  }
  return i === at || i - at > MAX_LEVEL_DIGITS ? fallback : value;
}

function readLevelBytes(bytes: Buffer, at: number, end: number, fallback: number): number {
  let value = 0;
  let i = at;
  const stop = Math.min(end, at + MAX_LEVEL_DIGITS + 1);
  for (; i < stop; i++) {
    const digit = bytes[i] - ZERO;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
  }
  return i === at || i - at > MAX_LEVEL_DIGITS ? fallback : value;
}

/** sluice's `info`, the level of a line whose own level is unknown. */
export const DEFAULT_LINE_LEVEL = 30;

const LEVEL_KEY = '"level":';
const LEVEL_OPENING = '{"level":';
const LEVEL_KEY_BYTES = Buffer.from(LEVEL_KEY, 'latin1');
const QUOTE = 0x22;
const ZERO = 0x30;
/** The ring header keeps a level in 16 bits; sluice's own levels stop at 1000. */
const MAX_LEVEL_DIGITS = 4;
/** bunyan's level follows name, hostname and pid; a key further in is likely a nested one. */
const LEVEL_SCAN_LIMIT = 256;
