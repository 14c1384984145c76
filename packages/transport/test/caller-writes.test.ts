import assert from 'node:assert/strict';
import { existsSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createLogger } from '@sluice/core';
import { CALLER_WRITES, ControlBlock } from '../dist/esm/control/control-block.js';
import { createTransport } from '../dist/esm/index.js';
import { RingMemory } from '../dist/esm/layout/ring-layout.js';
import { CallerWrites } from '../dist/esm/lifecycle/caller-writes.js';
import {
  assertExactlySeq,
  expectedCheck,
  fileLines,
  lastJsonLine,
  logSpaced,
  readRecords,
  runFixture,
  runFixtureIntoPipe,
  tempDir,
  untilFileLines,
} from './support/records.js';

// Below burst rates the thread that logs writes its own records out (one write per linger), while the
// sink worker sleeps: no wake-up per batch. Counted in wake-ups and writes (stats()), never timed.

const dir = tempDir('caller-writes');

test('records at a server rate are written by the thread that logs them: the worker sleeps throughout', async () => {
  const file = join(dir, 'server-rate.log');
  const transport = createTransport({ dest: file, append: false });
  await transport.ready;
  const log = createLogger({ transport });
  const before = transport.stats();
  const RECORDS = 200;
  await logSpaced(log, 0, RECORDS);
  await untilFileLines(file, RECORDS);
  const stats = transport.stats();
  assertExactlySeq(readRecords(file), RECORDS);
  // Woken per linger, the worker would wake about once per 10 ms (40 times here); it wakes at most for
  // its once-a-second check.
  const wakeUps = stats.sinkWakeUps - before.sinkWakeUps;
  assert.ok(wakeUps <= 3, `${wakeUps} wake-ups of the worker for ${RECORDS} records 2 ms apart`);
  assert.ok(stats.callerWrites >= 10, `${stats.callerWrites} writes from the logging thread`);
  assert.equal(stats.recordsWritten, RECORDS);
  assert.equal(stats.targets[0].recordsDelivered, RECORDS);
  await transport.close();
});

test('a record after a quiet linger is written once the code that logged it returns, by its thread, with no timer of its own', async () => {
  const file = join(dir, 'after-quiet.log');
  const transport = createTransport({ dest: file, append: false });
  await transport.ready;
  const log = createLogger({ transport });
  let logged = 0;
  let writtenInTurn = 0;
  while (writtenInTurn < 3 && logged < 10) {
    // Quiet for more than a linger (10 ms): no batch to join.
    await new Promise((resolve) => setTimeout(resolve, 30));
    const before = transport.stats().callerWrites;
    const seq = logged++;
    log.info({ producer: 0, seq, check: expectedCheck(0, seq) }, 'after a quiet spell');
    // The next turn of the event loop, long before a linger's timer could fire.
    await new Promise((resolve) => setImmediate(resolve));
    if (fileLines(file).length === logged && transport.stats().callerWrites === before + 1) writtenInTurn++;
    // The worker's once-a-second check, under way at the call, takes the record: not this case.
    else await untilFileLines(file, logged);
  }
  assert.equal(
    writtenInTurn,
    3,
    `of ${logged} records, those in the file a turn after the call, by their thread`,
  );
  assertExactlySeq(readRecords(file), logged);
  await transport.close();
});

test('callerWrites: false leaves every write to the worker', async () => {
  const file = join(dir, 'worker-only.log');
  const transport = createTransport({ dest: file, append: false, callerWrites: false });
  await transport.ready;
  const log = createLogger({ transport });
  await logSpaced(log, 0, 50);
  await untilFileLines(file, 50);
  const stats = transport.stats();
  assertExactlySeq(readRecords(file), 50);
  assert.equal(stats.callerWrites, 0);
  assert.ok(stats.sinkWakeUps > 3, `${stats.sinkWakeUps} wake-ups: the worker took the records`);
  await transport.close();
});

test('a burst is the worker’s: a loop that never yields is written in order, by the worker', async () => {
  const file = join(dir, 'burst.log');
  const transport = createTransport({ dest: file, append: false });
  await transport.ready;
  const log = createLogger({ transport });
  const RECORDS = 20_000;
  for (let seq = 0; seq < RECORDS; seq++)
    log.info({ producer: 0, seq, check: expectedCheck(0, seq) }, 'burst');
  await transport.flush();
  assertExactlySeq(readRecords(file), RECORDS);
  const stats = transport.stats();
  assert.ok(stats.sinkWakeUps >= 1, 'the worker was woken for the burst');
  assert.equal(stats.recordsWritten, RECORDS);
  await transport.close();
});

test('records that trickle, then a burst, then a trickle again: each written once, in order', async () => {
  const file = join(dir, 'mixed.log');
  const transport = createTransport({ dest: file, append: false });
  await transport.ready;
  const log = createLogger({ transport });
  await logSpaced(log, 0, 30);
  for (let seq = 30; seq < 10_030; seq++)
    log.info({ producer: 0, seq, check: expectedCheck(0, seq) }, 'burst');
  await logSpaced(log, 10_030, 30);
  await transport.flush();
  assertExactlySeq(readRecords(file), 10_060);
  assert.ok(transport.stats().callerWrites >= 1);
  await transport.close();
});

test('a socket (a child process’s stdio) is the worker’s alone: a write to it could wait', async () => {
  const run = await runFixture('caller-writes-pipe.mjs', []);
  assert.equal(run.status, 0, run.stderr);
  const lines = run.stdout.trim().split('\n');
  const stats = lastJsonLine<{ callerWrites: number; recordsWritten: number }>(run.stdout);
  assert.equal(stats.callerWrites, 0);
  assert.equal(stats.recordsWritten, 40);
  assert.equal(lines.filter((line) => line.includes('"msg":"to a pipe"')).length, 40);
});

/** A fixture's records through a real pipe to `reader` (a shell pipeline), and its stats() from stderr. */
async function throughPipe(args: readonly string[], reader: string) {
  const run = await runFixtureIntoPipe('caller-writes-real-pipe.mjs', args, reader);
  assert.equal(run.status, 0, run.stderr);
  const stats = lastJsonLine<{ callerWrites: number; recordsWritten: number; sinkWakeUps: number }>(
    run.stderr,
  );
  const records = run.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { seq: number; pad: string });
  return { stats, records };
}

test('a pipe (stdout in a container, a shell pipeline) is written by the thread that logs, in whole lines, while the worker sleeps', async () => {
  const { stats, records } = await throughPipe(['40', '2', '0', '0'], 'cat');
  assert.deepEqual(
    records.map((record) => record.seq),
    Array.from({ length: 40 }, (_, i) => i),
  );
  // The whole stats() in the messages: starved of CPU the worker can take every record (seen once in CI,
  // and once in 15 runs beside four CPU hogs on the build before 3da220c: callerWrites 0, sinkWakeUps 9).
  const seen = JSON.stringify(stats);
  assert.ok(stats.callerWrites >= 5, `${stats.callerWrites} writes from the logging thread: ${seen}`);
  assert.ok(
    stats.sinkWakeUps <= 3,
    `${stats.sinkWakeUps} wake-ups of the worker for 40 records 2 ms apart: ${seen}`,
  );
  assert.equal(stats.recordsWritten, 40);
});

test('a full pipe and lines longer than a pipe takes whole go to the worker: every line once, whole, in order', async () => {
  // 200 lines of about 1 KB into a pipe whose reader starts after a second (the pipe holds 64 KiB), every
  // 50th line 10 KB: the logging thread's writes are refused, and the worker writes the rest.
  const { stats, records } = await throughPipe(['200', '1', '1000', '50'], '(sleep 1; cat)');
  assert.deepEqual(
    records.map((record) => record.seq),
    Array.from({ length: 200 }, (_, i) => i),
  );
  for (const record of records) assert.equal(record.pad.length, record.seq % 50 === 49 ? 10_000 : 1000);
  assert.ok(stats.callerWrites >= 1, `${stats.callerWrites} writes from the logging thread`);
  assert.equal(stats.recordsWritten, 200);
});

test('after reopen() (logrotate), the logging thread writes to the new file at the path, none lost', async () => {
  const file = join(dir, 'rotated.log');
  const transport = createTransport({ dest: file, append: false });
  await transport.ready;
  const log = createLogger({ transport });
  await logSpaced(log, 0, 40);
  await untilFileLines(file, 40);
  renameSync(file, `${file}.1`);
  await transport.reopen();
  await logSpaced(log, 40, 40);
  await untilFileLines(file, 40);
  const old = readRecords(`${file}.1`);
  const current = readRecords(file);
  assertExactlySeq([...old, ...current], 80);
  assert.equal(current[0].seq, 40, 'every record after the reopen is in the new file');
  assert.ok(transport.stats().callerWrites >= 2);
  await transport.close();
});

test('a file moved away and replaced before the logging thread first opens it: records go to the worker’s file until it reopens', async () => {
  const file = join(dir, 'replaced-before-open.log');
  const transport = createTransport({ dest: file, append: false });
  await transport.ready;
  const log = createLogger({ transport });
  // logrotate's `create` before this thread wrote anything: the path now holds a file the worker has not
  // opened, and its own (renamed) file is where records belong until reopen().
  renameSync(file, `${file}.1`);
  writeFileSync(file, '');
  await logSpaced(log, 0, 40);
  await untilFileLines(`${file}.1`, 40);
  assert.equal(readRecords(file).length, 0, 'nothing in the file the worker never opened');
  await transport.reopen();
  const before = transport.stats().callerWrites;
  await logSpaced(log, 40, 40);
  await untilFileLines(file, 40);
  assertExactlySeq([...readRecords(`${file}.1`), ...readRecords(file)], 80);
  assert.equal(readRecords(file)[0].seq, 40);
  assert.ok(transport.stats().callerWrites > before, 'the logging thread writes again after the reopen');
  await transport.close();
});

test('a file deleted before the logging thread first opens it is not created again by that thread', async () => {
  const file = join(dir, 'deleted-before-open.log');
  const transport = createTransport({ dest: file, append: false });
  await transport.ready;
  const log = createLogger({ transport });
  unlinkSync(file);
  await logSpaced(log, 0, 20);
  await transport.flush();
  assert.equal(existsSync(file), false, 'the path stays free until the worker reopens');
  assert.equal(transport.stats().recordsWritten, 20);
  await transport.reopen();
  await logSpaced(log, 20, 20);
  await untilFileLines(file, 20);
  assert.equal(readRecords(file)[0].seq, 20);
  await transport.close();
});

test('process.exit() right after trickled records: every record is in the file', async () => {
  const file = join(dir, 'exit.log');
  const run = await runFixture('caller-writes-exit.mjs', [file]);
  assert.equal(run.status, 0, run.stderr);
  const stats = lastJsonLine<{ callerWrites: number }>(run.stdout);
  assert.ok(stats.callerWrites >= 1, 'the trickle was written from the logging thread');
  assertExactlySeq(readRecords(file), 53);
});

test('worker threads that log at a server rate write their own rings out too: each record once, in each thread order', async () => {
  const file = join(dir, 'threads.log');
  const run = await runFixture('caller-writes-threads.mjs', [file]);
  assert.equal(run.status, 0, run.stderr);
  const stats = lastJsonLine<{ callerWrites: number; recordsWritten: number }>(run.stdout);
  const records = readRecords(file);
  for (const producer of [0, 1, 2]) assertExactlySeq(records, 100, producer);
  assert.equal(stats.recordsWritten, 300);
  // Three threads, 100 records each over about 200 ms: each writes its own several times.
  assert.ok(stats.callerWrites >= 6, `${stats.callerWrites} writes from the logging threads`);
});

test('a thread whose event loop is blocked after logging: the worker writes its records meanwhile', async () => {
  const file = join(dir, 'blocked.log');
  let blocked = false;
  let unblocked = false;
  let writtenWhileBlocked = false;
  // The child blocks for 6 s after logging; the worker's once-a-second check writes its records.
  const poll = setInterval(() => {
    if (!blocked || unblocked || writtenWhileBlocked) return;
    if (existsSync(file) && fileLines(file).length >= 5) writtenWhileBlocked = true;
  }, 50);
  const run = await runFixture('caller-writes-blocked.mjs', [file], {}, (chunk) => {
    if (chunk.includes('unblocked')) unblocked = true;
    else if (chunk.includes('blocked')) blocked = true;
  });
  clearInterval(poll);
  assert.equal(run.status, 0, run.stderr);
  assert.ok(writtenWhileBlocked, 'every record was written while its thread was blocked');
  assertExactlySeq(readRecords(file), 5);
});

test('records that wait behind a batch the woken worker took are stamped anew, so the worker judges their rate', () => {
  const control = new ControlBlock();
  Atomics.store(control.ints, CALLER_WRITES, 1);
  const writes = new CallerWrites(control, RingMemory.allocate(64 * 1024), {
    type: 'file',
    path: join(dir, 'stamp.log'),
    mkdir: false,
    append: true,
    mode: 0o644,
  });
  try {
    assert.equal(writes.schedule(), true, 'the first waiting record is this thread’s to write');
    assert.ok(control.takeWaitingSince() > 0, 'the first waiting record is stamped');
    // The worker, woken by a burst's worth, took the records and their stamp while this thread's write
    // is still scheduled: the next record starts the next batch.
    assert.equal(writes.schedule(), true);
    assert.ok(control.takeWaitingSince() > 0, 'the record after the taken batch is stamped');
    // Within a batch, the stamp of its first record stays.
    control.noteWaitingSince(12_345);
    writes.schedule();
    assert.equal(control.takeWaitingSince(), 12_345);
  } finally {
    writes.close();
  }
});
