import fc from 'fast-check';

/**
 * fast-check arbitraries for values a caller might hand a logger by accident or on purpose: every
 * hostile construct the formats must survive, built fresh per run so a cycle or a revoked Proxy never
 * leaks between runs.
 */

function throwing(what: string): () => never {
  return () => {
    throw new Error(`hostile ${what}`);
  };
}

/** Text meant to look like the start of another record or a record key, in every format sluice writes. */
export const FORGERY_PAYLOADS: readonly string[] = [
  '\n{"level":60,"msg":"forged"}',
  '","level":60,"msg":"forged',
  '\\","level":60,"msg":"forged',
  ' level=fatal msg=forged',
  '" level=fatal msg="forged',
  '\r\n[critical ] forged',
  "' event=forged level=critical",
  '\n2026-01-01 00:00:00.000000 [critical ] forged',
  '\x1b[2K\r[error    ] forged',
  '\u2028{"level":60}',
  '\u0085level=fatal',
];

/** One UTF-16 unit chosen for trouble: controls, ESC, C1, separators, lone surrogates, quotes. */
const troubleUnit = fc.constantFrom(
  '\n',
  '\r',
  '\t',
  '\x00',
  '\x07',
  '\x1b',
  '\x7f',
  '\x85',
  '\x9b',
  '\u2028',
  '\u2029',
  '\ud800',
  '\udbff',
  '\udc00',
  '\udfff',
  '"',
  "'",
  '\\',
  '=',
  ' ',
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  'é',
  '😀',
  'a',
);

/**
 * Strings with lone surrogates, control characters, ANSI escapes and forgery payloads mixed in, and
 * arbitrary UTF-16. Kept well under the default string length limit, so nothing is truncated.
 */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)), maxLength: 40 }),
  fc.string({ unit: troubleUnit, maxLength: 40 }),
  fc
    .tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...FORGERY_PAYLOADS), fc.string({ maxLength: 8 }))
    .map(([a, payload, b]) => a + payload + b),
  fc.constantFrom('\x1b[31mred\x1b[0m', '\x1b]0;title\x07', '\x1b[2J\x1b[H', '\x9b31m', ''),
);

/** Keys that collide with what each format writes itself, or with JavaScript's object machinery. */
export const RISKY_KEYS: readonly string[] = [
  '__proto__',
  'constructor',
  'prototype',
  'toJSON',
  'level',
  'msg',
  'time',
  'event',
  'timestamp',
  'logger_name',
  'service_name',
  'err',
  '_level',
  'hasOwnProperty',
];

export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...RISKY_KEYS),
  fc.string({ unit: 'grapheme-ascii', maxLength: 6 }),
  hostileString,
);

/** A plain object with exactly these own enumerable data properties (`__proto__` stays a key). */
export function objectFrom(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return object;
}

/** A dense array of 100k numbers: past every array limit, built once (it is never mutated). */
const HUGE_ARRAY: readonly number[] = Array.from({ length: 100_000 }, (_, i) => i);

/** Factories for the constructs JSON.stringify itself would choke on, or that throw when touched. */
export const HOSTILE_FACTORIES: readonly (() => unknown)[] = [
  () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    cyclic.list = [cyclic, { back: cyclic }];
    return cyclic;
  },
  () => {
    const cyclic: unknown[] = [1];
    cyclic.push(cyclic);
    return cyclic;
  },
  () => Object.defineProperty({ before: 1 }, 'bad', { get: throwing('getter'), enumerable: true }),
  () => ({ toJSON: throwing('toJSON') }),
  () => ({ toJSON: () => ({ toJSON: throwing('nested toJSON') }) }),
  () => new Proxy({ a: 1 }, { ownKeys: throwing('ownKeys') }),
  () => new Proxy({ a: 1 }, { get: throwing('get') }),
  () => new Proxy({ a: 1 }, { getOwnPropertyDescriptor: throwing('getOwnPropertyDescriptor') }),
  () => new Proxy({ a: 1 }, { getPrototypeOf: throwing('getPrototypeOf') }),
  () => new Proxy([1, 2], { get: throwing('array get') }),
  () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    return proxy;
  },
  () => Symbol('hostile'),
  () => ({ [Symbol('key')]: 'hidden', visible: true }),
  () => Number.NaN,
  () => Number.POSITIVE_INFINITY,
  () => Number.NEGATIVE_INFINITY,
  () => -0,
  () => 2n ** 70n,
  () => Object(5n),
  () => new Array(1e9),
  () => {
    const holes = [1];
    holes[5] = 6; // indexes 1 to 4 are holes
    return holes;
  },
  () => HUGE_ARRAY,
  () => JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}'),
  () => Object.assign(Object.create(null), { a: 1 }),
  () => Object.defineProperty(new Error('hostile'), 'message', { get: throwing('message') }),
  () => {
    const error: Error & { cause?: unknown } = new Error('cyclic cause');
    error.cause = error;
    return error;
  },
  () => ({ toString: throwing('toString'), valueOf: throwing('valueOf') }),
  () => ({ [Symbol.toPrimitive]: throwing('toPrimitive') }),
  () => new Date(Number.NaN),
  () => () => 'a function',
  () => new Map<unknown, unknown>([[{}, new Set([1])]]),
  () => new Uint8Array([1, 2, 3]),
  () => Promise.resolve(1),
  () => new WeakMap(),
  // Function and class targets: a call sorts them as neither fields nor message, so they reach printf's
  // string conversion, which must not read a trap again after it threw.
  () => new Proxy(function target() {}, { get: throwing('function get') }),
  () => new Proxy(class Target {}, { get: throwing('class get') }),
  () => {
    const { proxy, revoke } = Proxy.revocable(function target() {}, {});
    revoke();
    return proxy;
  },
  () => {
    const { proxy, revoke } = Proxy.revocable(class Target {}, {});
    revoke();
    return proxy;
  },
  () => {
    const { proxy, revoke } = Proxy.revocable([1, 2], {});
    revoke();
    return proxy;
  },
  () =>
    Object.defineProperties(function plain() {}, {
      toString: { get: throwing('toString getter') },
      [Symbol.toStringTag]: { get: throwing('toStringTag getter') },
    }),
  () => class Plain {},
  () =>
    Object.defineProperties(
      {},
      {
        [Symbol.toStringTag]: { get: throwing('toStringTag'), enumerable: true },
        constructor: { get: throwing('constructor'), enumerable: true },
        name: { get: throwing('name'), enumerable: true },
      },
    ),
  () =>
    Object.defineProperties(new Error('hostile names'), {
      constructor: { get: throwing('error constructor') },
      name: { get: throwing('error name') },
    }),
];

/**
 * fast-check inspects every generated value (to clone it, to print a counterexample), and a revoked
 * Proxy throws when inspected: so the arbitraries below generate recipes, and a property builds the
 * value with `build()` when it runs. `label` is what a counterexample prints.
 */
export interface Recipe<T> {
  build(): T;
  readonly label: string;
  toString(): string;
}

function recipe<T>(label: string, build: () => T): Recipe<T> {
  return { build, label, toString: () => label };
}

const hostileConstruct: fc.Arbitrary<Recipe<unknown>> = fc
  .nat(HOSTILE_FACTORIES.length - 1)
  .map((i) => recipe(`hostile#${i}`, HOSTILE_FACTORIES[i]));

/** fc.anything with every kind of value it can make (boxed, Map, Set, typed arrays, BigInt, Date...). */
export const EVERY_VALUE_KIND: fc.ObjectConstraints = {
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withSparseArray: true,
  withNullPrototype: true,
  withBigInt: true,
  withDate: true,
  withObjectString: true,
};

const anyValue = fc
  .anything({ ...EVERY_VALUE_KIND, maxDepth: 3 })
  .map((value) => recipe(fc.stringify(value), () => value));

const stringRecipe = hostileString.map((s) => recipe(JSON.stringify(s), () => s));

/** Any JavaScript value, hostile ones included, nested inside objects and arrays too. */
export const hostileValue: fc.Arbitrary<Recipe<unknown>> = fc.letrec((tie) => ({
  value: fc.oneof(
    { arbitrary: hostileConstruct, weight: 4 },
    { arbitrary: stringRecipe, weight: 3 },
    { arbitrary: anyValue, weight: 3 },
    { arbitrary: tie('object'), weight: 1 },
    { arbitrary: tie('array'), weight: 1 },
  ) as fc.Arbitrary<Recipe<unknown>>,
  object: fc
    .array(fc.tuple(hostileKey, tie('value') as fc.Arbitrary<Recipe<unknown>>), { maxLength: 4 })
    .map(objectRecipe),
  array: fc
    .array(tie('value') as fc.Arbitrary<Recipe<unknown>>, { maxLength: 4 })
    .map((items) => recipe(`[${items.join(', ')}]`, () => items.map((item) => item.build()))),
})).value;

function objectRecipe(
  entries: readonly (readonly [string, Recipe<unknown>])[],
): Recipe<Record<string, unknown>> {
  return recipe(`{${entries.map(([key, value]) => `${JSON.stringify(key)}: ${value}`).join(', ')}}`, () =>
    objectFrom(entries.map(([key, value]) => [key, value.build()] as const)),
  );
}

/** A fields object: any keys, any values, or itself a hostile construct (a Proxy, a cycle...). */
export const hostileFields: fc.Arbitrary<Recipe<object>> = fc.oneof(
  fc.array(fc.tuple(hostileKey, hostileValue), { maxLength: 6 }).map(objectRecipe),
  fc
    .constantFrom(...HOSTILE_FACTORIES.map((make, i) => [make, i] as const))
    .filter(([make]) => {
      const value = make();
      return typeof value === 'object' && value !== null;
    })
    .map(([make, i]) => recipe(`hostile#${i}`, make as () => object)),
);

/** Keys a parser can split a line on (identifier-like), the formats' own record keys included. */
export const plainKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('level', 'msg', 'time', 'event', 'timestamp', 'logger_name', 'service_name'),
  fc.stringMatching(/^[a-z][a-z0-9_]{0,7}$/),
);

/** Unique keys from `keys` with hostile string values, for the exact round-trip checks. */
export function stringFieldsOver(keys: fc.Arbitrary<string>): fc.Arbitrary<[string, string][]> {
  return fc.uniqueArray(fc.tuple(keys, hostileString), { selector: ([key]) => key, maxLength: 6 });
}

/** Unique identifier-like keys with hostile string values. */
export const stringFields: fc.Arbitrary<[string, string][]> = stringFieldsOver(plainKey);
