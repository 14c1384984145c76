import { RecordBuffer } from '@sluice/core';
import {
  ALIVE,
  type ControlBlock,
  DEST_FAILING,
  GENERATION,
  RECORDS_WRITTEN,
  WRITE_ERRORS,
} from '../control/control-block.js';
import { type DestinationSpec, openDestination, writeAllSync } from '../destination/destination-spec.js';
import { RingConsumer } from './ring-consumer.js';
import { type RingMemory, SELF_DRAIN } from './ring-layout.js';
import type { SelfDrain } from './ring-producer.js';

/**
 * The producer's way out when the sink worker is gone or hangs: take the consumer role (only from a
 * worker that is no longer running, or silent past the stall timeout) and write the ring to the
 * destination synchronously from this thread.
 */
export function createSelfDrain(control: ControlBlock, destination: DestinationSpec): SelfDrain {
  let fd = -1;
  const scratch = new RecordBuffer(SELF_DRAIN_CHUNK);
  const ints = control.ints;
  // Kept across calls: its event registry reader has decoded the ring's event descriptors once (claim
  // restarts it at READ each time).
  let consumer: RingConsumer | null = null;
  return (ring: RingMemory, workerSilent: boolean) => {
    if (consumer === null || consumer.ring !== ring) consumer = new RingConsumer(ring);
    const isStale = (holder: number) =>
      workerSilent || Atomics.load(ints, ALIVE) === 0 || holder !== Atomics.load(ints, GENERATION);
    if (!consumer.claim(SELF_DRAIN, isStale)) return;
    try {
      if (fd === -1) fd = openDestination(destination, false);
      while (consumer.hasRecords()) {
        scratch.pos = 0;
        const records = consumer.copyRecords(scratch, SELF_DRAIN_CHUNK);
        writeAllSync(fd, scratch.bytes, scratch.pos);
        consumer.publishWritten(consumer.taken);
        control.floats[RECORDS_WRITTEN] += records;
      }
      if (Atomics.load(ints, DEST_FAILING) !== 0) Atomics.store(ints, DEST_FAILING, 0);
    } catch (error) {
      // The records stay in the ring (READ did not move). DEST_FAILING makes a full ring drop and
      // count rather than wait on a destination nobody can write: never an exception into the logger
      // call that got here, never a hang.
      Atomics.add(ints, WRITE_ERRORS, 1);
      if (Atomics.exchange(ints, DEST_FAILING, 1) === 0) {
        process.emitWarning(`sluice: writing records out failed: ${(error as Error).message}`, {
          code: 'SLUICE_TRANSPORT',
        });
      }
    } finally {
      consumer.release(SELF_DRAIN);
    }
  };
}

const SELF_DRAIN_CHUNK = 256 * 1024;
