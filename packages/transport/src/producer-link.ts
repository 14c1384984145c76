import { isMainThread } from 'node:worker_threads';
import type { Clock, TransportLink } from '@sluice/core';
import { ControlBlock, DEST_FAILING } from './control/control-block.js';
import { SharedClock } from './control/shared-clock.js';
import type { RecordShape } from './layout/record-shape.js';
import { RingMemory } from './layout/ring-layout.js';
import { type CallerWrites, createCallerWrites } from './lifecycle/caller-writes.js';
import { drainRingsAtExit, snapshotRings } from './lifecycle/exit-drain.js';
import {
  awaitFailingGivenUp,
  awaitHeldRecordsGivenUp,
  giveUpFailingDestinations,
  reportDropsAtExit,
} from './lifecycle/exit-give-up.js';
import { drainOnExit } from './lifecycle/exit-hooks.js';
import { fenceWritesForExit } from './lifecycle/exit-write-fence.js';
import { createExitTakeover, createSelfDrain } from './lifecycle/self-drain.js';
import { type ProducerOptions, RingProducer } from './ring/ring-producer.js';
import { targetName } from './target/target-name.js';
import type { TargetConfig } from './target/target-options.js';
import { writePreformattedLine } from './write-preformatted-line.js';

/**
 * One thread's connection to a transport: its ring's producer, the shared clock, and the exit hook
 * that drains the ring when this thread ends. The owner's link (`otherRings`) drains every ring of the
 * transport when the process ends.
 */
export class ProducerLink implements TransportLink {
  readonly sink: RingProducer;
  readonly clock: Clock;
  readonly control: ControlBlock;
  private readonly removeExitHook: () => void;
  private readonly targetNames: string[];
  private readonly targets: readonly TargetConfig[];
  private readonly records: RecordShape;
  /** This thread's own writes of its records below burst rates; null when the targets do not allow them. */
  private readonly callerWrites: CallerWrites | null;

  constructor(
    control: SharedArrayBuffer,
    ring: SharedArrayBuffer,
    targets: readonly TargetConfig[],
    records: RecordShape,
    private readonly options: Readonly<ProducerOptions & { exitTimeoutMs: number }>,
    /**
     * The owner's link: the transport's other rings (threads attached through handles). The process's
     * exit drains them too, as their threads may still be logging or were cut off.
     */
    private readonly otherRings: (() => readonly SharedArrayBuffer[]) | null = null,
  ) {
    this.control = new ControlBlock(control);
    this.targets = targets;
    this.records = records;
    this.targetNames = targets.map((target) => targetName(target.dest));
    const memory = new RingMemory(ring);
    this.callerWrites = createCallerWrites(this.control, memory, targets, records);
    this.sink = new RingProducer(
      memory,
      this.control,
      options,
      createSelfDrain(this.control, targets, records),
      records,
      this.callerWrites,
    );
    this.clock = new SharedClock(this.control);
    this.removeExitHook = drainOnExit(this);
  }

  flush(): Promise<void> {
    return this.sink.flush();
  }

  /**
   * Writes a line another logger already formatted (a pino or winston line) as one record at `level`
   * (a sluice level number: it decides shedding and drop counts). A newline is appended if the line
   * lacks one. False when the full-ring policy dropped it (counted); it never throws for that.
   */
  writeLine(line: string, level: number): boolean {
    return writePreformattedLine(this.sink, line, level);
  }

  flushSync(): void {
    this.sink.flushSync();
  }

  /**
   * Exit path: bounded, so a destination that never drains cannot hang the exit. False when the exit
   * timeout ran out with records unwritten and the destination not failing: a write to it may be
   * blocked for good (a pipe nobody reads), and such a thread keeps Node from ending the process.
   */
  drainForExit(processEnds: boolean): boolean {
    const timeoutMs = this.options.exitTimeoutMs;
    const giveUpAt = Date.now() + timeoutMs;
    // What the other threads had committed when the process's exit began: written, whether they still
    // log or were cut off (their own exit listeners do not run when the process ends).
    const others =
      isMainThread && this.otherRings !== null
        ? snapshotRings(
            this.otherRings()
              .filter((buffer) => buffer !== this.sink.ring.buffer)
              .map((buffer) => new RingMemory(buffer)),
          )
        : [];
    // Only the process's exit gives up on failing destinations: a thread's exit is not the end.
    if (isMainThread) giveUpFailingDestinations(this.control, timeoutMs);
    const takeOver = others.length > 0 ? createExitTakeover(this.control, this.targets, this.records) : null;
    const drainOnce = (): boolean => {
      let drained = this.sink.flushSyncWithin(remainingMs(giveUpAt));
      if (takeOver !== null) {
        const stallTimeoutMs = this.options.stallTimeoutMs;
        drained = drainRingsAtExit(this.control, others, takeOver, stallTimeoutMs, giveUpAt) && drained;
      }
      return drained;
    };
    let drained = drainOnce();
    // A destination found failing only by this drain (its first write failed meanwhile) stopped it:
    // once the worker has given it up, the rest drains at once, every record counted as dropped.
    const failing = Atomics.load(this.control.ints, DEST_FAILING) !== 0;
    if (failing && isMainThread && awaitFailingGivenUp(this.control, remainingMs(giveUpAt))) {
      drained = drainOnce();
    }
    if (isMainThread) {
      awaitHeldRecordsGivenUp(this.control, timeoutMs);
      reportDropsAtExit(this.control, this.targetNames);
    }
    if (processEnds) {
      fenceWritesForExit(this.control, remainingMs(giveUpAt));
      // The worker writes nothing more: what this thread still logs (an 'exit' listener after this one)
      // is written from here as it is committed, whole, as after close().
      this.sink.writeThrough = true;
    }
    // A failing destination never makes a write wait: what it left was given up, or is being.
    return drained || failing || Atomics.load(this.control.ints, DEST_FAILING) !== 0;
  }

  detach(): void {
    this.removeExitHook();
    this.callerWrites?.close();
  }
}

/** Milliseconds left until `deadline` (epoch ms), never negative. */
function remainingMs(deadline: number): number {
  return Math.max(0, deadline - Date.now());
}
