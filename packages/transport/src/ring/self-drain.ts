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
import type { RecordShape } from '../worker/worker-data.js';
import { DropReporter } from './drop-reporter.js';
import { RingConsumer } from './ring-consumer.js';
import { type RingMemory, SELF_DRAIN } from './ring-layout.js';
import type { SelfDrain } from './ring-producer.js';

/**
 * The producer's way out when the sink worker is gone or hangs: take the consumer role (only from a
 * worker that is no longer running, or silent past the stall timeout) and write the ring to the
 * destination synchronously from this thread.
 */
export function createSelfDrain(
  control: ControlBlock,
  destination: DestinationSpec,
  records: RecordShape,
): SelfDrain {
  let fd = -1;
  const scratch = new RecordBuffer(SELF_DRAIN_CHUNK);
  const ints = control.ints;
  // Kept across calls: its event registry reader has decoded the ring's event descriptors once (claim
  // restarts it at READ each time).
  let consumer: RingConsumer | null = null;
  let reporter: DropReporter | null = null;
  /**
   * Writes from this thread into the destination: a worker must not judge the file by its own writes
   * alone (release-journal.ts). Noted before and after, so a worker that measures the file meanwhile
   * sees the count move after its measure, whichever moment that was.
   */
  const writeForeign = (to: number, bytes: RecordBuffer) => {
    control.journal.noteForeignWrite();
    try {
      writeAllSync(to, bytes.bytes, bytes.pos);
    } finally {
      control.journal.noteForeignWrite();
    }
  };
  const appendToScratch = (bytes: Uint8Array, start: number, end: number) => {
    scratch.ensure(end - start);
    scratch.bytes.set(bytes.subarray(start, end), scratch.pos);
    scratch.pos += end - start;
  };
  /** After the ring's records, the report of its drops (as the worker would write it), then clears them. */
  const writeDropReport = (from: RingConsumer) => {
    const dropped = from.readDropsToReport();
    if (dropped === null) return;
    scratch.pos = 0;
    reporter ??= new DropReporter(records, appendToScratch);
    reporter.report(dropped);
    try {
      writeForeign(fd, scratch);
    } catch (error) {
      from.abandonDropsReport();
      throw error;
    }
    from.confirmDropsReported().forEach((count, bucket) => {
      control.addDropped(bucket, count);
    });
  };
  return (ring: RingMemory, workerSilent: boolean) => {
    if (consumer === null || consumer.ring !== ring) consumer = new RingConsumer(ring, control);
    const isStale = (holder: number) =>
      workerSilent || Atomics.load(ints, ALIVE) === 0 || holder !== Atomics.load(ints, GENERATION);
    if (!consumer.claim(SELF_DRAIN, isStale)) return;
    try {
      if (fd === -1) fd = openDestination(destination, false);
      while (consumer.hasRecords()) {
        scratch.pos = 0;
        const copied = consumer.copyRecords(scratch, SELF_DRAIN_CHUNK);
        writeForeign(fd, scratch);
        consumer.publishWritten(consumer.taken);
        control.floats[RECORDS_WRITTEN] += copied;
      }
      writeDropReport(consumer);
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
