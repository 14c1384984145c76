import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { assertExactlySeq, lastJsonLine, readRecords, runFixture, tempDir } from './support/records.js';

// Logging at once after createTransport(), without awaiting `ready`: the sink worker takes a while to
// start, and the first time the ring fills before it does, the producer waits for it (bounded) under
// every policy instead of dropping what a running worker would have taken in time.

const dir = tempDir('unready-burst');
/** Records of ~180 bytes: a little over one 256 KiB ring. */
const COUNT = 1_600;

for (const policy of ['drop', 'shed'] as const) {
  test(`policy '${policy}': a burst a little over the ring before the worker is ready loses nothing`, async () => {
    const file = join(dir, `${policy}.log`);
    const run = await runFixture('unready-burst.mjs', [file, policy, String(COUNT)]);
    assert.equal(run.status, 0, run.stderr);
    const report = lastJsonLine<{ stats: { dropped: Record<string, number> } }>(run.stdout);
    assert.equal(report.stats.dropped.info, 0, 'nothing dropped while the worker started');
    assertExactlySeq(readRecords(file), COUNT);
  });
}
