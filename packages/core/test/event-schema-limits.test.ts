import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collectingLogger, onlyRecord } from './support/collecting-logger.js';

// A precompiled event's schema-typed fields (object and array schemas) obey `limits` as the object API
// does, and a value their schema does not expect goes through the object API's bounded walker.

const OBJECT_SCHEMA = { type: 'object', properties: { s: { type: 'string' } } } as const;
const OPEN_OBJECT_SCHEMA = { type: 'object', additionalProperties: { type: 'string' } } as const;
const ARRAY_SCHEMA = { type: 'array', items: { type: 'integer' } } as const;
const STRING_ARRAY_SCHEMA = { type: 'array', items: { type: 'string' } } as const;

/** The field `v` as the event writes it, and as the object API writes the same value. */
function eventAndObjectApi(schema: object, value: unknown): { event: unknown; objectApi: unknown } {
  const { log, lines } = collectingLogger();
  const event = log.event('m', { v: schema } as never) as unknown as { info(value: unknown): void };
  event.info(value);
  const fromEvent = onlyRecord(lines).v;
  lines.length = 0;
  log.info({ v: value }, 'm');
  return { event: fromEvent, objectApi: onlyRecord(lines).v };
}

test('an object-schema field holding a string past limits.stringLength is cut as the object API cuts it', () => {
  const { event, objectApi } = eventAndObjectApi(OBJECT_SCHEMA, { s: 'x'.repeat(300_000) });
  assert.deepEqual(event, objectApi);
  assert.ok((event as { s: string }).s.length < 100_100, 'cut near 100,000 units');
});

test('an array-schema field holding 200,000 items is cut to limits.arrayLength with the marker', () => {
  const { event, objectApi } = eventAndObjectApi(
    ARRAY_SCHEMA,
    Array.from({ length: 200_000 }, (_, i) => i),
  );
  assert.deepEqual(event, objectApi);
  assert.equal((event as unknown[]).length, 1001);
});

test('a value its schema does not expect (a long string for an object schema) is written by the object API walker', () => {
  const { event, objectApi } = eventAndObjectApi(OPEN_OBJECT_SCHEMA, 'y'.repeat(300_000));
  assert.deepEqual(event, objectApi);
  assert.equal(typeof event, 'string');
});

test('a sparse array of a billion slots in an array-schema field is written as the object API writes it, without walking the slots', () => {
  const before = process.cpuUsage();
  const { event, objectApi } = eventAndObjectApi(STRING_ARRAY_SCHEMA, new Array(1e9));
  const cpu = process.cpuUsage(before);
  assert.deepEqual(event, objectApi);
  // Walking every slot takes about a minute of CPU; the bounded walker, milliseconds. Generous bound.
  assert.ok(cpu.user + cpu.system < 10_000_000, `CPU ${cpu.user + cpu.system} us`);
});
