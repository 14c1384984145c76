/**
 * Byte-level pieces shared by the string writers (JSON, logfmt, key_value): UTF-8 for the code units
 * the fast ASCII loops hand over, and `\uXXXX` escapes. Each writes at `p` and returns the new position;
 * the caller has ensured room (at most 6 bytes per UTF-16 unit).
 */

/** A high surrogate followed by a low one: one code point, four UTF-8 bytes. */
export function isSurrogatePair(high: number, low: number): boolean {
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
}

export function isSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdfff;
}

/** A non-ASCII, non-surrogate UTF-16 unit (0x80-0xFFFF): two or three bytes. */
export function writeUtf8Bmp(dst: Uint8Array, p: number, c: number): number {
  if (c < 0x800) {
    dst[p++] = 0xc0 | (c >> 6);
    dst[p++] = 0x80 | (c & 0x3f);
    return p;
  }
  dst[p++] = 0xe0 | (c >> 12);
  dst[p++] = 0x80 | ((c >> 6) & 0x3f);
  dst[p++] = 0x80 | (c & 0x3f);
  return p;
}

/** A surrogate pair (checked with isSurrogatePair) as one four-byte sequence. */
export function writeUtf8Pair(dst: Uint8Array, p: number, high: number, low: number): number {
  const cp = 0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00);
  dst[p++] = 0xf0 | (cp >> 18);
  dst[p++] = 0x80 | ((cp >> 12) & 0x3f);
  dst[p++] = 0x80 | ((cp >> 6) & 0x3f);
  dst[p++] = 0x80 | (cp & 0x3f);
  return p;
}

/** `\uXXXX` with lowercase hex digits, as JSON.stringify writes them. */
export function writeUnicodeEscape(dst: Uint8Array, p: number, c: number): number {
  dst[p++] = BACKSLASH;
  dst[p++] = 0x75; // u
  dst[p++] = HEX_DIGITS[(c >> 12) & 0xf];
  dst[p++] = HEX_DIGITS[(c >> 8) & 0xf];
  dst[p++] = HEX_DIGITS[(c >> 4) & 0xf];
  dst[p++] = HEX_DIGITS[c & 0xf];
  return p;
}

export const HEX_DIGITS = Uint8Array.from('0123456789abcdef', (ch) => ch.charCodeAt(0));
const BACKSLASH = 0x5c;
