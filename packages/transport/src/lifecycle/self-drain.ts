import {
  ALIVE,
  type ControlBlock,
  DEST_FAILING,
  EXIT_FENCE,
  GENERATION,
  RECORDS_WRITTEN,
  WRITE_ERRORS,
} from '../control/control-block.js';
import type { RecordShape } from '../layout/record-shape.js';
import { EXIT_DRAIN, type RingMemory, SELF_DRAIN } from '../layout/ring-layout.js';
import { DropReporter } from '../ring/drop-reporter.js';
import { RingConsumer } from '../ring/ring-consumer.js';
import type { SelfDrain } from '../ring/ring-producer.js';
import { SyncOutputs } from '../routing/sync-outputs.js';
import type { TargetConfig } from '../target/target-options.js';

/**
 * The producer's way out when the sink worker is gone or hangs: take the consumer role (only from a
 * worker that is no longer running, or silent past the stall timeout) and write the ring out
 * synchronously from this thread, to every target it can write that way, each at its level and in its
 * format (`SyncOutputs`), followed by the ring's drop report as the worker would write it.
 */
export function createSelfDrain(
  control: ControlBlock,
  targets: readonly TargetConfig[],
  records: RecordShape,
): SelfDrain {
  const ints = control.ints;
  // Kept across calls: its event registry reader has decoded the ring's event descriptors once (claim
  // restarts it at READ each time).
  let consumer: RingConsumer | null = null;
  let outputs: SyncOutputs | null = null;
  const writeDropReport = dropReportWriter(control, records);
  return (ring: RingMemory, workerSilent: boolean) => {
    if (consumer === null || consumer.ring !== ring) consumer = new RingConsumer(ring, control);
    // Only a worker generation can be stale: EXIT_DRAIN is the process's exit drain, which gives the
    // ring back once it has written what was committed when it started. A worker behind the exit's
    // write fence takes nothing more, its writes waited for (exit-write-fence.ts).
    const isStale = (holder: number) =>
      holder > 0 &&
      (workerSilent ||
        Atomics.load(ints, ALIVE) === 0 ||
        holder !== Atomics.load(ints, GENERATION) ||
        Atomics.load(ints, EXIT_FENCE) !== 0);
    if (!consumer.claim(SELF_DRAIN, isStale)) return;
    try {
      outputs ??= new SyncOutputs(targets, records);
      const to = outputs;
      while (consumer.hasRecords()) {
        const taken = consumer.visitRecords(SELF_DRAIN_CHUNK, to.route);
        writeFromThisThread(control, to);
        consumer.publishWritten(consumer.taken);
        control.floats[RECORDS_WRITTEN] += taken;
      }
      writeDropReport(consumer, to);
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

/**
 * The process's exit drain taking over another thread's ring (the worker is gone or silent): writes the
 * ring out from this thread up to `upTo`, the WRITE it saw when the drain started, while the ring's own
 * producer may still be logging past it. Claimed as EXIT_DRAIN, so neither that producer's self-drain
 * nor a worker reads the ring meanwhile; the records after `upTo` stay in the ring, behind the ones
 * written, so a thread's records are written once and in order whoever writes them later. Then the
 * report of what the ring has dropped so far, as the worker would write it. Returns false when the
 * ring could not be claimed (a live worker or the producer's own self-drain holds it: they write in
 * order too) or could not be written.
 */
export function createExitTakeover(
  control: ControlBlock,
  targets: readonly TargetConfig[],
  records: RecordShape,
): (ring: RingMemory, upTo: number, workerSilent: boolean) => boolean {
  const ints = control.ints;
  let outputs: SyncOutputs | null = null;
  const writeDropReport = dropReportWriter(control, records);
  return (ring, upTo, workerSilent) => {
    const consumer = new RingConsumer(ring, control);
    const isStale = (holder: number) =>
      holder > 0 &&
      (workerSilent || Atomics.load(ints, ALIVE) === 0 || holder !== Atomics.load(ints, GENERATION));
    if (!consumer.claim(EXIT_DRAIN, isStale)) return false;
    try {
      outputs ??= new SyncOutputs(targets, records);
      const to = outputs;
      while (consumer.hasRecordsBefore(upTo)) {
        const taken = consumer.visitRecords(SELF_DRAIN_CHUNK, to.route, upTo);
        writeFromThisThread(control, to);
        consumer.publishWritten(consumer.taken);
        control.floats[RECORDS_WRITTEN] += taken;
      }
      writeDropReport(consumer, to);
      return true;
    } catch {
      // What was not written stays in the ring; the exit drain reports it as not drained.
      Atomics.add(ints, WRITE_ERRORS, 1);
      return false;
    } finally {
      consumer.release(EXIT_DRAIN);
    }
  };
}

/**
 * After a ring's records, the report of its drops as the worker would write it, to every target; they
 * count as reported once it is written.
 */
function dropReportWriter(
  control: ControlBlock,
  records: RecordShape,
): (from: RingConsumer, to: SyncOutputs) => void {
  let reporter: DropReporter | null = null;
  return (from, to) => {
    const dropped = from.readDropsToReport();
    if (dropped === null) return;
    reporter ??= new DropReporter(records, to.route);
    reporter.report(dropped);
    try {
      writeFromThisThread(control, to);
    } catch (error) {
      from.abandonDropsReport();
      throw error;
    }
    from.confirmDropsReported();
  };
}

/**
 * Writes from this thread into the targets: a worker must not judge a file by its own writes alone
 * (release-journal.ts). Noted before and after, so a worker that measures the file meanwhile sees the
 * count move after its measure, whichever moment that was.
 */
function writeFromThisThread(control: ControlBlock, to: SyncOutputs): void {
  control.journal.noteForeignWrite();
  try {
    to.writeOut();
  } finally {
    control.journal.noteForeignWrite();
  }
}

const SELF_DRAIN_CHUNK = 256 * 1024;
