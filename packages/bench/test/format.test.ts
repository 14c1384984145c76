import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatBytes, formatCount, formatNs, formatRatio, MISSING } from '../dist/harness/format.js';

test('formatNs keeps three significant digits and switches units at 1000', () => {
  assert.equal(formatNs(0.41234), '0.412 ns');
  assert.equal(formatNs(4.1234), '4.12 ns');
  assert.equal(formatNs(41.234), '41.2 ns');
  assert.equal(formatNs(412.34), '412 ns');
  assert.equal(formatNs(4123.4), '4.12 µs');
  assert.equal(formatNs(4_123_400), '4.12 ms');
});

test('formatNs rounds up across a digit boundary without a stray decimal', () => {
  assert.equal(formatNs(99.96), '100 ns');
  assert.equal(formatNs(9.996), '10.0 ns');
});

test('formatNs shows zero and missing values plainly', () => {
  assert.equal(formatNs(0), '0 ns');
  assert.equal(formatNs(Number.NaN), MISSING);
});

test('formatBytes has two decimals under 10 B, one under 100, none above', () => {
  assert.equal(formatBytes(0), '0.00 B');
  assert.equal(formatBytes(0.004), '0.00 B');
  assert.equal(formatBytes(0.04), '0.04 B');
  assert.equal(formatBytes(48.0013), '48.0 B');
  assert.equal(formatBytes(408.02), '408 B');
});

test('formatBytes writes a negative that rounds to zero as zero, and keeps real negatives', () => {
  assert.equal(formatBytes(-0.001), '0.00 B');
  assert.equal(formatBytes(-0.5), '-0.50 B');
});

test('formatRatio gives the decimal and the fraction or multiple', () => {
  assert.equal(formatRatio(0.125), '0.125 (1/8.0)');
  assert.equal(formatRatio(0.5), '0.500 (1/2.0)');
  assert.equal(formatRatio(1.5), '1.50 (1.5x)');
  assert.equal(formatRatio(Number.NaN), MISSING);
  assert.equal(formatRatio(0), MISSING);
});

test('formatCount groups thousands', () => {
  assert.equal(formatCount(0), '0');
  assert.equal(formatCount(999), '999');
  assert.equal(formatCount(10_000_000), '10,000,000');
});
