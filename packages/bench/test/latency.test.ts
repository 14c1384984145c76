import assert from 'node:assert/strict';
import { test } from 'node:test';
import { freshTimedLoop, summarizeLatency, timerFloorNs } from '../dist/harness/latency.js';

test('summarizeLatency: percentiles of 1..1000 by linear interpolation, max, mean', () => {
  const samples = new Float64Array(1000);
  // Shuffled on purpose: the summary must sort.
  for (let i = 0; i < 1000; i++) samples[i] = ((i * 7919) % 1000) + 1;
  const summary = summarizeLatency(samples);
  assert.equal(summary.n, 1000);
  assert.equal(summary.p50, 500.5);
  assert.ok(Math.abs(summary.p99 - 990.01) < 1e-9, `p99 ${summary.p99}`);
  assert.ok(Math.abs(summary.p999 - 999.001) < 1e-9, `p99.9 ${summary.p999}`);
  assert.equal(summary.max, 1000);
  assert.equal(summary.mean, 500.5);
});

test('summarizeLatency reads only the first n entries and leaves the array as it was', () => {
  const samples = Float64Array.from([5, 1, 3, 1_000_000]);
  const summary = summarizeLatency(samples, 3);
  assert.equal(summary.n, 3);
  assert.equal(summary.max, 5);
  assert.equal(summary.p50, 3);
  assert.deepEqual(Array.from(samples), [5, 1, 3, 1_000_000]);
});

test('summarizeLatency: 0.2% slow calls show in p99.9 and max, not in p99', () => {
  const samples = new Float64Array(10_000).fill(100);
  for (let i = 0; i < 20; i++) samples[i * 500] = 2_000_000;
  const summary = summarizeLatency(samples);
  assert.equal(summary.p50, 100);
  assert.equal(summary.p99, 100);
  assert.equal(summary.p999, 2_000_000);
  assert.equal(summary.max, 2_000_000);
});

test('summarizeLatency of no samples is NaN throughout', () => {
  const summary = summarizeLatency(new Float64Array(0));
  assert.equal(summary.n, 0);
  for (const value of [summary.mean, summary.p50, summary.p99, summary.p999, summary.max]) {
    assert.ok(Number.isNaN(value));
  }
});

test('freshTimedLoop records one positive duration per call, from the offset on', () => {
  const out = new Float64Array(10);
  let calls = 0;
  freshTimedLoop()(() => calls++, 5, out, 5);
  assert.equal(calls, 5);
  assert.deepEqual(Array.from(out.slice(0, 5)), [0, 0, 0, 0, 0]);
  for (const ns of out.slice(5)) assert.ok(ns >= 0 && Number.isFinite(ns));
  assert.ok(timerFloorNs() > 0);
});
