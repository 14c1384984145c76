import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEstimate, estimateRun } from '../dist/cli/run-estimate.js';
import { resultsDir } from '../dist/harness/results-dir.js';

const scenario = (name: string) => ({ suite: 'core', name, file: `${name}.js` });
const stored = (name: string, measuredAt: string, elapsedMs?: number) => ({
  suite: 'core',
  name,
  error: 'x',
  measuredAt,
  elapsedMs,
});
const file = (scenarios: ReturnType<typeof stored>[]) => ({
  suite: 'core',
  measuredAt: 't',
  quick: false,
  filters: [],
  machine: {} as never,
  scenarios,
});

test('the estimate adds the newest recorded duration of each selected scenario and counts the untimed', () => {
  const estimate = estimateRun(
    [scenario('a'), scenario('b'), scenario('c')],
    [
      file([stored('a', '2026-01-01', 10_000), stored('b', '2026-01-01')]),
      file([stored('a', '2026-02-01', 30_000)]),
    ],
  );
  assert.deepEqual(estimate, { knownMs: 30_000, unknown: 2 });
  assert.equal(
    describeEstimate(3, estimate),
    '3 scenarios; about 30 s when they last ran (plus 2 never timed).',
  );
  assert.equal(
    describeEstimate(1, { knownMs: 0, unknown: 1 }),
    '1 scenario; no earlier run on record to say how long they take.',
  );
  assert.equal(
    describeEstimate(2, { knownMs: 690_000, unknown: 0 }),
    '2 scenarios; about 11.5 min when they last ran.',
  );
});

test('only --save writes the tracked results folder; other runs go to ignored folders', () => {
  assert.equal(resultsDir('/r', 'saved'), '/r/benchmarks/results');
  assert.equal(resultsDir('/r', 'local'), '/r/benchmarks/results/local');
  assert.equal(resultsDir('/r', 'quick'), '/r/benchmarks/results/tmp');
});
