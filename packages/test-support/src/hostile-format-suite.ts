import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  HOSTILE_FACTORIES,
  hostileFields,
  hostileString,
  hostileValue,
  stringFields,
} from './hostile-arbitraries.js';
import { assertOneCleanLine } from './line-parsers.js';
import { PROPERTY_RUNS } from './property-runs.js';

/**
 * The contract every text format of every package keeps, fed any JavaScript value: one record per
 * call, never an exception into the caller, a line its format's reader accepts, and no value that
 * forges a line, a level or a message. A package describes each of its formats as a FormatUnderTest
 * and runs describeHostileFormats over them.
 */
export interface FormatUnderTest {
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
export const renamedIn =
  (reserved: readonly string[]) =>
  (key: string): string =>
    reserved.includes(key) ? `_${key}` : key;

/** The fields as the format should read back: each key renamed as the format renames it. */
export function expectedMap(
  fields: readonly (readonly [string, string])[],
  rename: (key: string) => string,
): Map<string, string> {
  return new Map(fields.map(([key, value]) => [rename(key), value]));
}

/**
 * The suite, once per format (each made fresh for its test: `makeFormat.name` names it). `exactFields`
 * are the fields of the exact round trip: by default any identifier-like keys.
 */
export function describeHostileFormats(
  formats: readonly (() => FormatUnderTest)[],
  exactFields: fc.Arbitrary<[string, string][]> = stringFields,
): void {
  for (const makeFormat of formats) {
    describe(`${makeFormat.name}: hostile values`, () => {
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
          fc.property(exactFields, hostileString, (fields, message) => format.assertExact(fields, message)),
          { numRuns: PROPERTY_RUNS },
        );
      });
    });
  }
}
