import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lastJsonLine, runFixture } from './support/records.js';

// A sink worker that cannot start (its destination fails to open in the worker) must not be restarted
// forever, must not hang `ready`, the logger calls or the exit, and must never throw into the app.

test('a worker that never starts is tried 5 times, then producers write through; nothing throws or hangs', async () => {
  // detached: a new session, so the child has no controlling terminal and /dev/tty fails with ENXIO.
  const run = await runFixture('unstartable-worker.mjs', ['20000'], { detached: true });
  assert.equal(run.status, 0, run.stderr);
  const stats = lastJsonLine<{
    workerRestarts: number;
    writeErrors: number;
    dropped: Record<string, number>;
  }>(run.stdout);
  assert.equal(stats.workerRestarts, 4, 'five workers started in all, then no more');
  assert.equal(
    run.stderr.match(/failed to start 5 times/g)?.length,
    1,
    `the give-up is reported once:\n${run.stderr}`,
  );
  assert.equal(
    run.stderr.match(/writing records out failed/g)?.length,
    1,
    'the failing destination is reported once',
  );
  assert.ok(stats.writeErrors > 0, 'write errors are counted');
  assert.ok(
    stats.dropped.info > 0,
    'with nowhere to write, a full ring drops and counts instead of blocking',
  );
  assert.ok(stats.dropped.info < 20_000, 'the ring still holds what fits');
});
