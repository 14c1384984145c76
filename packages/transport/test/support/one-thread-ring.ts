import { createLogger, type LoggerOptions } from '@sluice/core';
import { ControlBlock } from '../../dist/esm/control/control-block.js';
import { SharedClock } from '../../dist/esm/control/shared-clock.js';
import { CONSUMER, RingMemory } from '../../dist/esm/layout/ring-layout.js';
import type { FullPolicy } from '../../dist/esm/ring/full-policy.js';
import { RingConsumer } from '../../dist/esm/ring/ring-consumer.js';
import { RingProducer, type SelfDrain } from '../../dist/esm/ring/ring-producer.js';

export interface OneThreadRingOptions {
  ringBytes: number;
  policy: FullPolicy;
  /**
   * What the producer does when it must wait for room. With no sink worker nothing else reads the ring,
   * so this decides whether a full ring is read here or is a failure of the test.
   */
  selfDrain: SelfDrain;
  loggerOptions: LoggerOptions;
}

/**
 * A fresh ring with a real producer, a logger writing into it and a real consumer, all on the test's
 * thread: no worker runs, so a test can look at the ring's bytes and header between two calls.
 */
export function openOneThreadRing({ ringBytes, policy, selfDrain, loggerOptions }: OneThreadRingOptions) {
  const control = new ControlBlock();
  // No worker ticks the shared clock here, so it is given a time to start from.
  control.setClock(1764164467000);
  const ring = RingMemory.allocate(ringBytes);
  // The test's thread is the ring's consumer from the start (no worker to wait for while it starts).
  Atomics.store(ring.header, CONSUMER, 1);
  const options = { policy, shedBelow: 40, stallTimeoutMs: 0, blockTimeoutMs: 60_000 };
  // Records too large for the ring are cut to a marker in this shape (timestamp off: none to compare).
  const records = { format: 'json', timestamp: false, keys: {}, base: null, name: undefined } as const;
  const producer = new RingProducer(ring, control, options, selfDrain, records);
  const log = createLogger({
    ...loggerOptions,
    transport: { sink: producer, clock: new SharedClock(control) },
  });
  return { ring, log, consumer: new RingConsumer(ring) };
}

/** The text of each published record `consumer` has not read, up to `maxBytes`; their room is freed. */
export function consumeLines(consumer: RingConsumer, maxBytes = Number.POSITIVE_INFINITY): string[] {
  const lines: string[] = [];
  consumer.visitRecords(maxBytes, (bytes, start, end) => {
    lines.push(bytes.toString('utf8', start, end));
  });
  consumer.publishWritten(consumer.taken);
  return lines;
}
