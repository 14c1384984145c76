import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { createLogger, type Logger, type LoggerOptions } from '../dist/esm/index.js';
import { fixedClock, RecordCollector } from './support/record-collector.js';
import { ReplayingSink } from './support/replaying-sink.js';

/*
 * A long-lived logger on a sink that formats elsewhere (a transport's ring; here ReplayingSink, which
 * replays each binary record at once) turns object-API calls that keep repeating into deferred events.
 * Whatever the calls, every line must be the one a logger writing text writes for the same call.
 */

type Call = (log: Logger, i: number) => void;

/** The lines of `calls` through a learning logger and through a text logger, and how many went binary. */
function bothWays(calls: readonly Call[], options: Partial<LoggerOptions> = {}) {
  const deferred = new ReplayingSink();
  const text = new RecordCollector();
  const learning = createLogger({ clock: fixedClock, level: 'trace', ...options, destination: deferred });
  const plain = createLogger({ clock: fixedClock, level: 'trace', ...options, destination: text });
  calls.forEach((call, i) => {
    call(learning, i);
    call(plain, i);
  });
  return {
    deferred: deferred.lines,
    text: text.lines,
    replayed: deferred.replayed,
    registered: deferred.registered,
  };
}

const repeat = (n: number, call: Call): Call[] => Array.from({ length: n }, () => call);

/** One Error per call index, so that both loggers write the same stack. */
const errors = new Map<number, Error>();
function errorFor(n: number): Error {
  let error = errors.get(n);
  if (error === undefined) {
    error = new Error(`e${n}`);
    errors.set(n, error);
  }
  return error;
}

test('a call site repeating one message and one shape of scalar fields goes out in binary, and writes the same lines', () => {
  const { deferred, text, replayed } = bothWays(
    repeat(300, (log, i) => log.info({ iteration: i, batch: 'performance_test', ok: i % 2 === 0 }, 'tick')),
  );
  assert.deepEqual(deferred, text);
  assert.ok(replayed > 200, `${replayed} of 300 calls went out as events`);
});

test('the other call forms and shapes stay text, and a learned call falls back on any change', () => {
  const calls: Call[] = [];
  for (let i = 0; i < 200; i++) {
    calls.push((log, n) => log.info({ n, s: 'x' }, 'learned'));
    calls.push((log, n) => log.warn('learned', { n, s: 'foundation order' }));
    // The same message with fields that do not fit: another key order, a missing or extra key, another
    // type, an omitted value, an object, an inherited key.
    calls.push((log, n) => log.info({ s: 'x', n }, 'learned'));
    calls.push((log, n) => log.info({ n }, 'learned'));
    calls.push((log, n) => log.info({ n, s: 'x', extra: true }, 'learned'));
    calls.push((log, n) => log.info({ n: String(n), s: 'x' }, 'learned'));
    calls.push((log) => log.info({ n: undefined, s: 'x' }, 'learned'));
    calls.push((log, n) => log.info({ n: { n }, s: 'x' }, 'learned'));
    calls.push((log, n) =>
      log.info(Object.assign(Object.create({ inherited: 1 }), { n, s: 'x' }), 'learned'),
    );
    calls.push((log, n) => log.error(errorFor(n), 'learned'));
    calls.push((log, n) => log.info({ msg: `m${n}` }));
    calls.push((log, n) => log.debug(`printf %d`, n));
  }
  const { deferred, text, replayed } = bothWays(calls);
  assert.deepEqual(deferred, text);
  assert.ok(replayed > 0);
});

test('every level, keys the record writes itself, long strings, odd numbers and logfmt: the same lines', () => {
  const values = [
    0,
    -0,
    1.5,
    -7,
    2 ** 31,
    -(2 ** 31) - 1,
    1e21,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    2 ** 53 + 2,
  ];
  const long = 'é'.repeat(5_000);
  for (const options of [{}, { format: 'logfmt' as const }, { name: 'svc', base: { pid: 1, host: 'h' } }]) {
    const calls: Call[] = [];
    for (let i = 0; i < 400; i++) {
      const level = (['trace', 'debug', 'info', 'warn', 'error'] as const)[i % 5];
      calls.push((log, n) =>
        log[level](
          {
            level: n,
            time: 'forged',
            pid: values[n % values.length],
            host: n % 3 === 0 ? long : `h\n"${n}"`,
          },
          'keys',
        ),
      );
    }
    const { deferred, text, replayed } = bothWays(calls, options);
    assert.deepEqual(deferred, text, JSON.stringify(options));
    assert.ok(replayed > 0, JSON.stringify(options));
  }
});

test('a child logs through its own learned events, with its bindings, and follows level changes', () => {
  const deferred = new ReplayingSink();
  const text = new RecordCollector();
  const run = (destination: ReplayingSink | RecordCollector) => {
    const child = createLogger({ clock: fixedClock, destination }).child({ reqId: 'r-1', attempt: 2 });
    for (let i = 0; i < 200; i++) {
      if (i === 120) child.level = 'warn';
      if (i === 160) child.level = 'debug';
      child.info({ i }, 'in the child');
      child.debug({ i }, 'in the child');
    }
  };
  run(deferred);
  run(text);
  assert.deepEqual(deferred.lines, text.lines);
  assert.ok(deferred.replayed > 0);
});

test('serializers, redaction and context fields keep their calls text', () => {
  for (const options of [
    { serializers: { user: (user: string) => user.toUpperCase() } },
    { redact: ['user'] },
    { mixin: () => ({ fromMixin: true }) },
  ]) {
    const { deferred, text, replayed } = bothWays(
      repeat(200, (log, i) => log.info({ user: `u${i}`, i }, 'kept text')),
      options,
    );
    assert.deepEqual(deferred, text);
    assert.equal(replayed, 0, JSON.stringify(Object.keys(options)));
  }
});

test('a message made per call is never learned, and a logger learns a bounded number of call sites', () => {
  const calls: Call[] = [];
  for (let i = 0; i < 3_000; i++) calls.push((log, n) => log.info({ n }, `message ${n % 1_000}`));
  const perCall = bothWays(calls);
  assert.deepEqual(perCall.deferred, perCall.text);
  assert.equal(perCall.registered, 0);

  const sites: Call[] = [];
  for (let i = 0; i < 40 * 100; i++) sites.push((log, n) => log.info({ n }, `site ${n % 40}`));
  const many = bothWays(sites);
  assert.deepEqual(many.deferred, many.text);
  assert.equal(many.registered, 32, 'call sites learned by one logger');

  // A long message is never kept to be counted: a logger holds at most MAX_COUNTED short ones.
  const long = 'x'.repeat(1_000);
  const longs = bothWays(repeat(200, (log, n) => log.info({ n }, long)));
  assert.deepEqual(longs.deferred, longs.text);
  assert.equal(longs.registered, 0);
});

test('any scalar fields, repeated under one message: the same lines as text (property)', () => {
  const scalar = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.double(),
    fc.integer(),
    fc.boolean(),
  );
  const key = fc.oneof(
    fc.constantFrom('level', 'time', 'msg', 'pid', 'hostname', 'a', '0', '__proto__'),
    fc.string(),
  );
  fc.assert(
    fc.property(
      fc.array(fc.tuple(key, scalar), { maxLength: 6 }),
      fc.array(scalar, { maxLength: 6 }),
      (entries, later) => {
        const fields = () => {
          const object: Record<string, unknown> = {};
          for (const [k, v] of entries)
            Object.defineProperty(object, k, {
              value: v,
              enumerable: true,
              writable: true,
              configurable: true,
            });
          return object;
        };
        const calls: Call[] = repeat(40, (log) => log.info(fields(), 'property'));
        // Then the same keys with other scalars: the learned types hold for some, not for others.
        calls.push((log) => {
          const object = fields();
          Object.keys(object).forEach((k, i) => {
            if (i < later.length) object[k] = later[i];
          });
          log.info(object, 'property');
        });
        const { deferred, text } = bothWays(calls);
        assert.deepEqual(deferred, text);
      },
    ),
    { numRuns: 150 },
  );
});
