import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import {
  assertExactlySeq,
  type ChildResult,
  firstAppearances,
  type LogRecord,
  lastJsonLine,
  readRecords,
  runFixture,
  scaled,
  tempDir,
} from './support/records.js';

// A sink worker that dies (terminated, or throwing) is restarted, and its successor re-reads whatever the
// dead one had taken but not yet released: nothing is lost, the process keeps running. If no worker runs
// again before the process exits, the producer writes its own ring out (self-drain).

const N = scaled(200_000);
const dir = tempDir('worker-crash');

interface CrashRun extends ChildResult {
  records: LogRecord[];
}

async function crash(mode: string): Promise<CrashRun> {
  const file = join(dir, `${mode}.log`);
  const result = await runFixture('crash-worker.mjs', [file, mode, String(N)]);
  return { ...result, records: readRecords(file) };
}

/**
 * The fixture's events carry a constant string, which the ring's string table holds from the fourth
 * call on: whichever worker (or self-drain) wrote a record must have read it back from there.
 */
function assertSourceKept(records: readonly LogRecord[]): void {
  const lost = records.filter((record) => record.source !== 'crash-worker fixture');
  assert.equal(lost.length, 0, `records without their source: ${JSON.stringify(lost.slice(0, 3))}`);
}

for (const [mode, how] of [
  ['terminate', 'transport.worker.terminate()'],
  ['throw', 'an exception thrown in the worker'],
] as const) {
  describe(`the sink worker killed three times by ${how} while ${N} records flow`, () => {
    let run: CrashRun;
    before(async () => {
      run = await crash(mode);
    });

    test('every record is delivered, in order, no line torn', () => {
      assert.equal(run.status, 0, run.stderr);
      assertExactlySeq(firstAppearances(run.records, 2), N + 1);
      assertSourceKept(run.records.slice(0, -1));
    });

    test('the worker is restarted and the process keeps running (and logging)', () => {
      assert.equal(run.status, 0, run.stderr);
      const stats = lastJsonLine<{ workerRestarts: number; recordsWritten: number }>(run.stdout);
      assert.ok(stats.workerRestarts >= 3, `workerRestarts: ${stats.workerRestarts}`);
      assert.equal(run.records[run.records.length - 1].msg, 'after the crashes');
      assert.match(run.stderr, /sink worker exited with code 1; restarting it/);
    });

    // A worker that throws lets its writes under way complete before it ends (their completions release
    // the ring). One killed from outside cannot: its owner settles its release journal (which releases
    // reached the file; the file is cut back to the last of them) before the successor starts.
    test('no record is delivered twice', () => {
      assertExactlySeq(run.records, N + 1);
    });
  });
}

describe(`the sink worker terminated, then process.exit() before any restart (${N} records)`, () => {
  let run: CrashRun;
  before(async () => {
    run = await crash('terminate-then-exit');
  });

  test("the exit hook's self-drain writes every record, in order", () => {
    assert.equal(run.status, 0, run.stderr);
    assertExactlySeq(firstAppearances(run.records, 1), N);
    assertSourceKept(run.records);
  });

  // No owner saw this worker exit: the exit hook's self-drain settles its journal when it takes the ring.
  test('no record is delivered twice', () => {
    assertExactlySeq(run.records, N);
  });
});
