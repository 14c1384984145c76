import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLogger, DEFAULT_VALUE_LIMITS, SluiceConfigError } from '../dist/esm/index.js';
import { collectingLogger, onlyRecord } from './support/collecting-logger.js';

/** Logs `fields` with a message and returns the one record, parsed; the call itself must not throw. */
function logFields(
  fields: object,
  options: Parameters<typeof collectingLogger>[0] = {},
): Record<string, any> {
  const { log, lines } = collectingLogger(options);
  assert.doesNotThrow(() => log.info(fields, 'kept'));
  const record = onlyRecord(lines);
  assert.equal(record.msg, 'kept');
  assert.equal(record.level, 30);
  return record;
}

const UNSERIALIZABLE = /^\[Unserializable: /;

function throwing(message: string): () => never {
  return () => {
    throw new Error(message);
  };
}

test('a cycle is written as [Circular] at the first repeated object', () => {
  const a: Record<string, unknown> = { x: 1 };
  a.self = a;
  a.list = [a, { back: a }];
  const record = logFields({ a, after: 2 });
  assert.deepEqual(record.a, { x: 1, self: '[Circular]', list: ['[Circular]', { back: '[Circular]' }] });
  assert.equal(record.after, 2);
});

test('a fields object that refers to itself is [Circular] at its first repetition', () => {
  const fields: Record<string, unknown> = { x: 1 };
  fields.self = fields;
  const record = logFields(fields);
  assert.deepEqual(record.self, '[Circular]');
  assert.equal(record.x, 1);
});

test('an object shared by two fields (not a cycle) is written in full both times', () => {
  const shared = { id: 7, tags: ['a'] };
  const record = logFields({ one: shared, two: shared, list: [shared, shared] });
  assert.deepEqual(record.one, shared);
  assert.deepEqual(record.two, shared);
  assert.deepEqual(record.list, [shared, shared]);
});

test('a throwing getter becomes an [Unserializable: marker and the rest of the record stays', () => {
  const hostile = Object.defineProperty({ before: 1, after: 2 }, 'bad', {
    get: throwing('boom'),
    enumerable: true,
  });
  const record = logFields({ hostile, sibling: 'ok' });
  assert.match(record.hostile.bad, UNSERIALIZABLE);
  assert.match(record.hostile.bad, /boom/);
  assert.equal(record.hostile.before, 1);
  assert.equal(record.hostile.after, 2);
  assert.equal(record.sibling, 'ok');
});

test('a throwing getter on the fields object itself becomes a marker for that field only', () => {
  const fields = Object.defineProperty({ a: 1 }, 'bad', { get: throwing('top'), enumerable: true });
  const record = logFields(fields);
  assert.match(record.bad, UNSERIALIZABLE);
  assert.equal(record.a, 1);
});

test('a throwing toJSON becomes a marker and the rest of the record stays', () => {
  const record = logFields({ t: { toJSON: throwing('no json') }, sibling: [1, 2] });
  assert.match(record.t, UNSERIALIZABLE);
  assert.match(record.t, /no json/);
  assert.deepEqual(record.sibling, [1, 2]);
});

test('a Proxy whose traps throw becomes a marker and the rest of the record stays', () => {
  const traps = ['ownKeys', 'get', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'has'] as const;
  for (const trap of traps) {
    const proxy = new Proxy({ a: 1 }, { [trap]: throwing(`trap ${trap}`) });
    const record = logFields({ p: proxy, sibling: 'ok' });
    assert.equal(record.sibling, 'ok', trap);
    // Traps JSON-writing never consults (has) leave the object readable.
    if (trap === 'has') assert.deepEqual(record.p, { a: 1 });
    else assert.match(JSON.stringify(record.p), /\[Unserializable: [^\]]*trap/, trap);
  }
});

test('a revoked Proxy nested in fields becomes a marker and the rest of the record stays', () => {
  const { proxy, revoke } = Proxy.revocable({ a: 1 }, {});
  revoke();
  const record = logFields({ r: proxy, list: [proxy], sibling: 'ok' });
  assert.match(record.r, UNSERIALIZABLE);
  assert.match(record.list[0], UNSERIALIZABLE);
  assert.equal(record.sibling, 'ok');
});

test('a function Proxy whose get trap throws becomes a marker in every call shape, its trap read once per conversion', () => {
  const reads: (string | symbol)[] = [];
  const proxy = new Proxy(() => 'target', {
    get(_target, key) {
      reads.push(key);
      throw new Error('function trap');
    },
  });
  const { log, lines } = collectingLogger();
  const calls = [
    () => log.info(proxy),
    () => log.info(proxy, 'm'),
    () => log.info('m', proxy),
    () => log.error(proxy),
    () => log.info('m %s', proxy),
  ];
  for (const [i, call] of calls.entries()) {
    lines.length = 0;
    reads.length = 0;
    assert.doesNotThrow(call, `call shape ${i}`);
    assert.match(
      JSON.stringify(onlyRecord(lines).msg),
      /\[Unserializable: Error: function trap\]/,
      `call shape ${i}`,
    );
    // The fallback after a throwing conversion does not read the value again (Symbol.toStringTag).
    assert.ok(
      !reads.includes(Symbol.toStringTag),
      `call shape ${i} read ${reads.map((key) => key.toString()).join(', ')}`,
    );
  }
});

test('a revoked or trapping Proxy passed as the fields argument never throws into the caller', () => {
  const { proxy: revoked, revoke } = Proxy.revocable({}, {});
  revoke();
  const trapping = new Proxy({}, { getPrototypeOf: throwing('proto trap'), ownKeys: throwing('keys trap') });
  for (const hostile of [revoked, trapping]) {
    for (const call of ['fields-first', 'fields-second'] as const) {
      const { log, lines } = collectingLogger();
      assert.doesNotThrow(() => {
        if (call === 'fields-first') log.info(hostile, 'kept');
        else log.info('kept', hostile);
      }, call);
      const record = onlyRecord(lines);
      assert.equal(record.level, 30);
      assert.ok(JSON.stringify(record).includes('[Unserializable: ') || record.msg === 'kept', call);
    }
  }
});

test('BigInt is written as its decimal string', () => {
  const record = logFields({ small: 1n, negative: -42n, huge: 2n ** 100n, list: [3n] });
  assert.equal(record.small, '1');
  assert.equal(record.negative, '-42');
  assert.equal(record.huge, (2n ** 100n).toString());
  assert.deepEqual(record.list, ['3']);
});

test('a Date is written as its ISO string and an invalid Date as null', () => {
  const record = logFields({ at: new Date(Date.UTC(2020, 1, 29, 12, 0, 0, 5)), bad: new Date(Number.NaN) });
  assert.equal(record.at, '2020-02-29T12:00:00.005Z');
  assert.equal(record.bad, null);
});

test('toJSON is honoured, and a value nested in its result gets its own toJSON called', () => {
  const inner = { toJSON: () => 'inner-json' };
  const record = logFields({ custom: { secret: 1, toJSON: () => ({ shown: true, inner }) } });
  assert.deepEqual(record.custom, { shown: true, inner: 'inner-json' });
});

test('boxed primitives are unwrapped like JSON.stringify, also when a toJSON returns one', () => {
  const fields = {
    s: Object('text'),
    n: Object(5),
    b: Object(false),
    viaToJson: { toJSON: () => Object('ab') },
  };
  const record = logFields(fields);
  assert.deepEqual(
    { s: record.s, n: record.n, b: record.b, viaToJson: record.viaToJson },
    JSON.parse(JSON.stringify(fields)),
  );
  assert.equal(logFields({ big: Object(12n) }).big, '12');
});

test('undefined, function and symbol properties are omitted like JSON.stringify, and are null in arrays', () => {
  const fields = {
    keep: 1,
    u: undefined,
    f: () => 1,
    s: Symbol('x'),
    nested: { u: undefined, f() {}, s: Symbol('y'), keep: 'yes' },
    list: [undefined, () => 1, Symbol('z'), 'yes'],
  };
  const record = logFields(fields);
  const { msg: _msg, level: _level, ...written } = record;
  assert.deepEqual(written, JSON.parse(JSON.stringify(fields)));
  assert.equal('u' in record, false);
});

test('non-finite numbers are written as null', () => {
  const record = logFields({
    nan: Number.NaN,
    inf: Number.POSITIVE_INFINITY,
    list: [Number.NEGATIVE_INFINITY],
  });
  assert.equal(record.nan, null);
  assert.equal(record.inf, null);
  assert.deepEqual(record.list, [null]);
});

test('the depth limit replaces deeper objects with [Object] and arrays with [Array]', () => {
  const fields = { o: { a: { b: { c: 1 } }, list: [[['deep']]] } };
  const record = logFields(fields, { limits: { depth: 2 } });
  // o is depth 1, o.a and o.list depth 2; what sits below depth 2 is replaced.
  assert.deepEqual(record.o, { a: { b: '[Object]' }, list: ['[Array]'] });
  assert.deepEqual(logFields(fields, { limits: { depth: 1 } }).o, { a: '[Object]', list: '[Array]' });
});

test('strings past the length limit are cut with ...[truncated N chars]', () => {
  const record = logFields({ long: 'x'.repeat(25), short: 'y'.repeat(10) }, { limits: { stringLength: 10 } });
  assert.equal(record.long, `${'x'.repeat(10)}...[truncated 15 chars]`);
  assert.equal(record.short, 'y'.repeat(10));
});

test('the string length limit never splits a surrogate pair', () => {
  // Unit 5 (index 4) is the high half of 😀: cutting at 5 would leave a lone surrogate.
  const record = logFields({ s: 'abcd😀xyz' }, { limits: { stringLength: 5 } });
  assert.equal(record.s, 'abcd...[truncated 5 chars]');
  // Cutting right after a complete pair keeps it.
  assert.equal(
    logFields({ s: 'abc😀xyz' }, { limits: { stringLength: 5 } }).s,
    'abc😀...[truncated 3 chars]',
  );
});

test('arrays past the length limit end with "[... N more items]"', () => {
  const record = logFields({ list: [1, 2, 3, 4, 5, 6, 7], fits: [1, 2, 3] }, { limits: { arrayLength: 3 } });
  assert.deepEqual(record.list, [1, 2, 3, '[... 4 more items]']);
  assert.deepEqual(record.fits, [1, 2, 3]);
  const sparse = logFields({ list: new Array(1e9) }, { limits: { arrayLength: 2 } });
  assert.deepEqual(sparse.list, [null, null, `[... ${1e9 - 2} more items]`]);
});

test('objects past the key limit end with a "..." entry counting the keys left out', () => {
  const record = logFields({ o: { a: 1, b: 2, c: 3, d: 4, e: 5 } }, { limits: { objectKeys: 2 } });
  assert.deepEqual(record.o, { a: 1, b: 2, '...': '[3 more keys]' });
});

test('a limit given as undefined keeps its default', () => {
  const long = 'x'.repeat(DEFAULT_VALUE_LIMITS.stringLength);
  const record = logFields(
    { long, list: [1, 2, 3] },
    { limits: { stringLength: undefined, arrayLength: 2 } },
  );
  assert.equal(record.long, long);
  assert.deepEqual(record.list, [1, 2, '[... 1 more items]']);
});

test('a limit that is not a positive integer throws SluiceConfigError naming it', () => {
  for (const [name, value] of [
    ['depth', 0],
    ['stringLength', 1.5],
    ['arrayLength', '10'],
    ['objectKeys', Number.NaN],
  ] as const) {
    assert.throws(
      () => createLogger({ destination: { write: () => {} }, limits: { [name]: value } }),
      (error: unknown) => error instanceof SluiceConfigError && error.message.includes(`limits.${name}`),
      name,
    );
  }
});

test('a __proto__ key from JSON.parse is written as data and Object.prototype is untouched', () => {
  const parsed = JSON.parse('{"__proto__": {"polluted": "yes"}, "ok": 1}') as object;
  const { log, lines } = collectingLogger();
  log.info({ nested: parsed }, 'nested');
  log.info(parsed, 'top');
  assert.equal(lines.length, 2);
  const nested = JSON.parse(lines[0]);
  const top = JSON.parse(lines[1]);
  // Read as an own data property: the written key must come back as data, not as a prototype.
  assert.deepEqual(Object.getOwnPropertyDescriptor(nested.nested, '__proto__')?.value, { polluted: 'yes' });
  assert.deepEqual(Object.getOwnPropertyDescriptor(top, '__proto__')?.value, { polluted: 'yes' });
  assert.equal(top.ok, 1);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(Object.hasOwn(Object.prototype, 'polluted'), false);
});

test('constructor and prototype keys are written as data', () => {
  const record = logFields({
    constructor: { prototype: { x: 1 } },
    o: { constructor: 'name', prototype: null },
  });
  assert.ok(Object.hasOwn(record, 'constructor'));
  assert.deepEqual(record.constructor, { prototype: { x: 1 } });
  assert.deepEqual(record.o, { constructor: 'name', prototype: null });
  assert.equal(typeof {}.constructor, 'function');
});

test('keys containing quotes, newlines, backslashes and controls are escaped', () => {
  const keys = ['a"b', 'line\nbreak', 'back\\slash', 'esc\x1b[31m', 'lone\ud800', '":"forged'];
  const fields = Object.fromEntries(keys.map((key, i) => [key, i]));
  const record = logFields({ ...fields, nested: fields });
  for (const [i, key] of keys.entries()) {
    assert.equal(record[key], i, JSON.stringify(key));
    assert.equal(record.nested[key], i, JSON.stringify(key));
  }
  assert.equal(record.forged, undefined);
});

test('no hostile value makes a log call throw, and every line is one parseable record', () => {
  const cyclic: unknown[] = [];
  cyclic.push(cyclic);
  const { proxy: revoked, revoke } = Proxy.revocable({}, {});
  revoke();
  const throwingToString = { toString: throwing('toString'), valueOf: throwing('valueOf') };
  const gallery: unknown[] = [
    cyclic,
    revoked,
    new Proxy([1, 2], { get: throwing('get') }),
    { toJSON: () => cyclic },
    { toJSON: () => revoked },
    Object.create(null),
    Object.assign(Object.create(null), { a: 1 }),
    new Map([[1, 2]]),
    new Set([1]),
    new Uint8Array([1, 2]),
    new BigInt64Array([1n]),
    new ArrayBuffer(4),
    new WeakMap(),
    Promise.resolve(1),
    /re/g,
    Symbol('s'),
    () => 1,
    throwingToString,
    Object.defineProperty([1], 0, { get: throwing('index') }),
    Object.defineProperty(new Error('e'), 'message', { get: throwing('message') }),
    { [Symbol('k')]: 1, ok: true },
    '\ud800\u2028\x1b[31m\n',
  ];
  const { log, lines } = collectingLogger();
  for (const value of gallery) {
    assert.doesNotThrow(() => log.info({ value, after: 1 }, 'gallery'));
    assert.doesNotThrow(() => log.info('%s %d %j %o', value, value, value, value));
  }
  assert.equal(lines.length, gallery.length * 2);
  for (const [i, line] of lines.entries()) {
    assert.equal(line.indexOf('\n'), line.length - 1);
    const record = JSON.parse(line);
    if (i % 2 === 0) assert.equal(record.after, 1);
  }
});

test('a function or class target whose traps or toString throw is marked, in every call shape, never thrown', () => {
  const throwingFunction = () =>
    Object.defineProperties(function plain() {}, {
      toString: { get: throwing('toString getter') },
      [Symbol.toStringTag]: { get: throwing('toStringTag getter') },
    });
  const revoked = (target: object) => {
    const { proxy, revoke } = Proxy.revocable(target, {});
    revoke();
    return proxy;
  };
  const targets: [string, () => unknown][] = [
    ['Proxy of a function', () => new Proxy(function target() {}, { get: throwing('trap') })],
    ['Proxy of a class', () => new Proxy(class Target {}, { get: throwing('trap') })],
    ['revoked Proxy of a function', () => revoked(function target() {})],
    ['revoked Proxy of a class', () => revoked(class Target {})],
    ['revoked Proxy of an object', () => revoked({})],
    ['function whose toString and toStringTag throw', throwingFunction],
  ];
  for (const format of ['json', 'logfmt'] as const) {
    const { log, lines } = collectingLogger({ format });
    for (const [name, make] of targets) {
      const shapes: [string, () => void][] = [
        ['info(p)', () => log.info(make() as object)],
        ['info(p, m)', () => log.info(make() as object, 'm')],
        ['info(m, p)', () => log.info('m', make())],
        ['error(p)', () => log.error(make() as object)],
        ['info(%s %d %i %f, p...)', () => log.info('%s %d %i %f', make(), make(), make(), make())],
        ['info(p, p)', () => log.info(make() as object, make() as string)],
      ];
      for (const [shape, call] of shapes) {
        lines.length = 0;
        assert.doesNotThrow(call, `${format} ${name} ${shape}`);
        assert.equal(lines.length, 1, `${format} ${name} ${shape}: one record`);
      }
    }
  }
});

test('a string conversion that throws gives the marker and does not read the traps again', () => {
  let tagReads = 0;
  const target = Object.defineProperties(function plain() {}, {
    toString: { get: throwing('toString getter') },
    [Symbol.toStringTag]: {
      get() {
        tagReads++;
        throw new Error('toStringTag getter');
      },
    },
  });
  const { log, lines } = collectingLogger();
  log.info('m %s', target);
  assert.match(String(onlyRecord(lines).msg), /^m \[Unserializable: Error: toString getter\]$/);
  assert.equal(tagReads, 0);
});
