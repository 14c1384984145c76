import { RecordBuffer } from './record-buffer.js';

/**
 * Where things encoded once are kept (a child's bindings, a printf `%j` argument's text): one slab per
 * thread that encodings are written straight into and handed out as views of, Node's buffer pool done
 * in place. Encoding into a scratch buffer and copying the result into a fresh Buffer cost a child
 * logger a second copy and the pool's bookkeeping. A view keeps its slab alive, as a pooled Buffer
 * keeps its pool. Re-entrant: user code run while encoding (a getter, `toJSON`, a serializer) may
 * encode again, and gets a buffer of its own for that.
 */
export class ScratchBuffer {
  private readonly slab = new RecordBuffer(SLAB_BYTES);
  private busy = false;

  /** `prefix`, then the bytes `write` produced, as one Buffer that is never written again. */
  bytes(write: (out: RecordBuffer) => void, prefix: Uint8Array = EMPTY): Buffer {
    if (this.busy) return copyOf(write, prefix);
    const out = this.slab;
    if (out.limit - out.pos < MIN_ROOM + prefix.length) out.swap(Buffer.allocUnsafeSlow(SLAB_BYTES));
    this.busy = true;
    const start = out.pos;
    try {
      out.writeBytes(prefix);
      write(out);
      return out.bytes.subarray(start, out.pos);
    } catch (failure) {
      out.pos = start;
      throw failure;
    } finally {
      this.busy = false;
    }
  }

  /** The text `write` produced (UTF-8). */
  text(write: (out: RecordBuffer) => void): string {
    if (this.busy) return copyOf(write, EMPTY).toString();
    const out = this.slab;
    this.busy = true;
    const start = out.pos;
    try {
      write(out);
      return out.bytes.toString('utf8', start, out.pos);
    } finally {
      // The text is a string of its own: its bytes in the slab are free again.
      out.pos = start;
      this.busy = false;
    }
  }
}

/** bytes(), encoded apart from the slab: the slab is being written by the encoding that called this. */
function copyOf(write: (out: RecordBuffer) => void, prefix: Uint8Array): Buffer {
  const out = new RecordBuffer(256);
  out.writeBytes(prefix);
  write(out);
  return Buffer.from(out.bytes.subarray(0, out.pos));
}

const EMPTY = Buffer.alloc(0);
/** As Node's buffer pool: a slab kept alive by one small view wastes no more than a pooled Buffer would. */
const SLAB_BYTES = 8 * 1024;
/** A slab with less room than this after the prefix is replaced before an encoding starts. */
const MIN_ROOM = 256;
