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

test('child(bindings, { serializers }) applies its serializers over the parent’s to its bindings and records', () => {
  const { log, lines } = collect({ serializers: { req: (req: { method: string }) => req.method } });
  const child = log.child(
    { user: { id: 7, password: 'x' } },
    { serializers: { user: (user: { id: number }) => ({ id: user.id }) } },
  );
  child.info({ req: { method: 'PUT' }, user: { id: 8, password: 'y' } }, 'child');
  const grandchild = child.child({}, { serializers: { req: () => 'overridden' } });
  grandchild.info({ req: { method: 'GET' } }, 'grandchild');
  log.info({ user: { id: 9, password: 'z' } }, 'parent');
  assert.deepEqual(JSON.parse(lines[0]), {
    level: 30,
    user: { id: 8 },
    req: 'PUT',
    msg: 'child',
  });
  assert.deepEqual(lines[0].match(/"user"/g)?.length, 2, 'the binding and the field are both serialized');
  assert.ok(!lines[0].includes('password'));
  assert.equal(JSON.parse(lines[1]).req, 'overridden');
  assert.deepEqual(
    JSON.parse(lines[2]).user,
    { id: 9, password: 'z' },
    'the parent keeps its own serializers',
  );
});

test('a serializer of a binding runs once per child, however many records the child writes', () => {
  let calls = 0;
  const { log, lines } = collect({
    serializers: {
      reqId: (id: number) => {
        calls++;
        return `req-${id}`;
      },
    },
  });
  const child = log.child({ reqId: 7, route: 'hello' });
  for (let i = 0; i < 3; i++) child.info('again');
  assert.equal(calls, 1);
  for (const line of lines) assert.equal(JSON.parse(line).reqId, 'req-7');
});
