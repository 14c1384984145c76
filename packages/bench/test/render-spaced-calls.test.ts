import assert from 'node:assert/strict';
import { test } from 'node:test';
import { insaneNumbers } from '../dist/cli/insane-numbers.js';
import { renderSpacedCalls } from '../dist/cli/render-spaced-calls.js';

const latency = (p50: number) => ({ n: 10, mean: p50, p50, p99: p50 * 2, p999: p50 * 3, max: p50 * 4 });
const row = (label: string, variant: string, p50: number, caller: number[], others: number[]) => ({
  label,
  variant,
  gapMicros: 30,
  latency: latency(p50),
  callerNsPerCall: caller,
  othersNsPerCall: others,
});

const result = {
  kind: 'spaced-calls' as const,
  name: 'spaced-calls',
  description: 'test',
  timerFloorNs: 50,
  workChecksum: 1,
  rows: [
    row('no logging', 'none', 40, [30_000, 31_000, 32_000], [100, 100, 100]),
    row('sluice', 'info', 400, [30_500, 31_500, 31_600], [2_100, 2_200, 2_300]),
    row('pino.destination({ sync: false })', 'info', 2_000, [33_000, 33_000, 33_000], [100, 100, 100]),
  ] as never,
};

test('spaced calls: CPU per record is the median over rounds less the idle loop, with the spread; p50 against pino async', () => {
  const text = renderSpacedCalls(result);
  const sluice = text.split('\n').find((line) => line.includes('sluice')) as string;
  // caller: 30,500 / 31,500 / 31,600 less the idle median 31,000 -> -500 / 500 / 600: median 500.
  assert.match(sluice, /500 ns \[-500 ns-600 ns\]/);
  // others: 2,100 / 2,200 / 2,300 less 100 -> median 2.1 µs.
  assert.match(sluice, /2\.10 µs \[2\.00 µs-2\.20 µs\]/);
  assert.match(sluice, /0\.200 \(1\/5\.0\)/);
  assert.ok(
    !text.split('\n').some((line) => line.includes('no logging')),
    'the idle row is the base, not a row',
  );
});

test('spaced calls are sane when every round has finite CPU and latencies are in order', () => {
  assert.deepEqual(insaneNumbers(result), []);
  const broken = { ...result, rows: [row('sluice', 'info', 400, [Number.NaN], [1])] as never };
  assert.equal(insaneNumbers(broken).length, 1);
});
