import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderReport } from '../dist/cli/render-report.js';

const machine = {
  cpu: 'Test CPU',
  cores: 2,
  memoryGiB: 1,
  node: 'v20',
  v8: '11',
  platform: 'linux',
  loadAverage: 0,
  versions: {},
};

const latency = (max: number, n = 1000) => ({ n, mean: 200, p50: 100, p99: 300, p999: 400, max });

function report(result: unknown): string {
  return renderReport(machine, false, [{ suite: 'transport', name: 'x', result } as never]);
}

test('the stalled-sink table shows drops (n/a without a drop policy) and judges sluice against the 100 µs target', () => {
  const result = (sluiceMax: number) => ({
    loopAlone: latency(20_000),
    loopAloneSteadyMax: 15_000,
    steadyAfter: 100_000,
    kind: 'stalled-sink',
    name: 'stalled-sink',
    description: 'd',
    stallMs: 2000,
    timerFloorNs: 40,
    targetMaxNs: 100_000,
    runs: [
      {
        label: "sluice createTransport({ policy: 'drop' })",
        calls: 1000,
        loggedMs: 2000,
        latency: latency(sluiceMax),
        steadyMax: 30_000,
        emptyCall: latency(25_000),
        emptySteadyMax: 20_000,
        dropped: 600,
        linesReceived: 401,
        drainMs: 12.5,
      },
      {
        label: 'pino.transport',
        calls: 500,
        loggedMs: 2000,
        latency: latency(9e6, 500),
        dropped: null,
        linesReceived: 500,
        drainMs: 900,
      },
    ],
  });
  const met = report(result(50_000));
  assert.match(
    met,
    /sluice createTransport\(\{ policy: 'drop' \}\)\s+1,000\s+100 ns\s+300 ns\s+400 ns\s+50.0 µs\s+30.0 µs\s+25.0 µs, 20.0 µs\s+600\s+401\s+12.5 ms/,
  );
  assert.match(met, /pino.transport\s+500 .* -\s+n\/a\s+500\s+900 ms/);
  assert.match(
    met,
    /max 50.0 µs, 30.0 µs after the first 100,000 calls \(target <= 100 µs: met in this run; empty calls in the same steps: 20.0 µs after as many\)/,
  );
  assert.match(
    met,
    /an empty call instead of a log call: p50 100 ns, p99.9 400 ns, max 20.0 µs \(15.0 µs after the first 100,000\)/,
  );
  assert.match(report(result(150_000)), /target <= 100 µs: NOT met in this run/);
});

test("the http table prints each logger's cost against no logging", () => {
  const row = (logging: string, requestsPerSecond: number, costPercent: number | null) => ({
    framework: 'fastify',
    logging,
    setup: `${logging} setup`,
    requestsPerSecond,
    latencyP50Ms: 1,
    latencyP99Ms: 3,
    requests: requestsPerSecond * 5,
    errors: 0,
    linesLogged: logging === 'none' ? 0 : 10,
    costPercent,
  });
  const text = report({
    kind: 'http',
    name: 'http-logging',
    description: 'd',
    durationSeconds: 5,
    connections: 10,
    rows: [row('none', 20_000, null), row('pino', 18_000, 10), row('sluice', 19_000, 5)],
  });
  assert.match(text, /fastify\s+none\s+20,000\s+1 ms\s+3 ms\s+0/);
  assert.match(text, /fastify\s+pino\s+18,000\s+1 ms\s+3 ms\s+10.0%\s+10/);
  assert.match(text, /fastify\s+sluice\s+19,000\s+1 ms\s+3 ms\s+5.0%\s+10/);
});

test("the worker-sink table gives each configuration's caller p50 as a ratio of pino.transport's", () => {
  const run = (label: string, callerNsP50: number) => ({
    label,
    callerNsPerCall: callerNsP50 * 1.5,
    callerNsP50,
    latencyP50Ns: 100,
    latencyP99Ns: 200,
    latencyP999Ns: 300,
    latencyMaxNs: 400,
    endToEndRecordsPerSecond: 1000,
    drainMs: 1,
  });
  const text = report({
    kind: 'worker-sink',
    name: 'worker-sink',
    description: 'd',
    timerFloorNs: 40,
    runs: [
      run('sluice transport, precompiled event', 40),
      run("pino.transport({ target: 'pino/file' })", 1000),
      run('pino.destination({ sync: false })', 3000),
    ],
  });
  assert.match(text, /sluice transport, precompiled event\s+60\.0 ns\s+40\.0 ns .* 0\.0400 \(1\/25\.0\)$/m);
  assert.match(text, /pino\.destination\(\{ sync: false \}\)\s.* 3\.00 \(3\.0x\)$/m);
  assert.match(text, /pino\.transport\(\{ target: 'pino\/file' \}\)\s.*1\.0 ms$/m);
});
