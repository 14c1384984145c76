import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getLogger } from '../dist/esm/index.js';
import { captureSetup, localTimestamp, PLAIN_JSON } from './support/foundation-capture.js';

test('json: fields, then event, level, timestamp, logger_name, service_name (the foundation shape)', () => {
  const at = Date.UTC(2026, 10, 26, 13, 6, 17, 53);
  const out = captureSetup({
    serviceName: 'perf',
    clock: () => at,
    logging: { ...PLAIN_JSON, omitTimestamp: false },
  });
  getLogger('benchmark').info('benchmark message', {
    iteration: 1,
    batch: 'performance_test',
    user_id: 12345,
    success: true,
  });
  assert.deepEqual(out.records(), [
    '{"iteration":1,"batch":"performance_test","user_id":12345,"success":true,"event":"benchmark message",' +
      `"level":"info","timestamp":"${localTimestamp(at)}","logger_name":"benchmark","service_name":"perf"}`,
  ]);
});

test('json: omitTimestamp drops the timestamp; no service name, no service_name key', () => {
  const out = captureSetup({ logging: PLAIN_JSON });
  getLogger('a.b').error('failed');
  assert.deepEqual(out.records(), ['{"event":"failed","level":"error","logger_name":"a.b"}']);
});

test('json: never a bare NaN or Infinity; BigInt, cycles and throwing getters stay valid JSON', () => {
  const out = captureSetup({ logging: PLAIN_JSON });
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  getLogger('hostile').info('values', {
    nan: Number.NaN,
    inf: Number.POSITIVE_INFINITY,
    ninf: Number.NEGATIVE_INFINITY,
    big: 10n ** 20n,
    cyclic,
    get broken(): never {
      throw new Error('nope');
    },
  });
  const record = out.json()[0];
  assert.equal(record.nan, null);
  assert.equal(record.inf, null);
  assert.equal(record.ninf, null);
  assert.equal(record.big, '100000000000000000000');
  assert.deepEqual(record.cyclic, { self: '[Circular]' });
  assert.equal(record.broken, '[Unserializable: Error: nope]');
});

test('json: UTF-8 written raw; control characters escaped; emoji prefixes are part of event', () => {
  const out = captureSetup({ logging: { consoleFormatter: 'json', omitTimestamp: true } });
  getLogger('app').info('héllo 🙂\n\u001b[31m', { domain: 'auth', action: 'login', status: 'success' });
  assert.equal(
    out.lines[0],
    '{"event":"[🔑][➡️][✅] 🔹 héllo 🙂\\n\\u001b[31m","level":"info","logger_name":"app"}\n',
  );
});

test('json: fields named like the record keys cannot forge them', () => {
  const out = captureSetup({ serviceName: 'real', logging: PLAIN_JSON });
  getLogger('real').info('m', { event: 'x', level: 'critical', logger_name: 'y', service_name: 'z' });
  const record = out.json()[0];
  assert.equal(record.event, 'm');
  assert.equal(record.level, 'info');
  assert.equal(record.logger_name, 'real');
  assert.equal(record.service_name, 'real');
  assert.equal(record._level, 'critical');
});

test('json: an Error field is written with type, message and stack; exception() adds the stack', () => {
  const out = captureSetup({ logging: PLAIN_JSON });
  const log = getLogger('errors');
  const error = new RangeError('out of range');
  log.info('with error', { err: error });
  log.exception('it failed', error, { job: 7 });
  log.exception('no error at hand', { job: 8 });
  const [first, second, third] = out.json();
  assert.deepEqual(Object.keys(first.err as object), ['type', 'message', 'stack']);
  assert.equal((first.err as { type: string }).type, 'RangeError');
  assert.equal(second.level, 'error');
  assert.equal(second.job, 7);
  assert.equal(second.exception, error.stack);
  assert.equal(third.job, 8);
  assert.match(third.exception as string, /^Stack of the exception\(\) call\n\s+at /);
  assert.doesNotMatch(third.exception as string, /exceptionMethod|SluiceFoundationLogger/);
});
