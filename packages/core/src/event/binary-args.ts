/**
 * The binary form of a deferred event's arguments: what the caller's thread writes instead of text, and
 * what the thread that formats reads back. Lossless for every value it accepts (lone surrogates, -0,
 * NaN), so the text written later is byte-for-byte the text the caller would have written.
 *
 *   string   [LATIN1][u16 units][one byte per unit]   when every unit is <= 0xff
 *            [UTF16] [u16 units][two bytes per unit]  otherwise (UTF-16 code units, little endian)
 *   number   [INT32][4 bytes]  for int32 values (not -0); [FLOAT64][8 bytes] otherwise
 *   boolean  [0 or 1]
 *            [SHARED][u16 id]                         a string the sink's string table holds
 *   time     8 bytes (float64 milliseconds)
 *
 * Writers take the destination bytes and a position and return the next position: the caller reserves
 * the worst case once (see `maxBinaryBytes`), so no writer checks for room.
 */

/** Strings longer than this take the text path: the record's worst case stays small and known. */
export const MAX_BINARY_STRING_UNITS = 256;

const LATIN1 = 0;
const UTF16 = 1;
const INT32 = 2;
const FLOAT64 = 3;
const SHARED = 4;

/**
 * The tags of the two common cases, for the replayer's compiled code, which reads them inline (a call
 * per argument costs it more than the read): a Latin-1 string (then u16 units, one byte each) and an
 * int32 number (then 4 bytes, little endian).
 */
export const LATIN1_STRING_TAG = LATIN1;
export const INT32_NUMBER_TAG = INT32;
export const SHARED_STRING_TAG = SHARED;

/**
 * A string argument seen twice running at the same place of an event, and at least this long, is put in
 * the sink's string table once and written as a 3-byte reference from then on. Shorter ones cost no
 * more to copy than to reference.
 */
export const MIN_SHARED_STRING_UNITS = 4;

/** Ids are u16: a table holds at most this many strings. */
export const MAX_SHARED_STRINGS = 0xffff;

const float64 = new Float64Array(1);
const float64Bytes = new Uint8Array(float64.buffer);

export type BinaryFieldType = 'string' | 'number' | 'boolean';

/** The most bytes one argument of this type takes. */
export function maxBinaryBytes(type: BinaryFieldType): number {
  if (type === 'string') return 3 + 2 * MAX_BINARY_STRING_UNITS;
  if (type === 'number') return 9;
  return 1;
}

export function putFloat64(d: Uint8Array, p: number, value: number): number {
  float64[0] = value;
  return putFloat64Bytes(d, p, float64Bytes);
}

/**
 * Copies the 8 bytes of a float64 already stored in `bytes` (a view over a Float64Array cell) to `d[p]`,
 * returning `p + 8`. Byte stores, no double passed around: nothing is boxed.
 */
export function putFloat64Bytes(d: Uint8Array, p: number, bytes: Uint8Array): number {
  d[p] = bytes[0];
  d[p + 1] = bytes[1];
  d[p + 2] = bytes[2];
  d[p + 3] = bytes[3];
  d[p + 4] = bytes[4];
  d[p + 5] = bytes[5];
  d[p + 6] = bytes[6];
  d[p + 7] = bytes[7];
  return p + 8;
}

export function getFloat64(d: Uint8Array, p: number): number {
  float64Bytes[0] = d[p];
  float64Bytes[1] = d[p + 1];
  float64Bytes[2] = d[p + 2];
  float64Bytes[3] = d[p + 3];
  float64Bytes[4] = d[p + 4];
  float64Bytes[5] = d[p + 5];
  float64Bytes[6] = d[p + 6];
  float64Bytes[7] = d[p + 7];
  return float64[0];
}

export function putNumber(d: Uint8Array, p: number, value: number): number {
  if ((value | 0) === value && (value !== 0 || 1 / value > 0)) {
    d[p] = INT32;
    d[p + 1] = value & 0xff;
    d[p + 2] = (value >>> 8) & 0xff;
    d[p + 3] = (value >>> 16) & 0xff;
    d[p + 4] = value >>> 24;
    return p + 5;
  }
  d[p] = FLOAT64;
  return putFloat64(d, p + 1, value);
}

/** Reads a number written by `putNumber`; `at[0]` is the position, advanced past it. */
export function getNumber(d: Uint8Array, at: Int32Array): number {
  const p = at[0];
  if (d[p] === INT32) {
    at[0] = p + 5;
    return d[p + 1] | (d[p + 2] << 8) | (d[p + 3] << 16) | (d[p + 4] << 24);
  }
  at[0] = p + 9;
  return getFloat64(d, p + 1);
}

/** A string of at most MAX_BINARY_STRING_UNITS units (the caller checked the length). */
export function putString(d: Uint8Array, p: number, s: string): number {
  const n = s.length;
  d[p] = LATIN1;
  d[p + 1] = n & 0xff;
  d[p + 2] = n >>> 8;
  let q = p + 3;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) return putUtf16(d, p, s);
    d[q++] = c;
  }
  return q;
}

/**
 * `putString` for memory that also has an Int32 view `w` (word i = bytes 4i to 4i + 3, little-endian
 * host): the units go four to a word store once the position is aligned: a quarter of the stores and
 * bounds checks. The words are written before the units are known to be
 * Latin-1; a larger one sends the whole string, from `p` again, to the UTF-16 form.
 */
export function putStringWords(d: Uint8Array, w: Int32Array, p: number, s: string): number {
  const n = s.length;
  d[p] = LATIN1;
  d[p + 1] = n & 0xff;
  d[p + 2] = n >>> 8;
  let q = p + 3;
  let i = 0;
  for (; (q & 3) !== 0 && i < n; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) return putUtf16(d, p, s);
    d[q++] = c;
  }
  if (i === n) return q; // short enough to end before the first aligned word
  let k = q >>> 2;
  let units = 0;
  for (; i + 4 <= n; i += 4) {
    const a = s.charCodeAt(i);
    const b = s.charCodeAt(i + 1);
    const c = s.charCodeAt(i + 2);
    const e = s.charCodeAt(i + 3);
    units |= a | b | c | e;
    w[k++] = a | (b << 8) | (c << 16) | (e << 24);
  }
  if (units > 0xff) return putUtf16(d, p, s);
  q = k << 2;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) return putUtf16(d, p, s);
    d[q++] = c;
  }
  return q;
}

/** The rare case: a unit above 0xff. Code units, not UTF-8, so a lone surrogate survives. */
function putUtf16(d: Uint8Array, p: number, s: string): number {
  d[p] = UTF16;
  let q = p + 3;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    d[q] = c & 0xff;
    d[q + 1] = c >>> 8;
    q += 2;
  }
  return q;
}

/** Bytes of a reference to the string table: its tag and u16 id. */
export const SHARED_STRING_BYTES = 3;

/** A reference to string `id` of the sink's string table. */
export function putSharedString(d: Uint8Array, p: number, id: number): number {
  d[p] = SHARED;
  d[p + 1] = id & 0xff;
  d[p + 2] = id >>> 8;
  return p + SHARED_STRING_BYTES;
}

/** The id of the reference at `d[p]` (its tag is SHARED_STRING_TAG). */
export function sharedStringId(d: Uint8Array, p: number): number {
  return d[p + 1] | (d[p + 2] << 8);
}

/** A string's binary form on its own (what `putString` writes), for the sink's string table. */
export function encodeBinaryString(s: string): Uint8Array {
  const bytes = new Uint8Array(3 + 2 * s.length);
  return bytes.subarray(0, putString(bytes, 0, s));
}

/** Whether the string at `d[p]` is held as Latin-1 bytes, and how many units it has. */
export function isLatin1String(d: Uint8Array, p: number): boolean {
  return d[p] === LATIN1;
}

export function stringUnits(d: Uint8Array, p: number): number {
  return d[p + 1] | (d[p + 2] << 8);
}

/** Bytes before a string's units: its tag and its length. */
export const STRING_HEADER_BYTES = 3;

/** Reads a string written by `putString`; `at[0]` is the position, advanced past it. */
export function getString(d: Buffer, at: Int32Array): string {
  const p = at[0];
  const units = d[p + 1] | (d[p + 2] << 8);
  const start = p + 3;
  if (d[p] === LATIN1) {
    at[0] = start + units;
    return d.toString('latin1', start, start + units);
  }
  at[0] = start + 2 * units;
  return d.toString('utf16le', start, start + 2 * units);
}
