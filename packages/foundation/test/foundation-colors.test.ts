import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getLogger, setupTelemetry } from '../dist/esm/index.js';
import { captureSetup, PLAIN_JSON, PLAIN_KEY_VALUE } from './support/foundation-capture.js';

const ESC = '\u001b[';
const RESET = `${ESC}0m`;

test('colours: FORCE_COLOR gives structlog’s palette (dim time, level colour, bold event, cyan keys, magenta values)', () => {
  const at = Date.UTC(2026, 0, 2, 3, 4, 5, 6);
  const out = captureSetup({
    env: { FORCE_COLOR: '1' },
    clock: () => at,
    logging: { ...PLAIN_KEY_VALUE, omitTimestamp: false },
  });
  const log = getLogger('colour');
  log.info('hello', { user: 'ann' });
  log.error('bad');
  log.warning('careful');
  const [info, error, warning] = out.records();
  assert.match(info, /^\u001b\[2m\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.006000\u001b\[0m /);
  assert.equal(
    info.slice(info.indexOf(' [') + 1),
    `[${ESC}32m${ESC}1minfo     ${RESET}] ${ESC}1mhello${' '.repeat(25)}${RESET} ${ESC}36muser${RESET}=${ESC}35mann${RESET}`,
  );
  assert.equal(
    error.slice(error.indexOf(' [') + 1),
    `[${ESC}31m${ESC}1merror    ${RESET}] ${ESC}1mbad${RESET}`,
  );
  assert.ok(warning.includes(`[${ESC}33m${ESC}1mwarning  ${RESET}]`));
});

test('colours: never with NO_COLOR (even with FORCE_COLOR), nor FORCE_COLOR=0, nor a non-TTY destination', () => {
  for (const env of [{ NO_COLOR: '1' }, { NO_COLOR: '1', FORCE_COLOR: '1' }, { FORCE_COLOR: '0' }, {}]) {
    const out = captureSetup({ env, logging: PLAIN_KEY_VALUE });
    getLogger('plain').info('x', { k: 'v' });
    assert.equal(out.records()[0], '[info     ] x                              k=v', JSON.stringify(env));
  }
});

test('colours: on when the destination is a TTY; never in json', () => {
  const lines: string[] = [];
  const tty = { isTTY: true, write: (line: string) => void lines.push(line) };
  setupTelemetry({ env: {}, destination: tty, logging: PLAIN_KEY_VALUE });
  getLogger('tty').info('x');
  assert.equal(lines[0], `[${ESC}32m${ESC}1minfo     ${RESET}] ${ESC}1mx${RESET}\n`);
  const json = captureSetup({
    env: { FORCE_COLOR: '1' },
    logging: PLAIN_JSON,
  });
  getLogger('tty').info('x', { a: 1 });
  assert.equal(json.records()[0], '{"a":1,"event":"x","level":"info","logger_name":"tty"}');
});
