import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  assertExactlySeq,
  type ChildResult,
  readRecords,
  runFixture,
  scaled,
  tempDir,
} from './support/records.js';

// Principle 5: nothing handed over is lost however the process ends. Each child logs N records
// through a transport (4 MiB ring, so most of them are still in the ring or in flight at the end),
// then ends one way; every record must be in the file, once, in order.

const N = scaled(100_000);
const dir = tempDir('exit-paths');
let runs = 0;

async function logThenEnd(mode: string): Promise<ChildResult & { file: string }> {
  const file = join(dir, `${mode}-${++runs}.log`);
  const result = await runFixture('log-then-end.mjs', [file, mode, String(N)]);
  return { ...result, file };
}

/** How a process that kills itself with `signal` ends without sluice: the baseline to match. */
function endsWithoutSluice(signal: NodeJS.Signals): { status: number | null; signal: NodeJS.Signals | null } {
  const child = spawnSync(process.execPath, [
    '-e',
    `process.kill(process.pid, '${signal}'); setInterval(() => {}, 1000);`,
  ]);
  return { status: child.status, signal: child.signal };
}

describe(`every record survives the way a process ends (${N} records)`, () => {
  test('natural exit', async () => {
    const run = await logThenEnd('natural');
    assert.equal(run.status, 0, run.stderr);
    assertExactlySeq(readRecords(run.file), N);
  });

  test('process.exit(0) right after logging', async () => {
    const run = await logThenEnd('exit');
    assert.equal(run.status, 0, run.stderr);
    assertExactlySeq(readRecords(run.file), N);
  });

  test('an uncaught exception (exit code 1)', async () => {
    const run = await logThenEnd('throw');
    assert.equal(run.status, 1);
    assert.match(run.stderr, /uncaught on purpose/);
    assertExactlySeq(readRecords(run.file), N);
  });

  test('an unhandled rejection (exit code 1)', async () => {
    const run = await logThenEnd('reject');
    assert.equal(run.status, 1);
    assert.match(run.stderr, /unhandled on purpose/);
    assertExactlySeq(readRecords(run.file), N);
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    test(`${signal} with no handler of the app's: drained, then the process dies by ${signal} as without sluice`, async () => {
      const run = await logThenEnd(signal.toLowerCase());
      assert.deepEqual({ status: run.status, signal: run.signal }, endsWithoutSluice(signal));
      assert.equal(run.signal, signal, run.stderr);
      assertExactlySeq(readRecords(run.file), N);
    });
  }

  test("SIGTERM with a handler of the app's: drained, and the app decides (it logs once more and exits 0)", async () => {
    const run = await logThenEnd('sigterm-handled');
    assert.equal(run.signal, null, run.stderr);
    assert.equal(run.status, 0, run.stderr);
    const records = readRecords(run.file);
    assertExactlySeq(records, N + 1);
    assert.equal(records[N].msg, 'app handler ran');
  });

  test("an 'exit' listener of the app's after the transport's still logs: its records are written, whole, at once", async () => {
    // After the exit drain the sink worker writes nothing more (the exit's write fence): this thread
    // writes what it still logs itself, and the fatal record's flush does not wait on the worker.
    const run = await logThenEnd('exit-listener');
    assert.equal(run.status, 0, run.stderr);
    const records = readRecords(run.file);
    assertExactlySeq(records, N + 2);
    assert.deepEqual(
      records.slice(N).map((record) => [record.level, record.msg]),
      [
        [30, 'said at exit'],
        [60, 'last words at exit'],
      ],
    );
  });

  test('log.fatal() then SIGKILL: everything up to and including the fatal record is written', async () => {
    const run = await logThenEnd('fatal');
    assert.equal(run.signal, 'SIGKILL');
    const records = readRecords(run.file);
    assertExactlySeq(records, N + 1);
    assert.equal(records[N].level, 60);
    assert.equal(records[N].msg, 'last words');
  });
});
