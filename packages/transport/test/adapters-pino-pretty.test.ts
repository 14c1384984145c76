import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import { createLogger } from '@sluice/core';
import { prettyFactory } from 'pino-pretty';
import { createTransport } from '../dist/esm/index.js';
import { readLines, tempLogDir } from './support/adapter-log-file.js';
import { closeTransport } from './support/close-transport.js';

const logFile = tempLogDir('pretty');
const require = createRequire(import.meta.url);
const ANSI = /\u001b\[[0-9;]*m/g;

/** sluice's default JSON for a few calls, written to `file` by core's synchronous destination. */
function logWithCore(file: string): void {
  const log = createLogger({ name: 'shop', destination: { dest: file, sync: true } });
  log.info({ orderId: 17 }, 'order placed');
  log.warn('stock low');
  log.child({ component: 'payments' }).error(new Error('card declined'), 'payment failed');
  log.debug('not written at info');
  log.flushSync();
}

/** pino-pretty's rendering of the records, in order: level label, name/pid, message, fields. */
function assertPretty(pretty: string): void {
  const text = pretty.replace(ANSI, '');
  const info = text.indexOf(`INFO (shop/${process.pid}): order placed`);
  const warn = text.indexOf(`WARN (shop/${process.pid}): stock low`);
  const error = text.indexOf(`ERROR (shop/${process.pid}): payment failed`);
  assert.ok(info !== -1, `INFO line in:\n${text}`);
  assert.ok(warn > info, `WARN line after INFO in:\n${text}`);
  assert.ok(error > warn, `ERROR line after WARN in:\n${text}`);
  assert.match(text, /orderId: 17/);
  assert.match(text, /component: "payments"/);
  assert.match(text, /Error: card declined/, 'the error stack is rendered');
  assert.ok(!text.includes('not written at info'));
}

describe("pino-pretty reads sluice's default JSON", () => {
  test('prettyFactory renders level names, messages and fields', () => {
    const file = logFile('core.log');
    logWithCore(file);
    const pretty = prettyFactory({ colorize: false });
    const rendered = readLines(file)
      .map((line) => pretty(line))
      .join('');
    assertPretty(rendered);
  });

  test('the pino-pretty CLI renders a file written through the transport', async () => {
    const file = logFile('transport.log');
    const transport = createTransport({ dest: file, append: false });
    try {
      const log = createLogger({ name: 'shop', transport });
      log.info({ orderId: 17 }, 'order placed');
      log.warn('stock low');
      log.child({ component: 'payments' }).error(new Error('card declined'), 'payment failed');
      log.debug('not written at info');
      await transport.flush();
    } finally {
      await closeTransport(transport);
    }
    const cli = spawnSync(process.execPath, [require.resolve('pino-pretty/bin.js')], {
      input: readFileSync(file),
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    assert.equal(cli.status, 0, cli.stderr);
    assertPretty(cli.stdout);
  });
});
