import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SluiceConfigError } from '@sluice/core';
import { DEFAULT_SENSITIVE_KEYS, setupTelemetry } from '../dist/esm/index.js';
import { assertConfigError } from './support/config-error.js';
import { captureSetup } from './support/foundation-capture.js';

test('defaults: DEBUG, key_value, emoji on, timestamps on, no module levels, stderr, no service', () => {
  const { resolved } = captureSetup();
  assert.equal(resolved.serviceName, null);
  assert.equal(resolved.globallyDisabled, false);
  assert.equal(resolved.logging.defaultLevel, 'DEBUG');
  assert.equal(resolved.logging.consoleFormatter, 'key_value');
  assert.equal(resolved.logging.dasEmojiPrefixEnabled, true);
  assert.equal(resolved.logging.loggerNameEmojiPrefixEnabled, true);
  assert.equal(resolved.logging.omitTimestamp, false);
  assert.deepEqual(resolved.logging.moduleLevels, {});
  assert.equal(resolved.logging.logFile, null);
  assert.deepEqual(resolved.logging.redactKeys, DEFAULT_SENSITIVE_KEYS);
  assert.deepEqual(resolved.logging.redactPatterns, []);
});

test('env: every SLUICE_* variable configures its field', () => {
  const { resolved } = captureSetup({
    env: {
      SLUICE_LOG_LEVEL: 'warning',
      SLUICE_LOG_CONSOLE_FORMATTER: 'JSON',
      SLUICE_LOG_DAS_EMOJI_ENABLED: 'off',
      SLUICE_LOG_OMIT_TIMESTAMP: 'Yes',
      SLUICE_LOG_MODULE_LEVELS: 'app:ERROR, app.db:debug,,',
      SLUICE_LOG_FILE: '/tmp/sluice-never-opened.log',
      SLUICE_SERVICE_NAME: 'billing',
      SLUICE_TELEMETRY_DISABLED: '0',
    },
  });
  assert.equal(resolved.logging.defaultLevel, 'WARNING');
  assert.equal(resolved.logging.consoleFormatter, 'json');
  assert.equal(resolved.logging.dasEmojiPrefixEnabled, false);
  assert.equal(resolved.logging.omitTimestamp, true);
  assert.deepEqual(resolved.logging.moduleLevels, { app: 'ERROR', 'app.db': 'DEBUG' });
  assert.equal(resolved.logging.logFile, '/tmp/sluice-never-opened.log');
  assert.equal(resolved.serviceName, 'billing');
  assert.equal(resolved.globallyDisabled, false);
});

test('env: booleans accept true/yes/1/on and false/no/0/off in any case', () => {
  for (const word of ['true', 'YES', '1', 'On', ' on ']) {
    const { resolved } = captureSetup({ env: { SLUICE_LOG_OMIT_TIMESTAMP: word } });
    assert.equal(resolved.logging.omitTimestamp, true, word);
  }
  for (const word of ['false', 'No', '0', 'OFF']) {
    const { resolved } = captureSetup({ env: { SLUICE_LOG_OMIT_TIMESTAMP: word } });
    assert.equal(resolved.logging.omitTimestamp, false, word);
  }
});

test('explicit config wins over the environment', () => {
  const { resolved } = captureSetup({
    serviceName: 'explicit',
    logging: { defaultLevel: 'error', consoleFormatter: 'key_value', omitTimestamp: false, moduleLevels: {} },
    env: {
      SLUICE_LOG_LEVEL: 'TRACE',
      SLUICE_LOG_CONSOLE_FORMATTER: 'json',
      SLUICE_LOG_OMIT_TIMESTAMP: 'true',
      SLUICE_LOG_MODULE_LEVELS: 'app:DEBUG',
      SLUICE_SERVICE_NAME: 'from-env',
    },
  });
  assert.equal(resolved.logging.defaultLevel, 'ERROR');
  assert.equal(resolved.logging.consoleFormatter, 'key_value');
  assert.equal(resolved.logging.omitTimestamp, false);
  assert.deepEqual(resolved.logging.moduleLevels, {});
  assert.equal(resolved.serviceName, 'explicit');
});

/** Asserts a SluiceConfigError whose message contains every fragment. */
function assertConfigErrorWith(fn: () => unknown, ...fragments: string[]): void {
  assertConfigError(fn, fragments);
}

test('errors: an unknown level names the value and the valid levels', () => {
  assertConfigErrorWith(
    () => captureSetup({ env: { SLUICE_LOG_LEVEL: 'LOUD' } }),
    'SLUICE_LOG_LEVEL',
    '"LOUD"',
    '"TRACE"',
    '"CRITICAL"',
  );
  assertConfigErrorWith(
    () => captureSetup({ logging: { defaultLevel: 'verbose' } }),
    'defaultLevel',
    '"verbose"',
    '"DEBUG"',
  );
});

test('errors: an unknown formatter names the value and key_value/json', () => {
  assertConfigErrorWith(
    () => captureSetup({ env: { SLUICE_LOG_CONSOLE_FORMATTER: 'pretty' } }),
    'SLUICE_LOG_CONSOLE_FORMATTER',
    '"pretty"',
    '"key_value"',
    '"json"',
  );
  assertConfigErrorWith(
    () => captureSetup({ logging: { consoleFormatter: 'logfmt' as 'json' } }),
    'consoleFormatter',
    '"logfmt"',
  );
});

test('errors: a boolean spelling outside the eight words is rejected, not read as false', () => {
  assertConfigErrorWith(
    () => captureSetup({ env: { SLUICE_LOG_DAS_EMOJI_ENABLED: 'enabled' } }),
    'SLUICE_LOG_DAS_EMOJI_ENABLED',
    '"enabled"',
    '"true"',
    '"off"',
  );
  assertConfigErrorWith(
    () => captureSetup({ env: { SLUICE_TELEMETRY_DISABLED: 'nope' } }),
    'SLUICE_TELEMETRY_DISABLED',
  );
  assertConfigErrorWith(
    () => captureSetup({ logging: { omitTimestamp: 'yes' as unknown as boolean } }),
    'omitTimestamp',
    '"yes"',
  );
});

test('errors: malformed module-level entries are reported, not skipped', () => {
  assertConfigErrorWith(
    () => captureSetup({ env: { SLUICE_LOG_MODULE_LEVELS: 'app:DEBUG,app.db' } }),
    'SLUICE_LOG_MODULE_LEVELS',
    '"app.db"',
    'module:LEVEL',
  );
  assertConfigErrorWith(() => captureSetup({ env: { SLUICE_LOG_MODULE_LEVELS: ':DEBUG' } }), '":DEBUG"');
  assertConfigErrorWith(
    () => captureSetup({ env: { SLUICE_LOG_MODULE_LEVELS: 'app:LOUDEST' } }),
    'SLUICE_LOG_MODULE_LEVELS level for "app"',
    '"LOUDEST"',
    '"WARNING"',
  );
  assertConfigErrorWith(
    () => captureSetup({ logging: { moduleLevels: { app: 'nope' } } }),
    'moduleLevels',
    '"nope"',
  );
});

test('errors: a failed setup leaves the previous one in force', () => {
  const out = captureSetup({ logging: { omitTimestamp: true, loggerNameEmojiPrefixEnabled: false } });
  assert.throws(() => setupTelemetry({ env: { SLUICE_LOG_LEVEL: 'LOUD' } }), SluiceConfigError);
  // getLogger works on the previous setup: its records still go to the capture.
  return import('../dist/esm/index.js').then(({ getLogger }) => {
    getLogger('still').info('here');
    assert.deepEqual(out.records(), ['[info     ] here']);
  });
});

test('unknown option names in setupTelemetry config and its logging section throw with the nearest valid name', () => {
  const env = {};
  type Loose = any;
  assertConfigError(
    () => setupTelemetry({ env, servicName: 'x' } as Loose),
    ["unknown option 'servicName' in telemetry config", "did you mean 'serviceName'?"],
  );
  assertConfigError(
    () => setupTelemetry({ env, logging: { defaultLevl: 'INFO' } } as Loose),
    ["unknown option 'defaultLevl' in logging config", "did you mean 'defaultLevel'?"],
  );
  assertConfigError(
    () =>
      setupTelemetry({
        env,
        logging: { rateLimit: { global: { capacity: 10, refilPerSecond: 5 } } },
      } as Loose),
    ["unknown option 'refilPerSecond' in rateLimit.global", "did you mean 'refillPerSecond'?"],
  );
  assertConfigError(
    () =>
      setupTelemetry({
        env,
        logging: { rateLimit: { perLogger: { capacity: 10, refillPerSecond: 5, burst: 1 } } },
      } as Loose),
    ["unknown option 'burst' in rateLimit.perLogger"],
  );
});
