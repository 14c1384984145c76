import assert from 'node:assert/strict';
import { test } from 'node:test';
import { insaneNumbers } from '../dist/cli/insane-numbers.js';
import { renderTrickle } from '../dist/cli/render-trickle.js';

const result = {
  kind: 'trickle' as const,
  name: 'trickle',
  description: 'test',
  rows: [
    {
      label: 'sluice',
      intervalMs: 0,
      records: 0,
      othersNsPerSecond: [1e6, 3e6],
      othersNsPerRecord: [],
      ownThreads: 1,
      ownNsPerSecond: [5e5, 5e5],
      ownNsPerRecord: [],
    },
    {
      label: 'sluice',
      intervalMs: 10,
      records: 1_000,
      othersNsPerSecond: [2e7, 4e7, 3e7],
      othersNsPerRecord: [5_000],
      ownThreads: 1,
      ownNsPerSecond: [1e7, 1.2e7, 1.1e7],
      ownNsPerRecord: [1_100],
    },
    {
      label: 'pino.destination',
      intervalMs: 10,
      records: 1_000,
      othersNsPerSecond: [1e7],
      othersNsPerRecord: [1_000],
      ownThreads: 0,
      ownNsPerSecond: [0],
      ownNsPerRecord: [0],
    },
  ],
};

test("trickle: rates in order with idle last, its own threads' and the others' CPU as % of a core (median [min-max]) and per record", () => {
  const lines = renderTrickle(result).split('\n');
  const every10 = lines.findIndex((line) => line.includes('10 ms'));
  const idle = lines.findIndex((line) => line.includes('none (idle)'));
  assert.ok(every10 > 0 && idle > every10);
  assert.match(lines[every10], /1\.10% \[1\.00%-1\.20%\]/);
  assert.match(lines[every10], /1\.10 µs/);
  assert.match(lines[every10], /3\.00% \[2\.00%-4\.00%\]/);
  const pool = lines.find((line) => line.includes('pino.destination'));
  assert.match(pool ?? '', /\bnone\b/);
  assert.match(lines[every10], /5\.00 µs/);
  assert.match(lines[idle], /0\.20% \[0\.10%-0\.30%\]/);
});

test('trickle is sane with finite CPU and records at every rate but idle', () => {
  assert.deepEqual(insaneNumbers(result), []);
  const none = { ...result, rows: [{ ...result.rows[1], records: 0 }] };
  assert.equal(insaneNumbers(none).length, 1);
});
