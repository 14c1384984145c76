import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { hostname } from 'node:os';
import { describe, test } from 'node:test';
import { createLogger } from '../dist/esm/index.js';
import { FIXED_TIME, FIXED_TIME_ISO, fixedClock, RecordCollector } from './support/record-collector.js';

// logfmt ships no types; only its parser is used, to prove real logfmt readers read sluice's lines.
const logfmt = createRequire(import.meta.url)('logfmt') as { parse(line: string): Record<string, string> };

describe('default JSON record (pino shape)', () => {
  test('has level, time, pid, hostname, name, msg in that order, one line per call', () => {
    const out = new RecordCollector();
    const log = createLogger({ name: 'api', destination: out });
    const before = Date.now();
    log.info('hello world');
    const after = Date.now();

    assert.equal(out.lines.length, 1);
    const line = out.lines[0];
    assert.ok(line.endsWith('}\n'), `record ends with a newline: ${JSON.stringify(line)}`);
    assert.equal(line.indexOf('\n'), line.length - 1, 'exactly one line');
    const record = JSON.parse(line);
    assert.deepEqual(Object.keys(record), ['level', 'time', 'pid', 'hostname', 'name', 'msg']);
    assert.equal(record.level, 30);
    assert.equal(typeof record.time, 'number');
    assert.ok(record.time >= before && record.time <= after, 'time is epoch milliseconds of the call');
    assert.equal(record.pid, process.pid);
    assert.equal(record.hostname, hostname());
    assert.equal(record.name, 'api');
    assert.equal(record.msg, 'hello world');
  });

  test('writes the time from the clock as epoch milliseconds by default', () => {
    const out = new RecordCollector();
    createLogger({ base: null, clock: fixedClock, destination: out }).info('x');
    assert.equal(out.lines[0], `{"level":30,"time":${FIXED_TIME},"msg":"x"}\n`);
  });

  test('fields come after the base and before msg', () => {
    const out = new RecordCollector();
    createLogger({ destination: out }).info({ user: 'ada', n: 1 }, 'signed in');
    assert.deepEqual(Object.keys(out.only()), ['level', 'time', 'pid', 'hostname', 'user', 'n', 'msg']);
  });

  test('a call without a message writes no msg key', () => {
    const out = new RecordCollector();
    createLogger({ destination: out }).info({ a: 1 });
    const record = out.only();
    assert.equal('msg' in record, false);
    assert.equal(record.a, 1);
  });
});

describe('record keys', () => {
  test('keys.level, keys.time, keys.message and keys.error rename the record keys', () => {
    const out = new RecordCollector();
    const log = createLogger({
      base: null,
      destination: out,
      keys: { level: 'severity', time: 'ts', message: 'message', error: 'error' },
    });
    log.error(new Error('disk full'), 'write failed');
    const record = out.only();
    assert.deepEqual(Object.keys(record), ['severity', 'ts', 'error', 'message']);
    assert.equal(record.severity, 50);
    assert.equal(typeof record.ts, 'number');
    assert.equal(record.message, 'write failed');
    assert.equal((record.error as { message: string }).message, 'disk full');
  });

  test('a partial keys option keeps the other defaults', () => {
    const out = new RecordCollector();
    createLogger({ base: null, destination: out, keys: { message: 'text' } }).info('hi');
    assert.deepEqual(Object.keys(out.only()), ['level', 'time', 'text']);
  });

  test('a field cannot overwrite the level or time key', () => {
    const out = new RecordCollector();
    createLogger({ base: null, clock: fixedClock, destination: out }).info({ level: 'forged', time: 0 }, 'x');
    const record = out.only();
    assert.equal(record.level, 30);
    assert.equal(record.time, FIXED_TIME);
  });
});

describe('timestamp option', () => {
  test("'iso' writes an RFC 3339 UTC string", () => {
    const out = new RecordCollector();
    createLogger({ base: null, clock: fixedClock, destination: out, timestamp: 'iso' }).info('x');
    assert.equal(out.lines[0], `{"level":30,"time":"${FIXED_TIME_ISO}","msg":"x"}\n`);
  });

  test("'iso' matches Date.prototype.toISOString for the real clock", () => {
    const out = new RecordCollector();
    createLogger({ destination: out, timestamp: 'iso' }).info('x');
    const time = out.only().time as string;
    assert.equal(new Date(time).toISOString(), time);
  });

  test('false writes no time key', () => {
    const out = new RecordCollector();
    createLogger({ base: null, destination: out, timestamp: false }).info('x');
    assert.equal(out.lines[0], '{"level":30,"msg":"x"}\n');
  });
});

describe('base and name', () => {
  test('base: null drops pid and hostname but name is still written', () => {
    const out = new RecordCollector();
    createLogger({ base: null, name: 'worker', destination: out }).info('x');
    assert.deepEqual(Object.keys(out.only()), ['level', 'time', 'name', 'msg']);
    assert.equal(out.only().name, 'worker');
  });

  test('a base object replaces pid and hostname', () => {
    const out = new RecordCollector();
    createLogger({ base: { service: 'billing', region: 'eu' }, destination: out }).info('x');
    assert.deepEqual(Object.keys(out.only()), ['level', 'time', 'service', 'region', 'msg']);
  });

  test('without a name there is no name key', () => {
    const out = new RecordCollector();
    createLogger({ destination: out }).info('x');
    assert.equal('name' in out.only(), false);
  });
});

describe("format: 'logfmt'", () => {
  test('writes level label, ISO time, msg, base, name and fields that a logfmt parser reads back', () => {
    const out = new RecordCollector();
    const log = createLogger({ format: 'logfmt', name: 'svc', clock: fixedClock, destination: out });
    log.info({ user: 'ada lovelace', n: 3, ok: true, nested: { k: 'v' } }, 'hello "world"');
    assert.equal(out.lines.length, 1);
    const line = out.lines[0];
    assert.ok(line.endsWith('\n') && line.indexOf('\n') === line.length - 1, 'one line');
    assert.ok(line.startsWith(`level=info time=${FIXED_TIME_ISO} msg=`), line);
    assert.deepEqual(logfmt.parse(line.trimEnd()), {
      level: 'info',
      time: FIXED_TIME_ISO,
      msg: 'hello "world"',
      pid: String(process.pid),
      hostname: hostname(),
      name: 'svc',
      user: 'ada lovelace',
      n: '3',
      ok: true, // the parser reads a bare true as a boolean
      nested: '{"k":"v"}',
    });
  });

  test("timestamp: 'epoch' and false apply to logfmt too", () => {
    const out = new RecordCollector();
    createLogger({
      format: 'logfmt',
      base: null,
      clock: fixedClock,
      timestamp: 'epoch',
      destination: out,
    }).warn('a');
    createLogger({ format: 'logfmt', base: null, timestamp: false, destination: out }).warn('b');
    assert.deepEqual(out.lines, [`level=warn time=${FIXED_TIME} msg=a\n`, 'level=warn msg=b\n']);
  });
});
