import type { RecordBuffer } from '../buffer/record-buffer.js';

/**
 * Writes a number as JSON.stringify does: integers by a digit loop (no string allocated), everything
 * else through ECMAScript's own Number-to-String, and non-finite values as `null` (JSON has no NaN).
 */
export function writeJsonNumber(out: RecordBuffer, n: number): void {
  if ((n | 0) === n) {
    writeInt32(out, n);
  } else if (Number.isSafeInteger(n)) {
    writeSafeInteger(out, n);
  } else if (!Number.isFinite(n)) {
    out.writeAscii('null');
  } else {
    // Fractions and huge magnitudes: only the engine prints the shortest round-tripping form.
    out.writeAscii(String(n));
  }
}

/** Int32 (and -0, which JSON prints as 0). */
export function writeInt32(out: RecordBuffer, n: number): void {
  out.ensure(11);
  let p = out.pos;
  if (n < 0) {
    out.bytes[p++] = MINUS;
    // -2^31 has no int32 negation: go through the float path, which is exact for it.
    if (n === -2147483648) {
      out.pos = p;
      writeSafeInteger(out, 2147483648);
      return;
    }
    n = -n;
  }
  out.pos = writeInt32DigitPairs(out, p, n);
}

/**
 * Writes a non-negative int32's digits at `p` two at a time (a 16-bit store of a pair from DIGIT_PAIRS
 * per division by 100): half the divisions and stores of one digit at a time, which is what the 5-7
 * digit ids and counters that fields hold spend their time on. Returns the position after them.
 */
function writeInt32DigitPairs(out: RecordBuffer, p: number, n: number): number {
  let v = n | 0;
  const end = p + countDigits(v);
  const view = out.view;
  let q = end;
  while (v >= 100) {
    const next = (v / 100) | 0;
    q -= 2;
    view.setInt16(q, DIGIT_PAIRS[v - next * 100], true);
    v = next;
  }
  if (v >= 10) view.setInt16(q - 2, DIGIT_PAIRS[v], true);
  else out.bytes[q - 1] = ZERO + v;
  return end;
}

/**
 * `writeInt32` for a caller that has made room itself (at least 11 bytes from `p`): writes the digits
 * at `dst[p]` and returns the position after them. The deferred-event replayer reserves a record's worst
 * case once and writes through positions. Self-contained on purpose: V8 inlines it whole into the
 * replayer's compiled code, where calls to `countDigits`/`writeDigits` would exhaust its inlining budget.
 */
export function putInt32(dst: Buffer, p: number, n: number): number {
  if (n < 0) {
    if (n === -2147483648) {
      dst.set(MIN_INT32_TEXT, p);
      return p + MIN_INT32_TEXT.length;
    }
    dst[p++] = MINUS;
    n = -n;
  }
  let end = p + 1;
  for (let rest = n; rest >= 10; rest = (rest / 10) | 0) end++;
  let q = end;
  do {
    const next = (n / 10) | 0;
    dst[--q] = ZERO + (n - next * 10);
    n = next;
  } while (q > p);
  return end;
}

/** Integers up to 2^53 (epoch milliseconds, large ids), split into int32-sized halves. */
export function writeSafeInteger(out: RecordBuffer, n: number): void {
  out.ensure(17);
  if (n < 0) {
    out.bytes[out.pos++] = MINUS;
    n = -n;
  }
  if (n < 1e9) {
    out.pos = writeDigits(out.bytes, out.pos, n, countDigits(n));
    return;
  }
  const high = Math.floor(n / 1e9);
  const low = n - high * 1e9;
  const dst = out.bytes;
  const p = writeDigits(dst, out.pos, high, countDigits(high));
  out.pos = writeDigits(dst, p, low, 9);
}

/** Writes exactly `width` digits of a non-negative integer below 2^31, zero padded on the left. */
export function writeDigits(dst: Buffer, p: number, n: number, width: number): number {
  let q = p + width;
  const end = q;
  while (q > p) {
    const next = (n / 10) | 0;
    dst[--q] = ZERO + (n - next * 10);
    n = next;
  }
  return end;
}

function countDigits(n: number): number {
  if (n < 10) return 1;
  if (n < 100) return 2;
  if (n < 1000) return 3;
  if (n < 10000) return 4;
  if (n < 100000) return 5;
  if (n < 1000000) return 6;
  if (n < 10000000) return 7;
  if (n < 100000000) return 8;
  if (n < 1000000000) return 9;
  return 10;
}

const MINUS = 0x2d;
/** The one int32 whose magnitude is not an int32. */
const MIN_INT32_TEXT = Buffer.from('-2147483648');
const ZERO = 0x30;
/** `00` to `99` as little-endian 16-bit words: the low byte is the tens digit, written first. */
const DIGIT_PAIRS = new Int16Array(100).map((_, i) => (ZERO + ((i / 10) | 0)) | ((ZERO + (i % 10)) << 8));
