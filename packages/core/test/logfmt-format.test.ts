import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { PROPERTY_RUNS } from '@sluice/test-support/property-runs';
import fc from 'fast-check';
import { collectingLogger, onlyLine } from './support/collecting-logger.js';

/** The npm `logfmt` reader (it ships no types). */
const logfmt = createRequire(import.meta.url)('logfmt') as { parse(line: string): Record<string, unknown> };

const FIXED_MS = Date.UTC(2025, 10, 26, 13, 41, 7, 123);
const FIXED_ISO = '2025-11-26T13:41:07.123Z';

function logfmtLogger(options: Parameters<typeof collectingLogger>[0] = {}) {
  return collectingLogger({ format: 'logfmt', ...options });
}

/** Logs `info(fields, msg)` and returns the one line and what logfmt.parse reads from it. */
function logLine(fields: object, msg = 'm'): { line: string; parsed: Record<string, unknown> } {
  const { log, lines } = logfmtLogger();
  log.info(fields, msg);
  const line = onlyLine(lines);
  return { line, parsed: logfmt.parse(line) };
}

/**
 * What the npm parser gives back for a string sluice wrote: the same string, except that it turns the
 * words `true` and `false` into booleans (it cannot tell them from the booleans sluice writes bare).
 */
function asParsed(value: string): unknown {
  return value === 'true' ? true : value === 'false' ? false : value;
}

/** The key the writer should produce: printable ASCII other than `=`, `"` and `\` stays, the rest is `_`. */
function sanitizedKey(key: string): string {
  if (key.length === 0) return '_';
  let safe = '';
  for (const ch of key) safe += ch > ' ' && ch <= '~' && ch !== '=' && ch !== '"' && ch !== '\\' ? ch : '_';
  return RECORD_KEYS.has(safe) ? `_${safe}` : safe;
}

const RECORD_KEYS = new Set(['level', 'time', 'msg']);

test('a record is level=info time=<ISO> msg="..." followed by key=value fields', () => {
  const { log, lines } = logfmtLogger({ timestamp: 'iso', clock: { now: () => FIXED_MS } });
  log.info({ key: 'value', n: 42, ok: true, none: null }, 'hello world');
  log.warn('plain');
  assert.deepEqual(lines, [
    `level=info time=${FIXED_ISO} msg="hello world" key=value n=42 ok=true none=\n`,
    `level=warn time=${FIXED_ISO} msg=plain\n`,
  ]);
});

test('logfmt is ISO-timestamped by default', () => {
  const { log, lines } = logfmtLogger({ timestamp: undefined, clock: { now: () => FIXED_MS } });
  log.info('x');
  assert.equal(logfmt.parse(onlyLine(lines)).time, FIXED_ISO);
});

test('logfmt.parse reads string values back exactly: spaces, =, quotes, backslashes, empty, unicode, emoji', () => {
  const values: Record<string, string> = {
    plain: 'plain',
    spaces: 'with some spaces',
    edges: ' leading and trailing ',
    equals: 'a=b=c',
    onlyEquals: '=',
    quotes: 'say "hi"',
    onlyQuote: '"',
    backslash: 'C:\\path\\to',
    escapedQuote: '\\"',
    empty: '',
    unicode: 'ünïcödé ñ 日本語',
    emoji: '😀 party 🎉',
    nbsp: 'a\u00a0b',
    numberText: '123',
    nullText: 'null',
    trueText: 'true',
    falseText: 'false',
  };
  const { parsed } = logLine(values, 'message with "quotes" and = and \\');
  for (const [key, value] of Object.entries(values)) assert.deepEqual(parsed[key], asParsed(value), key);
  assert.equal(parsed.msg, 'message with "quotes" and = and \\');
  assert.equal(parsed.level, 'info');
});

test('numbers, booleans, null and BigInt read back as the parser reports them', () => {
  const { parsed } = logLine({ int: 42, neg: -1.5, big: 12n, yes: true, no: false, none: null });
  assert.deepEqual(
    { int: parsed.int, neg: parsed.neg, big: parsed.big, yes: parsed.yes, no: parsed.no, none: parsed.none },
    { int: '42', neg: '-1.5', big: '12', yes: true, no: false, none: null },
  );
});

test('a newline, CR or ESC in a value never starts a second line: they are escaped inside quotes', () => {
  const { line } = logLine({ v: 'one\ntwo\r\nthree\x1b[31m\ttab\u2028\x00\x7f\u0085' });
  assert.equal(
    line,
    'level=info msg=m v="one\\ntwo\\r\\nthree\\u001b[31m\\ttab\\u2028\\u0000\\u007f\\u0085"\n',
  );
});

test('a newline or ESC in the message never starts a second line', () => {
  const { log, lines } = logfmtLogger();
  log.info('first\nlevel=error msg=forged\x1b[2J');
  const line = onlyLine(lines);
  assert.equal(line, 'level=info msg="first\\nlevel=error msg=forged\\u001b[2J"\n');
  assert.equal(logfmt.parse(line).level, 'info');
});

test('lone surrogates are escaped, so every line is valid UTF-8', () => {
  const { line } = logLine({ v: 'a\ud800b', w: '\udfff' });
  assert.equal(line, 'level=info msg=m v="a\\ud800b" w="\\udfff"\n');
});

test('keys with spaces, =, quotes, backslashes and controls are sanitised to _', () => {
  const { line, parsed } = logLine({
    'a b': 1,
    'c=d': 2,
    'e"f': 3,
    'g\\h': 4,
    '': 5,
    'x\ny': 6,
    'ok-key.1': 7,
  });
  assert.deepEqual(parsed, {
    level: 'info',
    msg: 'm',
    a_b: '1',
    c_d: '2',
    e_f: '3',
    g_h: '4',
    _: '5',
    x_y: '6',
    'ok-key.1': '7',
  });
  assert.equal(line.split('\n').length, 2);
});

test('fields named level, time and msg are written as _level, _time and _msg and cannot forge the record', () => {
  const { log, lines } = logfmtLogger({ timestamp: 'iso', clock: { now: () => FIXED_MS } });
  log.info({ level: 'fatal', time: 'forged', msg: 'forged' }, 'real');
  log.info({ msg: 'only field' });
  assert.equal(lines.length, 2);
  assert.deepEqual(logfmt.parse(lines[0]), {
    level: 'info',
    time: FIXED_ISO,
    msg: 'real',
    _level: 'fatal',
    _time: 'forged',
    _msg: 'forged',
  });
  // With no message argument, a string msg is the message (msg-field-without-message.test).
  assert.deepEqual(logfmt.parse(lines[1]), { level: 'info', time: FIXED_ISO, msg: 'only field' });
});

test('child bindings named like record keys are renamed too', () => {
  const { log, lines } = logfmtLogger();
  log.child({ level: 'fatal', user: 'ann' }).info('x');
  assert.deepEqual(logfmt.parse(onlyLine(lines)), { level: 'info', msg: 'x', _level: 'fatal', user: 'ann' });
});

test('nested objects and arrays are quoted JSON text that JSON.parse reads back', () => {
  const nested = {
    list: [1, 'two words', { q: 'say "hi"', nl: 'a\nb', back: '\\', esc: '\x1b' }],
    none: null,
    emoji: '😀',
    lone: '\ud800',
  };
  const { parsed } = logLine({ nested, arr: [1, [2, 'x y']], empty: {} });
  assert.deepEqual(JSON.parse(parsed.nested as string), nested);
  assert.deepEqual(JSON.parse(parsed.arr as string), [1, [2, 'x y']]);
  assert.deepEqual(JSON.parse(parsed.empty as string), {});
});

test('an error is quoted JSON with type, message and stack, on one line', () => {
  const { log, lines } = logfmtLogger();
  log.info(Object.assign(new Error('multi\nline'), { code: 'E1' }));
  const line = onlyLine(lines);
  const parsed = logfmt.parse(line);
  // The npm parser reads the `\n` escape as a plain `n` (Go's logfmt reads it back as a newline).
  assert.equal(parsed.msg, 'multinline');
  const err = JSON.parse(parsed.err as string);
  assert.equal(err.type, 'Error');
  assert.equal(err.message, 'multi\nline');
  assert.equal(err.code, 'E1');
  assert.match(err.stack, /^Error: multi\nline\n {4}at /);
});

test('a self-referencing fields object is [Circular] at its first repetition', () => {
  const fields: Record<string, unknown> = { x: 1 };
  fields.self = fields;
  fields.inner = { back: fields };
  const { parsed } = logLine(fields);
  assert.equal(parsed.x, '1');
  assert.equal(parsed.self, '[Circular]');
  assert.deepEqual(JSON.parse(parsed.inner as string), { back: '[Circular]' });
});

test('a throwing getter becomes a quoted [Unserializable: marker and the other fields stay', () => {
  const fields = Object.defineProperty({ a: 'x' }, 'bad', {
    enumerable: true,
    get() {
      throw new Error('boom');
    },
  });
  const { parsed } = logLine(fields);
  assert.equal(parsed.a, 'x');
  assert.equal(parsed.bad, '[Unserializable: Error: boom]');
});

test('strings past the length limit are cut with a marker in logfmt too', () => {
  const { log, lines } = logfmtLogger({ limits: { stringLength: 4 } });
  log.info({ s: 'abcdefgh', e: 'ab😀cd' }, 'message');
  const parsed = logfmt.parse(onlyLine(lines));
  assert.equal(parsed.s, 'abcd...[truncated 4 chars]');
  assert.equal(parsed.e, 'ab😀...[truncated 2 chars]');
  assert.equal(parsed.msg, 'mess...[truncated 3 chars]');
});

/** Printable text with no control characters: what the npm parser can carry exactly. */
const printableUnit = fc.oneof(
  fc.constantFrom(' ', '=', '"', '\\', "'", 'true', 'false', 'é', '😀', '\u00a0'),
  fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  fc
    .integer({ min: 0xa0, max: 0xffff })
    .filter((c) => (c < 0xd800 || c > 0xdfff) && c !== 0x2028 && c !== 0x2029)
    .map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
);

test('random printable strings read back exactly through logfmt.parse (property)', () => {
  const { log, lines } = logfmtLogger();
  fc.assert(
    fc.property(fc.string({ unit: printableUnit }), fc.string({ unit: printableUnit }), (value, msg) => {
      lines.length = 0;
      log.info({ value }, msg);
      const parsed = logfmt.parse(onlyLine(lines));
      assert.deepEqual(parsed.value, asParsed(value));
      assert.deepEqual(parsed.msg, asParsed(msg));
    }),
    { numRuns: PROPERTY_RUNS },
  );
});

test('random string values always give one line that logfmt.parse splits into the expected keys (property)', () => {
  const { log, lines } = logfmtLogger();
  const anyString = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.string({ unit: fc.constantFrom('\n', '\r', '\x1b', ' ', '=', '"', '\\', '\ud800', '\u0085', 'a') }),
  );
  const fieldsArbitrary = fc.dictionary(fc.string({ unit: 'binary-ascii', maxLength: 8 }), anyString, {
    maxKeys: 6,
  });
  fc.assert(
    fc.property(fieldsArbitrary, anyString, (fields, msg) => {
      const expectedKeys = new Set(['level', 'msg', ...Object.keys(fields).map(sanitizedKey)]);
      // The parser assigns with `object[key] = value`, which for __proto__ sets no own key.
      fc.pre(!expectedKeys.has('__proto__'));
      lines.length = 0;
      log.info(fields, msg);
      const parsed = logfmt.parse(onlyLine(lines));
      assert.deepEqual(new Set(Object.keys(parsed)), expectedKeys);
      assert.equal(parsed.level, 'info');
    }),
    { numRuns: PROPERTY_RUNS },
  );
});
