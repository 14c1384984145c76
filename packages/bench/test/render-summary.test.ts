import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderSummary, summaryRows } from '../dist/cli/render-summary.js';

const latency = (p50: number) => ({ n: 10, mean: p50, p50, p99: p50, p999: p50, max: p50 });
const spacedRow = (
  label: string,
  variant: string,
  gapMicros: number,
  p50: number,
  others: number,
  caller = 1_000,
) => ({
  label,
  variant,
  gapMicros,
  latency: latency(p50),
  callerNsPerCall: [caller],
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
    ["spaced, 30 µs: every thread's CPU/rec (caller + others)", null, 'ahead'],
    ["spaced, 30 µs: every thread's CPU/rec (caller + others)", null, 'behind'],
  ]);
  // 1,000 ns against 3,000 ns once the idle loop's 100 ns is taken off both.
  assert.equal(rows[2].ratio, 1 / 3);
});

test("spaced calls: every thread's CPU per record (caller + others) less the no-logging loop's, against pino.transport and pino async, without a target", () => {
  const rows = summaryRows({
    kind: 'spaced-calls',
    name: 'spaced-calls',
    description: '',
    timerFloorNs: 50,
    workChecksum: 1,
    rows: [10, 100].flatMap((gap) => [
      spacedRow('no logging', 'none', gap, 40, 100, 1_000),
      spacedRow('sluice transport', 'info', gap, 250, 1_100, 1_400),
      spacedRow('pino.transport(...)', 'info', gap, 1_500, 3_100, 1_200),
      spacedRow('pino.destination(...)', 'info', gap, 600, 500, 1_600),
    ]),
  } as never).filter((row) => row.scenario.includes('every thread'));
  assert.deepEqual(
    rows.map((row) => [row.scenario, row.peer, row.target, row.verdict]),
    [10, 100].flatMap((gap) => [
      [
        `spaced, ${gap} µs: every thread's CPU/rec (caller + others)`,
        '3.20 µs pino.transport',
        null,
        'ahead',
      ],
      [
        `spaced, ${gap} µs: every thread's CPU/rec (caller + others)`,
        '1.00 µs pino.destination',
        null,
        'behind',
      ],
    ]),
  );
  // 1,400 + 1,100 less the idle loop's 1,000 + 100.
  assert.equal(rows[0].sluice, '1.40 µs');
  assert.equal(rows[0].ratio, 1_400 / 3_200);
});

test("trickle: every thread's CPU per record added by logging (caller + others, less the no-logging loop's) at 1 and 100 ms, against pino.transport and pino async, without a target", () => {
  const trickleRow = (
    label: string,
    intervalMs: number,
    callerNs: number,
    othersNs: number,
    ownThreads = 1,
  ) => ({
    label,
    intervalMs,
    records: 10,
    othersNsPerSecond: [othersNs],
    othersNsPerRecord: [othersNs],
    ownThreads,
    ownNsPerSecond: [othersNs / 2],
    ownNsPerRecord: [othersNs / 2],
    callerNsPerSecond: [callerNs],
    callerNsPerRecord: [callerNs],
  });
  const rows = summaryRows({
    kind: 'trickle',
    name: 'trickle',
    description: '',
    rows: [1, 100].flatMap((interval) => [
      trickleRow('no logging', interval, 5_000, 1_000, 0),
      trickleRow('sluice createTransport(...)', interval, 9_000, 1_000),
      trickleRow('pino.transport(...)', interval, 6_000, 8_000),
      trickleRow('pino.destination(...)', interval, 7_000, 1_500, 0),
    ]),
  } as never);
  const added = rows.filter((row) => row.scenario.includes('every thread'));
  assert.deepEqual(
    added.map((row) => [row.scenario, row.sluice, row.peer, row.target, row.verdict]),
    [100, 1].flatMap((interval) => [
      [
        `trickle, every ${interval} ms: every thread's CPU/rec added`,
        '4.00 µs',
        '8.00 µs pino.transport',
        null,
        'ahead',
      ],
      [
        `trickle, every ${interval} ms: every thread's CPU/rec added`,
        '4.00 µs',
        '2.50 µs pino.destination',
        null,
        'behind',
      ],
    ]),
  );
  // The sink-thread target rows stay, each beside its own rate's new rows.
  assert.deepEqual(
    rows.map((row) => row.scenario),
    [
      'trickle, one record every 100 ms: sink thread CPU',
      "trickle, every 100 ms: every thread's CPU/rec added",
      "trickle, every 100 ms: every thread's CPU/rec added",
      'trickle, one record every 1 ms: sink thread CPU',
      "trickle, every 1 ms: every thread's CPU/rec added",
      "trickle, every 1 ms: every thread's CPU/rec added",
    ],
  );
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
        callerNsPerSecond: [1e6],
        callerNsPerRecord: [],
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
        callerNsPerSecond: [1e6],
        callerNsPerRecord: [],
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
  assert.equal(http.length, 1, 'no row above the no-op logger without a no-op row');
  // With the no-op logger's row: what each logger adds over it, the framework's own cost left out.
  const withNoop = summaryRows({
    kind: 'http-cpu',
    name: 'http-cpu',
    description: '',
    rate: 1,
    rows: [row('none', 30_000), row('noop', 31_000), row('pino', 39_000), row('sluice', 32_000)],
  } as never);
  assert.equal(withNoop[1].scenario, 'fastify: CPU/request above the no-op logger');
  assert.equal(withNoop[1].ratio, 1 / 8);
  // With profiled rounds: each logger's own code per request, beside pino's.
  const profiled = summaryRows({
    kind: 'http-cpu',
    name: 'http-cpu',
    description: '',
    rate: 1,
    rows: [
      row('none', 30_000),
      { ...row('pino', 39_000), loggerCodeNsPerRequest: [2_000, 3_000, 2_500] },
      { ...row('sluice', 32_000), loggerCodeNsPerRequest: [1_000, 500, 700] },
    ],
  } as never);
  assert.equal(profiled[1].scenario, 'fastify: logger code/request (main thread, profiled)');
  assert.equal(profiled[1].ratio, 700 / 2_500);
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
