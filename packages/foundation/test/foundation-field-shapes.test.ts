import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getLogger } from '../dist/esm/index.js';
import { captureSetup, localTimestamp, PLAIN_JSON, PLAIN_KEY_VALUE } from './support/foundation-capture.js';

/**
 * Core's field walker learns each shape of fields object (its keys in order) in a key trie, with each
 * key's encoding and redaction, and compiles a writer for a shape that repeats. These records go
 * through one logger, shapes mixed, repeated and past what the trie keeps, and each line must be what
 * that object alone gives, computed here without sluice.
 */

/** The foundation JSON line of a record with only these fields, by JSON.stringify. */
function expectedJson(fields: object, name: string): string {
  const record: Record<string, unknown> = {};
  for (const key of Object.keys(fields)) record[key] = (fields as Record<string, unknown>)[key];
  return JSON.stringify({ ...record, event: 'm', level: 'info', logger_name: name });
}

/** The key_value pairs of simple (bare-word) fields: sorted by key, `key=value`. */
function expectedPairs(fields: object): string {
  return Object.keys(fields)
    .sort()
    .map((key) => `${key}=${String((fields as Record<string, unknown>)[key])}`)
    .join(' ');
}

/** Distinct shapes: more keys than the trie keeps before it starts over, so shapes are learned again. */
function shapes(count: number): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const shape: Record<string, unknown> = {};
    // Keys in a different order and number per shape; some share keys with others.
    for (let k = 0; k <= i % 5; k++) shape[`k${(i * 7 + k * 3) % 11}_${i % 13}`] = k;
    shape[`s${i}`] = i;
    out.push(shape);
  }
  return out;
}

test('fields of 1,500 shapes, repeated and mixed, each write exactly their own keys in json', () => {
  const out = captureSetup({ logging: PLAIN_JSON });
  const log = getLogger('shapes');
  const all = shapes(1500);
  const order = [...all, ...all.slice(0, 40), ...all.slice(0, 40).reverse(), ...all.slice(1400)];
  for (const fields of order) log.info('m', fields);
  const written = out.records();
  assert.equal(written.length, order.length);
  assert.deepEqual(
    written,
    order.map((fields) => expectedJson(fields, 'shapes')),
  );
});

test('the same keys in another order keep their own order in json and sort in key_value', () => {
  const json = captureSetup({ logging: PLAIN_JSON });
  const log = getLogger('order');
  const records = [
    { b: 1, a: 2, c: 3 },
    { a: 1, b: 2, c: 3 },
    { c: 1, b: 2, a: 3 },
    { b: 1, a: 2, c: 3 },
    { b: 1, a: 2 },
    { b: 1, a: 2, c: 3, d: 4 },
  ];
  for (const fields of records) log.info('m', fields);
  assert.deepEqual(
    json.records(),
    records.map((fields) => expectedJson(fields, 'order')),
  );

  const kv = captureSetup({ logging: PLAIN_KEY_VALUE });
  for (const fields of records) log.info('m', fields);
  assert.deepEqual(
    kv.records(),
    records.map((fields) => `[info     ] m                              ${expectedPairs(fields)}`),
  );
});

test('inherited keys are never written, even when a plain object of the same keys came first', () => {
  const out = captureSetup({ logging: PLAIN_JSON });
  const log = getLogger('inherit');
  log.info('m', { a: 1, b: 2 });
  const child = Object.create({ b: 'inherited' }) as Record<string, unknown>;
  child.a = 1;
  log.info('m', child);
  const bare = Object.create(null) as Record<string, unknown>;
  bare.b = 2;
  bare.a = 1;
  log.info('m', bare);
  log.info('m', bare);
  assert.deepEqual(out.records(), [
    expectedJson({ a: 1, b: 2 }, 'inherit'),
    expectedJson({ a: 1 }, 'inherit'),
    expectedJson({ b: 2, a: 1 }, 'inherit'),
    expectedJson({ b: 2, a: 1 }, 'inherit'),
  ]);
});

test('omitted values, redaction and renamed keys hold for every record of a repeated shape', () => {
  const out = captureSetup({ logging: PLAIN_KEY_VALUE });
  const log = getLogger('plan');
  for (const value of [1, undefined, 'two', () => 3]) {
    log.info('m', { password: 'hunter2', value, event: 'forged' });
  }
  assert.deepEqual(out.records(), [
    '[info     ] m                              _event=forged password=[REDACTED] value=1',
    '[info     ] m                              _event=forged password=[REDACTED]',
    '[info     ] m                              _event=forged password=[REDACTED] value=two',
    '[info     ] m                              _event=forged password=[REDACTED]',
  ]);
});

test('timestamps: each record has its own time across second, minute and day boundaries, and backwards', () => {
  const base = new Date(2026, 10, 26, 23, 59, 58, 998).getTime();
  const times = [
    base,
    base + 1,
    base + 2, // next second
    base + 1001,
    base + 1002, // next day, local midnight
    base + 1002 + 59_999, // next minute
    base - 3_600_000, // an hour back
    base,
    base + 0.5, // fractional milliseconds: microseconds
  ];
  let at = 0;
  const out = captureSetup({
    clock: () => times[at],
    logging: { ...PLAIN_KEY_VALUE, omitTimestamp: false },
  });
  const log = getLogger('clock');
  for (at = 0; at < times.length; at++) log.info('t');
  assert.deepEqual(
    out.records(),
    times.map((ms) => {
      const whole = Math.floor(ms);
      const micros = String(Math.round((ms - whole) * 1000)).padStart(3, '0');
      return `${localTimestamp(whole, micros)} [info     ] t`;
    }),
  );
});

test('a shape logged many times keeps every guarantee (throwing getters, odd keys, values)', () => {
  const out = captureSetup({ logging: PLAIN_JSON });
  const log = getLogger('hot');
  const expected: string[] = [];
  for (let i = 0; i < 40; i++) {
    const fields = {
      n: i,
      get boom(): number {
        throw new Error(`getter ${i}`);
      },
      '\u2028"odd\\key': `v${i}`,
      obj: { i },
    };
    log.info('m', fields);
    expected.push(
      JSON.stringify({
        n: i,
        boom: `[Unserializable: Error: getter ${i}]`,
        '\u2028"odd\\key': `v${i}`,
        obj: { i },
        event: 'm',
        level: 'info',
        logger_name: 'hot',
      }),
    );
  }
  assert.deepEqual(out.records(), expected);
});
