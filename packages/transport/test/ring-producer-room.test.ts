import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLogger } from '@sluice/core';
import fc from 'fast-check';
import { LEVEL_BUCKETS } from '../dist/esm/layout/level-buckets.js';
import {
  DROPPED,
  MIN_RING_BYTES,
  READ,
  RECORD_HEADER_BYTES,
  type RingMemory,
  readRecordLength,
  WRITE,
} from '../dist/esm/layout/ring-layout.js';
import type { FullPolicy } from '../dist/esm/ring/full-policy.js';
import { consumeLines, openOneThreadRing } from './support/one-thread-ring.js';

// The producer decides most records with one comparison against the room it computed after the last
// record (RingProducer.begin / beginEvent). These runs drive a real producer and a real consumer on one
// thread through random mixes of deferred events, text records of every size and partial reads, on the
// smallest ring, and check what that shortcut must never break: records arrive whole, in order and
// exactly once, never overwrite unread bytes or cross the end of the data region; a dropping policy
// keeps its 1 KiB headroom; and delivered + counted drops = logged.

/** The free space a record needs for a dropping policy to accept it (see DESIGN.md, full policies). */
const DROP_HEADROOM = 1024;

type Step =
  | { kind: 'event'; warn: boolean; pad: number }
  | { kind: 'text'; warn: boolean; pad: number }
  | { kind: 'read'; bytes: number };

// Weighted so that more is written than read: the ring fills up, records probe the drop threshold of
// every size, and now and then the reader catches up, leaving room everywhere (records near the end of
// the data region are then decided by the one comparison).
const step: fc.Arbitrary<Step> = fc.oneof(
  // Strings past 256 units take the event's text path: both paths mix in one ring.
  {
    weight: 20,
    arbitrary: fc.record({ kind: fc.constant('event' as const), warn: fc.boolean(), pad: fc.nat(300) }),
  },
  {
    weight: 10,
    arbitrary: fc.record({ kind: fc.constant('text' as const), warn: fc.boolean(), pad: fc.nat(2_000) }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('text' as const), warn: fc.boolean(), pad: fc.nat(12_000) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('read' as const), bytes: fc.nat(8_000) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('read' as const), bytes: fc.constant(Infinity) }) },
);

interface Delivered {
  seq: number;
  pad: string;
  level: number;
}

/**
 * The most bytes a record may take in the smallest ring (half of it, header included): a record that
 * asks for more is cut to a marker. The JSON writer asks for 3 bytes a character of a long string.
 */
const MAX_RECORD_BYTES = MIN_RING_BYTES / 2 - RECORD_HEADER_BYTES;

/**
 * Every published, unread record has a sane header and ends within the data region (records never wrap),
 * so a corrupt ring fails here rather than sending the consumer round in circles.
 */
function assertWellFormed(ring: RingMemory): void {
  const end = Atomics.load(ring.header, WRITE);
  for (let seq = Atomics.load(ring.header, READ); seq !== end; ) {
    const at = seq & ring.mask;
    const total = readRecordLength(ring.data, at);
    assert.ok(total >= RECORD_HEADER_BYTES && total % 8 === 0, `record length ${total} at ${at}`);
    assert.ok(at + total <= ring.capacity, `a record of ${total} bytes at ${at} crosses the end`);
    seq = (seq + total) | 0;
  }
}

/** Text that differs from record to record, so bytes left over from another record never pass for it. */
function padFor(seq: number, length: number): string {
  return `${seq}-`.repeat(Math.ceil(length / 2)).slice(0, length);
}

/**
 * A real producer and a real consumer on one thread over the smallest ring, a logger writing into it,
 * and every record the consumer reads, parsed. With no worker, a producer that must wait for room writes
 * its ring out itself: here, that is the consumer reading it (counted in `waits`).
 */
function openRing(policy: FullPolicy) {
  const delivered: Record<string, unknown>[] = [];
  const waits = { count: 0 };
  const { ring, log, consumer } = openOneThreadRing({
    ringBytes: MIN_RING_BYTES,
    policy,
    selfDrain: () => {
      waits.count++;
      read(Number.POSITIVE_INFINITY);
    },
    loggerOptions: LOG_OPTIONS,
  });
  const read = (maxBytes: number) => {
    assertWellFormed(ring);
    for (const line of consumeLines(consumer, maxBytes)) delivered.push(JSON.parse(line));
  };
  const dropped = (level: (typeof LEVEL_BUCKETS)[number]) =>
    Atomics.load(ring.header, DROPPED + LEVEL_BUCKETS.indexOf(level));
  return { ring, log, delivered, read, waits, dropped };
}

const LOG_OPTIONS = { base: null, timestamp: false } as const;

function run(policy: FullPolicy, steps: readonly Step[]): void {
  const { ring, log, delivered: parsed, read } = openRing(policy);
  const event = log.event('e', { seq: 'integer', pad: 'string' });
  const header = ring.header;
  const drops = () => LEVEL_BUCKETS.reduce((sum, _, b) => sum + Atomics.load(header, DROPPED + b), 0);
  const expected: Delivered[] = [];
  let dropped = 0;
  steps.forEach((s, seq) => {
    if (s.kind === 'read') {
      read(s.bytes);
      return;
    }
    const pad = padFor(seq, s.pad);
    const free = ring.capacity - ((Atomics.load(header, WRITE) - Atomics.load(header, READ)) >>> 0);
    const dropsBefore = drops();
    if (s.kind === 'event') (s.warn ? event.warn : event.info)(seq, pad);
    else (s.warn ? log.warn : log.info)({ seq, pad }, 'm');
    if (drops() > dropsBefore) {
      dropped++;
      return;
    }
    expected.push({ seq, pad, level: s.warn ? 40 : 30 });
    if (policy === 'drop') {
      assert.ok(
        free >= RECORD_HEADER_BYTES + DROP_HEADROOM,
        `record ${seq} accepted with ${free} bytes free`,
      );
    }
  });
  read(Number.POSITIVE_INFINITY);
  // A cut record stands in for the record it replaces: at its level, for a string that may need more
  // than a record may take.
  const delivered = parsed.map((record, i) => {
    if (record.oversize === undefined) return { seq: record.seq, pad: record.pad, level: record.level };
    assert.ok(i < expected.length && 3 * expected[i].pad.length > MAX_RECORD_BYTES - 1024, `cut: ${i}`);
    assert.deepEqual(record.oversize, { limit: MAX_RECORD_BYTES });
    return { ...expected[i], level: record.level };
  });
  assert.deepEqual(delivered, expected);
  assert.equal(delivered.length + dropped, steps.filter((s) => s.kind !== 'read').length);
  if (policy === 'shed') assert.equal(Atomics.load(header, DROPPED + LEVEL_BUCKETS.indexOf('warn')), 0);
}

test("policy 'drop': whole records in order, the 1 KiB headroom kept, delivered + dropped = logged", () => {
  fc.assert(
    fc.property(fc.array(step, { minLength: 100, maxLength: 400 }), (steps) => run('drop', steps)),
    { numRuns: 60 },
  );
});

test("policy 'shed': info records dropped and counted, warn records wait (here: the ring is read)", () => {
  fc.assert(
    fc.property(fc.array(step, { minLength: 50, maxLength: 200 }), (steps) => run('shed', steps)),
    { numRuns: 20 },
  );
});

test('events written up to the end of the data region, the reader keeping up: none crosses the end', () => {
  // Every size of event, READ fresh: the records right before the end are decided by the one comparison.
  const steps: Step[] = [];
  for (let seq = 0; steps.length < 4000; seq++) {
    steps.push({ kind: 'event', warn: false, pad: seq % 300 });
    if (seq % 50 === 49) steps.push({ kind: 'read', bytes: Number.POSITIVE_INFINITY });
  }
  for (const policy of ['block', 'drop'] as const) run(policy, steps);
});

test('a record that ends exactly at the end of the data region: the next one waits for the reader at offset 0', () => {
  const { ring, log, delivered, read, waits } = openRing('block');
  const expected: object[] = [];
  const logRecord = (fields: Record<string, unknown>) => {
    log.info(fields, 'm');
    expected.push({ level: 30, ...fields, msg: 'm' });
  };
  const offset = () => Atomics.load(ring.header, WRITE) & ring.mask;
  let seq = 0;
  while (offset() < ring.capacity - 3000) logRecord({ seq: seq++, pad: padFor(seq, 100) });
  // The reader takes about 1.5 KiB of records: the rest of the lap stays unread.
  read(1500);
  assert.ok(delivered.length > 0 && delivered.length < 20);
  // A record sized to end exactly at the end of the data region, so the next starts at offset 0 with
  // no PAD. Integers only: each asks for little room, so none moves the record to offset 0.
  const exactly = exactFields(seq++, ring.capacity - offset() - RECORD_HEADER_BYTES);
  logRecord(exactly);
  assert.equal(offset(), 0, 'the record ended at the end of the data region');
  assert.equal(waits.count, 0);
  // About 1.5 KiB at offset 0 are free again; 3 KiB are not: this record must wait for the reader.
  logRecord({ seq: seq++, pad: padFor(seq, 3000) });
  assert.ok(waits.count > 0, 'the producer waited for the reader instead of writing over unread records');
  read(Number.POSITIVE_INFINITY);
  assert.deepEqual(delivered, expected);
});

/** Integer fields whose JSON line (`{"level":30,"seq":..,...,"msg":"m"}\n`) is exactly `bytes` long. */
function exactFields(seq: number, bytes: number): Record<string, number> {
  const lineLength = (fields: object) => {
    let length = 0;
    const write = (line: string) => {
      length = Buffer.byteLength(line);
    };
    createLogger({ ...LOG_OPTIONS, destination: { write } }).info(fields, 'm');
    return length;
  };
  const fields: Record<string, number> = { seq };
  for (let k = 0; bytes - lineLength(fields) > 28; k++) fields[`n${k}`] = 1;
  // Two more fields, `,"y":` and `,"z":` with 1 to 9 digits each, take up the rest exactly.
  for (let y = 1; y <= 9; y++) {
    for (let z = 1; z <= 9; z++) {
      const candidate = { ...fields, y: 10 ** (y - 1), z: 10 ** (z - 1) };
      if (lineLength(candidate) === bytes) return candidate;
    }
  }
  throw new Error(`no fields make a line of ${bytes} bytes`);
}

test("policy 'drop': a fatal record meeting a full ring waits for room; an info record is dropped", () => {
  const { log, delivered, read, waits, dropped } = openRing('drop');
  let seq = 0;
  while (dropped('info') === 0) log.info({ seq: seq++, pad: padFor(seq, 200) }, 'm');
  const logged = seq;
  log.error({ seq: seq++ }, 'dropped too');
  assert.equal(dropped('error'), 1, 'an error record is dropped like any other below fatal');
  assert.equal(waits.count, 0, 'nothing waited so far');
  log.fatal({ seq: seq++ }, 'why the process ends');
  assert.ok(waits.count > 0, 'the fatal record waited for room');
  assert.equal(dropped('fatal'), 0);
  read(Number.POSITIVE_INFINITY);
  assert.deepEqual(
    delivered.map((record) => record.seq),
    [...Array.from({ length: logged - 1 }, (_, k) => k), logged + 1],
  );
  assert.equal(delivered[delivered.length - 1].level, 60);
});
