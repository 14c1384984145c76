import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RingMemory } from '../dist/esm/layout/ring-layout.js';

// A page of ring memory touched for the first time costs a page fault (~17-20 µs per 4 KiB page on a
// VM like this project's), which made the producer's first lap over a fresh ring several times slower
// than the next. A new ring's data region is backed by memory before the first record is written: its
// resident size is there as soon as it is allocated.

const MiB = 1024 * 1024;

test("a new ring's data region is resident before the first record is written", () => {
  const before = process.memoryUsage().rss;
  const ring = RingMemory.allocate(64 * MiB);
  const grown = process.memoryUsage().rss - before;
  assert.ok(grown >= 60 * MiB, `resident size grew by ${(grown / MiB).toFixed(1)} MiB for a 64 MiB ring`);
  assert.ok(
    ring.words.every((word) => word === 0),
    'the data region still reads as zeros',
  );
});
