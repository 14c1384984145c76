import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { getLogger } from '../dist/esm/index.js';
import { captureSetup, PLAIN_KEY_VALUE } from './support/foundation-capture.js';
import {
  HOSTILE_FACTORIES,
  hostileFields,
  hostileString,
  hostileValue,
  stringFields,
} from './support/hostile-arbitraries.js';
import { assertOneCleanLine, parseKeyValuePairs } from './support/line-parsers.js';
import { PROPERTY_RUNS } from './support/property-runs.js';

// Every foundation format (key_value and json), fed any JavaScript value: one record per call, never an
// exception into the caller, a line its format's reader accepts, and no value that forges a line, a
// level or a message. @sluice/core's every-format-hostile.property holds the same for its json and logfmt.

interface FormatUnderTest {
  readonly name: string;
  readonly lines: string[];
  /** Each entry makes one log call at info with the values in a call shape of this API. */
  readonly callShapes: readonly ((fields: object, message: unknown, value: unknown) => void)[];
  /** The record is at info, in the format's own level field. */
  assertInfo(body: string): void;
  /** Logs `fields` with `message` and checks every key and string value reads back exactly. */
  assertExact(fields: readonly (readonly [string, string])[], message: string): void;
}

/** `key` as the format writes it when it collides with a key the record writes itself. */
const renamedIn =
  (reserved: readonly string[]) =>
  (key: string): string =>
    reserved.includes(key) ? `_${key}` : key;

function expectedMap(
  fields: readonly (readonly [string, string])[],
  rename: (key: string) => string,
): Map<string, string> {
  return new Map(fields.map(([key, value]) => [rename(key), value]));
}

const FOUNDATION_RESERVED = ['event', 'level', 'timestamp', 'logger_name', 'service_name'];

function foundationCallShapes(): FormatUnderTest['callShapes'] {
  const log = getLogger('hostile.prop');
  return [
    (fields, message) => log.info(message as string, fields as Record<string, unknown>),
    (_fields, _message, value) => log.info(value as string, value as Record<string, unknown>),
    (fields, message) => log.bind(fields as Record<string, unknown>).info(message as string),
    (fields, message, value) => log.exception(message as string, value, fields as Record<string, unknown>),
    (_fields, _message, value) => log.info(value as string, { value }),
  ];
}

/** The foundation formats share one global setup: each test installs its own before it runs. */
function foundationJson(): FormatUnderTest {
  const out = captureSetup({ logging: { ...PLAIN_KEY_VALUE, consoleFormatter: 'json' } });
  const rename = renamedIn(FOUNDATION_RESERVED);
  return {
    name: 'foundation json',
    lines: out.lines,
    callShapes: foundationCallShapes(),
    assertInfo(body) {
      const record = JSON.parse(body);
      assert.ok(record.level === 'info' || record.level === 'error', `level ${record.level}`);
      assert.equal(record.logger_name, 'hostile.prop');
    },
    assertExact(fields, message) {
      out.clear();
      getLogger('exact').info(message, Object.fromEntries(fields));
      const record = JSON.parse(assertOneCleanLine(out.lines, 'foundation json'));
      const { event, level, logger_name, ...rest } = record;
      assert.deepEqual([event, level, logger_name], [message, 'info', 'exact']);
      assert.deepEqual(new Map(Object.entries(rest)), expectedMap(fields, rename));
    },
  };
}

function foundationKeyValue(): FormatUnderTest {
  return keyValueFormat({});
}

/** Pattern masking rewrites string values, so only the key set is compared exactly. */
function foundationKeyValueMasked(): FormatUnderTest {
  return keyValueFormat({ redactPatterns: true });
}

function keyValueFormat(extra: { redactPatterns?: boolean }): FormatUnderTest {
  const masked = extra.redactPatterns === true;
  const out = captureSetup({ logging: { ...PLAIN_KEY_VALUE, ...extra } });
  const rename = renamedIn(FOUNDATION_RESERVED);
  return {
    name: masked ? 'foundation key_value, pattern masking on' : 'foundation key_value',
    lines: out.lines,
    callShapes: foundationCallShapes(),
    assertInfo(body) {
      assert.match(body, /^\[(info {5}|error {4})\] /);
    },
    assertExact(fields, message) {
      const log = getLogger('exact');
      out.clear();
      log.info(message);
      const eventOnly = assertOneCleanLine(out.lines, 'key_value event');
      out.clear();
      log.info(message, Object.fromEntries(fields));
      const body = assertOneCleanLine(out.lines, 'foundation key_value');
      assert.ok(body.startsWith('[info     ] '), body);
      if (fields.length === 0) return assert.equal(body, eventOnly);
      // The event is written the same with or without fields, then padded; the pairs follow it.
      assert.ok(body.startsWith(eventOnly), `${JSON.stringify(body)} starts with its event`);
      const pairs = parseKeyValuePairs(body.slice(eventOnly.length).replace(/^ +/, ''));
      const expected = expectedMap(fields, rename);
      if (masked) assert.deepEqual(new Set(pairs.map(([key]) => key)), new Set(expected.keys()));
      else assert.deepEqual(new Map(pairs), expected);
      // Sorted by the field's own name (a reserved name keeps its place after its `_` is added).
      const names = pairs.map(([key]) => (FOUNDATION_RESERVED.includes(key.slice(1)) ? key.slice(1) : key));
      assert.deepEqual(names, [...names].sort(), 'pairs are sorted by field name');
    },
  };
}

const FORMATS: readonly (() => FormatUnderTest)[] = [
  foundationJson,
  foundationKeyValue,
  foundationKeyValueMasked,
];

for (const makeFormat of FORMATS) {
  const name = makeFormat.name;
  describe(`${name}: hostile values`, () => {
    test('each hostile construct as fields, message and argument, in every call shape: one clean record, no exception', () => {
      const format = makeFormat();
      for (const [i, make] of HOSTILE_FACTORIES.entries()) {
        for (const [shape, call] of format.callShapes.entries()) {
          const asFields = make();
          const fields = typeof asFields === 'object' && asFields !== null ? asFields : { value: asFields };
          format.lines.length = 0;
          assert.doesNotThrow(() => call(fields, make(), make()), `hostile#${i}, call shape ${shape}`);
          format.assertInfo(assertOneCleanLine(format.lines, `hostile#${i}, call shape ${shape}`));
        }
      }
    });

    test('(property) any value as fields, message or argument: no exception, one clean record per call, at its level', () => {
      const format = makeFormat();
      fc.assert(
        fc.property(hostileFields, hostileValue, hostileValue, (fields, message, value) => {
          for (const [shape, call] of format.callShapes.entries()) {
            format.lines.length = 0;
            assert.doesNotThrow(
              () => call(fields.build(), message.build(), value.build()),
              `${format.name} call shape ${shape}`,
            );
            const body = assertOneCleanLine(format.lines, `${format.name} call shape ${shape}`);
            format.assertInfo(body);
          }
        }),
        { numRuns: PROPERTY_RUNS },
      );
    });

    test('(property) hostile strings as values and message read back exactly; none forges a key, a level or a message', () => {
      const format = makeFormat();
      fc.assert(
        fc.property(stringFields, hostileString, (fields, message) => format.assertExact(fields, message)),
        { numRuns: PROPERTY_RUNS },
      );
    });
  });
}
