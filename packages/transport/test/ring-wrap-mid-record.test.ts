import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LEVEL_BUCKETS } from '../dist/esm/layout/level-buckets.js';
import { DROPPED, MIN_RING_BYTES } from '../dist/esm/layout/ring-layout.js';
import { consumeLines, openOneThreadRing } from './support/one-thread-ring.js';

// A record that reaches the end of the ring's data region while it is being written moves to offset 0
// (RingProducer.moveRecordToStart). Whatever the encoder remembered of the record's place must follow
// it: a message and a field string that repeat from call to call (whose bytes the encoder keeps, see
// RepeatedString) used to be measured from their old place, which threw, and the record was counted as
// a fatal drop (or, once oversize records were cut, replaced by a cut record).

for (const format of ['json', 'logfmt'] as const) {
  test(`${format}: records moved to the ring's start mid-write keep their repeated message and fields, none dropped`, () => {
    const delivered: string[] = [];
    const { ring, log, consumer } = openOneThreadRing({
      ringBytes: MIN_RING_BYTES,
      policy: 'block',
      // No worker: a producer out of room reads the ring here.
      selfDrain: () => {
        delivered.push(...consumeLines(consumer));
      },
      loggerOptions: { base: null, timestamp: false, format },
    });
    const COUNT = 3_000;
    // The repeated string asks for 6 bytes a character: records reach past the end of the data region
    // while it is written, at every offset (the pad before it varies).
    const tag = 'r'.repeat(400);
    for (let seq = 0; seq < COUNT; seq++) {
      log.info({ seq, pad: 'p'.repeat(seq % 97), tag }, 'the same message');
    }
    delivered.push(...consumeLines(consumer));
    const drops = LEVEL_BUCKETS.map((_, b) => Atomics.load(ring.header, DROPPED + b));
    assert.deepEqual(drops, [0, 0, 0, 0, 0, 0], 'nothing dropped');
    assert.equal(delivered.length, COUNT);
    delivered.forEach((line, seq) => {
      if (format === 'json') {
        assert.deepEqual(JSON.parse(line), {
          level: 30,
          seq,
          pad: 'p'.repeat(seq % 97),
          tag,
          msg: 'the same message',
        });
      } else {
        assert.ok(line.includes(`seq=${seq} `) && line.includes(`tag=${tag}`), line);
        assert.ok(line.includes('msg="the same message"'), line);
      }
    });
  });
}
