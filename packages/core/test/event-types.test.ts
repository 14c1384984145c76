/**
 * Type-level tests: this file is checked by tsc when the tests compile. A `@ts-expect-error` line
 * whose call stops being an error fails the compile ("Unused '@ts-expect-error' directive"), and so do
 * the `Expect<Equal<...>>` assertions below when a type changes. The runtime part only proves that the
 * typed calls also write what they say.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLogger, type LogEvent, type Logger, type SchemaArgs } from '../dist/esm/index.js';
import { RecordCollector } from './support/record-collector.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;

// The tuple form gives exact positional types.
type TupleArgs = SchemaArgs<
  readonly [readonly ['a', 'string'], readonly ['b', 'integer'], readonly ['c', 'boolean']]
>;
export type TupleIsExact = Expect<Equal<TupleArgs, [string, number, boolean]>>;

// number and integer are both `number`; `any` and nested schemas accept anything.
type LooseArgs = SchemaArgs<
  readonly [
    readonly ['n', 'number'],
    readonly ['x', 'any'],
    readonly ['o', { type: 'object'; properties: {} }],
  ]
>;
export type LooseIsUnknown = Expect<Equal<LooseArgs, [number, unknown, unknown]>>;

// The object form: any of the declared value types, one per key.
type ObjectArgs = SchemaArgs<{ readonly id: 'integer'; readonly name: 'string' }>;
export type ObjectIsUnion = Expect<Equal<ObjectArgs, [string | number, string | number]>>;

test('tuple-form events are typed positionally', () => {
  const out = new RecordCollector();
  const log = createLogger({ base: null, timestamp: false, destination: out });
  const ev = log.event('m', [
    ['a', 'string'],
    ['b', 'integer'],
  ] as const);
  type Info = Parameters<typeof ev.info>;
  type _InfoIsExact = Expect<Equal<Info, [string, number]>>;

  ev.info('x', 1);
  // @ts-expect-error: wrong type in the first position
  ev.info(1, 1);
  // @ts-expect-error: wrong type in the second position
  ev.info('x', 'y');
  // @ts-expect-error: too few arguments
  ev.info('x');
  // @ts-expect-error: too many arguments
  ev.info('x', 1, true);
  // @ts-expect-error: no arguments
  ev.info();

  assert.equal(out.lines.length, 6, 'ill-typed calls still write a record at run time');
  assert.equal(out.lines[0], '{"level":30,"a":"x","b":1,"msg":"m"}\n');
});

test('the const type parameter infers a tuple without `as const`', () => {
  const log = createLogger({ destination: new RecordCollector() });
  const ev = log.event('m', [
    ['ok', 'boolean'],
    ['n', 'number'],
  ]);
  type _Exact = Expect<Equal<Parameters<typeof ev.warn>, [boolean, number]>>;
  ev.warn(true, 1.5);
  // @ts-expect-error: a string is not a boolean
  ev.warn('true', 1.5);
});

test('object-form events accept the declared value types only', () => {
  const out = new RecordCollector();
  const log = createLogger({ destination: out });
  const ev = log.event('benchmark message', {
    iteration: 'integer',
    batch: 'string',
    user_id: 'integer',
    success: 'boolean',
  });
  ev.info(1, 'performance_test', 12345, true);
  // @ts-expect-error: an object is none of the declared types
  ev.info({ iteration: 1 });
  assert.equal(out.lines.length, 2);
});

test('an event has a method per level, custom levels included, and no others', () => {
  const log = createLogger({ customLevels: { audit: 35 }, destination: new RecordCollector() });
  const ev = log.event('m', [['id', 'integer']] as const);
  type _Methods = Expect<
    Equal<keyof typeof ev, 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'audit'>
  >;
  type _Event = Expect<Equal<typeof ev, LogEvent<[number], 'audit'>>>;
  ev.audit(1);
  // @ts-expect-error: no such level
  ev.notice?.(1);
});

test('custom levels become typed logger methods', () => {
  const log = createLogger({ customLevels: { audit: 35 }, destination: new RecordCollector() });
  type _Logger = Expect<Equal<typeof log, Logger<'audit'>>>;
  log.audit('typed');
  log.isLevelEnabled('audit');
  // @ts-expect-error: not a level of this logger
  log.isLevelEnabled('notice');
  const plain = createLogger({ destination: new RecordCollector() });
  // @ts-expect-error: a logger without custom levels has no audit method
  plain.audit?.('x');
});

test('the message of an event is a string or undefined', () => {
  const log = createLogger({ destination: new RecordCollector() });
  log.event(undefined, {});
  // @ts-expect-error: a number is not a message
  assert.throws(() => log.event(42, {}));
});

test('schema field types are checked', () => {
  const log = createLogger({ destination: new RecordCollector() });
  // @ts-expect-error: 'str' is not a field type
  assert.throws(() => log.event('m', { a: 'str' }));
  // @ts-expect-error: a tuple entry needs a key and a type
  assert.throws(() => log.event('m', [['a']]));
});
