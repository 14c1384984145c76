import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareRatios, ratiosFromResults } from '../dist/check/ratios.js';

test('compareRatios flags a ratio that grew by more than the margin, and only that one', () => {
  const rows = compareRatios({ a: 0.5, b: 0.5, c: 0.5 }, { a: 0.5, b: 0.6, c: 0.63 }, 0.25);
  assert.deepEqual(
    rows.map((row) => [row.key, row.status]),
    [
      ['a', 'ok'],
      ['b', 'ok'],
      ['c', 'regressed'],
    ],
  );
  const c = rows.find((row) => row.key === 'c');
  assert.ok(c?.change !== null && Math.abs((c?.change ?? 0) - 0.26) < 1e-12);
});

test('compareRatios: a smaller ratio by more than the margin is an improvement, never a failure', () => {
  const [row] = compareRatios({ a: 1 }, { a: 0.7 }, 0.25);
  assert.equal(row.status, 'improved');
  assert.equal(compareRatios({ a: 1 }, { a: 0.9 }, 0.25)[0].status, 'ok');
});

test('compareRatios: the margin is a parameter (10% catches what 25% lets through)', () => {
  assert.equal(compareRatios({ a: 1 }, { a: 1.2 }, 0.25)[0].status, 'ok');
  assert.equal(compareRatios({ a: 1 }, { a: 1.2 }, 0.1)[0].status, 'regressed');
  assert.throws(() => compareRatios({}, {}, -1), RangeError);
});

test('compareRatios reports keys on one side only as new or not measured', () => {
  const rows = compareRatios({ old: 1 }, { fresh: 1 }, 0.25);
  assert.deepEqual(
    rows.map((row) => [row.key, row.status]),
    [
      ['fresh', 'new'],
      ['old', 'not measured'],
    ],
  );
});

/** The parts of a results file ratiosFromResults reads. */
function file(suite: string, results: unknown[]) {
  return { suite, scenarios: results.map((result) => ({ suite, name: 'x', result })) } as never;
}

test('ratiosFromResults: one sluice/pino ratio per comparison scenario and sink; worker-sink against pino.transport', () => {
  const ratios = ratiosFromResults([
    file('core', [
      {
        kind: 'comparison',
        name: 'static-message',
        groups: [
          { sink: 'noop', ratio: 0.5 },
          { sink: 'devnull', ratio: Number.NaN },
        ],
      },
    ]),
    file('transport', [
      {
        kind: 'worker-sink',
        name: 'worker-sink',
        runs: [
          { label: 'sluice transport, object API', callerNsPerCall: 100 },
          { label: "pino.transport({ target: 'pino/file' })", callerNsPerCall: 400 },
          { label: 'pino.destination({ sync: false })', callerNsPerCall: 800 },
        ],
      },
    ]),
  ]);
  assert.deepEqual(ratios, {
    'core/static-message/noop': 0.5,
    'transport/worker-sink/sluice transport, object API': 0.25,
  });
});
