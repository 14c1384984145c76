import assert from 'node:assert/strict';
import { test } from 'node:test';
import { insaneNumbers } from '../dist/cli/insane-numbers.js';
import { renderHttpCpu } from '../dist/cli/render-http-cpu.js';

const row = (logging: string, cpu: number[], requestLogging = false) => ({
  framework: 'fastify',
  logging,
  requestLogging,
  cpuNsPerRequest: cpu,
  requests: 1_000,
  errors: 0,
  latencyP99Ms: [2, 3, 4],
});

const result = {
  kind: 'http-cpu' as const,
  name: 'http-cpu',
  description: 'test',
  rate: 1_000,
  rows: [
    row('none', [30_000, 20_000, 25_000]),
    row('pino', [29_000, 32_000, 35_000]),
    row('sluice', [23_000, 22_000, 40_000]),
  ] as never,
};

test('http-cpu: what logging adds is the median over rounds of CPU/request less no logger in the same round, set against pino', () => {
  const lines = renderHttpCpu(result).split('\n');
  const pino = lines.find((line) => /^fastify\s+pino/.test(line)) as string;
  const sluice = lines.find((line) => /^fastify\s+sluice/.test(line)) as string;
  // Per round: pino -1, 12, 10 µs over no logger (median 10); sluice -7, 2, 15 (median 2).
  assert.match(pino, /29\.0 µs\s+32\.0 µs\s+10\.0 µs/);
  assert.match(sluice, /22\.0 µs\s+23\.0 µs\s+2\.00 µs\s+0\.200 \(1\/5\.0\)/);
  assert.match(sluice, /3 ms$/);
});

test("http-cpu: the logger's own code per request, the median of the profiled rounds, set against pino's", () => {
  const profiled = {
    ...result,
    rows: [
      row('none', [30_000]),
      { ...row('pino', [35_000]), loggerCodeNsPerRequest: [3_000, 2_500, 4_000] },
      { ...row('sluice', [31_000]), loggerCodeNsPerRequest: [900, 1_000, 800] },
    ] as never,
  };
  const lines = renderHttpCpu(profiled).split('\n');
  const pino = lines.find((line) => /^fastify\s+pino/.test(line)) as string;
  const sluice = lines.find((line) => /^fastify\s+sluice/.test(line)) as string;
  assert.match(pino, /3\.00 µs\s+\S+ ms$/);
  assert.match(sluice, /900 ns\s+0\.300 \(1\/3\.3\)\s+\S+ ms$/);
});

test('http-cpu is sane with positive CPU per request and no request errors', () => {
  assert.deepEqual(insaneNumbers(result), []);
  const failing = { ...result, rows: [{ ...row('pino', [1]), errors: 3 }] as never };
  assert.equal(insaneNumbers(failing).length, 1);
});
