import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { assertExactlySeq, lastJsonLine, readRecords, runFixture, tempDir } from './support/records.js';

// A sink worker that dies before it is ready, again and again (here: terminated each time as soon as it
// exists), is given up after 5 attempts: `ready` still resolves, and from then on each logging thread
// writes its records out itself as it commits, those logged meanwhile included. Nothing is lost.

const N = 20_000;

test('workers that die before they are ready are given up after 5; the logging thread writes everything itself', async () => {
  const file = join(tempDir('start-failures'), 'app.log');
  const run = await runFixture('start-failures.mjs', [file, String(N)]);
  assert.equal(run.status, 0, run.stderr);
  const stats = lastJsonLine<{
    killed: number;
    worker: boolean;
    workerRestarts: number;
    recordsWritten: number;
  }>(run.stdout);
  assert.equal(stats.killed, 5, 'five workers were started, each killed before it was ready');
  assert.equal(stats.workerRestarts, 4);
  assert.equal(stats.worker, false, 'no sixth worker');
  assert.match(
    run.stderr,
    /the sink worker failed to start 5 times .* written by the logging threads themselves/,
  );
  assertExactlySeq(readRecords(file), N);
  assert.equal(stats.recordsWritten, N);
});
