import type { RecordBuffer } from './record-buffer.js';

/** Writes one fixed byte sequence at `out.pos` and advances it. */
export type FixedBytesWriter = (out: RecordBuffer) => void;

/**
 * How many fixed-byte writers one owner (a format's field keys, its message) may compile. Each is a
 * function of its own that V8 compiles and optimises (a few KiB), so an application whose keys or
 * strings never settle must not get one per key: past the budget, bytes are copied by the loop.
 */
export class CompileBudget {
  constructor(private remaining: number) {}

  compile(bytes: Uint8Array): FixedBytesWriter | null {
    if (this.remaining <= 0) return null;
    const writer = compileFixedBytes(bytes);
    if (writer !== null) this.remaining--;
    return writer;
  }
}

/**
 * Pre-encoded bytes that many records repeat: a level's head, a logger's bindings, a field key's
 * `,"key":`, a value or message that is the same on every call. Copied by `writeBytes` at first; once
 * written HOT_AFTER times, by a writer compiled for these bytes alone, which stores them as 32-bit
 * constants: a few stores instead of a loop or a call per copy.
 */
export class HotBytes {
  private uses = 0;
  private writer: FixedBytesWriter | null = null;

  constructor(
    readonly bytes: Buffer,
    private readonly budget: CompileBudget,
  ) {}

  write(out: RecordBuffer): void {
    const writer = this.writer;
    if (writer !== null) {
      writer(out);
      return;
    }
    out.writeBytes(this.bytes);
    if (++this.uses === HOT_AFTER) this.writer = this.budget.compile(this.bytes);
  }
}

/**
 * A writer for exactly `bytes`: `out.ensure(n)`, then little-endian 32-bit stores of the bytes as
 * constants through `out.view` (the last word overlapping the one before when `n` is not a multiple of
 * 4). The generated source is made of fixed identifiers and numbers only: the bytes (a key, a user's
 * string) never become code. Null when the bytes are too long to be worth a function, or when the
 * runtime forbids code generation (`--disallow-code-generation-from-strings`): callers then copy.
 */
export function compileFixedBytes(bytes: Uint8Array): FixedBytesWriter | null {
  const n = bytes.length;
  if (n === 0 || n > MAX_COMPILED_BYTES) return null;
  let body = `out.ensure(${n});\nconst p = out.pos;\n`;
  if (n < 4) {
    body += 'const d = out.bytes;\n';
    for (let i = 0; i < n; i++) body += `d[p + ${i}] = ${bytes[i]};\n`;
  } else {
    body += `const v = out.view;\n${int32StoresSource(bytes, 'v', 'p')}`;
  }
  body += `out.pos = p + ${n};\n`;
  try {
    return new Function(
      `'use strict';\nreturn function writeFixedBytes(out) {\n${body}};`,
    )() as FixedBytesWriter;
  } catch {
    return null;
  }
}

/**
 * Source for storing `bytes` (4 or more) at `pos` through the DataView `view` as little-endian 32-bit
 * constants, the last word overlapping the one before when the length is not a multiple of 4. `view`
 * and `pos` are the caller's fixed identifiers; the bytes become numbers only.
 */
export function int32StoresSource(bytes: Uint8Array, view: string, pos: string): string {
  const n = bytes.length;
  let code = '';
  for (let i = 0; i + 4 < n; i += 4) code += `${view}.setInt32(${pos} + ${i}, ${int32At(bytes, i)}, true);\n`;
  return `${code}${view}.setInt32(${pos} + ${n - 4}, ${int32At(bytes, n - 4)}, true);\n`;
}

/** The little-endian int32 at `i`: a number, whatever the bytes are. */
function int32At(bytes: Uint8Array, i: number): number {
  return bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24) | 0;
}

/** Writes before a key's or string's bytes are compiled: rarer ones stay with the copy loop. */
const HOT_AFTER = 128;
/**
 * Past 16 stores, the one C++ copy `writeBytes` makes (a fixed cost whatever the length) is as fast as
 * the compiled stores.
 */
const MAX_COMPILED_BYTES = 64;
