import assert from 'node:assert/strict';
import { test } from 'node:test';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { freshLoop } from '../dist/harness/fresh-loop.js';
import { measureHeapPerCall } from '../dist/harness/heap-per-call.js';
import { heapWindowCalls } from '../dist/harness/measure-case.js';

// The harness needs gc(); scenario processes get it from --expose-gc, node --test does not pass flags.
v8.setFlagsFromString('--expose-gc');
(globalThis as { gc?: unknown }).gc ??= runInNewContext('gc');

let kept: unknown = null;
const allocating = (): void => {
  kept = [kept === null ? 0 : 1, 2, 3, 4];
};
const noop = (): void => {};

function heapOf(call: () => void, calls: number) {
  const loop = freshLoop();
  const baselineLoop = freshLoop();
  return measureHeapPerCall({
    window: () => loop(call, calls),
    baseline: () => baselineLoop(noop, calls),
    calls,
    windows: 3,
    warmupCalls: 100_000,
  });
}

test('bytes per call are the same whether or not scavenges ran in the window', async () => {
  const small = await heapOf(allocating, 1_000);
  const large = await heapOf(allocating, 500_000);
  assert.ok(small.bytesPerCall > 0);
  assert.ok(large.scavengesPerWindow > 0, 'the large window should have needed scavenges');
  assert.ok(
    Math.abs(large.bytesPerCall - small.bytesPerCall) < 0.02 * small.bytesPerCall,
    `${small.bytesPerCall} B/call without GC, ${large.bytesPerCall} B/call across GCs`,
  );
});

test('a call that allocates nothing measures about zero bytes', async () => {
  const heap = await heapOf(() => {}, 100_000);
  assert.ok(Math.abs(heap.bytesPerCall) < 0.5, `${heap.bytesPerCall} B/call`);
  assert.equal(heap.windows.length, 3);
});

test('heapWindowCalls shortens the windows of slow loggers only, never below 10,000 calls', () => {
  assert.equal(heapWindowCalls(100_000, undefined), 100_000);
  assert.equal(heapWindowCalls(100_000, 100), 100_000);
  assert.equal(heapWindowCalls(100_000, 2_000), 25_000);
  assert.equal(heapWindowCalls(100_000, 50_000), 10_000);
  assert.equal(heapWindowCalls(5_000, 50_000), 5_000);
  assert.equal(heapWindowCalls(100_000, Number.NaN), 100_000);
});
