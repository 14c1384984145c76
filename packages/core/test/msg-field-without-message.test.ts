import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { LoggerOptions } from '../dist/esm/index.js';
import { collectingLogger, onlyLine } from './support/collecting-logger.js';

// pino's JSON readers take a record's `msg` as its message. So a call with no message argument whose
// fields hold an own string `msg` has that message, in every format: written once, as the message, and
// not again as a field. With a message argument, or with a value that is no string, the field stays a
// field (renamed `_msg` wherever the record has no message of its own to follow it).

function lineOf(options: Readonly<Omit<LoggerOptions, 'destination'>>, call: (log: Log) => void): string {
  const { log, lines } = collectingLogger(options);
  call(log);
  return onlyLine(lines);
}

type Log = ReturnType<typeof collectingLogger>['log'];

const FORMATS = [
  ['json', {}],
  ['logfmt', { format: 'logfmt' }],
] as const;

/** The line each format writes for one call, by format name. */
function linesOf(call: (log: Log) => void): Record<'json' | 'logfmt', string> {
  return {
    json: lineOf(FORMATS[0][1], call),
    logfmt: lineOf(FORMATS[1][1], call),
  };
}

function throwingGetter(fields: object, calls: { count: number }): object {
  return Object.defineProperty(fields, 'msg', {
    enumerable: true,
    get() {
      calls.count++;
      throw new Error('hostile msg');
    },
  });
}

describe('a msg field and no message argument', () => {
  test("info({ msg: 'x' }): x is the message, written once, in JSON and logfmt", () => {
    assert.deepEqual(
      linesOf((log) => log.info({ msg: 'x' })),
      { json: '{"level":30,"msg":"x"}\n', logfmt: 'level=info msg=x\n' },
    );
  });

  test('the other fields keep their order; the message takes its own place (last in JSON, third in logfmt)', () => {
    assert.deepEqual(
      linesOf((log) => log.info({ a: 1, msg: 'two words', b: true })),
      {
        json: '{"level":30,"a":1,"b":true,"msg":"two words"}\n',
        logfmt: 'level=info msg="two words" a=1 b=true\n',
      },
    );
  });

  test("info({ msg: 'x' }, 'y'): y is the message and x stays a field, as before", () => {
    assert.deepEqual(
      linesOf((log) => log.info({ msg: 'x' }, 'y')),
      // JSON as pino writes it: the field, then the message, which JSON readers keep.
      { json: '{"level":30,"msg":"x","msg":"y"}\n', logfmt: 'level=info msg=y _msg=x\n' },
    );
  });

  test('a msg getter that throws: the message is a marker, the getter is read once, nothing is thrown', () => {
    for (const [name, options] of FORMATS) {
      const calls = { count: 0 };
      const line = lineOf(options, (log) => log.info(throwingGetter({ a: 1 }, calls)));
      assert.equal(calls.count, 1, `${name}: the getter is read once`);
      assert.equal(
        line,
        name === 'json'
          ? '{"level":30,"a":1,"msg":"[Unserializable: Error: hostile msg]"}\n'
          : 'level=info msg="[Unserializable: Error: hostile msg]" a=1\n',
      );
    }
  });

  test('a string msg getter is read once', () => {
    for (const [name, options] of FORMATS) {
      let calls = 0;
      const fields = Object.defineProperty({}, 'msg', {
        enumerable: true,
        get: () => {
          calls++;
          return 'from a getter';
        },
      });
      const line = lineOf(options, (log) => log.info(fields));
      assert.equal(calls, 1, `${name}: the getter is read once`);
      assert.match(
        line,
        name === 'json' ? /^\{"level":30,"msg":"from a getter"\}\n$/ : /^level=info msg="from a getter"\n$/,
      );
    }
  });

  test('a msg that is no string is no message: a field renamed _msg in both formats', () => {
    const cases: [unknown, string, string][] = [
      [5, '{"level":30,"_msg":5}\n', 'level=info _msg=5\n'],
      [
        new Date(0),
        '{"level":30,"_msg":"1970-01-01T00:00:00.000Z"}\n',
        'level=info _msg=1970-01-01T00:00:00.000Z\n',
      ],
      [{ text: 'x' }, '{"level":30,"_msg":{"text":"x"}}\n', 'level=info _msg="{\\"text\\":\\"x\\"}"\n'],
      [null, '{"level":30,"_msg":null}\n', 'level=info _msg=\n'],
    ];
    for (const [value, json, logfmt] of cases) {
      assert.deepEqual(
        linesOf((log) => log.info({ msg: value })),
        { json, logfmt },
        String(value),
      );
    }
  });

  test('an undefined, inherited or non-enumerable msg is no field and no message, as JSON.stringify has it', () => {
    const calls: ((log: Log) => void)[] = [
      (log) => log.info({ msg: undefined, a: 1 }),
      (log) => log.info(Object.assign(Object.create({ msg: 'inherited' }), { a: 1 })),
      (log) => log.info(Object.defineProperty({ a: 1 }, 'msg', { value: 'hidden', enumerable: false })),
    ];
    for (const call of calls) {
      assert.deepEqual(linesOf(call), { json: '{"level":30,"a":1}\n', logfmt: 'level=info a=1\n' });
    }
  });

  test('a Proxy whose traps throw gives one valid record and no exception', () => {
    const hostile = new Proxy(
      { msg: 'x' },
      {
        get() {
          throw new Error('trap');
        },
        getOwnPropertyDescriptor() {
          throw new Error('descriptor trap');
        },
      },
    );
    for (const [name, options] of FORMATS) {
      const line = lineOf(options, (log) => log.info(hostile));
      if (name === 'json') JSON.parse(line);
      assert.ok(!line.includes('"x"') && !line.includes('msg=x'), line);
    }
  });

  test('the message key configured in keys is the one read', () => {
    for (const [name, options] of FORMATS) {
      const line = lineOf({ ...options, keys: { message: 'message' } }, (log) =>
        log.info({ msg: 'a field', message: 'x' }),
      );
      assert.equal(
        line,
        name === 'json'
          ? '{"level":30,"msg":"a field","message":"x"}\n'
          : 'level=info message=x msg="a field"\n',
      );
    }
  });

  test('a redacted msg is no message: it is written censored, as a field', () => {
    for (const [name, options] of FORMATS) {
      const line = lineOf({ ...options, redact: ['msg'] }, (log) => log.info({ msg: 'secret' }));
      assert.ok(!line.includes('secret'), `${name}: ${line}`);
      assert.equal(
        line,
        name === 'json' ? '{"level":30,"_msg":"[REDACTED]"}\n' : 'level=info _msg=[REDACTED]\n',
      );
    }
  });
});
