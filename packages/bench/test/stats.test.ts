import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  median,
  pairedDifferences,
  pairedSums,
  percentile,
  ratio,
  scaleSummary,
  summarize,
} from '../dist/harness/stats.js';

test('percentile of no samples is NaN', () => {
  assert.ok(Number.isNaN(percentile([], 50)));
  assert.ok(Number.isNaN(percentile([], 0)));
});

test('percentile of one sample is that sample at every rank', () => {
  for (const p of [0, 1, 50, 99, 100]) assert.equal(percentile([7], p), 7);
});

test('p0 and p100 are the minimum and the maximum', () => {
  const sorted = [1, 2, 3, 10];
  assert.equal(percentile(sorted, 0), 1);
  assert.equal(percentile(sorted, 100), 10);
});

test('p50 of an even count is the mean of the middle two', () => {
  assert.equal(percentile([1, 2, 3, 4], 50), 2.5);
  assert.equal(percentile([1, 3], 50), 2);
});

test('percentiles interpolate linearly between ranks (type 7)', () => {
  // rank = p/100 * (n - 1): p25 of [10, 20, 30, 40, 50] sits exactly on 20, p99 between 40 and 50.
  const sorted = [10, 20, 30, 40, 50];
  assert.equal(percentile(sorted, 25), 20);
  assert.equal(percentile(sorted, 10), 14);
  assert.ok(Math.abs(percentile(sorted, 99) - 49.6) < 1e-9);
});

test('equal neighbours give exactly their value, also for infinities', () => {
  assert.equal(percentile([5, 5, 5], 37), 5);
  assert.equal(percentile([1, Infinity, Infinity], 75), Infinity);
});

test('a percentile outside 0-100 or not a number is a RangeError', () => {
  assert.throws(() => percentile([1, 2], -1), RangeError);
  assert.throws(() => percentile([1, 2], 100.5), RangeError);
  assert.throws(() => percentile([1, 2], Number.NaN), RangeError);
});

test('median does not need sorted input and does not reorder it', () => {
  const values = [9, 1, 5, 3];
  assert.equal(median(values), 4);
  assert.deepEqual(values, [9, 1, 5, 3]);
});

test('summarize reports count, extremes, mean and percentiles', () => {
  const summary = summarize([4, 1, 3, 2]);
  assert.equal(summary.n, 4);
  assert.equal(summary.min, 1);
  assert.equal(summary.max, 4);
  assert.equal(summary.mean, 2.5);
  assert.equal(summary.p50, 2.5);
  assert.equal(summary.p75, 3.25);
});

test('summarize of no values is all NaN with n = 0', () => {
  const summary = summarize([]);
  assert.equal(summary.n, 0);
  for (const key of ['min', 'max', 'mean', 'p50', 'p75', 'p99'] as const) {
    assert.ok(Number.isNaN(summary[key]), key);
  }
});

test('scaleSummary turns per-batch statistics into per-call ones', () => {
  const perCall = scaleSummary(summarize([1000, 2000]), 1 / 1000);
  assert.equal(perCall.n, 2);
  assert.equal(perCall.min, 1);
  assert.equal(perCall.max, 2);
  assert.equal(perCall.mean, 1.5);
});

test('ratio divides subject by reference', () => {
  assert.equal(ratio(25, 200), 0.125);
  assert.equal(ratio(300, 200), 1.5);
});

test('ratio is NaN for a zero, negative or non-finite reference and a non-finite subject', () => {
  assert.ok(Number.isNaN(ratio(1, 0)));
  assert.ok(Number.isNaN(ratio(1, -2)));
  assert.ok(Number.isNaN(ratio(1, Number.NaN)));
  assert.ok(Number.isNaN(ratio(Number.POSITIVE_INFINITY, 2)));
});

test('paired differences and sums go round by round, over the rounds both sides have', () => {
  assert.deepEqual(pairedDifferences([5, 7, 9], [1, 2]), [4, 5]);
  assert.deepEqual(pairedSums([5, 7], [1, 2, 3]), [6, 9]);
  assert.deepEqual(pairedDifferences([], [1]), []);
});
