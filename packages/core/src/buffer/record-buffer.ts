/**
 * A growable byte buffer that records are encoded into, and the cursor over it.
 *
 * Ownership: a sink owns its RecordBuffer. A logger call appends one complete record between `pos` at
 * entry and `pos` at return, then tells the sink to commit it. The bytes stay owned by the sink: anyone
 * who wants to keep them after the call must copy them.
 *
 * The primitives make room, write, advance. `ensure` is the only place that allocates, and only when a
 * record outgrows the buffer (the buffer keeps its larger size afterwards, so that happens once).
 */
export class RecordBuffer {
  bytes: Buffer;
  /** `bytes` as a DataView, for 32-bit stores at any offset (compiled fixed-byte writers). */
  view: DataView;
  pos = 0;
  /** Where the record being written began: what a failed or abandoned record rolls back to. */
  start = 0;

  /** Writable bytes end here: `bytes.length` for a plain buffer, less for a ring whose reader is behind. */
  limit: number;

  /** `initial`: a size to allocate, or memory to write into (a ring's data region). */
  constructor(initial: number | Buffer = DEFAULT_RECORD_BUFFER_SIZE) {
    // allocUnsafeSlow: a buffer of its own, not a slice of Node's shared pool, so it can be handed to
    // a write without pinning the pool.
    this.bytes = typeof initial === 'number' ? Buffer.allocUnsafeSlow(initial) : initial;
    this.view = viewOf(this.bytes);
    this.limit = this.bytes.length;
  }

  /**
   * Makes sure `n` more bytes fit after `pos`. A subclass over bounded memory (a ring) may instead
   * roll back to `start` and throw RECORD_ABANDONED, when its full-ring policy drops the record.
   */
  ensure(n: number): void {
    if (this.pos + n > this.limit) this.makeRoom(n);
  }

  /** Replaces the backing memory (a sink that hands a full buffer to an async write takes a fresh one). */
  swap(bytes: Buffer): Buffer {
    const old = this.bytes;
    this.bytes = bytes;
    this.view = viewOf(bytes);
    this.limit = bytes.length;
    this.pos = 0;
    this.start = 0;
    return old;
  }

  /** The rare case of `ensure`: a plain buffer doubles (and keeps its size from then on). */
  protected makeRoom(n: number): void {
    const needed = this.pos + n;
    let size = this.bytes.length * 2;
    while (size < needed) size *= 2;
    const next = Buffer.allocUnsafeSlow(size);
    this.bytes.copy(next, 0, 0, this.pos);
    this.bytes = next;
    this.view = viewOf(next);
    this.limit = size;
  }

  writeByte(b: number): void {
    this.ensure(1);
    this.bytes[this.pos++] = b;
  }

  /** Copies pre-encoded bytes (keys, prefixes, bindings). Short runs loop: a C++ copy costs more. */
  writeBytes(src: Uint8Array): void {
    const n = src.length;
    this.ensure(n);
    const dst = this.bytes;
    let p = this.pos;
    if (n <= SHORT_COPY_LIMIT) {
      for (let i = 0; i < n; i++) dst[p++] = src[i];
    } else {
      dst.set(src, p);
      p += n;
    }
    this.pos = p;
  }

  /** Writes a string known to be ASCII without escaping (digits, pre-validated keys, markers). */
  writeAscii(s: string): void {
    const n = s.length;
    this.ensure(n);
    const dst = this.bytes;
    let p = this.pos;
    if (n <= SHORT_STRING_LIMIT) {
      for (let i = 0; i < n; i++) dst[p++] = s.charCodeAt(i);
    } else {
      p += dst.latin1Write(s, p, n);
    }
    this.pos = p;
  }

  /** Writes a string as UTF-8 without escaping; the caller has checked that it needs none. */
  writeUtf8(s: string): void {
    this.ensure(s.length * 3);
    this.pos += this.bytes.utf8Write(s, this.pos);
  }

  /** The committed bytes as text (tests and the string-sink adapter). */
  toString(start = 0, end = this.pos): string {
    return this.bytes.toString('utf8', start, end);
  }
}

function viewOf(bytes: Buffer): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Thrown by `ensure` when a sink's policy drops the record being written. The logger catches it and
 * writes nothing more; it never reaches the caller.
 */
export const RECORD_ABANDONED: unique symbol = Symbol('sluice.recordAbandoned');

/**
 * A full ring dropping the record (RECORD_ABANDONED from `ensure`) is no failure of the value: it must
 * reach the logger, which then writes nothing more. Caught as a value's failure, it became a marker
 * written into the dropped record's space, and that record was both delivered and counted as dropped.
 */
export function rethrowIfAbandoned(error: unknown): void {
  if (error === RECORD_ABANDONED) throw error;
}

/** 16 KiB holds a few hundred typical records before a buffered sink hands them on. */
export const DEFAULT_RECORD_BUFFER_SIZE = 16 * 1024;

/**
 * Below these lengths a JS loop beats the built-in: a byte loop costs in proportion to the length,
 * `Uint8Array#set` and `latin1Write` a fixed C++ call whatever the length.
 */
const SHORT_COPY_LIMIT = 12;
const SHORT_STRING_LIMIT = 32;

declare global {
  // Node's Buffer has these fast, undocumented-in-types writers (used by sonic-boom and Node itself).
  interface Buffer {
    utf8Write(s: string, offset?: number, length?: number): number;
    latin1Write(s: string, offset?: number, length?: number): number;
  }
}
