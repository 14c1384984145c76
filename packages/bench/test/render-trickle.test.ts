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
      callerNsPerSecond: [1e6, 1e6],
      callerNsPerRecord: [],
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
      callerNsPerSecond: [2e6, 2e6, 2e6],
      callerNsPerRecord: [200],
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
      callerNsPerSecond: [3e6],
      callerNsPerRecord: [300],
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

test("trickle is sane with finite CPU (the caller's too) and records at every rate but idle", () => {
  assert.deepEqual(insaneNumbers(result), []);
  const none = { ...result, rows: [{ ...result.rows[1], records: 0 }] };
  assert.equal(insaneNumbers(none).length, 1);
  const noCaller = { ...result, rows: [{ ...result.rows[1], callerNsPerSecond: [Number.NaN] }] };
  assert.equal(insaneNumbers(noCaller).length, 1);
});

test("trickle: the caller's CPU, and what logging added on every thread (caller + others) less the no-logging loop's, paired per round", () => {
  const logger = (label: string, caller: number[], others: number[], ownThreads: number) => ({
    label,
    intervalMs: 1,
    records: 2_000,
    othersNsPerSecond: others.map((ns) => ns * 1_000),
    othersNsPerRecord: others,
    ownThreads,
    ownNsPerSecond: others.map(() => 0),
    ownNsPerRecord: others.map(() => 0),
    callerNsPerSecond: caller.map((ns) => ns * 1_000),
    callerNsPerRecord: caller,
  });
  const text = renderTrickle({
    kind: 'trickle',
    name: 'trickle',
    description: 'test',
    rows: [
      logger('no logging', [10_000, 20_000], [1_000, 3_000], 0),
      // Round 1: 12,000 + 1,500 less 11,000 = 2,500; round 2: 21,000 + 5,000 less 23,000 = 3,000.
      logger('sluice', [12_000, 21_000], [1_500, 5_000], 1),
    ],
  });
  assert.match(text, /caller, % of a core/);
  assert.match(text, /added on every thread, % of a core/);
  const sluice = text.split('\n').find((line) => line.includes('sluice')) ?? '';
  // The caller alone: 12 and 21 µs per record, 1.2% and 2.1% of a core.
  assert.match(sluice, /1\.65% \[1\.20%-2\.10%\]/);
  assert.match(sluice, /16\.5 µs \[12\.0 µs-21\.0 µs\]/);
  // Added on every thread, per round then median [lowest-highest].
  assert.match(sluice, /0\.28% \[0\.25%-0\.30%\]/);
  assert.match(sluice, /2\.75 µs \[2\.50 µs-3\.00 µs\]/);
  const none = text.split('\n').find((line) => line.includes('no logging')) ?? '';
  assert.doesNotMatch(none, /0\.00%/, 'the baseline itself has no added figure');
});
