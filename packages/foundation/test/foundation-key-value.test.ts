import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getLogger } from '../dist/esm/index.js';
import { captureSetup, localTimestamp, PLAIN_KEY_VALUE } from './support/foundation-capture.js';

test('key_value: the seed benchmark line, byte for byte (level padded to 9, event to 30, pairs sorted)', () => {
  const out = captureSetup({ logging: PLAIN_KEY_VALUE });
  getLogger('benchmark').info('benchmark message', {
    iteration: 1,
    batch: 'performance_test',
    user_id: 12345,
    success: true,
  });
  assert.deepEqual(out.records(), [
    '[info     ] benchmark message              batch=performance_test iteration=1 success=true user_id=12345',
  ]);
});

test('key_value: trailing spaces are dropped when no key/value follows', () => {
  const out = captureSetup({ logging: PLAIN_KEY_VALUE });
  const log = getLogger('kv');
  log.warning('short');
  log.info('only undefined', { gone: undefined });
  assert.deepEqual(out.lines, ['[warning  ] short\n', '[info     ] only undefined\n']);
});

test('key_value: every level renders its lowercase name padded to 9', () => {
  const out = captureSetup({ logging: { ...PLAIN_KEY_VALUE, defaultLevel: 'TRACE' } });
  const log = getLogger('levels');
  log.trace('t');
  log.debug('d');
  log.info('i');
  log.warning('w');
  log.warn('w2');
  log.error('e');
  log.critical('c');
  log.fatal('f');
  assert.deepEqual(out.records(), [
    '[trace    ] t',
    '[debug    ] d',
    '[info     ] i',
    '[warning  ] w',
    '[warning  ] w2',
    '[error    ] e',
    '[critical ] c',
    '[critical ] f',
  ]);
});

test('key_value: a local timestamp YYYY-MM-DD HH:MM:SS.ffffff from the clock, ms written as ms*1000', () => {
  const at = Date.UTC(2026, 10, 26, 13, 6, 17, 39);
  const out = captureSetup({ clock: () => at, logging: { ...PLAIN_KEY_VALUE, omitTimestamp: false } });
  getLogger('time').info('benchmark message', { iteration: 1 });
  assert.equal(
    out.records()[0],
    `${localTimestamp(at)} [info     ] benchmark message              iteration=1`,
  );
  assert.match(out.records()[0], /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.039000 /);
});

test('key_value: a clock with fractional milliseconds fills in the microseconds', () => {
  const at = Date.UTC(2026, 10, 26, 13, 6, 17, 39);
  const out = captureSetup({
    clock: () => at + 0.867,
    logging: { ...PLAIN_KEY_VALUE, omitTimestamp: false },
  });
  getLogger('time').info('m');
  assert.equal(out.records()[0], `${localTimestamp(at, '867')} [info     ] m`);
});

test('key_value: strings are bare unless they hold space, tab, =, CR, LF or quotes; then repr-quoted', () => {
  const out = captureSetup({ logging: PLAIN_KEY_VALUE });
  getLogger('quote').info('q', {
    a: 'plain',
    b: 'two words',
    c: 'tab\there',
    d: 'k=v',
    e: "it's",
    f: 'say "hi"',
    g: `both ' and "`,
    h: '',
    i: 'back\\slash',
    j: 'ünïcødé→🙂',
  });
  assert.equal(
    out.records()[0],
    "[info     ] q                              a=plain b='two words' c='tab\\there' d='k=v' e=\"it's\" " +
      `f='say "hi"' g='both \\' and "' h= i=back\\slash j=ünïcødé→🙂`,
  );
});

test('key_value: booleans true/false, null null, numbers as JavaScript prints them, objects as JSON', () => {
  const out = captureSetup({ logging: PLAIN_KEY_VALUE });
  getLogger('types').info('t', {
    yes: true,
    no: false,
    nothing: null,
    int: -42,
    float: 1.5,
    nan: Number.NaN,
    inf: Number.POSITIVE_INFINITY,
    big: 12345678901234567890n,
    obj: { key: 'value', number: 42 },
    list: [1, 'two words'],
    skipped: undefined,
    fn: () => 1,
  });
  assert.equal(
    out.records()[0],
    '[info     ] t                              big=12345678901234567890 float=1.5 inf=Infinity int=-42 ' +
      'list=[1,"two words"] nan=NaN no=false nothing=null obj={"key":"value","number":42} yes=true',
  );
});

test('key_value: control characters and ANSI escapes can neither start a line nor reach the terminal', () => {
  const out = captureSetup({ logging: PLAIN_KEY_VALUE });
  getLogger('hostile').info('line1\nfake [error    ] forged\u001b[2J', {
    value: 'a\nb\r\u001b[31mred\u0007',
    c1: '\u009b31m',
    separators: 'x\u2028y\u2029z',
    lone: 'a\ud800b',
    'key\nwith\u001bnewline': 1,
    nested: { text: 'n\u0085\u2028\u001b' },
  });
  assert.equal(out.lines.length, 1);
  const line = out.lines[0];
  assert.equal(line.indexOf('\n'), line.length - 1, 'exactly one newline, at the end');
  assert.doesNotMatch(line, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
  assert.equal(
    line,
    "[info     ] line1\\nfake [error    ] forged\\x1b[2J c1='\\x9b31m' " +
      'key_with_newline=1 lone=\'a\\ud800b\' nested={"text":"n\\u0085\\u2028\\u001b"} ' +
      "separators='x\\u2028y\\u2029z' value='a\\nb\\r\\x1b[31mred\\x07'\n",
  );
});

test('key_value: service_name joins the sorted pairs; reserved field names are prefixed with _', () => {
  const out = captureSetup({ serviceName: 'billing', logging: PLAIN_KEY_VALUE });
  getLogger('svc').info('s', { alpha: 1, zeta: 2, timestamp: 99, level: 'forged' });
  assert.equal(
    out.records()[0],
    '[info     ] s                              alpha=1 _level=forged service_name=billing _timestamp=99 zeta=2',
  );
  out.clear();
  getLogger('svc').info('no fields');
  assert.equal(out.records()[0], '[info     ] no fields                      service_name=billing');
});

test('key_value: a field key cannot forge pairs: spaces, = and quotes in keys become _, as in logfmt', () => {
  const out = captureSetup({ serviceName: 'billing', logging: PLAIN_KEY_VALUE });
  getLogger('svc').info('s', { 'user=admin role': 'x', 'a"b': 1, 'c\nd': 2 });
  assert.equal(
    out.records()[0],
    '[info     ] s                              a_b=1 c_d=2 service_name=billing user_admin_role=x',
  );
});

test('key_value: the event is padded by code points, emoji prefixes included', () => {
  const out = captureSetup({ logging: { omitTimestamp: true } });
  getLogger('app').info('User login', { domain: 'auth', action: 'login', status: 'success', user_id: 7 });
  // [🔑](3) [➡️](4) [✅](3) + space, 🔹 + space, "User login"(10) = 23 code points, padded to 30.
  assert.equal(out.records()[0], `[info     ] [🔑][➡️][✅] 🔹 User login${' '.repeat(7)} user_id=7`);
});

test('key_value: a thrown getter or a hostile object still gives one valid line', () => {
  const out = captureSetup({ logging: PLAIN_KEY_VALUE });
  const cyclic: Record<string, unknown> = { name: 'loop' };
  cyclic.self = cyclic;
  const fields = {
    get boom(): never {
      throw new Error('getter failed');
    },
    cyclic,
    ok: 1,
  };
  getLogger('hostile').info('h', fields);
  assert.deepEqual(out.records(), [
    "[info     ] h                              boom='[Unserializable: Error: getter failed]' " +
      'cyclic={"name":"loop","self":"[Circular]"} ok=1',
  ]);
});
