import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import {
  assertExactlySeq,
  type ChildResult,
  expectedCheck,
  type LogRecord,
  lastJsonLine,
  readRecords,
  runFixture,
  scaled,
  tempDir,
} from './support/records.js';

// One sink worker serves every thread: each producer thread writes into a ring of its own, so records
// of different threads never interleave inside a line and each thread's order is kept.

const PER_PRODUCER = scaled(100_000);
const PRODUCERS = [0, 1, 2, 3, 4]; // 0 is the main thread
const dir = tempDir('multi-producer');

interface MultiRun extends ChildResult {
  records: LogRecord[];
  attachError: { isConfigError: boolean; name: string; code: string; message: string } | null;
  stats: { recordsWritten: number };
}

describe(`the main thread and 4 worker_threads log ${PER_PRODUCER} records each`, () => {
  let run: MultiRun;
  before(async () => {
    const file = join(dir, 'multi.log');
    const result = await runFixture('multi-producer.mjs', [file, String(PER_PRODUCER)]);
    assert.equal(result.status, 0, result.stderr);
    run = { ...result, ...lastJsonLine(result.stdout), records: readRecords(file) } as MultiRun;
  });

  test('every record arrives exactly once, in its producer order, no line torn or interleaved', () => {
    assert.equal(run.records.length, PRODUCERS.length * PER_PRODUCER);
    for (const producer of PRODUCERS) assertExactlySeq(run.records, PER_PRODUCER, producer);
    assert.equal(run.stats.recordsWritten, PRODUCERS.length * PER_PRODUCER);
  });

  test('the threads really ran side by side: their records are mixed in the file', () => {
    const firstOf = new Map<unknown, number>();
    const lastOf = new Map<unknown, number>();
    run.records.forEach((record, index) => {
      if (!firstOf.has(record.producer)) firstOf.set(record.producer, index);
      lastOf.set(record.producer, index);
    });
    const overlapping = PRODUCERS.filter((p) =>
      PRODUCERS.some((q) => q !== p && firstOf.get(q)! < lastOf.get(p)! && firstOf.get(p)! < lastOf.get(q)!),
    );
    assert.ok(overlapping.length >= 2, 'at least two producers wrote at the same time');
  });

  test('a 5th thread attaching to a 4-ring handle gets a SluiceConfigError naming the fix', () => {
    assert.ok(run.attachError !== null, 'the 5th attach threw');
    assert.equal(run.attachError.isConfigError, true);
    assert.equal(run.attachError.name, 'SluiceConfigError');
    assert.equal(run.attachError.code, 'ERR_SLUICE_CONFIG');
    assert.match(run.attachError.message, /All 4 rings/);
    assert.match(run.attachError.message, /transport\.handle\(\{ threads: n \}\)/);
  });
});

const LOAD_PER_PRODUCER = scaled(50_000);
const LOAD_THREADS = 10;

describe(`load: the main thread and ${LOAD_THREADS} worker_threads log ${LOAD_PER_PRODUCER} records each`, () => {
  let run: MultiRun;
  before(async () => {
    const file = join(dir, 'load.log');
    const result = await runFixture('multi-producer.mjs', [
      file,
      String(LOAD_PER_PRODUCER),
      String(LOAD_THREADS),
    ]);
    assert.equal(result.status, 0, result.stderr);
    run = { ...result, ...lastJsonLine(result.stdout), records: readRecords(file) } as MultiRun;
  });

  test('exact count, each producer in order, every record whole (its check field intact)', () => {
    const producers = LOAD_THREADS + 1;
    assert.equal(run.records.length, producers * LOAD_PER_PRODUCER);
    for (let producer = 0; producer < producers; producer++)
      assertExactlySeq(run.records, LOAD_PER_PRODUCER, producer);
    for (const record of run.records) {
      if (record.check !== expectedCheck(record.producer, record.seq as number))
        assert.fail(`torn or spliced record: ${JSON.stringify(record).slice(0, 300)}`);
    }
    assert.equal(run.stats.recordsWritten, producers * LOAD_PER_PRODUCER);
  });

  test(`the ${LOAD_THREADS + 2}th thread is refused: all ${LOAD_THREADS} rings are in use`, () => {
    assert.match(run.attachError?.message ?? '', new RegExp(`All ${LOAD_THREADS} rings`));
  });
});
