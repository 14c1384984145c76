import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getLogger, getStats, shutdownTelemetry } from '../dist/esm/index.js';
import { captureSetup, PLAIN_KEY_VALUE } from './support/foundation-capture.js';

test('rate limit: the per-logger bucket applies per logger name (the library’s never did)', () => {
  let now = 0;
  const out = captureSetup({
    clock: () => now,
    logging: { ...PLAIN_KEY_VALUE, rateLimit: { perLogger: { capacity: 2, refillPerSecond: 1 } } },
  });
  const a = getLogger('limited.a');
  const b = getLogger('limited.b');
  for (let i = 0; i < 5; i++) a.info(`a${i}`);
  b.info('b0');
  a.bind({ bound: true }).info('a-bound');
  assert.deepEqual(out.records(), ['[info     ] a0', '[info     ] a1', '[info     ] b0']);
  assert.equal(a.stats().suppressed, 4);
  assert.equal(b.stats().suppressed, 0);
  assert.equal(getStats().suppressed, 4);
  now += 1000; // one token back
  a.info('a-after-refill');
  a.info('a-again');
  assert.deepEqual(out.records().slice(3), ['[info     ] a-after-refill']);
});

test('rate limit: the global bucket caps all loggers together', () => {
  const out = captureSetup({
    clock: () => 0,
    logging: { ...PLAIN_KEY_VALUE, rateLimit: { global: { capacity: 3, refillPerSecond: 0 } } },
  });
  for (const name of ['g.a', 'g.b', 'g.c']) {
    getLogger(name).info(name);
    getLogger(name).info(name);
  }
  assert.equal(out.lines.length, 3);
  assert.equal(getStats().suppressed, 3);
});

test('rate limit: a periodic warning record reports what was suppressed', async () => {
  let now = 0;
  const out = captureSetup({
    clock: () => now,
    logging: {
      ...PLAIN_KEY_VALUE,
      rateLimit: { perLogger: { capacity: 1, refillPerSecond: 0 }, reportIntervalSeconds: 5 },
    },
  });
  const log = getLogger('noisy');
  for (let i = 0; i < 4; i++) log.info('spam');
  assert.deepEqual(out.records(), ['[info     ] spam'], 'no report before the interval');
  now += 5000;
  log.info('spam');
  assert.deepEqual(out.records(), [
    '[info     ] spam',
    '[warning  ] Log records suppressed by rate limiting or sampling rate_limited=4 sampled=0 suppressed=4',
  ]);
  log.info('spam');
  await shutdownTelemetry();
  assert.equal(
    out.records()[2],
    '[warning  ] Log records suppressed by rate limiting or sampling rate_limited=1 sampled=0 suppressed=1',
    'shutdown reports what is pending',
  );
});

test('sampling: the first N per second per message, then every Mth', () => {
  let now = 0;
  const out = captureSetup({
    clock: () => now,
    logging: { ...PLAIN_KEY_VALUE, sampling: { firstPerSecond: 2, thereafter: 3 } },
  });
  const log = getLogger('sampled');
  for (let i = 0; i < 10; i++) log.info('repeated', { i });
  log.info('other');
  now += 1000;
  log.info('repeated', { i: 'next second' });
  assert.deepEqual(out.records(), [
    '[info     ] repeated                       i=0',
    '[info     ] repeated                       i=1',
    '[info     ] repeated                       i=4',
    '[info     ] repeated                       i=7',
    '[info     ] other',
    "[info     ] repeated                       i='next second'",
  ]);
  assert.equal(getStats().suppressed, 6);
  assert.equal(log.stats().suppressed, 6);
});

test('sampling and rate limits: an idle process still gets the periodic warning record, sampled counted apart', async () => {
  const out = captureSetup({
    // A clock that stands still: every call falls in one sampling second; the timer reports regardless.
    clock: () => 0,
    logging: {
      ...PLAIN_KEY_VALUE,
      sampling: { firstPerSecond: 1, thereafter: 0 },
      rateLimit: { global: { capacity: 2, refillPerSecond: 0 }, reportIntervalSeconds: 0.02 },
    },
  });
  const log = getLogger('idle');
  for (let i = 0; i < 4; i++) log.info('sampled');
  log.info('a');
  log.info('b');
  assert.deepEqual(out.records(), ['[info     ] sampled', '[info     ] a']);
  // Nothing more is logged: the report comes from the setup's timer alone.
  const deadline = Date.now() + 10_000;
  while (out.lines.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  assert.equal(
    out.records()[2],
    '[warning  ] Log records suppressed by rate limiting or sampling rate_limited=1 sampled=3 suppressed=4',
  );
  assert.equal(getStats().suppressed, 4);
  await shutdownTelemetry();
  assert.equal(out.lines.length, 3, 'nothing left to report');
});
