import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { type Clock, createLogger, destination, type LoggerOptions } from '@sluice/core';
import { createTransport } from '../dist/esm/index.js';
import { assertSameFile, tempDir } from './support/records.js';

// A precompiled event whose arguments are scalars is written into the ring in binary ([id][time][args])
// and formatted by the sink worker from the descriptor the event registered. Its text must be the
// bytes core's synchronous destination writes for the same calls, whatever the arguments.

const dir = tempDir('deferred');
let ticks = 1764164467000;
/** A clock that moves, so each record's own time must survive the trip through the ring. */
const movingClock = (): Clock => {
  let now = ticks;
  return { now: () => (now += 1.5) };
};

const STRINGS = [
  '',
  'plain ascii',
  'latin-1 é ñ ß ÿ',
  'with "quotes", \\ backslashes, / slashes',
  'control \u0000\u0001\u001f and \u007f, ANSI \u001b[31mred\u001b[0m',
  'line\nbreak\r\ttab',
  '日本語 ✓ émoji 🎉',
  '\ud800 lone high, lone low \udc00',
  '\u2028\u2029 separators',
  'x'.repeat(256),
  'y'.repeat(257),
  'z'.repeat(5000),
];
const NUMBERS = [
  0,
  -0,
  1,
  -1,
  2 ** 31 - 1,
  -(2 ** 31),
  2 ** 31,
  2 ** 53,
  -(2 ** 53) - 2,
  0.1,
  1e21,
  1e-7,
  -5e-324,
  Number.MAX_VALUE,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
];
const REPEATS = 6;
const ALTERNATIONS = 12;
const WRONG_TYPES: unknown[] = [null, undefined, { an: 'object' }, ['array'], 10n, Symbol('s'), () => 1];

function logEvents(options: Partial<LoggerOptions<'audit'>>, sink: Partial<LoggerOptions<'audit'>>): void {
  const log = createLogger({ ...options, ...sink, level: 'trace', customLevels: { audit: 35 } });
  const event = log.event('scalar event', {
    s: 'string',
    n: 'number',
    i: 'integer',
    b: 'boolean',
  });
  for (const s of STRINGS) event.info(s, 1, 2, true);
  for (const n of NUMBERS) event.warn('numbers', n, n, false);
  for (const wrong of WRONG_TYPES) event.error(wrong as string, wrong as number, 3, wrong as boolean);
  for (const level of ['trace', 'debug', 'info', 'audit', 'warn', 'error'] as const) {
    event[level](level, 7, 8, true);
  }
  const child = log.child({ requestId: 'r-1', nested: { deep: [1, 2] } });
  const childEvent = child.event(undefined, [
    ['b', 'boolean'],
    ['password', 'string'],
    ['count', 'integer'],
  ]);
  childEvent.info(false, 'hunter2', 42);
  childEvent.debug(true, 'secret', -1);
  // Nested schemas and `any` keep the text path; they must still match.
  log.event('mixed', { s: 'string', any: 'any' }).info('text path', { x: [1, 'two'] });
  for (let i = 0; i < 3000; i++) event.info(`bulk ${i}`, i * 0.5, i, i % 2 === 0);
  // A value repeated at a field is put in the ring's string table and written as a reference from its
  // fifth call on: every kind of string, then two values alternating once both are in the table, then a
  // value equal to a shared one but built at run time (another string object), on other levels too.
  for (const s of STRINGS) for (let k = 0; k < REPEATS; k++) event.info(s, k, 2, true);
  for (let k = 0; k < ALTERNATIONS; k++) event.warn(STRINGS[k % 2 === 0 ? 2 : 3], k, k, false);
  const built = ['plain', 'ascii'].join(' ');
  for (let k = 0; k < REPEATS; k++) event.audit(k % 2 === 0 ? built : STRINGS[1], k, 2, true);
  event.fatal('the end', 0, 0, false);
}

async function compare(name: string, options: Partial<LoggerOptions<'audit'>>): Promise<string[]> {
  const viaWorker = join(dir, `${name}-worker.log`);
  const viaSync = join(dir, `${name}-sync.log`);
  const transport = createTransport({ dest: viaWorker, append: false });
  await transport.ready;
  logEvents(options, { transport, clock: movingClock() });
  await transport.close();
  const sync = destination({ dest: viaSync, append: false, sync: true });
  logEvents(options, { destination: sync, clock: movingClock() });
  await sync.close();

  const syncLines = assertSameFile(viaWorker, viaSync);
  ticks += 1_000_000;
  return syncLines.filter((line) => line !== '');
}

describe('deferred events: the worker formats binary records into the bytes the caller would write', () => {
  test('JSON with epoch time: strings, numbers, wrong types, levels, child bindings', async () => {
    const lines = await compare('json', { redact: ['password'] });
    const parsed = lines.map((line) => JSON.parse(line));
    const repeated = STRINGS.length * REPEATS + ALTERNATIONS + REPEATS;
    assert.equal(
      parsed.length,
      STRINGS.length + NUMBERS.length + WRONG_TYPES.length + 6 + 2 + 1 + 3000 + repeated + 1,
    );
    STRINGS.forEach((s, i) => {
      assert.equal(parsed[i].s, s);
    });
    assert.equal(parsed[STRINGS.length + 1].n, 0, '-0 is written as JSON.stringify writes it');
    const child = parsed.find((record) => record.requestId === 'r-1');
    assert.equal(child.password, '[REDACTED]', 'a censored argument stays censored');
    const times = parsed.map((record) => record.time);
    assert.ok(
      times.every((time, i) => i === 0 || time > times[i - 1]),
      'each record keeps its own time',
    );
  });

  test('JSON with ISO time and custom keys', async () => {
    await compare('json-iso', {
      timestamp: 'iso',
      base: null,
      name: 'svc',
      keys: { message: 'message', time: 'ts' },
    });
  });

  test('JSON without a time field', async () => {
    await compare('json-no-time', { timestamp: false });
  });

  test('logfmt', async () => {
    const lines = await compare('logfmt', { format: 'logfmt' });
    assert.match(
      lines[0],
      /^level=info time=\S+Z msg="scalar event" pid=\d+ hostname=\S+ s="" n=1 i=2 b=true$/,
    );
  });

  test('string length limits apply in the worker as they would on the caller', async () => {
    await compare('limits', { limits: { stringLength: 8 } });
  });

  test('an event whose longest record outgrows the worker batch slack still writes the same bytes', {
    timeout: 60_000,
  }, async () => {
    // 80 string fields: the replayer makes room for 80 plain strings of 256 units (over 20 KiB) before
    // each record, more than the batch keeps free past its 64 KiB; the batch must grow, not clip.
    const schema = Object.fromEntries(Array.from({ length: 80 }, (_, k) => [`f${k}`, 'string' as const]));
    const log = (sink: Partial<LoggerOptions>) => {
      const event = createLogger({ ...sink }).event('wide', schema);
      for (let i = 0; i < 400; i++) {
        const args = Array.from({ length: 80 }, (_, k) =>
          String.fromCharCode(97 + ((i + k) % 26)).repeat(256),
        );
        if (i % 7 === 0) args[i % 80] = 'needs "escaping" \n and é';
        event.info(...args);
      }
    };
    const viaWorker = join(dir, 'wide-worker.log');
    const viaSync = join(dir, 'wide-sync.log');
    const transport = createTransport({ dest: viaWorker, append: false });
    await transport.ready;
    log({ transport, clock: movingClock() });
    await transport.close();
    const sync = destination({ dest: viaSync, append: false, sync: true });
    log({ destination: sync, clock: movingClock() });
    await sync.close();
    assert.equal(assertSameFile(viaWorker, viaSync).filter((line) => line !== '').length, 400);
    ticks += 1_000_000;
  });
});

describe('deferred events: the generated code', () => {
  test('an event of scalars writes binary when its sink is a transport, text otherwise', async () => {
    const transport = createTransport({ dest: join(dir, 'source.log') });
    await transport.ready;
    const deferred = createLogger({ transport }).event('m', { s: 'string', n: 'number' });
    const text = createLogger({ destination: destination({ dest: join(dir, 'source-sync.log') }) }).event(
      'm',
      { s: 'string', n: 'number' },
    );
    const sourceOf = (event: object) => (event as { deferredSource?: string | null }).deferredSource ?? null;
    assert.match(sourceOf(deferred) ?? '', /putString(Words)?\(d, (w, )?p, a0\)/);
    assert.equal(sourceOf(text), null);
    const nested = createLogger({ transport }).event('m', { o: { type: 'object' } });
    assert.equal(sourceOf(nested), null, 'an object-typed field keeps the text path');
    await transport.close();
  });
});
