import type { RecordBuffer } from '@sluice/core';
import {
  HEX_DIGITS,
  isSurrogate,
  isSurrogatePair,
  sanitizeLogfmtKey,
  writeUnicodeEscape,
  writeUtf8Bmp,
  writeUtf8Pair,
} from '@sluice/core/internal';

/**
 * The text writers of the key_value line, after structlog's ConsoleRenderer: a string value is written
 * bare unless it holds a space, tab, `=`, CR, LF, `"` or `'`, in which case it is quoted the way Python's
 * `repr` quotes (single quotes unless the text has a `'` and no `"`). sluice also quotes any string that
 * holds a control character, DEL, a C1 control, U+2028/U+2029 or a lone surrogate, and writes those as
 * escapes (`\n`, `\x1b`, `\u2028`, `\udc00`): a value can neither start a new line nor drive a terminal.
 */
export function writeKeyValueString(out: RecordBuffer, s: string): void {
  const n = s.length;
  // Plain ASCII (the usual value) is copied while it is checked; anything else starts over below.
  out.ensure(n);
  const dst = out.bytes;
  const start = out.pos;
  let p = start;
  let i = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80 || BARE_ASCII[c] === 0) break;
    dst[p++] = c;
  }
  if (i === n) {
    out.pos = p;
    return;
  }
  if (s.charCodeAt(i) < 0x80) {
    writeQuoted(out, s);
    return;
  }
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (BARE_ASCII[c] === 0) {
        writeQuoted(out, s);
        return;
      }
    } else {
      if (!isPlainNonAscii(s, i, c)) {
        writeQuoted(out, s);
        return;
      }
      if (c >= 0xd800 && c <= 0xdbff) i++; // a valid pair (checked above): skip its low half
    }
  }
  out.writeUtf8(s);
}

/**
 * The event (message) text: written unquoted, as structlog does, with control characters escaped as
 * above. Returns its width in code points, for padding.
 */
export function writeKeyValueEvent(out: RecordBuffer, s: string): number {
  const n = s.length;
  // Printable ASCII (the usual message) is copied while it is checked; anything else starts over below.
  out.ensure(n);
  const dst = out.bytes;
  let p = out.pos;
  let i = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c >= 0x7f) break;
    dst[p++] = c;
  }
  if (i === n) {
    out.pos = p;
    return n;
  }
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c < 0x20 || c === 0x7f) return writeEscapedText(out, s);
    } else if (!isPlainNonAscii(s, i, c)) {
      return writeEscapedText(out, s);
    } else if (c >= 0xd800 && c <= 0xdbff) {
      i++;
    }
  }
  out.writeUtf8(s);
  return countWidth(s);
}

/**
 * A key, never quoted: by logfmt's key rule (a character that could end the key or the pair, such as a
 * space, `=`, a quote or a control, becomes `_`), so a key cannot forge a pair.
 */
export function writeKeyValueKey(out: RecordBuffer, key: string): void {
  out.writeUtf8(sanitizeLogfmtKey(key));
}

/** Python `repr`-style quoting: the quote char and backslash escaped, controls as escapes. */
function writeQuoted(out: RecordBuffer, s: string): void {
  const quote = s.includes("'") && !s.includes('"') ? DOUBLE_QUOTE : SINGLE_QUOTE;
  out.ensure(s.length * 6 + 2);
  out.bytes[out.pos++] = quote;
  writeEscapedRun(out, s, quote);
  out.bytes[out.pos++] = quote;
}

function writeEscapedText(out: RecordBuffer, s: string): number {
  out.ensure(s.length * 6);
  return writeEscapedRun(out, s, 0);
}

/**
 * Writes `s` with escapes; `quote` (0 for none) and backslash are escaped only inside quotes. Room for
 * 6 bytes per UTF-16 unit must be ensured. Returns the code points written.
 */
function writeEscapedRun(out: RecordBuffer, s: string, quote: number): number {
  const dst = out.bytes;
  const n = s.length;
  let p = out.pos;
  const start = p;
  let width = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c < 0x20 || c === 0x7f) {
        const short = SHORT_ESCAPE[c];
        dst[p++] = BACKSLASH;
        if (short !== undefined) {
          dst[p++] = short;
        } else {
          dst[p++] = LETTER_X;
          dst[p++] = HEX_DIGITS[c >> 4];
          dst[p++] = HEX_DIGITS[c & 0xf];
        }
      } else if (quote !== 0 && (c === quote || c === BACKSLASH)) {
        dst[p++] = BACKSLASH;
        dst[p++] = c;
      } else {
        dst[p++] = c;
      }
    } else if (c < 0xa0) {
      // C1 controls: 0x9b alone is a CSI on some terminals.
      dst[p++] = BACKSLASH;
      dst[p++] = LETTER_X;
      dst[p++] = HEX_DIGITS[c >> 4];
      dst[p++] = HEX_DIGITS[c & 0xf];
    } else if (c === 0x2028 || c === 0x2029) {
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
    width++;
  }
  out.pos = p;
  // Escapes are wider than one code point: count what was actually written, in code points.
  return p - start === width ? width : countUtf8CodePoints(dst, start, p);
}

/** Printable non-ASCII at index i: not C1, not a line/paragraph separator, not a lone surrogate. */
function isPlainNonAscii(s: string, i: number, c: number): boolean {
  if (c < 0xa0 || c === 0x2028 || c === 0x2029) return false;
  if (c >= 0xd800 && c <= 0xdfff) {
    if (c > 0xdbff) return false;
    const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
    return next >= 0xdc00 && next <= 0xdfff;
  }
  return true;
}

function countWidth(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) i++;
    n++;
  }
  return n;
}

/** Code points in a UTF-8 byte range: every byte that is not a continuation byte starts one. */
function countUtf8CodePoints(bytes: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if ((bytes[i] & 0xc0) !== 0x80) n++;
  return n;
}

const SINGLE_QUOTE = 0x27;
const DOUBLE_QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LETTER_X = 0x78;

/** Python's short escapes for the controls it has them for. */
const SHORT_ESCAPE: Readonly<Record<number, number>> = { 9: 0x74, 10: 0x6e, 13: 0x72 };

/** 1 for ASCII a bare value may hold: printable, not space, `=`, `"` or `'`. */
const BARE_ASCII = new Uint8Array(128).map((_, c) =>
  c > 0x20 && c < 0x7f && c !== 0x3d && c !== DOUBLE_QUOTE && c !== SINGLE_QUOTE ? 1 : 0,
);
