import type { RecordBuffer } from '../buffer/record-buffer.js';

/**
 * `true` or `false`: one 32-bit store (and a byte for `false`'s `e`) instead of writeAscii's
 * per-character loop.
 */
export function writeJsonBoolean(out: RecordBuffer, value: boolean): void {
  out.ensure(5);
  const p = out.pos;
  if (value) {
    out.view.setInt32(p, TRUE_WORD, true);
    out.pos = p + 4;
  } else {
    out.view.setInt32(p, FALS_WORD, true);
    out.bytes[p + 4] = LETTER_E;
    out.pos = p + 5;
  }
}

/** `true` and `fals` as little-endian 32-bit words. */
const TRUE_WORD = Buffer.from('true').readInt32LE(0);
const FALS_WORD = Buffer.from('fals').readInt32LE(0);
const LETTER_E = 0x65;
