import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  assertNoDuplicatesInOrder,
  type ChildResult,
  droppedByReports,
  expectedCheck,
  isDropReport,
  type LogRecord,
  readRecords,
  runFixture,
  scaled,
  tempDir,
} from './support/records.js';

// SECURITY.md section 3: every record a producer thread commits is written once, in its thread's order,
// across process.exit() and SIGTERM, even while worker threads are still logging. The main thread and 4
// worker_threads log flat out; each notes how many of its calls returned. The process ends while they
// log; the counts are taken before the exit drain starts. Every record up to a thread's count must be
// in the file once, in order; records after it may be there too, as a clean continuation.

const THREADS = 4;
/** Calls each thread has returned before the main thread ends the process (they log on meanwhile). */
const WARM_UP = scaled(2_000, 100_000);
const dir = tempDir('threads-at-exit');
let runs = 0;

interface ExitRun extends ChildResult {
  records: LogRecord[];
  returned: number[];
}

async function logWhileEnding(mode: 'exit' | 'sigterm'): Promise<ExitRun> {
  const file = join(dir, `${mode}-${++runs}.log`);
  const countsFile = join(dir, `${mode}-${runs}.counts.json`);
  let signalled = false;
  const result = await runFixture(
    'threads-at-exit.mjs',
    [file, countsFile, mode, String(THREADS), String(WARM_UP)],
    {},
    (chunk, child) => {
      if (mode !== 'sigterm' || signalled || !chunk.includes('logging')) return;
      signalled = true;
      child.kill('SIGTERM');
    },
  );
  const returned = JSON.parse(readFileSync(countsFile, 'utf8')) as number[];
  return { ...result, records: readRecords(file), returned };
}

/** Per thread: a clean prefix 0..k-1 of its records, each once, with k at least what had returned. */
function assertEveryReturnedCallWritten(run: ExitRun): void {
  assert.equal(run.returned.length, THREADS + 1);
  const written = assertNoDuplicatesInOrder(run.records);
  const missing = run.returned.map((returned, producer) => {
    const count = written.get(producer) ?? 0;
    return Math.max(0, returned - count);
  });
  assert.deepEqual(
    missing,
    run.returned.map(() => 0),
    `records missing per thread (returned: ${run.returned.join(', ')})`,
  );
  for (const record of run.records) {
    assert.equal(
      record.check,
      expectedCheck(record.producer, record.seq as number),
      'a whole record, not torn',
    );
  }
  // No seq skipped: in order with no duplicates and as many as the last seq + 1 means 0..k-1 exactly.
  const lastSeq = new Map<unknown, number>();
  for (const record of run.records) lastSeq.set(record.producer, record.seq as number);
  for (const [producer, count] of written)
    assert.equal(lastSeq.get(producer), count - 1, `thread ${String(producer)} has no gap`);
}

describe(`threads still logging when the process ends (main + ${THREADS} threads, ${WARM_UP}+ records each)`, () => {
  test('process.exit(): every call that returned is written once, in each thread order', async () => {
    const run = await logWhileEnding('exit');
    assert.equal(run.status, 0, run.stderr);
    assertEveryReturnedCallWritten(run);
  });

  test('SIGTERM: every call that returned is written once, in each thread order', async () => {
    const run = await logWhileEnding('sigterm');
    assert.equal(run.signal, 'SIGTERM', run.stderr);
    assertEveryReturnedCallWritten(run);
  });
});

test("a thread's drops are reported at the process's exit, with no sink worker to report them", async () => {
  // The worker is killed; before it restarts, a thread overfills its ring (policy 'drop') and the
  // process exits: the exit drain writes the thread's records, then the report of what it dropped.
  const file = join(dir, 'thread-drops.log');
  const run = await runFixture('thread-drops-at-exit.mjs', [file, '3000']);
  assert.equal(run.status, 0, run.stderr);
  const logged = Number(run.stdout.trim());
  const records = readRecords(file);
  const delivered = records.filter((record) => !isDropReport(record));
  assertNoDuplicatesInOrder(delivered);
  const dropped = droppedByReports(records).info ?? 0;
  assert.ok(dropped > 0, 'the thread dropped records, so their report was needed');
  assert.equal(delivered.length + dropped, logged, `${delivered.length} delivered + ${dropped} dropped`);
});
