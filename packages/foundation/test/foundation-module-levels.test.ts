import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getLogger, setupTelemetry } from '../dist/esm/index.js';
import { captureSetup, PLAIN_KEY_VALUE } from './support/foundation-capture.js';

const LEVELS = ['trace', 'debug', 'info', 'warning', 'error', 'critical'] as const;

/** The levels a logger writes under the current setup. */
function enabledLevels(name: string): string[] {
  const log = getLogger(name);
  return LEVELS.filter((level) => log.isEnabledFor(level));
}

test('module levels: longest prefix on dot boundaries decides, else the default level', () => {
  captureSetup({
    logging: {
      ...PLAIN_KEY_VALUE,
      defaultLevel: 'WARNING',
      moduleLevels: { app: 'ERROR', 'app.db': 'DEBUG', 'app.db.pool': 'CRITICAL', lib: 'trace' },
    },
  });
  const matrix: Record<string, string> = {
    app: 'error',
    'app.http': 'error',
    'app.db': 'debug',
    'app.db.query': 'debug',
    'app.db.pool': 'critical',
    'app.db.pool.conn': 'critical',
    'app.dbx': 'error',
    apple: 'warning',
    'apple.app': 'warning',
    lib: 'trace',
    library: 'warning',
    other: 'warning',
  };
  for (const [name, lowest] of Object.entries(matrix)) {
    assert.deepEqual(enabledLevels(name), LEVELS.slice(LEVELS.indexOf(lowest as never)), name);
  }
});

test('module levels: filtered levels are one shared no-op; the fields are never even read', () => {
  const out = captureSetup({
    logging: { ...PLAIN_KEY_VALUE, defaultLevel: 'INFO', moduleLevels: { quiet: 'ERROR' } },
  });
  const quiet = getLogger('quiet');
  const loud = getLogger('loud');
  assert.equal(quiet.info, quiet.debug);
  assert.equal(quiet.warning, loud.debug, 'the same no-op function across loggers');
  let reads = 0;
  const fields = {
    get expensive(): number {
      reads++;
      return 1;
    },
  };
  quiet.info('filtered', fields);
  loud.debug('filtered', fields);
  assert.equal(reads, 0);
  assert.deepEqual(out.lines, []);
  loud.info('written', fields);
  assert.equal(reads, 1);
  assert.deepEqual(out.records(), ['[info     ] written                        expensive=1']);
});

test('setupTelemetry again reconfigures loggers already handed out', () => {
  const first = captureSetup({ logging: { ...PLAIN_KEY_VALUE, defaultLevel: 'ERROR' } });
  const log = getLogger('reconfigured');
  const bound = log.bind({ request: 'r1' });
  log.info('dropped');
  assert.equal(first.lines.length, 0);
  const second = captureSetup({
    logging: { ...PLAIN_KEY_VALUE, consoleFormatter: 'json', defaultLevel: 'DEBUG' },
  });
  log.info('kept');
  bound.debug('bound kept');
  assert.equal(first.lines.length, 0);
  assert.deepEqual(second.records(), [
    '{"event":"kept","level":"info","logger_name":"reconfigured"}',
    '{"request":"r1","event":"bound kept","level":"debug","logger_name":"reconfigured"}',
  ]);
  assert.equal(getLogger('reconfigured'), log, 'getLogger returns the same logger for a name');
});

test('globallyDisabled: every method is a no-op', () => {
  const out = captureSetup({ globallyDisabled: true, logging: PLAIN_KEY_VALUE });
  const log = getLogger('off');
  log.critical('nothing');
  log.exception('nothing either');
  assert.equal(log.isEnabledFor('CRITICAL'), false);
  assert.deepEqual(out.lines, []);
  setupTelemetry({
    env: { SLUICE_TELEMETRY_DISABLED: 'on' },
    destination: { write: () => assert.fail('written') },
  });
  log.critical('still nothing');
});
