import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lastJsonLine, runFixture } from './support/records.js';

interface Report {
  stats: { dropped: Record<string, number>; writeErrors: number; recordsWritten: number };
  flushError: string | null;
  warnings: number;
  idleCpuMs: number;
}

// A destination that refuses writes (ENOSPC from /dev/full) must not hang the application, even under
// the default block policy: the worker retries with backoff, a full ring drops and counts instead of
// waiting, flush() rejects instead of waiting for ever, and the process exits on its own.
test('a destination that refuses every write never hangs the app: drops are counted, the error is reported once', async () => {
  const run = await runFixture('failing-destination.mjs', ['5000']);
  assert.equal(run.status, 0, run.stderr);
  const report = lastJsonLine<Report>(run.stdout);
  assert.ok(report.stats.writeErrors >= 1, 'write errors are counted');
  assert.equal(report.stats.recordsWritten, 0);
  assert.ok((report.stats.dropped.info ?? 0) > 0, 'records that could not wait are counted as dropped');
  assert.equal(report.flushError, 'ERR_SLUICE_DESTINATION');
  assert.equal(report.warnings, 1, 'the failure is reported once');
  // Retries back off: a busy loop would burn the whole second. A sanity bound, not a timing target.
  assert.ok(report.idleCpuMs < 500, `idle CPU ${report.idleCpuMs} ms over 1 s while the destination fails`);
});
