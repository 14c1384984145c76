import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  assertNoDuplicatesInOrder,
  type ChildResult,
  droppedByReports,
  expectedCheck,
  fixture,
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
/** Runs into a slowly read pipe: before the exit write fence, about one in three tore its last line. */
const SLOW_PIPE_RUNS = 3;
const dir = tempDir('threads-at-exit');
let runs = 0;

interface ExitRun extends ChildResult {
  records: LogRecord[];
  returned: number[];
}

/** Where a run logs instead of a file: a FIFO, which a reader copies into `out` until the process ends. */
interface SlowPipe {
  fifo: string;
  out: string;
  readerEnded: Promise<unknown[]>;
}

async function logWhileEnding(mode: 'exit' | 'sigterm', into?: SlowPipe): Promise<ExitRun> {
  const file = join(dir, `${mode}-${++runs}.log`);
  const countsFile = join(dir, `${mode}-${runs}.counts.json`);
  let signalled = false;
  const result = await runFixture(
    'threads-at-exit.mjs',
    [into?.fifo ?? file, countsFile, mode, String(THREADS), String(WARM_UP)],
    {},
    (chunk, child) => {
      if (mode !== 'sigterm' || signalled || !chunk.includes('logging')) return;
      signalled = true;
      child.kill('SIGTERM');
    },
  );
  const returned = JSON.parse(readFileSync(countsFile, 'utf8')) as number[];
  if (into !== undefined) assert.deepEqual(await into.readerEnded, [0, null], 'the reader read to the end');
  return { ...result, records: readRecords(into?.out ?? file), returned };
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

  test('SIGTERM into a pipe read slowly: no write is under way when the process ends, the last line is whole', async () => {
    // The sink worker's writes wait on the reader most of the time, and the threads log on after the
    // exit drain: the process must not end in the middle of a write, which would tear the last line.
    // Whether a write is under way at that moment is a race: several runs.
    for (let round = 0; round < SLOW_PIPE_RUNS; round++) {
      const fifo = join(dir, `slow-${++runs}.fifo`);
      execFileSync('mkfifo', [fifo]);
      const out = join(dir, `slow-${runs}.out`);
      const reader = spawn(process.execPath, [fixture('slow-fifo-reader.mjs'), fifo, out, '16384', '2'], {
        stdio: 'ignore',
      });
      const run = await logWhileEnding('sigterm', { fifo, out, readerEnded: once(reader, 'close') });
      assert.equal(run.signal, 'SIGTERM', run.stderr);
      assertEveryReturnedCallWritten(run);
    }
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
