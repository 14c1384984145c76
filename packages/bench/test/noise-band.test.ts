import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bandFromRuns, decideRow, type NoiseBand, needsRemeasure } from '../dist/check/noise-band.js';

/** Rounds as the probe records them: sluice's and pino's ns/call in the same round. */
const rounds = (ratios: readonly number[], referenceNs = 500) =>
  ratios.map((ratio) => ({ ratio, sluiceNs: ratio * referenceNs, referenceNs }));

// Three probe runs (processes) of seven rounds each, as `--update` records them; single rounds
// stray far on a loaded machine, each run's median much less.
const SEED_OBJECT_RUNS = [
  [0.27, 0.29, 0.26, 0.41, 0.28, 0.27, 0.3],
  [0.28, 0.26, 0.29, 0.33, 0.27, 0.18, 0.3],
  [0.27, 0.29, 0.3, 0.29, 0.31, 0.28, 0.29],
];
const band: NoiseBand = bandFromRuns(SEED_OBJECT_RUNS.map((run) => rounds(run)));
const MARGIN = 0.25;

test('bandFromRuns: the median of every round, the lowest and highest run median as the band, and it gates', () => {
  assert.equal(band.median, 0.29);
  assert.equal(band.low, 0.28);
  assert.equal(band.high, 0.29);
  assert.deepEqual(band.runMedians, [0.28, 0.28, 0.29]);
  assert.equal(band.rounds, 21);
  assert.equal(band.gates, true);
});

test('a clear regression is red: flagged, re-measured, and still far outside the band', () => {
  const latest = 0.55;
  assert.equal(needsRemeasure(band, latest, MARGIN), true);
  const row = decideRow(band, latest, [0.52, 0.56, 0.55, 0.58, 0.54, 0.57, 0.55], MARGIN);
  assert.equal(row.verdict, 'regressed');
  assert.equal(row.remeasured, 0.55);
});

test('noise within the band is green, and is not re-measured', () => {
  for (const latest of [0.23, 0.28, 0.31, 0.36]) {
    assert.equal(needsRemeasure(band, latest, MARGIN), false, `latest ${latest}`);
    assert.equal(decideRow(band, latest, null, MARGIN).verdict, 'ok');
  }
});

test('a flagged row whose re-measurement falls back within the band is green', () => {
  const latest = 0.42;
  assert.equal(needsRemeasure(band, latest, MARGIN), true);
  const row = decideRow(band, latest, [0.29, 0.45, 0.28, 0.3, 0.27, 0.31, 0.29], MARGIN);
  assert.equal(row.verdict, 'ok after re-measuring');
  assert.equal(row.remeasured, 0.29);
});

test('a flagged row not re-measured (yet) is only flagged, never called a regression', () => {
  assert.equal(decideRow(band, 0.55, null, MARGIN).verdict, 'flagged');
});

test('much lower than the band is an improvement, never a failure', () => {
  assert.equal(decideRow(band, 0.15, null, MARGIN).verdict, 'improved');
});

test('a ratio of two sub-nanosecond no-ops is reported but does not gate, and says why', () => {
  const noOps = bandFromRuns([
    [0.02, 0.05, 0.03, 0.09, 0.02, 0.04, 0.03].map((ratio) => ({
      ratio,
      sluiceNs: ratio * 8,
      referenceNs: 8,
    })),
  ]);
  assert.equal(noOps.gates, false);
  assert.match(noOps.why ?? '', /ns/);
  assert.equal(needsRemeasure(noOps, 5, MARGIN), false);
  const row = decideRow(noOps, 5, null, MARGIN);
  assert.equal(row.verdict, 'not gating');
});

test('runs whose medians spread too widely do not gate either', () => {
  const scattered = bandFromRuns([
    rounds([0.2, 0.25, 0.3]),
    rounds([0.5, 0.6, 0.55]),
    rounds([0.3, 0.3, 0.4]),
  ]);
  assert.equal(scattered.gates, false);
  assert.match(scattered.why ?? '', /spread/);
});

test('rows missing on either side are reported, not gated', () => {
  assert.equal(decideRow(null, 0.3, null, MARGIN).verdict, 'new');
  assert.equal(decideRow(band, null, null, MARGIN).verdict, 'not measured');
  assert.throws(() => decideRow(band, 0.3, null, -0.1), RangeError);
});
