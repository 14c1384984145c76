import type { RecordBuffer } from '../buffer/record-buffer.js';
import {
  isSurrogate,
  isSurrogatePair,
  writeUnicodeEscape,
  writeUtf8Bmp,
  writeUtf8Pair,
} from '../buffer/utf8-encode.js';

/**
 * Writes `s` as a JSON string literal, byte-for-byte what `JSON.stringify(s)` gives once encoded as
 * UTF-8: quotes, backslashes and C0 controls escaped (ESC included, so no ANSI sequence reaches a
 * terminal raw), lone surrogates as lowercase `\udXXX` (well-formed JSON.stringify, ES2019).
 */
export function writeJsonString(out: RecordBuffer, s: string): void {
  const n = s.length;
  if (n > LONG_STRING) {
    writeLongJsonString(out, s);
    return;
  }
  // Worst case is 6 bytes per UTF-16 unit (`\u001f`) plus the quotes.
  out.ensure(n * 6 + 2);
  const dst = out.bytes;
  let p = out.pos;
  dst[p++] = QUOTE;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80 && PLAIN_ASCII[c] === 1) {
      dst[p++] = c;
    } else {
      out.pos = p;
      writeJsonStringTail(out, s, i);
      return;
    }
  }
  dst[p++] = QUOTE;
  out.pos = p;
}

/** Long strings: one regex scan decides whether Node's C++ UTF-8 writer can take the whole string. */
function writeLongJsonString(out: RecordBuffer, s: string): void {
  if (NEEDS_ESCAPE.test(s) || !(s as unknown as WellFormedString).isWellFormed()) {
    out.ensure(s.length * 6 + 2);
    out.bytes[out.pos++] = QUOTE;
    writeJsonStringTail(out, s, 0);
    return;
  }
  out.ensure(s.length * 3 + 2);
  const dst = out.bytes;
  dst[out.pos++] = QUOTE;
  out.pos += dst.utf8Write(s, out.pos);
  dst[out.pos++] = QUOTE;
}

/**
 * The rare case: escapes and non-ASCII from index `from` on, then the closing quote. The opening quote
 * and everything before `from` are already written; room for 6 bytes per remaining unit is ensured.
 */
function writeJsonStringTail(out: RecordBuffer, s: string, from: number): void {
  const dst = out.bytes;
  const n = s.length;
  let p = out.pos;
  for (let i = from; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (PLAIN_ASCII[c] === 1) {
        dst[p++] = c;
      } else {
        p = writeAsciiEscape(dst, p, c);
      }
    } else if (isSurrogate(c)) {
      const next = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (isSurrogatePair(c, next)) {
        p = writeUtf8Pair(dst, p, c, next);
        i++;
      } else {
        // A lone surrogate cannot be UTF-8: written as its escape, like JSON.stringify does.
        p = writeUnicodeEscape(dst, p, c);
      }
    } else {
      p = writeUtf8Bmp(dst, p, c);
    }
  }
  dst[p++] = QUOTE;
  out.pos = p;
}

/**
 * The same literal for a string held as Latin-1 bytes (every unit <= 0xff, one byte each): what
 * `writeJsonString` writes for the string those bytes decode to, without decoding it. A deferred event's
 * string arguments arrive this way in the sink worker.
 */
export function writeJsonStringFromLatin1(
  out: RecordBuffer,
  src: Uint8Array,
  start: number,
  units: number,
): void {
  // Worst case: 6 bytes per unit (`\u001f`) plus the quotes.
  out.ensure(units * 6 + 2);
  const dst = out.bytes;
  let p = out.pos;
  dst[p++] = QUOTE;
  const end = start + units;
  for (let i = start; i < end; i++) {
    const c = src[i];
    if (c < 0x80) {
      if (PLAIN_ASCII[c] === 1) dst[p++] = c;
      else p = writeAsciiEscape(dst, p, c);
    } else {
      p = writeUtf8Bmp(dst, p, c);
    }
  }
  dst[p++] = QUOTE;
  out.pos = p;
}

/**
 * The common case of `writeJsonStringFromLatin1` for a caller that has made room itself (at least
 * `units + 2` bytes from `p`): when every byte is ASCII that JSON writes as itself, writes the quoted
 * string at `dst[p]` and returns the position after it; otherwise returns -1 (what it wrote is
 * garbage past the caller's position, to be overwritten by the full writer).
 */
export function putPlainLatin1JsonString(
  dst: Buffer,
  p: number,
  src: Uint8Array,
  start: number,
  units: number,
): number {
  dst[p++] = QUOTE;
  const end = start + units;
  for (let i = start; i < end; i++) {
    const c = src[i];
    if (c >= 0x80 || PLAIN_ASCII[c] === 0) return -1;
    dst[p++] = c;
  }
  dst[p++] = QUOTE;
  return p;
}

function writeAsciiEscape(dst: Buffer, p: number, c: number): number {
  const short = SHORT_ESCAPE[c];
  if (short !== 0) {
    dst[p++] = BACKSLASH;
    dst[p++] = short;
    return p;
  }
  return writeUnicodeEscape(dst, p, c);
}

/** Above this length a regex scan plus one C++ write beats the per-character loop. */
const LONG_STRING = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEEDS_ESCAPE = /["\\\u0000-\u001f]/;

/** 1 for ASCII that JSON writes as itself. */
const PLAIN_ASCII = new Uint8Array(128).map((_, c) => (c >= 0x20 && c !== QUOTE && c !== BACKSLASH ? 1 : 0));

/** The two-character escapes JSON.stringify uses; 0 means `\u00XX`. */
const SHORT_ESCAPE = new Uint8Array(128);
SHORT_ESCAPE[0x08] = 0x62; // \b
SHORT_ESCAPE[0x09] = 0x74; // \t
SHORT_ESCAPE[0x0a] = 0x6e; // \n
SHORT_ESCAPE[0x0c] = 0x66; // \f
SHORT_ESCAPE[0x0d] = 0x72; // \r
SHORT_ESCAPE[QUOTE] = QUOTE;
SHORT_ESCAPE[BACKSLASH] = BACKSLASH;

/** Pre-encodes a JSON string literal once (keys, static messages): the result is copied per call. */
export function encodeJsonString(s: string): Buffer {
  return Buffer.from(JSON.stringify(s), 'utf8');
}

/** ES2024's String.prototype.isWellFormed, present in Node 20 (V8 11.3). */
interface WellFormedString {
  isWellFormed(): boolean;
}
