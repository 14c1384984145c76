import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PROPERTY_RUNS } from '@sluice/test-support/property-runs';
import fc from 'fast-check';
import { compileFixedBytes, HotBytes } from '../dist/esm/buffer/hot-bytes.js';
import { generatedSourceLeft, setGeneratedSourceLeft } from '../dist/esm/codegen/generated-code-budget.js';
import { RecordBuffer } from '../dist/esm/index.js';

test('a compiled writer writes exactly its bytes at any offset and touches nothing around them', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.nat(9), (bytes, offset) => {
      const write = compileFixedBytes(bytes);
      assert.ok(write !== null);
      const out = new RecordBuffer(256);
      out.bytes.fill(0xaa);
      out.pos = offset;
      write(out);
      assert.equal(out.pos, offset + bytes.length);
      assert.deepEqual(out.bytes.subarray(offset, out.pos), Buffer.from(bytes));
      assert.ok(
        out.bytes.subarray(0, offset).every((b) => b === 0xaa),
        'nothing written before',
      );
      assert.ok(
        out.bytes.subarray(out.pos).every((b) => b === 0xaa),
        'nothing written after',
      );
    }),
    { numRuns: PROPERTY_RUNS },
  );
});

test('a compiled writer keeps writing into a buffer that grew (a new backing store and view)', () => {
  const bytes = Buffer.from(',"iteration":');
  const write = compileFixedBytes(bytes);
  assert.ok(write !== null);
  const out = new RecordBuffer(16);
  for (let i = 0; i < 100; i++) write(out);
  assert.ok(out.bytes.length >= 1300, 'the buffer grew');
  assert.equal(out.toString(), ',"iteration":'.repeat(100));
});

test('nothing is compiled for no bytes, for bytes too long to be worth it, or past the budget', () => {
  assert.equal(compileFixedBytes(new Uint8Array(0)), null);
  assert.equal(compileFixedBytes(new Uint8Array(65)), null);
  const left = generatedSourceLeft();
  try {
    assert.ok(compileFixedBytes(Buffer.from('a')) !== null);
    const cost = left - generatedSourceLeft();
    setGeneratedSourceLeft(cost);
    assert.ok(compileFixedBytes(Buffer.from('b')) !== null);
    assert.equal(compileFixedBytes(Buffer.from('c')), null);
    assert.equal(generatedSourceLeft(), 0);
  } finally {
    setGeneratedSourceLeft(left);
  }
});

test('hot bytes are written the same before, while and after they are compiled, and past the budget', () => {
  const left = generatedSourceLeft();
  try {
    const first = new HotBytes(Buffer.from(',"user_id":'));
    const second = new HotBytes(Buffer.from(',"x":'));
    // Room for the first's writer only (what one costs, measured): the second stays with the copy.
    assert.ok(compileFixedBytes(first.bytes) !== null);
    setGeneratedSourceLeft(left - generatedSourceLeft());
    const out = new RecordBuffer(8);
    for (let i = 0; i < 300; i++) {
      first.write(out);
      second.write(out);
    }
    assert.equal(out.toString(), ',"user_id":,"x":'.repeat(300));
    assert.equal(generatedSourceLeft(), 0, 'the first was compiled, the second refused');
  } finally {
    setGeneratedSourceLeft(left);
  }
});
