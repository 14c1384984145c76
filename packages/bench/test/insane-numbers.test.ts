import assert from 'node:assert/strict';
import { test } from 'node:test';
import { insaneNumbers } from '../dist/cli/insane-numbers.js';

const latency = { n: 10, mean: 120, p50: 100, p99: 300, p999: 400, max: 500 };

function comparisonCase(overrides: Record<string, unknown> = {}) {
  return {
    logger: 'sluice',
    nsPerCall: { mean: 50 },
    timedCalls: 1000,
    heap: { bytesPerCall: 0 },
    cpu: { calls: 1000, threadNsPerCall: 40, processNsPerCall: 45, wallNs: 1 },
    latency,
    ...overrides,
  };
}

const comparison = (entry: unknown) =>
  ({ kind: 'comparison', name: 'x', groups: [{ sink: 'noop', cases: [entry] }] }) as never;

test('a comparison with positive times, CPU and latency is sane; zero heap bytes are fine', () => {
  assert.deepEqual(insaneNumbers(comparison(comparisonCase())), []);
});

test('NaN or zero time, zero CPU and a missing thread clock are told apart', () => {
  assert.equal(insaneNumbers(comparison(comparisonCase({ nsPerCall: { mean: Number.NaN } }))).length, 1);
  assert.equal(insaneNumbers(comparison(comparisonCase({ timedCalls: 0 }))).length, 1);
  const noThread = { calls: 1, threadNsPerCall: null, processNsPerCall: 10, wallNs: 1 };
  assert.deepEqual(insaneNumbers(comparison(comparisonCase({ cpu: noThread }))), []);
  const zeroThread = { calls: 1, threadNsPerCall: 0, processNsPerCall: 10, wallNs: 1 };
  assert.match(insaneNumbers(comparison(comparisonCase({ cpu: zeroThread })))[0], /thread CPU/);
});

test('latency percentiles out of order are not sane', () => {
  const problems = insaneNumbers(comparison(comparisonCase({ latency: { ...latency, p99: 600 } })));
  assert.match(problems[0], /out of order/);
});

test('records lost are not sane: producers delivering fewer than logged, a stalled sink losing some', () => {
  const producers = { kind: 'producers', recordsPerSecond: 1, logged: 10, delivered: 9 } as never;
  assert.match(insaneNumbers(producers)[0], /delivered 9 of 10/);
  const stalled = (linesReceived: number, dropped: number | null) =>
    ({ kind: 'stalled-sink', runs: [{ label: 's', calls: 100, latency, linesReceived, dropped }] }) as never;
  assert.deepEqual(insaneNumbers(stalled(60, 40)), []);
  // One more line than logged: the transport's own drop report.
  assert.deepEqual(insaneNumbers(stalled(61, 40)), []);
  assert.match(insaneNumbers(stalled(59, 40))[0], /59 received \+ 40 dropped < 100 logged/);
  assert.match(insaneNumbers(stalled(99, null))[0], /< 100 logged/);
});

test('an HTTP row with request errors or no lines logged is not sane', () => {
  const http = (row: Record<string, unknown>) =>
    ({
      kind: 'http',
      rows: [
        {
          framework: 'fastify',
          logging: 'pino',
          requestsPerSecond: 1000,
          latencyP99Ms: 0,
          errors: 0,
          linesLogged: 5,
          ...row,
        },
      ],
    }) as never;
  assert.deepEqual(insaneNumbers(http({})), []);
  assert.match(insaneNumbers(http({ errors: 3 }))[0], /3 request errors/);
  assert.match(insaneNumbers(http({ linesLogged: 0 }))[0], /lines logged/);
});
