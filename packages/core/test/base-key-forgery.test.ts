import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { describe, test } from 'node:test';
import { parseLogfmtPairs } from '@sluice/test-support/line-parsers';
import { createLogger, type Logger } from '../dist/esm/index.js';
import { RecordCollector } from './support/record-collector.js';

// A field named like a key the base writes (pid, hostname, name, or any key of a custom base) is
// renamed `_key`, as one named level or time is: a second `pid` would win in JSON.parse and logfmt.

/** Every way a field reaches a record: call fields, a binding, a precompiled event's field. */
function logForged(log: Logger, key: string): void {
  log.info({ [key]: 'forged' }, 'call');
  log.info('msg first', { [key]: 'forged' });
  log.child({ [key]: 'forged' }).info('child');
  log.event('event', { [key]: 'string' }).info('forged');
}

function pairCounts(line: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [key] of parseLogfmtPairs(line.trimEnd())) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

describe('base keys cannot be forged by fields', () => {
  for (const key of ['pid', 'hostname', 'name']) {
    test(`json: a field named ${key} is written as _${key}, the base's ${key} stays once`, () => {
      const out = new RecordCollector();
      const log = createLogger({ name: 'svc', destination: out });
      logForged(log, key);
      for (const line of out.lines) {
        assert.equal(line.split(`"${key}":`).length - 1, 1, `one ${key} key in ${line}`);
        const record = JSON.parse(line);
        assert.equal(record[key], { pid: process.pid, hostname: hostname(), name: 'svc' }[key]);
        assert.equal(record[`_${key}`], 'forged', line);
      }
    });

    test(`logfmt: a field named ${key} is written as _${key}, the base's ${key} stays once`, () => {
      const out = new RecordCollector();
      const log = createLogger({ format: 'logfmt', name: 'svc', destination: out });
      logForged(log, key);
      for (const line of out.lines) {
        const counts = pairCounts(line);
        assert.equal(counts.get(key), 1, line);
        assert.equal(counts.get(`_${key}`), 1, line);
      }
    });
  }

  test('a custom base reserves its own keys, and keeps pino output when nothing collides', () => {
    const out = new RecordCollector();
    const log = createLogger({ base: { service: 'billing' }, timestamp: false, destination: out });
    log.info({ service: 'forged', pid: 7 }, 'x');
    assert.equal(out.lines[0], '{"level":30,"service":"billing","_service":"forged","pid":7,"msg":"x"}\n');
  });
});
