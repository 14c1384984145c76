import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PROPERTY_RUNS } from '@sluice/test-support/property-runs';
import fc from 'fast-check';
import { RecordBuffer } from '../dist/esm/index.js';
import { putInt32, writeJsonNumber } from '../dist/esm/json/write-json-number.js';

function encode(n: number): string {
  const out = new RecordBuffer(1);
  writeJsonNumber(out, n);
  return out.toString();
}

/** Each number is checked on its own, so a failure names the number. */
function assertAllMatchJsonStringify(numbers: readonly number[]): void {
  for (const n of numbers) assert.equal(encode(n), JSON.stringify(n), `for ${Object.is(n, -0) ? '-0' : n}`);
}

const INT32_MAX = 2 ** 31 - 1;
const INT32_MIN = -(2 ** 31);

test('small and digit-boundary integers match JSON.stringify', () => {
  const numbers = [0, 1, -1, 7, -7];
  for (let power = 1; power <= 15; power++) {
    const p = 10 ** power;
    numbers.push(p - 1, p, p + 1, -(p - 1), -p, -(p + 1));
  }
  assertAllMatchJsonStringify(numbers);
});

test('-0 is written as 0', () => {
  assert.equal(encode(-0), '0');
});

test('the int32 boundaries ±2^31 and their neighbours match JSON.stringify', () => {
  assertAllMatchJsonStringify([
    INT32_MAX - 1,
    INT32_MAX,
    INT32_MAX + 1,
    INT32_MIN + 1,
    INT32_MIN,
    INT32_MIN - 1,
    2 ** 32 - 1,
    2 ** 32,
    -(2 ** 32),
  ]);
});

test('the safe integer limits and the first unsafe integers match JSON.stringify', () => {
  assertAllMatchJsonStringify([
    Number.MAX_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER - 1,
    Number.MIN_SAFE_INTEGER,
    Number.MIN_SAFE_INTEGER + 1,
    2 ** 53,
    -(2 ** 53),
    2 ** 53 + 2,
    1e9 * 1e6 + 1,
  ]);
});

test('1e21 and larger magnitudes use exponent notation like JSON.stringify', () => {
  assert.equal(encode(1e21), '1e+21');
  assertAllMatchJsonStringify([
    1e20,
    1e21,
    -1e21,
    1.5e300,
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
    123456789e20,
  ]);
});

test('fractions match JSON.stringify', () => {
  assertAllMatchJsonStringify([
    0.1,
    -0.5,
    1 / 3,
    123.456,
    0.1 + 0.2,
    INT32_MAX + 0.5,
    2 ** 32 + 0.5,
    1e-6,
    1e-7,
  ]);
});

test('tiny and denormal numbers match JSON.stringify', () => {
  assert.equal(encode(5e-324), '5e-324');
  assertAllMatchJsonStringify([Number.MIN_VALUE, -Number.MIN_VALUE, 2.2250738585072014e-308, 1e-310, 1e-300]);
});

test('NaN, Infinity and -Infinity are written as null', () => {
  assert.equal(encode(Number.NaN), 'null');
  assert.equal(encode(Number.POSITIVE_INFINITY), 'null');
  assert.equal(encode(Number.NEGATIVE_INFINITY), 'null');
});

test('any double and any safe integer matches JSON.stringify (property)', () => {
  fc.assert(
    fc.property(fc.oneof(fc.double(), fc.maxSafeInteger(), fc.integer()), (n) => {
      assert.equal(encode(n), JSON.stringify(n));
    }),
    // Cheap enough to run more often than the logger-level properties.
    { numRuns: Math.max(2000, PROPERTY_RUNS) },
  );
});

test('numbers written one after another into one buffer are each exact', () => {
  const numbers = [0, -1, INT32_MIN, Number.MAX_SAFE_INTEGER, 0.5, Number.NaN, 1e21, -5e-324];
  const out = new RecordBuffer(2);
  for (const n of numbers) {
    writeJsonNumber(out, n);
    out.writeByte(0x2c);
  }
  assert.equal(out.toString(), `${numbers.map((n) => JSON.stringify(n)).join(',')},`);
});

test("putInt32 (the replayer's writer, room made by its caller) writes every int32 as JSON.stringify", () => {
  const numbers = [0, 1, -1, 9, 10, -10, INT32_MAX, INT32_MIN, INT32_MIN + 1, 12345, -2147483647];
  for (let power = 1; power <= 9; power++) numbers.push(10 ** power - 1, 10 ** power, -(10 ** power));
  const check = (n: number) => {
    const dst = Buffer.alloc(16, 0x7e);
    const end = putInt32(dst, 2, n);
    assert.equal(dst.toString('latin1', 2, end), JSON.stringify(n), `for ${n}`);
    assert.equal(dst[1], 0x7e, 'nothing written before the position');
    assert.equal(dst[end], 0x7e, 'nothing written past the returned position');
  };
  for (const n of numbers) check(n);
  fc.assert(fc.property(fc.integer(), check), { numRuns: Math.max(2000, PROPERTY_RUNS) });
});

test('every integer below 200,000, written two digits at a time, matches JSON.stringify', () => {
  const out = new RecordBuffer(1);
  for (let n = 0; n < 200_000; n++) {
    out.pos = 0;
    writeJsonNumber(out, n);
    const text = out.toString();
    if (text !== String(n)) assert.equal(text, String(n));
    out.pos = 0;
    writeJsonNumber(out, -n);
    if (out.toString() !== JSON.stringify(-n)) assert.equal(out.toString(), JSON.stringify(-n));
  }
});
