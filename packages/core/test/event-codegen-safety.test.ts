import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { emitterSource } from '../dist/esm/event/compile-event.js';
import { createLogger } from '../dist/esm/index.js';
import { fixedClock, RecordCollector } from './support/record-collector.js';

/**
 * Text that would run, or break the generated function, if it were ever pasted into source: each tries
 * to set a global canary (or exit the process) from inside a string, template, comment or line.
 */
const HOSTILE = [
  '"',
  "'",
  '\\',
  '`',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: text that would run if pasted into a template
  '${globalThis.__sluiceCanary = 1}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: text that would run if pasted into a template
  '${process.exit(1)}',
  "'); globalThis.__sluiceCanary = 2; ('",
  '"); globalThis.__sluiceCanary = 3; ("',
  '`+(globalThis.__sluiceCanary = 4)+`',
  '*/ globalThis.__sluiceCanary = 5; /*',
  '\n globalThis.__sluiceCanary = 6; //',
  '\u2028globalThis.__sluiceCanary = 7;',
  '\u2029',
  '\r\n',
  '</script>',
  '\\"); process.exit(1); //',
  '\ud800',
  '__proto__',
  'constructor',
  'a0',
  'out',
  'deps',
  'keys[0]',
] as const;

declare global {
  var __sluiceCanary: unknown;
}

after(() => {
  assert.equal(globalThis.__sluiceCanary, undefined, 'no user text was ever executed');
});

describe('generated event code treats user text as data', () => {
  test('hostile keys, values and message are written escaped, and nothing runs', () => {
    const out = new RecordCollector();
    const log = createLogger({ base: null, timestamp: false, destination: out });
    const message = HOSTILE.join(' | ');
    const schema = Object.fromEntries(HOSTILE.map((key) => [key, 'string' as const]));
    const ev = log.event(message, schema);
    ev.info(...HOSTILE);

    assert.equal(globalThis.__sluiceCanary, undefined);
    assert.equal(out.lines.length, 1);
    const line = out.lines[0];
    assert.equal(line.indexOf('\n'), line.length - 1, 'a newline in user text never splits the record');
    assert.ok(!line.includes('\r'), 'no raw carriage return');
    const record = JSON.parse(line) as Record<string, unknown>;
    assert.equal(record.msg, message);
    for (const key of HOSTILE) {
      assert.ok(Object.hasOwn(record, key), `key ${JSON.stringify(key)} is present`);
      assert.equal(record[key], key, `value for ${JSON.stringify(key)} round-trips`);
    }
  });

  test('hostile text in a nested schema’s property names is data too', () => {
    const out = new RecordCollector();
    const log = createLogger({ base: null, timestamp: false, destination: out });
    const properties = Object.fromEntries(HOSTILE.map((key) => [key, { type: 'string' }]));
    const ev = log.event('nested', { obj: { type: 'object', properties } });
    const value = Object.fromEntries(HOSTILE.map((key) => [key, key]));
    ev.info(value);
    assert.equal(globalThis.__sluiceCanary, undefined);
    const record = out.only();
    assert.deepEqual(Object.entries(record.obj as object).sort(), Object.entries(value).sort());
  });

  test('hostile text in logfmt events stays on one line and matches the dynamic call', () => {
    const out = new RecordCollector();
    const log = createLogger({ format: 'logfmt', base: null, clock: fixedClock, destination: out });
    const schema = Object.fromEntries(HOSTILE.map((key) => [key, 'string' as const]));
    log.event(HOSTILE.join(''), schema).info(...HOSTILE);
    log.info(Object.fromEntries(HOSTILE.map((key) => [key, key])), HOSTILE.join(''));
    assert.equal(globalThis.__sluiceCanary, undefined);
    assert.equal(out.lines.length, 2);
    assert.equal(out.lines[0], out.lines[1]);
    assert.equal(out.lines[0].indexOf('\n'), out.lines[0].length - 1);
  });

  test('the generated source contains none of the user text', () => {
    const log = createLogger({ base: { bound: HOSTILE.join('') }, destination: new RecordCollector() });
    const marker = 'SLUICE_USER_TEXT_MARKER';
    const texts = [...HOSTILE, marker, `${marker}${HOSTILE.join('')}`];
    const schema = Object.fromEntries(texts.map((key) => [key, 'string' as const]));
    const ev = log.child({ [marker]: HOSTILE.join('') }).event(`${marker} ${HOSTILE.join(' | ')}`, schema);
    // emitterSource's output, kept on the event (non-enumerable) for exactly this check.
    const source = (ev as unknown as { source: string }).source;
    assert.equal(typeof source, 'string');
    assert.equal(typeof emitterSource, 'function');
    assert.ok(!Object.keys(ev).includes('source'), 'not an enumerable level method');

    for (const text of [
      marker,
      '__sluiceCanary',
      'process.exit',
      '*/',
      '`',
      '"',
      '\\',
      '\u2028',
      '${',
      '</script>',
    ]) {
      assert.ok(!source.includes(text), `source contains ${JSON.stringify(text)}`);
    }
    // The only string literals are the generator's own, made of lowercase words.
    for (const literal of source.match(/'[^']*'/g) ?? []) assert.match(literal, /^'[a-z ]+'$/);
    assert.equal(source.match(/\/\/|\/\*/g), null, 'no comments for user text to open or close');
    // It is valid JavaScript.
    assert.equal(typeof new Function('deps', source), 'function');
  });

  test('user text in keys and message is never code, for scalar and nested fields alike', () => {
    const plain = createLogger({ destination: new RecordCollector() }).event('m', {
      a: 'string',
      b: { type: 'object', properties: { c: { type: 'integer' } } },
    });
    const hostile = createLogger({ destination: new RecordCollector() }).event(HOSTILE.join(''), {
      [HOSTILE[4]]: 'string',
      [HOSTILE[8]]: { type: 'object', properties: { [HOSTILE[9]]: { type: 'integer' } } },
    });
    // Static runs may be inlined as numeric byte stores; with numbers masked, the code is the same.
    const shape = (ev: object) =>
      (ev as { source: string }).source
        .replace(/\{ out\.ensure\(\d+\);[^}]*\}/g, 'STATIC')
        .replace(/out\.writeBytes\(s\d+\);/g, 'STATIC')
        .replace(/\d+/g, 'N');
    assert.equal(shape(hostile), shape(plain));
  });
});

describe('property: any keys, values and message', () => {
  // Single code points of any kind, plus fragments that matter to generated code and escaping.
  const unit = fc.oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    fc.constantFrom(...HOSTILE, '\u0000', '\u001b[31m', '\x7f', '\udc00', '%s', '%%'),
  );
  const text = fc.string({ unit, maxLength: 8 });
  const entries = fc.uniqueArray(fc.tuple(text, text), { selector: ([key]) => key, maxLength: 6 });

  for (const format of ['json', 'logfmt'] as const) {
    test(`${format}: an event writes byte for byte what the dynamic call writes`, () => {
      fc.assert(
        fc.property(entries, text, (pairs, message) => {
          const out = new RecordCollector();
          const log = createLogger({ format, base: null, clock: fixedClock, destination: out });
          const fields = Object.fromEntries(pairs);
          // Object.keys order (integer-like keys first) is the order both paths write in.
          const keys = Object.keys(fields);
          const ev = log.event(message, Object.fromEntries(keys.map((key) => [key, 'string' as const])));
          ev.info(...keys.map((key) => fields[key]));
          log.info(fields, message);
          assert.equal(out.lines.length, 2);
          assert.equal(out.lines[0], out.lines[1]);
          assert.equal(out.lines[0].indexOf('\n'), out.lines[0].length - 1, 'one line');
          if (format === 'json') {
            const record = JSON.parse(out.lines[0]) as Record<string, unknown>;
            assert.equal(record.msg, message);
            for (const key of keys) {
              if (['level', 'time', 'msg', '_level', '_time'].includes(key)) continue;
              assert.equal(record[key], fields[key]);
            }
          }
        }),
        { numRuns: 300 },
      );
      assert.equal(globalThis.__sluiceCanary, undefined);
    });
  }
});
