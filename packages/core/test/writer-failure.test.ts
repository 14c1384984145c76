import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLogger, RecordBuffer, type RecordSink } from '../dist/esm/index.js';

/** A record buffer that throws once when armed, as a sink over failing memory might. */
class FailingOnceBuffer extends RecordBuffer {
  armed = false;

  override ensure(n: number): void {
    if (this.armed) {
      this.armed = false;
      throw new Error('buffer failed');
    }
    super.ensure(n);
  }
}

/** A custom RecordSink that keeps each committed record as a string. */
function failingSink() {
  const out = new FailingOnceBuffer(64);
  const records: string[] = [];
  const sink: RecordSink = {
    out,
    begin: () => true,
    commit() {
      records.push(out.toString(0, out.pos));
      out.pos = 0;
    },
    flushSync() {},
    flush: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
  return { out, records, sink };
}

const EXPECTED = '{"level":30,"msg":"[Unserializable: Error: buffer failed]"}\n';

describe('a writer that throws mid-record', () => {
  test('a dynamic call does not throw and commits one valid, marked record', () => {
    const { out, records, sink } = failingSink();
    const log = createLogger({ base: null, timestamp: false, destination: sink });
    out.armed = true;
    assert.doesNotThrow(() => log.info({ long: 'x'.repeat(200) }, 'dynamic'));
    log.info('next');
    assert.deepEqual(records, [EXPECTED, '{"level":30,"msg":"next"}\n']);
  });

  test('an event call does not throw and commits one valid, marked record', () => {
    const { out, records, sink } = failingSink();
    const log = createLogger({ base: null, timestamp: false, destination: sink });
    const ev = log.event('event', { long: 'string' });
    out.armed = true;
    assert.doesNotThrow(() => ev.info('x'.repeat(200)));
    ev.info('next');
    assert.deepEqual(records, [EXPECTED, '{"level":30,"long":"next","msg":"event"}\n']);
  });
});
