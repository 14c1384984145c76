import { HotBytes } from './hot-bytes.js';
import type { RecordBuffer } from './record-buffer.js';

/**
 * The bytes last encoded for one string in one place of a record (the message, a field's value), so
 * that writing the same string there again is a copy instead of an encoding. Messages and many field
 * values are string literals, the same on every call; copying their bytes costs far less than
 * escaping them character by character.
 *
 * A string is kept only when it repeats: seen on two consecutive writes. A place whose strings always
 * vary pays one comparison per write and never allocates.
 */
export class RepeatedString {
  /** The string `bytes` encode, or null. */
  private value: string | null = null;
  private bytes: HotBytes | null = null;
  /** The string written last, kept if the next write repeats it. */
  private candidate: string | null = null;

  /**
   * Writes `s` as the kept bytes when it is the kept string, else with `strings.writeString` (keeping
   * what that wrote when `s` repeats).
   */
  write(out: RecordBuffer, s: string, strings: StringWriter): void {
    if (this.writeIfKept(out, s)) return;
    // A place in the record is kept relative to its start: a ring sink's `ensure` may move the record.
    const from = out.pos - out.start;
    strings.writeString(out, s);
    this.noteWritten(out, out.start + from, s);
  }

  /** Writes the kept bytes when `s` is the kept string; false (nothing written) otherwise. */
  writeIfKept(out: RecordBuffer, s: string): boolean {
    if (s !== this.value) return false;
    (this.bytes as HotBytes).write(out);
    return true;
  }

  /**
   * Called after encoding `s` into `out` from `start`: keeps those bytes when `s` was also the last
   * string written here (and is short enough to be worth a buffer of its own).
   */
  noteWritten(out: RecordBuffer, start: number, s: string): void {
    if (s !== this.candidate) {
      this.candidate = s;
      return;
    }
    const length = out.pos - start;
    if (length > MAX_KEPT_BYTES) return;
    const bytes = Buffer.allocUnsafe(length);
    out.bytes.copy(bytes, 0, start, out.pos);
    this.bytes = new HotBytes(bytes);
    this.value = s;
  }
}

/** Writes a string value as a place of the record spells it. */
export interface StringWriter {
  writeString(out: RecordBuffer, s: string): void;
}

/** Longer strings are rare as repeats, and a buffer each would hold on to much memory. */
const MAX_KEPT_BYTES = 256;
