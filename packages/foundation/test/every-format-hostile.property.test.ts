import assert from 'node:assert/strict';
import { plainKey, stringFieldsOver } from '@sluice/test-support/hostile-arbitraries';
import {
  describeHostileFormats,
  expectedMap,
  type FormatUnderTest,
  renamedIn,
} from '@sluice/test-support/hostile-format-suite';
import { assertOneCleanLine, parseKeyValuePairs } from '@sluice/test-support/line-parsers';
import { DEFAULT_SENSITIVE_KEYS, getLogger } from '../dist/esm/index.js';
import { captureSetup, PLAIN_JSON, PLAIN_KEY_VALUE } from './support/foundation-capture.js';

// Every foundation format (key_value and json), fed any JavaScript value: one record per call, never an
// exception into the caller, a line its format's reader accepts, and no value that forges a line, a
// level or a message. @sluice/core's every-format-hostile.property holds the same for its json and logfmt.

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
  const out = captureSetup({ logging: PLAIN_JSON });
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

/** Names setupTelemetry redacts by default are left out: their values are meant not to come back. */
const unredactedFields = stringFieldsOver(plainKey.filter((key) => !DEFAULT_SENSITIVE_KEYS.includes(key)));

describeHostileFormats([foundationJson, foundationKeyValue, foundationKeyValueMasked], unredactedFields);
