import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderSummary, summaryRows } from '../dist/cli/render-summary.js';

const latency = (p50: number) => ({ n: 10, mean: p50, p50, p99: p50, p999: p50, max: p50 });
const spacedRow = (label: string, variant: string, gapMicros: number, p50: number, others: number) => ({
  label,
  variant,
  gapMicros,
  latency: latency(p50),
  callerNsPerCall: [1_000],
  othersNsPerCall: [others],
});

test('spaced calls: p50 against pino.transport (1/5) and pino async (1/3), sink CPU per record less the idle loop (1/2)', () => {
  const rows = summaryRows({
    kind: 'spaced-calls',
    name: 'spaced-calls',
    description: '',
    timerFloorNs: 50,
    workChecksum: 1,
    rows: [
      spacedRow('no logging', 'none', 30, 40, 100),
      spacedRow('sluice transport', 'info', 30, 250, 1_100),
      spacedRow('pino.transport(...)', 'info', 30, 1_500, 3_100),
      spacedRow('pino.destination(...)', 'info', 30, 600, 500),
    ],
  } as never);
  const verdicts = rows.map((row) => [row.scenario, row.target, row.verdict]);
  assert.deepEqual(verdicts, [
    ['spaced info, 30 µs: p50', '<= 1/5 of pino.transport', 'met'],
    ['spaced info, 30 µs: p50', '<= 1/3 of pino.destination', 'NOT met'],
    ["spaced, 30 µs: other threads' CPU/rec", '<= 1/2 of pino.transport', 'met'],
  ]);
  // 1,000 ns against 3,000 ns once the idle loop's 100 ns is taken off both.
  assert.equal(rows[2].ratio, 1 / 3);
});

test("trickle: the sink thread's CPU at 100 ms against 0.2% of a core; http-cpu: what logging adds, against pino", () => {
  const trickle = summaryRows({
    kind: 'trickle',
    name: 'trickle',
    description: '',
    rows: [
      {
        label: 'sluice',
        intervalMs: 100,
        records: 10,
        othersNsPerSecond: [5e6],
        othersNsPerRecord: [],
        ownThreads: 1,
        ownNsPerSecond: [1e6],
        ownNsPerRecord: [],
      },
      {
        label: 'pino.transport',
        intervalMs: 100,
        records: 10,
        othersNsPerSecond: [6e6],
        othersNsPerRecord: [],
        ownThreads: 1,
        ownNsPerSecond: [4e6],
        ownNsPerRecord: [],
      },
    ],
  } as never);
  assert.equal(trickle[0].sluice, '0.10%');
  assert.equal(trickle[0].verdict, 'met');
  const row = (logging: string, cpu: number) => ({
    framework: 'fastify',
    logging,
    requestLogging: false,
    cpuNsPerRequest: [cpu],
    requests: 1,
    errors: 0,
    latencyP99Ms: [1],
  });
  const http = summaryRows({
    kind: 'http-cpu',
    name: 'http-cpu',
    description: '',
    rate: 1,
    rows: [row('none', 30_000), row('pino', 39_000), row('sluice', 32_000)],
  } as never);
  assert.equal(http[0].ratio, 2 / 9);
  assert.equal(http[0].verdict, 'met');
});

test('the summary is one table, and absent when no result has a row', () => {
  assert.equal(renderSummary([]), null);
  const text = renderSummary([
    {
      kind: 'zero-alloc',
      name: 'zero-alloc',
      description: '',
      runs: [
        {
          label: 'transport to /dev/null',
          records: 1,
          scavenges: 2,
          otherGcs: 0,
          allocatedBytes: 0,
          bytesPerRecord: 0,
          nsPerRecord: 1,
        },
      ],
    } as never,
  ]);
  assert.match(text as string, /zero-alloc: transport to \/dev\/null\s+2 scavenges.*0 scavenges\s+NOT met/);
});
