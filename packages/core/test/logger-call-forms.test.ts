import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLogger } from '../dist/esm/index.js';
import { RecordCollector } from './support/record-collector.js';

/** A logger without time, pid or hostname, so records compare as whole objects. */
function bareLogger() {
  const out = new RecordCollector();
  const log = createLogger({ base: null, timestamp: false, destination: out });
  return { out, log };
}

describe('call forms', () => {
  test('info(msg)', () => {
    const { out, log } = bareLogger();
    log.info('hello');
    assert.deepEqual(out.only(), { level: 30, msg: 'hello' });
  });

  test('info(msg, fields)', () => {
    const { out, log } = bareLogger();
    log.info('hello', { user: 'ada', n: 1 });
    assert.deepEqual(out.only(), { level: 30, user: 'ada', n: 1, msg: 'hello' });
  });

  test('info(null, msg) and info(undefined, msg) write msg alone, as pino does', () => {
    const { out, log } = bareLogger();
    log.info(null as unknown as object, 'm');
    log.info(undefined as unknown as object, 'm');
    log.info(null as unknown as object, 'a %s', 'b');
    assert.deepEqual(out.records(), [
      { level: 30, msg: 'm' },
      { level: 30, msg: 'm' },
      { level: 30, msg: 'a b' },
    ]);
  });

  test('info(fields)', () => {
    const { out, log } = bareLogger();
    log.info({ user: 'ada', nested: { a: [1, 2] } });
    assert.deepEqual(out.only(), { level: 30, user: 'ada', nested: { a: [1, 2] } });
  });

  test('info(fields, msg)', () => {
    const { out, log } = bareLogger();
    log.info({ user: 'ada' }, 'hello');
    assert.deepEqual(out.only(), { level: 30, user: 'ada', msg: 'hello' });
  });

  test('info(err) writes the error under err and its message as msg', () => {
    const { out, log } = bareLogger();
    const error = new TypeError('bad input');
    log.info(error);
    const record = out.only();
    assert.equal(record.msg, 'bad input');
    const err = record.err as Record<string, unknown>;
    assert.equal(err.type, 'TypeError');
    assert.equal(err.message, 'bad input');
    assert.equal(err.stack, error.stack);
  });

  test('info(err, msg) keeps the error and uses msg', () => {
    const { out, log } = bareLogger();
    log.info(new Error('root cause'), 'request failed');
    const record = out.only();
    assert.equal(record.msg, 'request failed');
    assert.equal((record.err as Record<string, unknown>).message, 'root cause');
  });

  test('info() writes a record without msg', () => {
    const { out, log } = bareLogger();
    log.info();
    assert.deepEqual(out.only(), { level: 30 });
  });
});

describe('printf formatting', () => {
  function message(...args: unknown[]): unknown {
    const { out, log } = bareLogger();
    (log.info as (...a: unknown[]) => void)(...args);
    return out.only().msg;
  }

  test('%s %d %i %f %j %o %O and %%', () => {
    assert.equal(message('%s|%s', 'text', 7), 'text|7');
    assert.equal(message('%d', 42.5), '42.5');
    assert.equal(message('%d', '12'), '12');
    assert.equal(message('%i', 42.9), '42');
    assert.equal(message('%i', '17px'), '17');
    assert.equal(message('%f', '3.25abc'), '3.25');
    assert.equal(message('%j', { a: 1, b: 'x' }), '{"a":1,"b":"x"}');
    assert.equal(message('%o', [1, 'two']), '[1,"two"]');
    assert.equal(message('%O', { deep: { n: null } }), '{"deep":{"n":null}}');
    assert.equal(message('100%% done', 'x'), '100% done x');
    assert.equal(message('%s%%', 'ok'), 'ok%');
  });

  test('leftover arguments are appended with spaces', () => {
    assert.equal(message('a %s', 'b', 'c', 4, { d: 1 }), 'a b c 4 {"d":1}');
    assert.equal(message('no placeholders', 1, 'two'), 'no placeholders 1 two');
  });

  test('a placeholder without an argument stays as written', () => {
    assert.equal(message('%s and %d and %j', 'one'), 'one and %d and %j');
  });

  test('an unknown placeholder stays as written and does not consume an argument', () => {
    assert.equal(message('%x %s', 'arg'), '%x arg');
  });

  test('info(fields, template, ...args) formats the message and keeps the fields', () => {
    const { out, log } = bareLogger();
    log.info({ id: 9 }, 'user %s logged in %d times', 'ada', 3, 'extra');
    assert.deepEqual(out.only(), { level: 30, id: 9, msg: 'user ada logged in 3 times extra' });
  });

  test('info(err, template, ...args) formats the message and keeps the error', () => {
    const { out, log } = bareLogger();
    log.error(new Error('boom'), 'job %s failed', 'j1');
    const record = out.only();
    assert.equal(record.msg, 'job j1 failed');
    assert.equal((record.err as Record<string, unknown>).message, 'boom');
  });
});

describe('log calls never throw', () => {
  const throwingGetter = {
    ok: 1,
    get bad(): never {
      throw new Error('getter exploded');
    },
  };
  const throwingToJson = {
    toJSON(): never {
      throw new Error('toJSON exploded');
    },
  };
  const throwingToString = {
    toString(): never {
      throw new Error('toString exploded');
    },
  };
  const cyclic: Record<string, unknown> = { name: 'loop' };
  cyclic.self = cyclic;
  const hostileProxy = new Proxy(
    {},
    {
      ownKeys() {
        throw new Error('ownKeys exploded');
      },
    },
  );
  const errorWithThrowingMessage = new Error('x');
  Object.defineProperty(errorWithThrowingMessage, 'message', {
    get(): never {
      throw new Error('message exploded');
    },
  });

  const calls: [string, unknown[]][] = [
    ['info(Symbol())', [Symbol()]],
    ['info(Symbol("s"), "x")', [Symbol('s'), 'x']],
    ['info(null)', [null]],
    ['info(undefined, "x")', [undefined, 'x']],
    ['info(42)', [42]],
    ['info(10n)', [10n]],
    ['info(() => {})', [() => {}]],
    ['info(throwing getter)', [throwingGetter]],
    ['info(throwing getter, msg)', [throwingGetter, 'msg']],
    ['info(msg, throwing getter)', ['msg', throwingGetter]],
    ['info(throwing toJSON)', [{ v: throwingToJson }]],
    ['info("%s", throwing toString)', ['%s', throwingToString]],
    ['info("%d", Symbol())', ['%d', Symbol('d')]],
    ['info("%i", Symbol())', ['%i', Symbol('i')]],
    ['info("%f", throwing toString)', ['%f', throwingToString]],
    ['info("%j", cyclic)', ['%j', cyclic]],
    ['info(cyclic)', [cyclic]],
    ['info(Proxy with throwing ownKeys)', [hostileProxy]],
    ['info(error with throwing message)', [errorWithThrowingMessage]],
    ['info(fields, non-string msg)', [{ a: 1 }, 42, 'x']],
    ['info(array)', [[1, 2, 3]]],
  ];

  for (const [name, args] of calls) {
    test(`${name} writes exactly one valid record`, () => {
      const { out, log } = bareLogger();
      assert.doesNotThrow(() => (log.info as (...a: unknown[]) => void)(...args));
      assert.equal(out.lines.length, 1);
      const record = out.only(); // throws on malformed JSON
      assert.equal(record.level, 30);
    });
  }

  test('primitive first arguments become the message', () => {
    const cases: [unknown[], string][] = [
      [[Symbol('tag')], 'Symbol(tag)'],
      [[42], '42'],
      [[undefined, 'x'], 'x'], // pino: a null or undefined first argument is no fields
      [[true], 'true'],
    ];
    for (const [args, expected] of cases) {
      const { out, log } = bareLogger();
      (log.info as (...a: unknown[]) => void)(...args);
      assert.equal(out.only().msg, expected);
    }
  });

  test('a throwing getter is marked and the other fields survive', () => {
    const { out, log } = bareLogger();
    log.info(throwingGetter, 'still here');
    const record = out.only();
    assert.equal(record.ok, 1);
    assert.equal(record.msg, 'still here');
    assert.match(String(record.bad), /getter exploded/);
  });
});
