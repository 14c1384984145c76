import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ratiosFromResults } from '../dist/check/ratios.js';

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
