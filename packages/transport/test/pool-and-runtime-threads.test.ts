import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  assertExactlySeq,
  lastJsonLine,
  readRecords,
  runFixture,
  scaled,
  tempDir,
} from './support/records.js';

// Logging from inside piscina workers (each pool thread attaches to the transport handle when it runs
// its first task) and from worker_threads created while the pool runs, all into one transport.

const TASKS = 12;
const PER_PRODUCER = scaled(10_000, 200_000);
const dir = tempDir('pool-threads');

test(`${TASKS} piscina tasks and 2 runtime threads log ${PER_PRODUCER} records each: every one arrives once, in order`, async () => {
  const file = join(dir, 'pool.log');
  const run = await runFixture('pool-and-threads.mjs', [file, String(TASKS), String(PER_PRODUCER)]);
  assert.equal(run.status, 0, run.stderr);
  const report = lastJsonLine<{ poolThreads: number; stats: { recordsWritten: number } }>(run.stdout);
  const records = readRecords(file);
  const producers = [...Array.from({ length: TASKS }, (_, task) => `task-${task}`), 'thread-0', 'thread-1'];
  assert.equal(records.length, producers.length * PER_PRODUCER);
  for (const producer of producers) assertExactlySeq(records, PER_PRODUCER, producer);
  assert.equal(report.stats.recordsWritten, records.length);
  assert.ok(
    report.poolThreads >= 1 && report.poolThreads <= 3,
    `${report.poolThreads} pool threads ran tasks`,
  );
  // Each task ran on one pool thread from start to end: its records carry one threadId.
  for (const producer of producers.slice(0, TASKS)) {
    const threads = new Set(records.filter((r) => r.producer === producer).map((r) => r.thread));
    assert.equal(threads.size, 1, producer);
  }
});
