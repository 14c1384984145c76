import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collectingLogger, onlyRecord } from './support/collecting-logger.js';

/** Logs with `info(...args)` and returns the one record, parsed. */
function logRecord(...args: unknown[]): Record<string, any> {
  const { log, lines } = collectingLogger();
  (log.info as (...a: unknown[]) => void)(...args);
  return onlyRecord(lines);
}

class ValidationError extends Error {}

class HttpError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

test('info(err) writes err with type, message and stack', () => {
  const err = new TypeError('bad input');
  const record = logRecord(err);
  assert.equal(record.err.type, 'TypeError');
  assert.equal(record.err.message, 'bad input');
  assert.equal(record.err.stack, err.stack);
  assert.deepEqual(Object.keys(record.err).slice(0, 3), ['type', 'message', 'stack']);
});

test('msg defaults to err.message', () => {
  assert.equal(logRecord(new Error('from the error')).msg, 'from the error');
});

test('info(err, msg) keeps the given message', () => {
  const record = logRecord(new Error('from the error'), 'given');
  assert.equal(record.msg, 'given');
  assert.equal(record.err.message, 'from the error');
});

test('info(msg, err) puts the error under err and keeps the message', () => {
  const record = logRecord('given', new RangeError('r'));
  assert.equal(record.msg, 'given');
  assert.equal(record.err.type, 'RangeError');
});

test('own enumerable properties such as code are kept', () => {
  const err = Object.assign(new Error('io'), {
    code: 'ENOENT',
    errno: -2,
    path: '/x',
    details: { retry: true },
  });
  const record = logRecord(err);
  assert.equal(record.err.code, 'ENOENT');
  assert.equal(record.err.errno, -2);
  assert.equal(record.err.path, '/x');
  assert.deepEqual(record.err.details, { retry: true });
});

test('an own enumerable errors property on a plain Error is kept', () => {
  // Mongoose's ValidationError and many HTTP libraries carry per-field errors this way.
  const err = Object.assign(new Error('invalid'), { errors: { name: 'required' } });
  assert.deepEqual(logRecord(err).err.errors, { name: 'required' });
});

test('a cause chain is written as nested errors', () => {
  const root = new Error('disk full');
  const middle = new Error('write failed', { cause: root });
  const top = new Error('save failed', { cause: middle });
  const err = logRecord(top).err;
  assert.equal(err.message, 'save failed');
  assert.equal(err.cause.type, 'Error');
  assert.equal(err.cause.message, 'write failed');
  assert.equal(err.cause.cause.message, 'disk full');
  assert.equal(err.cause.cause.stack, root.stack);
  assert.equal('cause' in err.cause.cause, false);
});

test('a non-error cause is written as its value', () => {
  assert.equal(logRecord(new Error('e', { cause: 'a string' })).err.cause, 'a string');
  assert.deepEqual(logRecord(new Error('e', { cause: { code: 42 } })).err.cause, { code: 42 });
  assert.equal(logRecord(new Error('e', { cause: null })).err.cause, null);
});

test('AggregateError.errors lists each error serialized', () => {
  const err = new AggregateError([new Error('first'), new TypeError('second'), 'not an error'], 'many');
  const record = logRecord(err);
  assert.equal(record.err.type, 'AggregateError');
  assert.equal(record.err.message, 'many');
  assert.equal(record.err.errors.length, 3);
  assert.equal(record.err.errors[0].message, 'first');
  assert.equal(record.err.errors[1].type, 'TypeError');
  assert.equal(record.err.errors[2], 'not an error');
});

test('a cause cycle terminates with [Circular]', () => {
  const a = new Error('a');
  const b = new Error('b', { cause: a });
  (a as { cause?: unknown }).cause = b;
  const self = new Error('self');
  (self as { cause?: unknown }).cause = self;
  const record = logRecord(a);
  assert.equal(record.err.cause.message, 'b');
  assert.equal(record.err.cause.cause, '[Circular]');
  assert.equal(logRecord(self).err.cause, '[Circular]');
});

test('a custom error subclass gives its class name as type', () => {
  assert.equal(logRecord(new ValidationError('v')).err.type, 'ValidationError');
  const http = logRecord(new HttpError('not found', 404)).err;
  assert.equal(http.type, 'HttpError');
  assert.equal(http.status, 404);
});

test('an Error nested in fields is serialized the same way as info(err)', () => {
  const err = Object.assign(new Error('nested', { cause: new Error('inner') }), { code: 'E_NESTED' });
  const top = logRecord(err).err;
  const nested = logRecord({ error: err, list: [err] }, 'with fields');
  assert.deepEqual(nested.error, top);
  assert.deepEqual(nested.list, [top]);
  assert.equal(nested.msg, 'with fields');
});

test('an error whose message or stack getter throws still gives one valid record', () => {
  const err = new Error('x');
  // stack first: V8 formats the stack lazily, reading message, when stack is redefined.
  Object.defineProperty(err, 'stack', {
    get() {
      throw new Error('stack getter');
    },
  });
  Object.defineProperty(err, 'message', {
    get() {
      throw new Error('message getter');
    },
  });
  const record = logRecord(err);
  assert.equal(record.err.type, 'Error');
  assert.match(record.err.message, /^\[Unserializable: /);
  assert.match(record.err.stack, /^\[Unserializable: /);
});
