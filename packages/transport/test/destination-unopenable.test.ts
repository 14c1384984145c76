import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lastJsonLine, runFixture } from './support/records.js';

// A destination that cannot even be opened (/dev/tty in a process without a terminal) must not hang
// `ready`, the logger calls or the exit, must never throw into the app, and is reported once; with
// nowhere to write, a full ring drops and counts.

test('a destination that cannot be opened: reported once, drops counted, nothing throws or hangs', async () => {
  // detached: a new session, so the child has no controlling terminal and /dev/tty fails with ENXIO.
  const run = await runFixture('unopenable-destination.mjs', ['20000'], { detached: true });
  assert.equal(run.status, 0, run.stderr);
  const stats = lastJsonLine<{
    workerRestarts: number;
    writeErrors: number;
    dropped: Record<string, number>;
  }>(run.stdout);
  assert.equal(stats.workerRestarts, 0, 'the worker keeps running: the failure is the destination’s');
  assert.equal(
    run.stderr.match(/"\/dev\/tty": ENXIO/g)?.length,
    1,
    `the failing destination is reported once:\n${run.stderr}`,
  );
  assert.ok(stats.writeErrors > 0, 'write errors are counted');
  assert.ok(
    stats.dropped.info > 0,
    'with nowhere to write, a full ring drops and counts instead of blocking',
  );
  assert.ok(stats.dropped.info < 20_000, 'the ring still holds what fits');
});
