import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { collectingLogger, onlyRecord } from './support/collecting-logger.js';

// A precompiled event's schema-typed fields (object and array schemas, serialized by
// fast-json-stringify) obey `limits` as the object API does: the same cuts, the same markers.

const limits = { stringLength: 100, arrayLength: 10, objectKeys: 5, depth: 3 };

function logEvent(schema: Record<string, unknown>, value: unknown): Record<string, unknown> {
  const { log, lines } = collectingLogger({ limits });
  const event = log.event('e', schema as never) as unknown as { info(value: unknown): void };
  event.info(value);
  return onlyRecord(lines);
}

describe('event schema fields obey limits', () => {
  test('an array schema field is cut at limits.arrayLength with the items marker', () => {
    const items = Array.from({ length: 200_000 }, (_, i) => i);
    const record = logEvent({ a: { type: 'array', items: { type: 'integer' } } }, items);
    assert.deepEqual(record.a, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, '[... 199990 more items]']);
  });

  test('a string inside an object schema field is cut at limits.stringLength with the usual suffix', () => {
    const record = logEvent(
      { o: { type: 'object', properties: { s: { type: 'string' } } } },
      { s: 'x'.repeat(3_000_000) },
    );
    assert.deepEqual(record.o, { s: `${'x'.repeat(100)}...[truncated 2999900 chars]` });
  });

  test('an object schema field past the key and depth limits is cut as the object API cuts it', () => {
    const { log, lines } = collectingLogger({ limits });
    const wide = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`k${i}`, i]));
    const deep = { a: { b: { c: { d: 1 } } } };
    const event = log.event('e', {
      o: { type: 'object', additionalProperties: true },
    } as never) as unknown as {
      info(value: unknown): void;
    };
    event.info(wide);
    event.info(deep);
    log.info({ o: wide }, 'e');
    log.info({ o: deep }, 'e');
    const [eventWide, eventDeep, apiWide, apiDeep] = lines.map((line) => JSON.parse(line).o);
    assert.deepEqual(eventWide, apiWide);
    assert.deepEqual(eventDeep, apiDeep);
  });

  test('a sparse array given to an array schema or a string field is cut, not walked', () => {
    const asArray = logEvent({ a: { type: 'array', items: { type: 'integer' } } }, new Array(1e7));
    assert.equal((asArray.a as unknown[]).length, 11);
    assert.equal((asArray.a as unknown[])[10], '[... 9999990 more items]');
    const asString = logEvent({ s: 'string' }, new Array(1e9));
    assert.equal((asString.s as unknown[])[10], '[... 999999990 more items]');
  });

  test('a value within limits is written exactly as its schema serializes it', () => {
    const record = logEvent(
      { o: { type: 'object', properties: { id: { type: 'integer' }, tags: { type: 'array' } } } },
      { id: 7, tags: ['a', 'b'], extra: 'dropped by the schema' },
    );
    assert.deepEqual(record.o, { id: 7, tags: ['a', 'b'] });
  });
});
