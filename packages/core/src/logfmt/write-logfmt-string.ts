import type { RecordBuffer } from '../buffer/record-buffer.js';
import {
  isSurrogate,
  isSurrogatePair,
  writeUnicodeEscape,
  writeUtf8Bmp,
  writeUtf8Pair,
} from '../buffer/utf8-encode.js';

/**
 * Writes a logfmt value. Plain text goes out bare; anything a logfmt reader would split or mangle
 * (spaces, `=`, quotes, backslashes, an empty string) is quoted with `\"` and `\\` escapes, which the npm
 * `logfmt` parser reads back exactly.
 *
 * Control characters (newlines, ESC, C1, U+2028/2029) and lone surrogates are written as Go-style
 * escapes (`\n`, `\t`, `\u001b`) inside quotes, so a value can neither start a new line nor drive a
 * terminal. Go's logfmt decoder reads those back exactly; the npm parser, which treats `\x` as a literal
 * `x`, reads `\n` as `n`: there is no way to carry a raw newline inside one line.
 */
export function writeLogfmtString(out: RecordBuffer, s: string): void {
  const n = s.length;
  let plain = n > 0;
  let ascii = true;
  for (let i = 0; i < n && plain; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      plain = BARE_ASCII[c] === 1;
    } else {
      ascii = false;
      plain = isPrintableNonAscii(c);
    }
  }
  if (plain) {
    if (ascii) out.writeAscii(s);
    else out.writeUtf8(s);
    return;
  }
  writeQuotedLogfmtString(out, s);
}

function writeQuotedLogfmtString(out: RecordBuffer, s: string): void {
  const n = s.length;
  out.ensure(n * 6 + 2);
  const dst = out.bytes;
  let p = out.pos;
  dst[p++] = QUOTE;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c === QUOTE || c === BACKSLASH) {
        dst[p++] = BACKSLASH;
        dst[p++] = c;
      } else if (c >= 0x20 && c !== 0x7f) {
        dst[p++] = c;
      } else {
        p = writeControlEscape(dst, p, c);
      }
    } else if (c < 0xa0 || c === 0x2028 || c === 0x2029) {
      p = writeUnicodeEscape(dst, p, c);
    } else if (isSurrogate(c)) {
      const next = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (isSurrogatePair(c, next)) {
        p = writeUtf8Pair(dst, p, c, next);
        i++;
      } else {
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
 * Writes a logfmt key: keys cannot be quoted, so characters a reader would take as a separator
 * (space, `=`, quote, backslash, controls) become `_`; an empty key becomes `_`.
 */
export function writeLogfmtKey(out: RecordBuffer, key: string): void {
  out.writeUtf8(sanitizeLogfmtKey(key));
}

export function sanitizeLogfmtKey(key: string): string {
  if (key.length === 0) return '_';
  let safe = true;
  for (let i = 0; i < key.length && safe; i++) {
    const c = key.charCodeAt(i);
    safe = c < 0x80 ? BARE_ASCII[c] === 1 : isPrintableNonAscii(c);
  }
  if (safe) return key;
  let result = '';
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    const ok = c < 0x80 ? BARE_ASCII[c] === 1 : isPrintableNonAscii(c) && !(c >= 0xd800 && c <= 0xdfff);
    result += ok ? key[i] : '_';
  }
  return result;
}

function isPrintableNonAscii(c: number): boolean {
  return c >= 0xa0 && c !== 0x2028 && c !== 0x2029 && !(c >= 0xd800 && c <= 0xdfff);
}

function writeControlEscape(dst: Buffer, p: number, c: number): number {
  const short = c === 0x0a ? 0x6e : c === 0x0d ? 0x72 : c === 0x09 ? 0x74 : 0;
  if (short === 0) return writeUnicodeEscape(dst, p, c);
  dst[p++] = BACKSLASH;
  dst[p++] = short;
  return p;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** 1 for printable ASCII that needs no quoting: not space, `=`, `"`, `\`, controls or DEL. */
const BARE_ASCII = new Uint8Array(128).map((_, c) =>
  c > 0x20 && c < 0x7f && c !== 0x3d && c !== QUOTE && c !== BACKSLASH ? 1 : 0,
);
