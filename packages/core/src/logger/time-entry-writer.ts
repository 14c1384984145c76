import { RecordBuffer } from '../buffer/record-buffer.js';
import type { RecordFormat } from '../format/record-format.js';
import type { Clock } from '../time/timestamp.js';

/**
 * The time entry of object-API records (`,"time":1764164467000`, ` time=2026-...Z`): what
 * `format.writeTimeNow` writes, encoded once per millisecond and kept as little-endian 32-bit words, so
 * that every record of that millisecond copies it in a few 32-bit stores rather than with `writeBytes`,
 * a call into C++ for 21 bytes; a new millisecond re-encodes in place instead of allocating a Buffer.
 */
export class TimeEntryWriter {
  private ms = Number.NaN;
  /** The entry's bytes as int32 words, each read at a multiple of 4 but the last, read at `length - 4`. */
  private readonly words = new Int32Array(MAX_ENTRY_BYTES / 4);
  private wordCount = 0;
  private length = 0;
  private readonly scratch = new RecordBuffer(MAX_ENTRY_BYTES);

  constructor(
    private readonly format: RecordFormat,
    private readonly clock: Clock,
  ) {}

  write(out: RecordBuffer): void {
    const ms = this.clock.now();
    if (ms !== this.ms) this.encode(ms);
    const n = this.length;
    if (n < 0) {
      this.format.writeTime(out, ms);
      return;
    }
    out.ensure(n);
    const view = out.view;
    const p = out.pos;
    const words = this.words;
    const last = this.wordCount - 1;
    for (let i = 0; i < last; i++) view.setInt32(p + 4 * i, words[i], true);
    view.setInt32(p + n - 4, words[last], true);
    out.pos = p + n;
  }

  private encode(ms: number): void {
    const scratch = this.scratch;
    scratch.pos = 0;
    this.format.writeTime(scratch, ms);
    const n = scratch.pos;
    this.ms = ms;
    // An entry under 4 bytes (none a format writes) or past the words' room (a time key of 40-odd
    // characters) is written by the format on each record instead: -1 says so.
    if (n < 4 || n > MAX_ENTRY_BYTES) {
      this.length = -1;
      return;
    }
    const view = scratch.view;
    const words = this.words;
    let count = 0;
    for (let i = 0; i + 4 < n; i += 4) words[count++] = view.getInt32(i, true);
    words[count++] = view.getInt32(n - 4, true);
    this.wordCount = count;
    this.length = n;
  }
}

/** Room for any time entry a format writes (an ISO date under a long custom key included). */
const MAX_ENTRY_BYTES = 64;
