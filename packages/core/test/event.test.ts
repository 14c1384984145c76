import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLogger } from '../dist/esm/index.js';
import { fixedClock, RecordCollector } from './support/record-collector.js';

describe('precompiled events', () => {
  test('write the same line as the equivalent dynamic call', () => {
    const out = new RecordCollector();
    const log = createLogger({ name: 'bench', clock: fixedClock, destination: out });
    const ev = log.event('benchmark message', {
      iteration: 'integer',
      batch: 'string',
      user_id: 'integer',
      success: 'boolean',
    });
    for (let i = 0; i < 3; i++) {
      ev.info(i, 'performance_test', 12345, true);
      log.info(
        { iteration: i, batch: 'performance_test', user_id: 12345, success: true },
        'benchmark message',
      );
    }
    assert.equal(out.lines.length, 6);
    for (let i = 0; i < 6; i += 2) assert.equal(out.lines[i], out.lines[i + 1]);
    assert.deepEqual(out.records()[4], {
      level: 30,
      time: fixedClock.now(),
      pid: process.pid,
      hostname: out.records()[4].hostname,
      name: 'bench',
      iteration: 2,
      batch: 'performance_test',
      user_id: 12345,
      success: true,
      msg: 'benchmark message',
    });
  });

  test('match the dynamic call with the real clock too, apart from time', () => {
    const out = new RecordCollector();
    const log = createLogger({ destination: out });
    const ev = log.event('m', { a: 'integer', b: 'string' });
    ev.warn(1, 'x');
    log.warn({ a: 1, b: 'x' }, 'm');
    const [fromEvent, fromCall] = out.records();
    assert.equal(typeof fromEvent.time, 'number');
    delete fromEvent.time;
    delete fromCall.time;
    assert.deepEqual(fromEvent, fromCall);
  });

  test('the tuple form takes values in list order', () => {
    const out = new RecordCollector();
    const log = createLogger({ base: null, timestamp: false, destination: out });
    const ev = log.event('m', [
      ['b', 'string'],
      ['a', 'integer'],
    ] as const);
    ev.info('x', 7);
    assert.equal(out.lines[0], '{"level":30,"b":"x","a":7,"msg":"m"}\n');
  });

  test('all scalar types and any', () => {
    const out = new RecordCollector();
    const log = createLogger({ base: null, timestamp: false, destination: out });
    const ev = log.event('types', [
      ['s', 'string'],
      ['i', 'integer'],
      ['n', 'number'],
      ['b', 'boolean'],
      ['x', 'any'],
    ] as const);
    ev.info('str', -3, 1.5, false, { nested: [1, null] });
    assert.deepEqual(out.only(), {
      level: 30,
      s: 'str',
      i: -3,
      n: 1.5,
      b: false,
      x: { nested: [1, null] },
      msg: 'types',
    });
  });

  test('an event without a message writes no msg', () => {
    const out = new RecordCollector();
    const log = createLogger({ base: null, timestamp: false, destination: out });
    log.event(undefined, { a: 'integer' }).info(1);
    assert.equal(out.lines[0], '{"level":30,"a":1}\n');
  });

  test('an event with no fields writes just the message', () => {
    const out = new RecordCollector();
    const log = createLogger({ base: null, timestamp: false, destination: out });
    log.event('ping', {}).info();
    assert.equal(out.lines[0], '{"level":30,"msg":"ping"}\n');
  });

  test('wrong-typed arguments at run time still give a valid record with the values written', () => {
    const out = new RecordCollector();
    const log = createLogger({ base: null, timestamp: false, destination: out });
    const ev = log.event('m', [
      ['s', 'string'],
      ['i', 'integer'],
      ['b', 'boolean'],
    ] as const) as unknown as { info(...args: unknown[]): void };
    ev.info(1, 'not a number', 'yes');
    ev.info({ o: [1] }, null, 0);
    ev.info(); // every argument missing
    ev.info(Symbol('x'), 10n, () => {});
    ev.info(Number.NaN, Number.POSITIVE_INFINITY, undefined);
    const records = out.records(); // each line parses
    assert.equal(records.length, 5);
    assert.deepEqual(records[0], { level: 30, s: 1, i: 'not a number', b: 'yes', msg: 'm' });
    assert.deepEqual(records[1], { level: 30, s: { o: [1] }, i: null, b: 0, msg: 'm' });
    for (const record of records) assert.deepEqual(Object.keys(record), ['level', 's', 'i', 'b', 'msg']);
  });

  test('nested fields in fast-json-stringify’s dialect: objects and arrays', () => {
    const out = new RecordCollector();
    const log = createLogger({ base: null, timestamp: false, destination: out });
    const ev = log.event('order', {
      customer: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          tags: { type: 'array', items: { type: 'string' } },
          address: { type: 'object', properties: { city: { type: 'string' } } },
        },
      },
      quantities: { type: 'array', items: { type: 'integer' } },
    });
    ev.info({ id: 5, tags: ['vip', 'eu'], address: { city: 'Oslo' }, notInSchema: 'dropped' }, [1, 2, 3]);
    assert.deepEqual(out.only(), {
      level: 30,
      customer: { id: 5, tags: ['vip', 'eu'], address: { city: 'Oslo' } },
      quantities: [1, 2, 3],
      msg: 'order',
    });
  });

  test('nested fields that do not fit their schema still give a valid record', () => {
    const out = new RecordCollector();
    const log = createLogger({ base: null, timestamp: false, destination: out });
    const ev = log.event('m', {
      obj: { type: 'object', properties: { id: { type: 'integer' } } },
      list: { type: 'array', items: { type: 'integer' } },
    }) as unknown as { info(...args: unknown[]): void };
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    ev.info('not an object', 'not an array');
    ev.info({ id: 'x' }, [{}, 'z']);
    ev.info(cyclic, null);
    ev.info(undefined, undefined);
    const records = out.records();
    assert.equal(records.length, 4);
    for (const record of records) {
      assert.deepEqual(Object.keys(record), ['level', 'obj', 'list', 'msg']);
      assert.equal(record.msg, 'm');
    }
  });

  test('follow level changes at run time', () => {
    const out = new RecordCollector();
    const log = createLogger({ base: null, timestamp: false, destination: out });
    const ev = log.event('e', { n: 'integer' });
    ev.debug(1);
    log.level = 'debug';
    ev.debug(2);
    log.level = 'warn';
    ev.info(3);
    ev.warn(4);
    log.level = 'silent';
    ev.fatal(5);
    assert.deepEqual(
      out.records().map((r) => [r.level, r.n]),
      [
        [20, 2],
        [40, 4],
      ],
    );
  });

  test('write nothing for disabled levels', () => {
    const out = new RecordCollector();
    const log = createLogger({ level: 'warn', destination: out });
    const ev = log.event('e', { n: 'integer', s: 'string' });
    ev.trace(1, 'x');
    ev.debug(1, 'x');
    ev.info(1, 'x');
    assert.deepEqual(out.lines, []);
    ev.warn(1, 'x');
    ev.error(1, 'x');
    ev.fatal(1, 'x');
    assert.deepEqual(
      out.records().map((r) => r.level),
      [40, 50, 60],
    );
  });

  test('on a child: carry its bindings and follow its own level', () => {
    const out = new RecordCollector();
    const log = createLogger({ base: null, timestamp: false, destination: out });
    const child = log.child({ requestId: 'r1' }).child({ step: 2 }, { level: 'warn' });
    const ev = child.event('e', { n: 'integer' });
    ev.info(1);
    ev.warn(2);
    child.level = 'info';
    ev.info(3);
    assert.deepEqual(out.lines, [
      '{"level":40,"requestId":"r1","step":2,"n":2,"msg":"e"}\n',
      '{"level":30,"requestId":"r1","step":2,"n":3,"msg":"e"}\n',
    ]);
  });

  test('bindings of an event’s logger are fixed when the event is compiled', () => {
    const out = new RecordCollector();
    const log = createLogger({ base: null, timestamp: false, destination: out });
    const bindings: Record<string, unknown> = { tenant: 't1' };
    const ev = log.child(bindings).event('e', {});
    bindings.tenant = 't2';
    ev.info();
    assert.equal(out.lines[0], '{"level":30,"tenant":"t1","msg":"e"}\n');
  });

  test('have a method for every level, custom ones included', () => {
    const out = new RecordCollector();
    const log = createLogger({ customLevels: { audit: 35 }, level: 'trace', base: null, destination: out });
    const ev = log.event('e', {});
    for (const name of ['trace', 'debug', 'info', 'audit', 'warn', 'error', 'fatal'] as const) ev[name]();
    assert.deepEqual(
      out.records().map((r) => r.level),
      [10, 20, 30, 35, 40, 50, 60],
    );
  });

  test('honour keys, timestamp and logfmt like dynamic calls', () => {
    const out = new RecordCollector();
    const configs = [
      { keys: { level: 'lvl', time: 'ts', message: 'text' } },
      { timestamp: 'iso' as const },
      { timestamp: false as const },
      { format: 'logfmt' as const },
      { format: 'logfmt' as const, timestamp: 'epoch' as const },
    ];
    for (const config of configs) {
      out.clear();
      const log = createLogger({ ...config, name: 'svc', clock: fixedClock, destination: out });
      log.event('hello world', { user: 'string', n: 'number' }).info('ada lovelace', 1.5);
      log.info({ user: 'ada lovelace', n: 1.5 }, 'hello world');
      assert.equal(out.lines.length, 2);
      assert.equal(out.lines[0], out.lines[1], JSON.stringify(config));
    }
  });

  test('many calls to one event write independent records', () => {
    const out = new RecordCollector();
    const log = createLogger({ base: null, timestamp: false, destination: out });
    const ev = log.event('e', [['i', 'integer']] as const);
    for (let i = 0; i < 1000; i++) ev.info(i);
    assert.deepEqual(
      out.records().map((r) => r.i),
      Array.from({ length: 1000 }, (_, i) => i),
    );
  });
});
