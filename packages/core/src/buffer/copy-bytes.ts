import type { RecordBuffer } from './record-buffer.js';

/**
 * Copies `src[from..to)`: a pre-encoded key's few bytes. A byte loop beats RecordBuffer.writeBytes'
 * C++ copy, whose fixed cost outweighs a key's few bytes.
 */
export function copyBytes(out: RecordBuffer, src: Uint8Array, from: number, to: number): void {
  out.ensure(to - from);
  const dst = out.bytes;
  let p = out.pos;
  for (let i = from; i < to; i++) dst[p++] = src[i];
  out.pos = p;
}
