import {
  BYTES_WRITTEN,
  type ControlBlock,
  DESTINATION_DROPPED,
  RECORDS_RENDERED,
  RECORDS_WRITTEN,
  WORKER_WRITES,
} from '../control/control-block.js';
import { MAX_RELEASES_IN_FLIGHT } from '../control/release-journal.js';
import type { RingConsumer } from '../ring/ring-consumer.js';
import type { RecordRouter } from '../routing/record-router.js';
import type { WorkerTarget } from './worker-target.js';

/** What the worker does when a release tells it something. */
export interface ReleaseEvents {
  /** A target's counts for stats() changed. */
  publishCounts(target: WorkerTarget): void;
  /** A target lost records: the exit report names it. */
  noteLostBy(target: WorkerTarget): void;
  /** Every target flushed a release: its ring space is published. */
  released(): void;
}

/**
 * What the worker took out of the rings and has not released yet, and the releases under way. A
 * release asks every target to flush; when the last of them says it is done, the marked ring positions
 * are published (READ, FLUSHED) and producers may reuse that space. Each target runs its flush
 * callbacks in order, so releases complete in the order they were asked.
 */
export class ReleaseTracker {
  /** Releases asked of the targets and not yet flushed by all of them. */
  inFlight = 0;
  /** Records routed since the last release (its flush covers them even when no ring is marked). */
  unreleased = false;
  /** Which rings are released, up to where, once every target has flushed what was routed so far. */
  private marks: { consumer: RingConsumer; seq: number }[] = [];
  private records = 0;
  /** Rings whose drop report was routed since the last release. */
  private reportsToConfirm: RingConsumer[] = [];
  /** Releases numbered from 1 in this generation (the journal's and the rings' marks). */
  private releaseCount = 0;
  /** Records targets lost beyond the releases that completed so far (see takeLost). */
  private lostToCarry = 0;

  constructor(
    private readonly control: ControlBlock,
    private readonly generation: number,
    private readonly targets: readonly WorkerTarget[],
    private readonly router: RecordRouter,
    private readonly events: ReleaseEvents,
  ) {}

  /** As many releases are under way as the release journal keeps. */
  get full(): boolean {
    return this.inFlight >= MAX_RELEASES_IN_FLIGHT;
  }

  /** Something was routed or taken that no release covers yet. */
  get pending(): boolean {
    return this.unreleased || this.marks.length > 0;
  }

  markTaken(consumer: RingConsumer, records: number): void {
    this.records += records;
    this.unreleased = true;
    const last = this.marks[this.marks.length - 1];
    if (last !== undefined && last.consumer === consumer) last.seq = consumer.taken;
    else this.marks.push({ consumer, seq: consumer.taken });
  }

  /**
   * A ring's drop report was routed like any record. Its counts leave the ring's counters (and join the
   * totals in stats) only once the release covering it is written.
   */
  noteReport(consumer: RingConsumer): void {
    this.reportsToConfirm.push(consumer);
  }

  /**
   * Asks every target to flush; when the last of them says it is done, the marked ring positions are
   * published (READ, FLUSHED) and producers may reuse that space.
   */
  release(): void {
    const marks = this.marks;
    const records = this.records;
    const reports = this.reportsToConfirm;
    this.marks = [];
    this.records = 0;
    this.reportsToConfirm = [];
    this.unreleased = false;
    const bytes = this.router.bytesRouted;
    const routed = this.router.recordsRouted.slice();
    const generation = this.generation;
    const floats = this.control.floats;
    const journal = this.control.journal;
    floats[RECORDS_RENDERED] = this.router.rendered;
    // Journal first: whoever takes over after a kill must know which file bytes this release owns.
    const release = ++this.releaseCount;
    journal.record(
      release,
      this.targets.map((target) => target.destination.acceptedBytes ?? Number.NaN),
    );
    for (const { consumer, seq } of marks) consumer.noteRelease(release, seq);
    for (const consumer of reports) consumer.noteReportRelease(release);
    let waiting = this.targets.length;
    this.inFlight++;
    // Its writes may outlast the pass that asked for them: an ending process waits for them too.
    this.control.holdWrite(WORKER_WRITES);
    const flushed = () => {
      if (--waiting !== 0) return;
      this.inFlight--;
      this.control.endWrite(WORKER_WRITES);
      floats[RECORDS_WRITTEN] += records - this.takeLost(records);
      floats[BYTES_WRITTEN] = bytes;
      this.targets.forEach((target, index) => {
        target.counters.taken = routed[index];
        this.events.publishCounts(target);
      });
      for (const { consumer, seq } of marks) {
        if (consumer.holds(generation)) consumer.publishWritten(seq);
      }
      for (const consumer of reports) {
        if (consumer.holds(generation)) consumer.confirmDropsReported();
      }
      journal.published(release);
      this.events.released();
    };
    for (const target of this.targets) target.destination.flush(flushed);
  }

  /**
   * Records of a completed release that some target discarded instead of writing (an abandoned
   * destination): they count as dropped, not written. A target discards in-flight batches of several
   * releases at once, before their flushes complete, so what exceeds this release carries to the next.
   */
  takeLost(records: number): number {
    // A record lost by several targets is one record not written: the most any target lost counts.
    let mostLost = 0;
    for (const target of this.targets) {
      const dropped = target.destination.recordsDropped ?? 0;
      if (dropped === target.droppedSeen) continue;
      this.control.floats[DESTINATION_DROPPED] += dropped - target.droppedSeen;
      mostLost = Math.max(mostLost, dropped - target.droppedSeen);
      target.droppedSeen = dropped;
      this.events.noteLostBy(target);
    }
    this.lostToCarry += mostLost;
    const lost = Math.min(records, this.lostToCarry);
    this.lostToCarry -= lost;
    return lost;
  }
}
