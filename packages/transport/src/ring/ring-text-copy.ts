import type { RecordBuffer } from '@sluice/core';
import { LITTLE_ENDIAN_HOST, type RingMemory } from '../layout/ring-layout.js';

/**
 * Copies a text record's payload out of ring memory four bytes at a time: the built-in copies
 * (`Buffer#copy`, `Uint8Array#set`) go byte by byte when the source is a SharedArrayBuffer (V8 copies
 * shared memory with relaxed atomics), and a loop of aligned Int32 loads and DataView stores does not.
 *
 * It may read and write up to 3 bytes past the payload: the source stays inside the record (a payload
 * starts 8-aligned and is padded to 8), and in the output they land past `pos`, where the next write
 * overwrites them and no reader looks.
 */
export class RingTextCopy {
  private readonly words: Int32Array;
  /** A view over the output's current memory (a batch writer swaps it for new memory on each send). */
  private view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));
  private viewOf: Buffer | null = null;

  constructor(ring: RingMemory) {
    this.words = ring.words;
  }

  /** Appends `length` bytes from ring data offset `from` (a multiple of 4) to `out`. */
  copy(out: RecordBuffer, from: number, length: number): void {
    const wordCount = (length + 3) >>> 2;
    out.ensure(wordCount << 2);
    if (out.bytes !== this.viewOf) {
      this.viewOf = out.bytes;
      this.view = new DataView(out.bytes.buffer, out.bytes.byteOffset, out.bytes.byteLength);
    }
    const view = this.view;
    const words = this.words;
    let p = out.pos;
    const end = (from >>> 2) + wordCount;
    for (let w = from >>> 2; w < end; w++) {
      // Int32Array reads in the host's byte order; the DataView writes them back in the same order.
      view.setInt32(p, words[w], LITTLE_ENDIAN_HOST);
      p += 4;
    }
    out.pos += length;
  }
}
