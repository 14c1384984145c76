import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import {
  describeHostileFormats,
  expectedMap,
  type FormatUnderTest,
  renamedIn,
} from '@sluice/test-support/hostile-format-suite';
import { assertOneCleanLine, parseLogfmtPairs } from '@sluice/test-support/line-parsers';
import type { Logger } from '../dist/esm/index.js';
import { collectingLogger } from './support/collecting-logger.js';

// Every format core writes (json and logfmt), fed any JavaScript value: one record per call, never an
// exception into the caller, a line its format's reader accepts, and no value that forges a line, a
// level or a message. Extends the json-only properties of json-roundtrip.property and the string-only
// ones of logfmt-format; @sluice/foundation's every-format-hostile.property holds the same for its
// key_value and json.

const logfmt = createRequire(import.meta.url)('logfmt') as { parse(line: string): Record<string, unknown> };

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

describeHostileFormats([coreJson, coreLogfmt]);
