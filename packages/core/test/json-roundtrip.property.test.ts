import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EVERY_VALUE_KIND } from '@sluice/test-support/hostile-arbitraries';
import { PROPERTY_RUNS } from '@sluice/test-support/property-runs';
import fc from 'fast-check';
import { collectingLogger, onlyLine } from './support/collecting-logger.js';

/** Where writeJsonString switches from its per-unit loop to one scan plus a C++ UTF-8 write. */
const LONG_STRING_THRESHOLD = 64;

/** Any UTF-16 string: lone surrogates, C0/C1 controls, ESC, U+2028, quotes and backslashes included. */
const anyString = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)) }),
  fc.string({
    unit: fc.constantFrom(
      '"',
      '\\',
      '\n',
      '\r',
      '\x1b',
      '\x00',
      '\x7f',
      '\u2028',
      '\ud800',
      '\udfff',
      '%s',
      'é',
      '😀',
    ),
  }),
  // Past the threshold: mostly strings that need escaping somewhere.
  fc.string({ unit: 'binary', minLength: LONG_STRING_THRESHOLD - 4, maxLength: 3 * LONG_STRING_THRESHOLD }),
  // Long and mostly clean, so the rare unit (a lone surrogate, a quote) is all that decides the path.
  fc.string({
    unit: fc.oneof(
      { arbitrary: fc.constantFrom('a', 'Z', '7', ' ', 'é', '€', '😀'), weight: 30 },
      { arbitrary: fc.constantFrom('\ud800', '\udfff', '"', '\\', '\x1b', '\n'), weight: 1 },
    ),
    minLength: LONG_STRING_THRESHOLD - 4,
    maxLength: 3 * LONG_STRING_THRESHOLD,
  }),
);

/** Default value limits (depth 10) stay well above this, so nothing is cut. */
const MAX_JSON_DEPTH = 6;

test('info({ v }, s) writes one line that JSON.parse reads back to v and s exactly', () => {
  const { log, lines } = collectingLogger();
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: MAX_JSON_DEPTH }), anyString, (v, s) => {
      lines.length = 0;
      log.info({ v }, s);
      const record = JSON.parse(onlyLine(lines));
      assert.deepStrictEqual(record.v, JSON.parse(JSON.stringify(v)));
      assert.equal(record.msg, s);
    }),
    { numRuns: PROPERTY_RUNS },
  );
});

test('arbitrary strings as values, keys and messages come back exactly', () => {
  const { log, lines } = collectingLogger();
  fc.assert(
    fc.property(fc.dictionary(anyString, anyString, { maxKeys: 5 }), anyString, (fields, s) => {
      lines.length = 0;
      log.info({ nested: fields }, s);
      const record = JSON.parse(onlyLine(lines));
      assert.deepStrictEqual(record.nested, JSON.parse(JSON.stringify(fields)));
      assert.equal(record.msg, s);
    }),
    { numRuns: PROPERTY_RUNS },
  );
});

test('any JavaScript value gives one parseable line and never throws', () => {
  const { log, lines } = collectingLogger();
  const anything = fc.anything(EVERY_VALUE_KIND);
  fc.assert(
    fc.property(anything, anyString, (v, s) => {
      lines.length = 0;
      log.info({ v, after: true }, s);
      const record = JSON.parse(onlyLine(lines));
      assert.equal(record.after, true);
      assert.equal(record.msg, s);
      // As a top-level argument too: an object becomes the fields, anything else the message.
      lines.length = 0;
      log.info(v as object);
      JSON.parse(onlyLine(lines));
    }),
    { numRuns: PROPERTY_RUNS },
  );
});
