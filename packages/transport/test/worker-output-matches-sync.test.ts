import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { type Clock, createLogger, destination, type Logger, type LoggerOptions } from '@sluice/core';
import { createTransport } from '../dist/esm/index.js';
import { assertSameFile, tempDir } from './support/records.js';

// The same calls through the sink worker and through core's synchronous destination must give the same
// bytes: one formatter serves both paths (DESIGN.md, "How a record flows").

const dir = tempDir('same-bytes');
const clock: Clock = { now: () => 1764164467000 };

/** Every call form worth comparing; the errors are shared so both runs print the same stacks. */
function logEverything(log: Logger, error: Error, withCause: Error): void {
  log.info('hello world');
  log.info({ a: 1, b: 'two', nested: { deep: [1, 2, { x: null }] }, yes: true }, 'with fields');
  log.info('the info(msg, fields) order', { user: 'ada' });
  log.warn('printf %s is %d years old, %i%%, %f and %j', 'sluice', 3, 4.7, 1.5, { k: 'v' });
  log.info('more args than placeholders %s', 'one', 'two', { three: 3 });
  log.debug({ level: 'a field named level', msg: 'a field named msg' }, 'shadowing keys');
  log.trace('trace is enabled here');
  log.info();

  const child = log.child({ requestId: 'r-1', user: { id: 7 } });
  child.info({ op: 'get' }, 'child record');
  const grandchild = child.child({ span: 'inner' });
  grandchild.warn('grandchild record');

  log.error(error);
  log.error(error, 'with a message of its own');
  log.error({ err: error, extra: 1 }, 'error in fields');
  log.error(withCause);

  const event = log.event('benchmark message', { iteration: 'integer', batch: 'string', success: 'boolean' });
  event.info(1, 'performance_test', true);
  event.warn(2, 'with "quotes" and \\ backslashes', false);
  child.event('child event', { n: 'number' }).info(2.5);

  log.info(
    {
      unicode: '日本語 ✓ émoji 🎉',
      lone: '\ud800 lone surrogate',
      control: '\u0001\u001b[31m red \u001b[0m\n\t',
      big: 10n,
      notFinite: [Number.NaN, Number.POSITIVE_INFINITY],
      ['__proto__']: { polluted: true },
      date: new Date(0),
    },
    'hostile values',
  );
  const cyclic: Record<string, unknown> = { name: 'cycle' };
  cyclic.self = cyclic;
  log.info({ cyclic }, 'a cycle');
  const throwing = {
    get boom(): never {
      throw new Error('getter threw');
    },
  };
  log.info({ throwing }, 'a throwing getter');
  log.info({ long: 'x'.repeat(50_000) }, 'a long value');

  // Enough records to span several batches of the worker (128 KiB each).
  for (let seq = 0; seq < 3000; seq++) log.info({ seq, payload: 'p'.repeat(seq % 200) }, 'bulk');
  log.fatal('the end');
}

async function compare(options: Partial<LoggerOptions>): Promise<void> {
  const name = options.format ?? 'json';
  const viaWorker = join(dir, `${name}-worker.log`);
  const viaSync = join(dir, `${name}-sync.log`);
  const error = new Error('boom');
  const withCause = new Error('outer', { cause: new TypeError('inner') });

  const transport = createTransport({ dest: viaWorker, append: false });
  logEverything(createLogger({ ...options, level: 'trace', clock, transport }), error, withCause);
  await transport.close();

  const sync = destination({ dest: viaSync, append: false, sync: true });
  logEverything(createLogger({ ...options, level: 'trace', clock, destination: sync }), error, withCause);
  await sync.close();

  const syncLines = assertSameFile(viaWorker, viaSync);
  assert.ok(syncLines.length > 3000, 'the run wrote every record');
  if (name === 'logfmt') assert.match(syncLines[0], /^level=info time=2025-11-26T13:41:07\.000Z msg="?hello/);
  else assert.equal(JSON.parse(syncLines[0]).level, 30);
}

describe('the sink worker writes exactly what the sync destination writes', () => {
  test('JSON: every call form gives byte-identical output', () => compare({}));
  test('logfmt: every call form gives byte-identical output', () => compare({ format: 'logfmt' }));
  test('custom keys and no base fields give byte-identical output', () =>
    compare({ base: null, name: 'svc', keys: { message: 'message', time: 'ts' } }));
});
