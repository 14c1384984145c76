import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLogger, SluiceConfigError } from '../dist/esm/index.js';

function collect(options: Parameters<typeof createLogger>[0]) {
  const lines: string[] = [];
  const log = createLogger({
    base: null,
    timestamp: false,
    ...options,
    destination: { write: (l: string) => lines.push(l) },
  });
  return { log, lines };
}

test('serializers replace top-level fields, bindings and the error argument, not nested keys', () => {
  const { log, lines } = collect({
    serializers: { req: (req: { method: string }) => ({ method: req.method }), err: (e: Error) => e.message },
  });
  log.info({ req: { method: 'GET', socket: { big: true } }, other: { req: 'nested stays' } }, 'in');
  log.child({ req: { method: 'POST', headers: {} } }).info('child');
  log.error(new Error('boom'));
  assert.deepEqual(JSON.parse(lines[0]), {
    level: 30,
    req: { method: 'GET' },
    other: { req: 'nested stays' },
    msg: 'in',
  });
  assert.deepEqual(JSON.parse(lines[1]).req, { method: 'POST' });
  assert.equal(JSON.parse(lines[2]).err, 'boom');
});

test('a throwing serializer leaves a marker and the call does not throw', () => {
  const { log, lines } = collect({
    serializers: {
      req: () => {
        throw new Error('nope');
      },
    },
  });
  log.info({ req: 1, ok: true });
  const record = JSON.parse(lines[0]);
  assert.match(record.req, /^\[Unserializable: Error: nope\]$/);
  assert.equal(record.ok, true);
});

test('serializers apply in logfmt, and inherited names such as constructor are not serializers', () => {
  const { log, lines } = collect({
    format: 'logfmt',
    serializers: { req: (r: { method: string }) => r.method },
  });
  log.info({ req: { method: 'PUT' }, constructor: 2 });
  assert.equal(lines[0], 'level=info req=PUT constructor=2\n');
});

test('a serializer that is not a function is a configuration error', () => {
  assert.throws(() => createLogger({ serializers: { req: 'x' as never } }), SluiceConfigError);
});
