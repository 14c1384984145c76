import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { getString, putString, putStringWords } from '../dist/esm/event/binary-args.js';

// A deferred event's string argument is written into ring memory either unit by unit (putString) or,
// where the ring offers an Int32 view, four units to a word store once aligned (putStringWords). Both
// must lay down the same bytes at every alignment, fall back to UTF-16 for a unit above 0xff wherever
// it sits (before, inside or after the aligned words), and read back as the same string.

const memory = new ArrayBuffer(4096);
const bytes = new Uint8Array(memory);
const words = new Int32Array(memory);
const reference = new Uint8Array(4096);

function assertSameAsPutString(s: string, p: number): void {
  bytes.fill(0xaa);
  reference.fill(0xaa);
  const end = putStringWords(bytes, words, p, s);
  assert.equal(end, putString(reference, p, s), `end of ${JSON.stringify(s)} at ${p}`);
  assert.deepEqual(
    bytes.subarray(0, end + 8),
    reference.subarray(0, end + 8),
    `${JSON.stringify(s)} at ${p}`,
  );
  const at = new Int32Array([p]);
  assert.equal(getString(Buffer.from(memory), at), s);
  assert.equal(at[0], end);
}

test('word-wise string copies write the bytes putString writes, at every alignment and length', () => {
  for (let p = 0; p < 8; p++) {
    for (let n = 0; n <= 21; n++) {
      const latin1 = Array.from({ length: n }, (_, i) => String.fromCharCode(0x61 + i + (i % 3) * 0x40)).join(
        '',
      );
      assertSameAsPutString(latin1, p);
      // A unit above 0xff in each position: the prologue, an aligned word, or the tail.
      for (let at = 0; at < n; at++) {
        assertSameAsPutString(`${latin1.slice(0, at)}\u0100${latin1.slice(at + 1)}`, p);
        assertSameAsPutString(`${latin1.slice(0, at)}\ud83d${latin1.slice(at + 1)}`, p);
      }
    }
  }
});

test('word-wise string copies match putString for any string (property)', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 256 }), fc.nat(64), (s, p) =>
      assertSameAsPutString(s, p),
    ),
    { numRuns: 2000 },
  );
});
