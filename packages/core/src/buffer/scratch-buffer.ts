import { RecordBuffer } from './record-buffer.js';

/**
 * A RecordBuffer reused for encoding something once and copying it out (bindings, a printf `%j`
 * argument). A fresh RecordBuffer is an ArrayBuffer of its own, slow to allocate; a copy of the bytes
 * comes from Node's pool. Re-entrant: user code run while encoding (a getter, `toJSON`, a
 * serializer) may encode again, and gets a buffer of its own for that.
 */
export class ScratchBuffer {
  private readonly shared = new RecordBuffer(256);
  private busy = false;

  /** `prefix`, then the bytes `write` produced, copied into one new Buffer. */
  bytes(write: (out: RecordBuffer) => void, prefix: Buffer = EMPTY): Buffer {
    const out = this.take();
    try {
      write(out);
      // One allocation for both (a child's bindings after its parent's): Buffer.concat of a copy made
      // first cost a second Buffer and an array per child.
      const n = out.pos;
      const bytes = Buffer.allocUnsafe(prefix.length + n);
      prefix.copy(bytes, 0);
      // Buffer#copy from part of a buffer makes a view of that part (an object per child): a loop does not.
      const from = out.bytes;
      const at = prefix.length;
      for (let i = 0; i < n; i++) bytes[at + i] = from[i];
      return bytes;
    } finally {
      this.give(out);
    }
  }

  /** The text `write` produced (UTF-8). */
  text(write: (out: RecordBuffer) => void): string {
    const out = this.take();
    try {
      write(out);
      return out.toString();
    } finally {
      this.give(out);
    }
  }

  private take(): RecordBuffer {
    if (this.busy) return new RecordBuffer(256);
    this.busy = true;
    const out = this.shared;
    out.pos = 0;
    out.start = 0;
    return out;
  }

  private give(out: RecordBuffer): void {
    if (out === this.shared) this.busy = false;
  }
}

const EMPTY = Buffer.alloc(0);
