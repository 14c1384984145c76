import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLogger, type Logger, type LoggerOptions } from '@sluice/core';
import {
  RECORD_HEADER_BYTES,
  REGISTRY_END,
  type RingMemory,
  readRecordLength,
  SHARED_STRINGS,
  STRING_REGISTRY_LIMIT,
  WRITE,
} from '../dist/esm/layout/ring-layout.js';
import { RingConsumer } from '../dist/esm/ring/ring-consumer.js';
import { consumeLines, openOneThreadRing } from './support/one-thread-ring.js';

// A string argument that a precompiled event's field carries several calls running is put in the ring's
// string table (its registry) once, and later records carry a 3-byte reference instead of its units.
// These tests drive a real producer and real consumers on one thread, so they can look at the ring: the
// references must be there, the text must be what the caller's thread would have written, and a table
// that is full or a reference that points nowhere must never cost a record.

const OPTIONS = { base: null, timestamp: false } as const;

/** A ring these tests never fill, a logger writing into it, and a reader of everything published. */
function openRing(options: Partial<LoggerOptions> = {}) {
  return openOneThreadRing({
    ringBytes: 1 << 22,
    policy: 'block',
    selfDrain: () => {
      throw new Error('the ring must not fill up in these tests');
    },
    loggerOptions: { ...OPTIONS, ...options },
  });
}

/** The same calls through core's own text path: what the caller's thread writes without a ring. */
function textOf(call: (log: Logger) => void, options: Partial<LoggerOptions> = {}): string[] {
  const lines: string[] = [];
  call(createLogger({ ...OPTIONS, ...options, destination: { write: (line: string) => lines.push(line) } }));
  return lines;
}

/** Bytes the next record takes in the ring. */
function recordBytes(ring: RingMemory, write: () => void): number {
  const before = Atomics.load(ring.header, WRITE);
  write();
  const at = before & ring.mask;
  assert.equal(Atomics.load(ring.header, WRITE) - before, readRecordLength(ring.data, at));
  return readRecordLength(ring.data, at);
}

const ROUTE = '/api/v1/users/:id/orders';

describe('shared strings: repeated string arguments of precompiled events', () => {
  test('a value repeated at a field is registered once and later records carry a reference', () => {
    const { ring, log, consumer } = openRing();
    const event = log.event('request', { route: 'string', method: 'string', n: 'integer' });
    const sizes: number[] = [];
    for (let i = 0; i < 10; i++) sizes.push(recordBytes(ring, () => event.info(ROUTE, 'GET', i)));
    // The fourth call running registers the route; from the fifth on its 24 units become 3 bytes. 'GET'
    // is shorter than a reference is worth: it stays inline.
    assert.equal(Atomics.load(ring.header, SHARED_STRINGS), 1);
    assert.ok(sizes[4] < sizes[0] - 16, `record sizes ${sizes.join(', ')}`);
    assert.deepEqual(sizes.slice(4), Array(6).fill(sizes[4]));
    const expected = textOf((text) => {
      const same = text.event('request', { route: 'string', method: 'string', n: 'integer' });
      for (let i = 0; i < 10; i++) same.info(ROUTE, 'GET', i);
    });
    assert.deepEqual(consumeLines(consumer), expected);
  });

  test('every kind of string reads back as the caller would have written it, in JSON and logfmt', () => {
    const values = [
      'needs "escaping" \\ and \n a newline',
      'latin-1 é ñ ß ÿ',
      '日本語 ✓ émoji 🎉',
      '\ud800 lone high, lone low \udc00',
      'control \u0000\u001f\u007f ANSI \u001b[31m',
      'x'.repeat(256),
    ];
    for (const format of ['json', 'logfmt'] as const) {
      for (const stringLength of [undefined, 8]) {
        const calls = (log: Logger) => {
          const event = log.event('kinds', { s: 'string', t: 'string' });
          for (const value of values) {
            for (let k = 0; k < 6; k++) event.warn(value, k % 2 === 0 ? value : 'other value');
          }
          // Back to the first value after the others: its reference is still in the table.
          for (let k = 0; k < 6; k++) event.error(values[0], values[0]);
        };
        const options = { format, limits: { stringLength } };
        const { ring, log, consumer } = openRing(options);
        calls(log);
        const lines = textOf(calls, options);
        assert.ok(Atomics.load(ring.header, SHARED_STRINGS) >= values.length, 'the values were shared');
        assert.deepEqual(consumeLines(consumer), lines, `${format}, stringLength ${stringLength}`);
      }
    }
  });

  test('a consumer started later (a new sink worker) resolves references registered before it', () => {
    const { ring, log, consumer } = openRing();
    const event = log.event('request', { route: 'string' });
    for (let i = 0; i < 8; i++) event.info(ROUTE);
    consumeLines(consumer);
    for (let i = 0; i < 3; i++) event.info(ROUTE);
    const successor = new RingConsumer(ring);
    assert.deepEqual(
      consumeLines(successor),
      textOf((text) => {
        const same = text.event('request', { route: 'string' });
        for (let i = 0; i < 3; i++) same.info(ROUTE);
      }),
    );
  });

  test('once strings have their share of the registry, values are written in full and events still register', () => {
    const { ring, log, consumer } = openRing();
    const event = log.event('fill', { s: 'string' });
    const lines: string[] = [];
    // 256-unit values, each repeated until registered: ~750 of them fill the strings' share.
    for (let v = 0; Atomics.load(ring.header, REGISTRY_END) + 300 < STRING_REGISTRY_LIMIT; v++) {
      const value = `${v}`.padStart(256, 'v');
      for (let k = 0; k < 5; k++) event.info(value);
      lines.push(...consumeLines(consumer));
    }
    const shared = Atomics.load(ring.header, SHARED_STRINGS);
    const last = 'w'.repeat(200);
    const sizes: number[] = [];
    for (let k = 0; k < 8; k++) sizes.push(recordBytes(ring, () => event.info(last)));
    assert.equal(Atomics.load(ring.header, SHARED_STRINGS), shared, 'no string registered past the limit');
    assert.ok(Atomics.load(ring.header, REGISTRY_END) <= STRING_REGISTRY_LIMIT);
    assert.deepEqual(sizes, Array(8).fill(sizes[0]), 'the value is written in full every time');
    const later = log.event('registered after the strings', { n: 'integer' });
    later.info(7);
    const tail = consumeLines(consumer);
    assert.deepEqual(
      tail,
      textOf((text) => {
        for (let k = 0; k < 8; k++) text.event('fill', { s: 'string' }).info(last);
        text.event('registered after the strings', { n: 'integer' }).info(7);
      }),
    );
    assert.match(
      (later as unknown as { deferredSource: string | null }).deferredSource ?? '',
      /beginEvent/,
      'the new event is still deferred',
    );
    assert.ok(lines.length > 3000 && lines.every((line) => JSON.parse(line).s.length === 256));
  });

  test('a reference to a string the registry does not hold becomes a marked record, the rest are intact', () => {
    const { ring, log, consumer } = openRing();
    const event = log.event('request', { route: 'string', n: 'integer' });
    for (let i = 0; i < 4; i++) event.info(ROUTE, i);
    const at = Atomics.load(ring.header, WRITE) & ring.mask;
    event.info(ROUTE, 4);
    event.info(ROUTE, 5);
    // The fifth record's reference: after the header, the event id (4 bytes) and no time.
    const ref = at + RECORD_HEADER_BYTES + 4;
    assert.equal(ring.data[ref], 4, 'the record carries a reference');
    ring.data[ref + 1] = 0xe7;
    ring.data[ref + 2] = 0x03;
    const lines = consumeLines(consumer).map((line) => JSON.parse(line));
    assert.equal(lines.length, 6);
    assert.deepEqual(
      lines.map((record) => record.n),
      [0, 1, 2, 3, undefined, 5],
    );
    assert.match(
      lines[4].msg,
      /^sluice: deferred event \d+ could not be formatted: .*unknown shared string 999/,
    );
    assert.equal(lines[4].level, 30);
    assert.equal(lines[5].route, ROUTE);
  });
});
