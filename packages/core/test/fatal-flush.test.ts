import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLogger, RecordBuffer, type RecordSink } from '../dist/esm/index.js';

/** A sink whose flushSync fails, as a closed or full destination's can. */
function failingFlushSink(lines: string[]): RecordSink {
  const out = new RecordBuffer(1024);
  return {
    out,
    begin: () => true,
    commit() {
      lines.push(out.toString(0, out.pos));
      out.pos = 0;
    },
    flushSync() {
      throw new Error('flush failed');
    },
    flush: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}

test('fatal() and an event fatal() commit the record and never throw when the flush fails', () => {
  const lines: string[] = [];
  const log = createLogger({ destination: failingFlushSink(lines), base: null, timestamp: false });
  assert.doesNotThrow(() => log.fatal('going down'));
  assert.doesNotThrow(() => log.event('event down', { code: 'integer' }).fatal(3));
  assert.deepEqual(
    lines.map((line) => JSON.parse(line)),
    [
      { level: 60, msg: 'going down' },
      { level: 60, code: 3, msg: 'event down' },
    ],
  );
});
