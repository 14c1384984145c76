import { compileGenerated } from '../codegen/compile-generated.js';
import { byteStoresSource, int32StoresSource } from '../codegen/source-text.js';
import type { RecordBuffer } from './record-buffer.js';

/** Writes one fixed byte sequence at `out.pos` and advances it. */
export type FixedBytesWriter = (out: RecordBuffer) => void;

/**
 * Pre-encoded bytes that many records repeat: a level's head, a logger's bindings, a field key's
 * `,"key":`, a value or message that is the same on every call. Copied by `writeBytes` at first; once
 * written HOT_AFTER times, by a writer compiled for these bytes alone, which stores them as 32-bit
 * constants: a few stores instead of a loop or a call per copy. Past the thread's budget of generated
 * code, or where code generation is forbidden, the bytes stay with the copy.
 */
export class HotBytes {
  private uses = 0;
  private writer: FixedBytesWriter | null = null;

  constructor(readonly bytes: Buffer) {}

  write(out: RecordBuffer): void {
    const writer = this.writer;
    if (writer !== null) {
      writer(out);
      return;
    }
    out.writeBytes(this.bytes);
    if (++this.uses === HOT_AFTER) this.writer = compileFixedBytes(this.bytes);
  }
}

/**
 * A writer for exactly `bytes`: `out.ensure(n)`, then little-endian 32-bit stores of the bytes as
 * constants through `out.view` (the last word overlapping the one before when `n` is not a multiple of
 * 4). Numbers only: the bytes (a key, a user's string) never become code. Null when the bytes are too
 * long to be worth a function, or when compiling is refused (see compileGenerated): callers then copy.
 */
export function compileFixedBytes(bytes: Uint8Array): FixedBytesWriter | null {
  const n = bytes.length;
  if (n === 0 || n > MAX_COMPILED_BYTES) return null;
  const stores =
    n < 4
      ? `const d = out.bytes;\n${byteStoresSource(bytes, 'd', 'p')}\n`
      : `const v = out.view;\n${int32StoresSource(bytes, 'v', 'p')}`;
  return compileGenerated<FixedBytesWriter>(
    `'use strict';\nreturn function writeFixedBytes(out) {\nout.ensure(${n});\nconst p = out.pos;\n${stores}out.pos = p + ${n};\n};`,
    {},
  );
}

/** Writes before a key's or string's bytes are compiled: rarer ones stay with the copy loop. */
const HOT_AFTER = 128;
/**
 * Past 16 stores, the one C++ copy `writeBytes` makes (a fixed cost whatever the length) is as fast as
 * the compiled stores.
 */
const MAX_COMPILED_BYTES = 64;
