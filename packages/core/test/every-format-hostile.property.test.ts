import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { Logger } from '../dist/esm/index.js';
import { collectingLogger } from './support/collecting-logger.js';
import {
  HOSTILE_FACTORIES,
  hostileFields,
  hostileString,
  hostileValue,
  stringFields,
} from './support/hostile-arbitraries.js';
import { assertOneCleanLine, parseLogfmtPairs } from './support/line-parsers.js';
import { PROPERTY_RUNS } from './support/property-runs.js';

// Every format core writes (json and logfmt), fed any JavaScript value: one record per call, never an
// exception into the caller, a line its format's reader accepts, and no value that forges a line, a
// level or a message. Extends the json-only properties of json-roundtrip.property and the string-only
// ones of logfmt-format; @sluice/foundation's every-format-hostile.property holds the same for its
// key_value and json.

const logfmt = createRequire(import.meta.url)('logfmt') as { parse(line: string): Record<string, unknown> };

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

function coreCallShapes(log: Logger): FormatUnderTest['callShapes'] {
  return [
    (fields, message) => log.info(fields, message as string),
    (_fields, _message, value) => log.info(value as object),
    (_fields, message, value) => log.info(String(typeof message === 'string' ? message : 'm'), value),
    (fields, message) =>
      log.child(fields as Record<string, unknown>).info(typeof message === 'string' ? message : 'child'),
    (_fields, message, value) => log.info(value as object, message as string),
    (_fields, _message, value) => log.info(value as object, value as string),
    (_fields, _message, value) => log.info('%s %d %i %f %j %o', value, value, value, value, value, value),
    (_fields, message, value) => log.info(message as string, value, value),
  ];
}

function coreJson(): FormatUnderTest {
  const { log, lines } = collectingLogger();
  const rename = renamedIn(['level', 'time']);
  return {
    name: 'core json',
    lines,
    callShapes: coreCallShapes(log),
    assertInfo(body) {
      const record = JSON.parse(body);
      assert.equal(typeof record, 'object');
      assert.equal(record.level, 30);
    },
    assertExact(fields, message) {
      lines.length = 0;
      log.info(Object.fromEntries(fields), message);
      const record = JSON.parse(assertOneCleanLine(lines, 'core json'));
      const { level, msg, ...rest } = record;
      assert.equal(level, 30);
      // A field named msg is written before the real one; JSON readers keep the last duplicate.
      assert.equal(msg, message);
      const expected = expectedMap(
        fields.filter(([key]) => key !== 'msg'),
        rename,
      );
      assert.deepEqual(new Map(Object.entries(rest)), expected);
    },
  };
}

function coreLogfmt(): FormatUnderTest {
  const { log, lines } = collectingLogger({ format: 'logfmt' });
  const rename = renamedIn(['level', 'time', 'msg']);
  return {
    name: 'core logfmt',
    lines,
    callShapes: coreCallShapes(log),
    assertInfo(body) {
      assert.match(body, /^level=info( |$)/);
      assert.equal(logfmt.parse(body).level, 'info');
      assert.equal(parseLogfmtPairs(body).filter(([key]) => key === 'level').length, 1);
    },
    assertExact(fields, message) {
      lines.length = 0;
      log.info(Object.fromEntries(fields), message);
      const body = assertOneCleanLine(lines, 'core logfmt');
      const [level, msg, ...rest] = parseLogfmtPairs(body);
      assert.deepEqual(level, ['level', 'info']);
      assert.deepEqual(msg, ['msg', message]);
      assert.deepEqual(new Map(rest), expectedMap(fields, rename));
      // The npm reader splits the same keys (it cannot read escapes back, so only keys are compared).
      assert.deepEqual(
        new Set(Object.keys(logfmt.parse(body))),
        new Set(['level', 'msg', ...fields.map(([key]) => rename(key))]),
      );
    },
  };
}

const FORMATS: readonly (() => FormatUnderTest)[] = [coreJson, coreLogfmt];

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
