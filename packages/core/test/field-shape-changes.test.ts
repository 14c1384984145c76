import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PROPERTY_RUNS } from '@sluice/test-support/property-runs';
import fc from 'fast-check';
import {
  createLogger,
  type Logger,
  type LoggerOptions,
  RECORD_ABANDONED,
  RecordBuffer,
  type RecordSink,
} from '../dist/esm/index.js';
import { collectingLogger } from './support/collecting-logger.js';

/*
 * A logger remembers what it worked out for the field keys and strings it wrote before (each key's
 * encoded bytes, redaction and serializer; a message or value that repeats, encoded). These tests log
 * through one long-lived logger whose objects change between calls, and compare every record with the
 * one a fresh logger (nothing remembered) writes for the same call.
 */

const OPTIONS: Readonly<Omit<LoggerOptions, 'destination'>> = {
  redact: { paths: ['secret', 'nested.token'], keys: ['Password'] },
  serializers: { user: (user: { id?: unknown }) => ({ id: user?.id }) },
};

type Call = (log: Logger) => void;

/** Logs each call through one logger, and each through a logger of its own; returns both line lists. */
function logBoth(
  calls: readonly Call[],
  options: Readonly<Omit<LoggerOptions, 'destination'>> = OPTIONS,
): { reused: string[]; fresh: string[] } {
  const reused = collectingLogger(options);
  const fresh: string[] = [];
  for (const call of calls) {
    call(reused.log);
    const once = collectingLogger(options);
    call(once.log);
    fresh.push(...once.lines);
  }
  return { reused: reused.lines, fresh };
}

function assertSameRecords(calls: readonly Call[]): string[] {
  const { reused, fresh } = logBoth(calls);
  assert.deepEqual(reused, fresh);
  assert.equal(reused.length, calls.length);
  return reused;
}

test('the same keys in a different order are written in the new order', () => {
  const lines = assertSameRecords([
    (log) => log.info({ a: 1, b: 'x', c: true }, 'm'),
    (log) => log.info({ a: 1, b: 'x', c: true }, 'm'),
    (log) => log.info({ c: true, a: 1, b: 'x' }, 'm'),
    (log) => log.info({ b: 'x', c: true, a: 1 }, 'm'),
  ]);
  assert.equal(lines[2], '{"level":30,"c":true,"a":1,"b":"x","msg":"m"}\n');
});

test('a key added or deleted between calls is written or left out', () => {
  const fields: Record<string, unknown> = { a: 1, b: 2 };
  const lines = assertSameRecords([
    (log) => log.info(fields, 'm'),
    (log) => {
      fields.c = 3;
      log.info(fields, 'm');
    },
    (log) => {
      delete fields.a;
      log.info(fields, 'm');
    },
    (log) => {
      fields.a = 'back';
      log.info(fields, 'm');
    },
  ]);
  assert.equal(lines[1], '{"level":30,"a":1,"b":2,"c":3,"msg":"m"}\n');
  assert.equal(lines[2], '{"level":30,"b":2,"c":3,"msg":"m"}\n');
  assert.equal(lines[3], '{"level":30,"b":2,"c":3,"a":"back","msg":"m"}\n');
});

test('a value that turns into an object, a getter or a throwing getter is written as it is now', () => {
  const lines = assertSameRecords([
    (log) => log.info({ id: 1, name: 'same' }, 'm'),
    (log) => log.info({ id: 1, name: 'same' }, 'm'),
    (log) => log.info({ id: { nested: [1, 2] }, name: 'same' }, 'm'),
    (log) =>
      log.info(
        {
          id: 1,
          get name() {
            return 'from getter';
          },
        },
        'm',
      ),
    (log) =>
      log.info(
        {
          id: 1,
          get name(): string {
            throw new Error('getter failed');
          },
        },
        'm',
      ),
    (log) => log.info({ id: 1, name: undefined }, 'm'),
    (log) => log.info({ id: 1, name: 'same' }, 'm'),
  ]);
  assert.equal(lines[2], '{"level":30,"id":{"nested":[1,2]},"name":"same","msg":"m"}\n');
  assert.equal(lines[3], '{"level":30,"id":1,"name":"from getter","msg":"m"}\n');
  assert.match(lines[4], /"name":"\[Unserializable: Error: getter failed\]"/);
  assert.equal(lines[5], '{"level":30,"id":1,"msg":"m"}\n');
});

test('a Proxy with the keys of an earlier plain object is read through its traps', () => {
  const proxy = () =>
    new Proxy({ a: 1, b: 2 }, { get: (target, key) => (key === 'b' ? 'trapped' : Reflect.get(target, key)) });
  const lines = assertSameRecords([
    (log) => log.info({ a: 1, b: 2 }, 'm'),
    (log) => log.info(proxy(), 'm'),
    (log) => log.info({ a: 1, b: 2 }, 'm'),
  ]);
  assert.equal(lines[1], '{"level":30,"a":1,"b":"trapped","msg":"m"}\n');
  const throwing = new Proxy(
    { a: 1, b: 2 },
    {
      ownKeys: () => {
        throw new Error('no keys');
      },
    },
  );
  const marked = assertSameRecords([
    (log) => log.info({ a: 1, b: 2 }, 'm'),
    (log) => log.info(throwing, 'm'),
  ]);
  assert.match(marked[1], /^\{"level":30,"fields":"\[Unserializable: Error: no keys\]","msg":"m"\}\n$/);
});

test('redaction and serializers follow their keys to any position and shape', () => {
  const lines = assertSameRecords([
    (log) => log.info({ secret: 's1', user: { id: 7, pw: 'x' }, password: 'p' }, 'm'),
    (log) => log.info({ user: { id: 8 }, PASSWORD: 'p', secret: 's2' }, 'm'),
    (log) => log.info({ nested: { token: 't', keep: 1 }, secret: { deep: true } }, 'm'),
    (log) => log.info({ level: 'forged', time: 'forged', secret: 's3' }, 'm'),
  ]);
  assert.equal(
    lines[0],
    '{"level":30,"secret":"[REDACTED]","user":{"id":7},"password":"[REDACTED]","msg":"m"}\n',
  );
  assert.equal(
    lines[1],
    '{"level":30,"user":{"id":8},"PASSWORD":"[REDACTED]","secret":"[REDACTED]","msg":"m"}\n',
  );
  assert.equal(
    lines[2],
    '{"level":30,"nested":{"token":"[REDACTED]","keep":1},"secret":"[REDACTED]","msg":"m"}\n',
  );
  assert.equal(lines[3], '{"level":30,"_level":"forged","_time":"forged","secret":"[REDACTED]","msg":"m"}\n');
});

test('a string repeated in a field or the message, then changed, is written as it is now', () => {
  const long = 'x'.repeat(300);
  const lines = assertSameRecords([
    (log) => log.info({ s: 'same' }, 'same message'),
    (log) => log.info({ s: 'same' }, 'same message'),
    (log) => log.info({ s: 'same' }, 'same message'),
    // Equal content in a different string object, then a different string of the same length.
    (log) => log.info({ s: ['sa', 'me'].join('') }, ['same ', 'message'].join('')),
    (log) => log.info({ s: 'emas' }, 'other message'),
    (log) => log.info({ s: 'quo"te\n' }, 'é ✓ 😀'),
    (log) => log.info({ s: 'quo"te\n' }, 'é ✓ 😀'),
    (log) => log.info({ s: long }, long),
    (log) => log.info({ s: long }, long),
    (log) => log.info({ s: 5 }, 'same message'),
  ]);
  assert.equal(lines[2], '{"level":30,"s":"same","msg":"same message"}\n');
  assert.equal(lines[4], '{"level":30,"s":"emas","msg":"other message"}\n');
  assert.equal(lines[6], '{"level":30,"s":"quo\\"te\\n","msg":"é ✓ 😀"}\n');
  assert.equal(lines[9], '{"level":30,"s":5,"msg":"same message"}\n');
});

test('a repeated string is cut at the string limit as it was the first time', () => {
  const options = { ...OPTIONS, limits: { stringLength: 4 } };
  const { reused, fresh } = logBoth(
    [
      (log) => log.info({ s: 'abcdefgh' }, 'abcdefgh'),
      (log) => log.info({ s: 'abcdefgh' }, 'abcdefgh'),
      (log) => log.info({ s: 'abcdefgh' }, 'abcdefgh'),
    ],
    options,
  );
  assert.deepEqual(reused, fresh);
  assert.equal(
    reused[2],
    '{"level":30,"s":"abcd...[truncated 4 chars]","msg":"abcd...[truncated 4 chars]"}\n',
  );
});

test('an enumerable key added to Object.prototype is never written as a field', () => {
  const proto = Object.prototype as Record<string, unknown>;
  const { log, lines } = collectingLogger(OPTIONS);
  log.info({ a: 1, b: 2 }, 'm');
  log.info({ a: 1, b: 2 }, 'm');
  try {
    proto.b = 'inherited';
    log.info({ a: 1 }, 'm');
  } finally {
    delete proto.b;
  }
  assert.equal(lines[2], '{"level":30,"a":1,"msg":"m"}\n');
});

test('past the keys it remembers, a logger starts over and still writes every shape right', () => {
  const calls: Call[] = [];
  for (let i = 0; i < 5000; i++) calls.push((log) => log.info({ [`key${i}`]: i, shared: 's' }, 'm'));
  calls.push((log) => log.info({ key1: 'again', shared: 's' }, 'm'));
  const lines = assertSameRecords(calls);
  assert.equal(lines.at(-1), '{"level":30,"key1":"again","shared":"s","msg":"m"}\n');
});

test('any sequence of changing field objects through one logger writes what fresh loggers write', () => {
  const key = fc.constantFrom('a', 'b', 'secret', 'user', 'level', 'Password', 'nested', '__proto__', 'é');
  const value = fc.oneof(
    fc.constantFrom('same', 'other', '', 'quo"te', 1, 1234567, -5, 2.5, true, null, undefined),
    fc.string(),
    fc.integer(),
    fc.dictionary(fc.constantFrom('token', 'id', 'x'), fc.oneof(fc.string(), fc.integer()), { maxKeys: 3 }),
  );
  const fields = fc.array(fc.tuple(key, value), { maxLength: 6 }).map((entries) => {
    const object: Record<string, unknown> = {};
    for (const [k, v] of entries)
      Object.defineProperty(object, k, { value: v, enumerable: true, configurable: true, writable: true });
    return object;
  });
  const message = fc.constantFrom('same message', 'other', 'é ✓', '');
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fields, message, fc.boolean()), { minLength: 1, maxLength: 12 }),
      (calls) => {
        const { reused, fresh } = logBoth(
          calls.map(([object, msg, messageFirst]) => (log) => {
            if (messageFirst) log.info(msg, object);
            else log.info(object, msg);
          }),
        );
        assert.deepEqual(reused, fresh);
      },
    ),
    { numRuns: PROPERTY_RUNS },
  );
});

/** A bounded buffer that drops what does not fit, as a ring under the drop policy does. */
class DroppingBuffer extends RecordBuffer {
  protected override makeRoom(): void {
    this.pos = this.start;
    throw RECORD_ABANDONED;
  }
}

/** Keeps committed records; `out` drops a record that outgrows its 512 bytes. */
class BoundedSink implements RecordSink {
  readonly out = new DroppingBuffer(512);
  readonly records: string[] = [];

  begin(): boolean {
    return true;
  }

  commit(): void {
    this.records.push(this.out.toString(0, this.out.pos));
    this.out.pos = 0;
  }

  flushSync(): void {}

  flush(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

test('a record dropped while copying remembered bytes is dropped, never committed with a marker', () => {
  const sink = new BoundedSink();
  const log = createLogger({ destination: sink, base: null, timestamp: false });
  const message = 'm'.repeat(60);
  const value = 'v'.repeat(60);
  // Twice, so that the message and the value of `s` are remembered.
  log.info({ s: value }, message);
  log.info({ s: value }, message);
  // The remembered message no longer fits after 200 array elements.
  log.info({ s: value, pad: new Array(200).fill(1) }, message);
  // The remembered value of `s` no longer fits after the bindings.
  log.child({ pad: 'p'.repeat(440) }).info({ s: value }, 'x');
  log.info({ s: 'fits' }, 'short');
  const kept = `{"level":30,"s":"${value}","msg":"${message}"}\n`;
  assert.deepEqual(sink.records, [kept, kept, '{"level":30,"s":"fits","msg":"short"}\n']);
});

/** Enough calls of one shape for its keys, strings and message to be compiled (HotBytes). */
const HOT_CALLS = 300;

function hotSeedCalls(): Call[] {
  const calls: Call[] = [];
  for (let i = 0; i < HOT_CALLS; i++) {
    calls.push((log) =>
      log.info('seed message', { iteration: i, batch: 'performance_test', user_id: 12345, success: true }),
    );
  }
  return calls;
}

for (const [name, options] of [
  ['with redaction and serializers', OPTIONS],
  ['with neither', {}],
] as const) {
  test(`compiled keys and strings follow every later change of type, order and shape (${name})`, () => {
    const calls = hotSeedCalls();
    calls.push(
      (log) => log.info('seed message', { iteration: 'one', batch: 5, user_id: null, success: 'yes' }),
      (log) => log.info('seed message', { success: true, user_id: 12345, batch: 'performance_test' }),
      (log) =>
        log.info('seed message', { iteration: 1, batch: 'performance_tesT', user_id: 1, success: false }),
      (log) =>
        log.info('seed message', {
          iteration: 2,
          get batch() {
            return 'from getter';
          },
          user_id: 12345,
          success: true,
        }),
      (log) =>
        log.info('seed message', { iteration: 3, batch: 'performance_test', secret: 's', user: { id: 1 } }),
      (log) =>
        log.info('other message', { iteration: 4, batch: 'performance_test', user_id: 12345, success: true }),
      (log) =>
        log.info('seed message', { iteration: 5, batch: 'performance_test', user_id: 12345, success: true }),
    );
    const { reused, fresh } = logBoth(calls, options);
    assert.deepEqual(reused, fresh);
    assert.equal(
      reused[HOT_CALLS],
      '{"level":30,"iteration":"one","batch":5,"user_id":null,"success":"yes","msg":"seed message"}\n',
    );
    assert.equal(
      reused[HOT_CALLS + 2],
      '{"level":30,"iteration":1,"batch":"performance_tesT","user_id":1,"success":false,"msg":"seed message"}\n',
    );
    assert.equal(
      reused[HOT_CALLS + 3],
      '{"level":30,"iteration":2,"batch":"from getter","user_id":12345,"success":true,"msg":"seed message"}\n',
    );
  });
}

test('a hot key that needs escaping, and hot values after it, are written escaped as JSON.stringify does', () => {
  const key = 'quo"te\\\n\u2028é';
  const calls: Call[] = [];
  for (let i = 0; i < HOT_CALLS; i++) calls.push((log) => log.info({ [key]: 'v"\n', level: i }, 'm'));
  calls.push((log) => log.info({ [key]: 'w', level: 'forged' }, 'm'));
  const lines = assertSameRecords(calls);
  for (const line of lines) assert.deepEqual(Object.keys(JSON.parse(line)), ['level', key, '_level', 'msg']);
  assert.equal(lines.at(-1), `{"level":30,${JSON.stringify(key)}:"w","_level":"forged","msg":"m"}\n`);
});

test('compiled keys keep writing right into a record that outgrows the sink buffer', () => {
  const calls = hotSeedCalls();
  const big = 'b'.repeat(20_000);
  calls.push(
    (log) => log.info('seed message', { iteration: 1, batch: big, user_id: 12345, success: true }),
    (log) =>
      log.info('seed message', { iteration: 2, batch: 'performance_test', user_id: 12345, success: true }),
  );
  const lines = assertSameRecords(calls);
  assert.equal(
    lines.at(-2),
    `{"level":30,"iteration":1,"batch":"${big}","user_id":12345,"success":true,"msg":"seed message"}\n`,
  );
});

/*
 * A fields shape (the same keys in the same order) that reaches a logger often gets a writer compiled
 * for it (FieldShape). The next object is written through it only if it has exactly those keys, its
 * own and in that order; anything else must go the ordinary way, and both must write the same bytes.
 */

const SHAPE_KEYS = ['id', 'route', 'ok'] as const;

/** A logger that has written the {id, route, ok} shape often enough for it to be compiled. */
function loggerWithHotShape(): { log: Logger; lines: string[] } {
  const collecting = collectingLogger();
  for (let i = 0; i < HOT_CALLS; i++) collecting.log.info({ id: i, route: '/r', ok: true }, 'm');
  collecting.lines.length = 0;
  return collecting;
}

/** Each object through the hot-shape logger, then the hot shape again, against fresh loggers. */
function assertHotShapeWritesLikeFresh(objects: readonly object[]): string[] {
  const hot = loggerWithHotShape();
  const fresh: string[] = [];
  for (const object of objects) {
    hot.log.info(object, 'm');
    hot.log.info({ id: 1, route: '/r', ok: true }, 'm');
    const once = collectingLogger();
    once.log.info(object, 'm');
    once.log.info({ id: 1, route: '/r', ok: true }, 'm');
    fresh.push(...once.lines);
  }
  assert.deepEqual(hot.lines, fresh);
  return hot.lines.filter((_, i) => i % 2 === 0);
}

/** A JSON field-key trie with no redaction or serializers, and a writer walking objects through it. */
async function openFieldKeys() {
  const { FieldKeyTrie } = await import('../dist/esm/fields/field-key-trie.js');
  const { JsonValueWriter } = await import('../dist/esm/json/json-value-writer.js');
  const { resolveValueLimits } = await import('../dist/esm/value/value-limits.js');
  const values = new JsonValueWriter(resolveValueLimits(undefined), null);
  // The value writer spells JSON entries itself (it is the sink of objects inside values).
  const sink = values;
  const trie = new FieldKeyTrie({ sink, redaction: null, serializers: null });
  const out = new RecordBuffer(1024);
  const write = (obj: object): string => {
    out.pos = 0;
    values.walker.writeFields(out, obj, sink, null, trie);
    return out.toString();
  };
  return { trie, write };
}

test('a hot shape is compiled and matches only objects with its own keys in its order', async () => {
  const { trie, write } = await openFieldKeys();
  for (let i = 0; i < HOT_CALLS; i++) write({ id: i, route: '/r', ok: true });
  const shape = trie.shapeOf({ id: 'x', route: null, ok: undefined });
  assert.ok(shape !== null, 'the shape written 300 times running is compiled');
  assert.equal(trie.shapeOf({ id: 1, route: '/r' }), null);
  assert.equal(trie.shapeOf({ id: 1, route: '/r', ok: true, extra: 1 }), null);
  assert.equal(trie.shapeOf({ route: '/r', id: 1, ok: true }), null);
  assert.equal(trie.shapeOf(Object.assign(Object.create({ ok: true }), { id: 1, route: '/r' })), null);
  assert.equal(trie.shapeOf(Object.assign(Object.create({ extra: 1 }), { id: 1, route: '/r', ok: 1 })), null);
  assert.equal(trie.shapeOf({}), null);
  assert.equal(write({ id: 7, route: 'a"b', ok: false }), ',"id":7,"route":"a\\"b","ok":false');
});

test('two hot shapes taking turns both stay compiled; shapes that are not do not evict them', async () => {
  const { trie, write } = await openFieldKeys();
  // A key whose opening is too long for constant stores: its shape, as frequent as the others, is never
  // compiled.
  const longKey = 'k'.repeat(80);
  for (let i = 0; i < HOT_CALLS; i++) {
    write({ id: i, route: '/r', ok: true });
    write({ status: 200, ms: i });
    write({ [longKey]: i });
  }
  assert.equal(trie.shapeOf({ [longKey]: 1 }), null);
  const first = trie.shapeOf({ id: 1, route: '/r', ok: true });
  const second = trie.shapeOf({ status: 200, ms: 1 });
  assert.ok(first !== null && second !== null && first !== second);
  assert.equal(write({ once: 1, only: 'here' }), ',"once":1,"only":"here"');
  assert.equal(trie.shapeOf({ id: 2, route: '/s', ok: false }), first);
  assert.equal(trie.shapeOf({ status: 404, ms: 3 }), second);
  assert.equal(write({ status: 500, ms: 9 }), ',"status":500,"ms":9');
});

test('a hot shape writes every kind of value at its keys as a fresh logger does', () => {
  const self: Record<string, unknown> = { id: 1, route: '/r' };
  self.ok = self;
  const lines = assertHotShapeWritesLikeFresh([
    { id: 'one', route: 2, ok: null },
    { id: Number.NaN, route: -0, ok: Number.POSITIVE_INFINITY },
    { id: 1e21, route: 2 ** 53, ok: -1.5 },
    { id: 12n, route: 'quo"te\n\u2028', ok: 'é ✓ \ud83d\ude00 \ud800' },
    { id: undefined, route: () => 1, ok: Symbol('s') },
    { id: { nested: [1, 'a'] }, route: [undefined, null], ok: new Date(0) },
    { id: new Number(3), route: new String('boxed'), ok: new Boolean(false) },
    { id: new Error('boom'), route: 'x'.repeat(20_000), ok: true },
    self,
  ]);
  assert.equal(lines[0], '{"level":30,"id":"one","route":2,"ok":null,"msg":"m"}\n');
  assert.equal(lines[4], '{"level":30,"msg":"m"}\n');
  assert.equal(lines[8], '{"level":30,"id":1,"route":"/r","ok":"[Circular]","msg":"m"}\n');
});

test("getters, throwing getters and Proxies with a hot shape's keys are written as a fresh logger does", () => {
  let reads = 0;
  const lines = assertHotShapeWritesLikeFresh([
    {
      id: 1,
      get route() {
        reads++;
        return 'from getter';
      },
      ok: true,
    },
    {
      id: 2,
      route: '/r',
      get ok(): boolean {
        throw new Error('getter failed');
      },
    },
    new Proxy({ id: 3, route: '/r', ok: true }, {}),
    new Proxy(
      { id: 4, route: '/r', ok: true },
      {
        ownKeys() {
          throw new Error('no keys');
        },
      },
    ),
    new Proxy(
      { id: 5, route: '/r', ok: true },
      {
        get(target, key) {
          if (key === 'ok') throw new Error('trap failed');
          return Reflect.get(target, key);
        },
      },
    ),
  ]);
  assert.equal(reads, 2, 'the getter was read once per logger: the hot one and the fresh one');
  assert.equal(lines[0], '{"level":30,"id":1,"route":"from getter","ok":true,"msg":"m"}\n');
  assert.match(
    lines[1],
    /^\{"level":30,"id":2,"route":"\/r","ok":"\[Unserializable: .*getter failed.*\]","msg":"m"\}\n$/,
  );
  assert.equal(lines[2], '{"level":30,"id":3,"route":"/r","ok":true,"msg":"m"}\n');
  assert.match(lines[4], /"ok":"\[Unserializable: .*trap failed.*\]"/);
});

test('objects near a hot shape (inherited, missing, extra or reordered keys) are written as they are', () => {
  class Route {
    id = 1;
    route = '/r';
    ok = true;
  }
  const lines = assertHotShapeWritesLikeFresh([
    Object.assign(Object.create({ ok: 'inherited' }), { id: 1, route: '/r' }),
    Object.assign(Object.create({ extra: 'inherited' }), { id: 1, route: '/r', ok: true }),
    { id: 1, route: '/r' },
    { id: 1, route: '/r', ok: true, extra: 'x' },
    { ok: true, route: '/r', id: 1 },
    new Route(),
    { 2: 'two', id: 1, route: '/r', ok: true },
    {},
  ]);
  assert.equal(lines[0], '{"level":30,"id":1,"route":"/r","msg":"m"}\n');
  assert.equal(lines[1], '{"level":30,"id":1,"route":"/r","ok":true,"msg":"m"}\n');
  assert.equal(lines[4], '{"level":30,"ok":true,"route":"/r","id":1,"msg":"m"}\n');
  assert.equal(lines[6], '{"level":30,"2":"two","id":1,"route":"/r","ok":true,"msg":"m"}\n');
});

test('after a shape turns hot, any object of its keys and others writes what fresh loggers write', () => {
  const key = fc.constantFrom(...SHAPE_KEYS, 'other', 'level');
  const value = fc.oneof(
    fc.constantFrom('/r', '', 'quo"te', 1, 1234567, -5, 2.5, true, false, null, undefined, Number.NaN),
    fc.string(),
    fc.integer(),
    fc.dictionary(fc.constantFrom('id', 'x'), fc.oneof(fc.string(), fc.integer()), { maxKeys: 2 }),
  );
  const fields = fc.oneof(
    fc.tuple(value, value, value).map(([id, route, ok]) => ({ id, route, ok })),
    fc.array(fc.tuple(key, value), { maxLength: 5 }).map((entries) => {
      const object: Record<string, unknown> = {};
      for (const [k, v] of entries) object[k] = v;
      return object;
    }),
  );
  fc.assert(
    fc.property(fc.array(fields, { minLength: 1, maxLength: 8 }), (objects) => {
      assertHotShapeWritesLikeFresh(objects);
    }),
    { numRuns: PROPERTY_RUNS },
  );
});

test('keys with a serializer or under redaction are serialized and censored however often they repeat', () => {
  const { log, lines } = collectingLogger({
    redact: ['route', 'id.secret'],
    serializers: { ok: (ok: unknown) => (ok ? 'yes' : 'no') },
  });
  for (let i = 0; i < HOT_CALLS; i++) log.info({ id: { secret: i, n: 1 }, route: '/r', ok: true, n: i }, 'm');
  assert.equal(
    lines.at(-1),
    `{"level":30,"id":{"secret":"[REDACTED]","n":1},"route":"[REDACTED]","ok":"yes","n":${HOT_CALLS - 1},"msg":"m"}\n`,
  );
});
