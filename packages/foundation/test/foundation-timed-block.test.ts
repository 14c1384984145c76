import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getLogger, timedBlock } from '../dist/esm/index.js';
import { captureSetup, PLAIN_JSON } from './support/foundation-capture.js';

test('timedBlock (sync): started at debug, completed at info with ctx, duration and outcome; returns the result', () => {
  const out = captureSetup({ logging: PLAIN_JSON });
  const log = getLogger('timed');
  const result = timedBlock(
    log,
    'load_config',
    (ctx) => {
      ctx.files = 3;
      ctx.source = 'ctx wins';
      return 'value';
    },
    { source: 'fields', path: '/etc' },
  );
  assert.equal(result, 'value');
  const [started, completed] = out.json();
  assert.deepEqual(started, {
    source: 'fields',
    path: '/etc',
    event: 'load_config started',
    level: 'debug',
    logger_name: 'timed',
  });
  assert.equal(completed.event, 'load_config completed');
  assert.equal(completed.level, 'info');
  assert.equal(completed.source, 'ctx wins', 'later sources win');
  assert.equal(completed.path, '/etc');
  assert.equal(completed.files, 3);
  assert.equal(completed.outcome, 'success');
  assert.equal(typeof completed.duration_seconds, 'number');
  const micros = (completed.duration_seconds as number) * 1_000_000;
  assert.ok(Math.abs(micros - Math.round(micros)) < 1e-6, 'seconds to the microsecond');
  assert.deepEqual(Object.keys(completed).slice(0, 5), [
    'source',
    'path',
    'files',
    'duration_seconds',
    'outcome',
  ]);
});

test('timedBlock (sync): a throw is logged at error with message, type and stack, then rethrown', () => {
  const out = captureSetup({ logging: PLAIN_JSON });
  const error = new TypeError('bad input');
  assert.throws(
    () =>
      timedBlock(getLogger('timed'), 'parse', (ctx) => {
        ctx.line = 12;
        throw error;
      }),
    (thrown) => thrown === error,
  );
  const failed = out.json()[1];
  assert.equal(failed.event, 'parse failed');
  assert.equal(failed.level, 'error');
  assert.equal(failed.outcome, 'error');
  assert.equal(failed.line, 12);
  assert.equal(failed['error.message'], 'bad input');
  assert.equal(failed['error.type'], 'TypeError');
  assert.equal(failed.exception, error.stack);
  assert.equal(typeof failed.duration_seconds, 'number');
});

test('timedBlock (async): resolves to the result after the completed record', async () => {
  const out = captureSetup({ logging: PLAIN_JSON });
  const pending = timedBlock(getLogger('timed'), 'fetch', async (ctx) => {
    await new Promise((resolve) => setImmediate(resolve));
    ctx.items = 2;
    return 42;
  });
  assert.ok(pending instanceof Promise);
  assert.equal(out.lines.length, 1, 'only "started" before the function settles');
  assert.equal(await pending, 42);
  const completed = out.json()[1];
  assert.equal(completed.event, 'fetch completed');
  assert.equal(completed.items, 2);
  assert.equal(completed.outcome, 'success');
});

test('timedBlock (async): a rejection is logged as failed and rejects with the same error', async () => {
  const out = captureSetup({ logging: PLAIN_JSON });
  class QuotaError extends Error {}
  const error = new QuotaError('quota exceeded');
  await assert.rejects(
    timedBlock(getLogger('timed'), 'upload', async () => {
      await null;
      throw error;
    }),
    (thrown) => thrown === error,
  );
  const failed = out.json()[1];
  assert.equal(failed.event, 'upload failed');
  assert.equal(failed['error.type'], 'QuotaError');
  assert.equal(failed['error.message'], 'quota exceeded');
  assert.equal(failed.outcome, 'error');
});

test('timedBlock: a block shorter than a millisecond logs a non-zero duration to the microsecond', () => {
  const out = captureSetup({ logging: PLAIN_JSON });
  let spunNs = 0n;
  timedBlock(getLogger('timed'), 'tiny', () => {
    // Busy for at least 50 µs: measured here, so the assertion below never depends on machine speed.
    const from = process.hrtime.bigint();
    while (process.hrtime.bigint() - from < 50_000n) spunNs++;
  });
  assert.ok(spunNs > 0n);
  const completed = out.json()[1];
  const seconds = completed.duration_seconds as number;
  assert.ok(seconds >= 0.00005, `duration_seconds ${seconds} covers the 50 µs the block spun`);
  assert.match(JSON.stringify(seconds), /^\d+(\.\d{1,6})?$/, 'plain decimal seconds, at most six places');
});
