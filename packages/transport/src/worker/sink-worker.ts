import { constants as osConstants } from 'node:os';
import { isatty } from 'node:tty';
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { DEFAULT_RECORD_KEYS } from '@sluice/core';
import {
  ABANDONED_ERRNO,
  ABANDONED_TARGET,
  ALIVE,
  CALLER_WRITES,
  ControlBlock,
  DEST_FAILING,
  EXIT_GIVE_UP,
  GENERATION,
  GZIP_PENDING,
  GZIP_POOL,
  GZIP_STREAM,
  MESSAGES_UNREAD,
  RECORDS_WRITTEN,
  REOPENS,
  SLEEPING,
  TARGETS_HOLDING,
  WAKE,
  WAKE_UPS,
  WORKER_WRITES,
  WRITE_ERRORS,
} from '../control/control-block.js';
import { LINGER_MS } from '../control/linger.js';
import { TargetCounters } from '../control/target-counters.js';
import { Compressor } from '../destination/compressor.js';
import type { DestinationEvents, RecordDestination } from '../destination/record-destination.js';
import type { RotationServices } from '../destination/rotating-file-destination.js';
import { KIND_TEXT, RingMemory } from '../layout/ring-layout.js';
import { prettyColors } from '../render/pretty-line.js';
import { DropReporter } from '../ring/drop-reporter.js';
import { RingConsumer } from '../ring/ring-consumer.js';
import { RecordRouter } from '../routing/record-router.js';
import { openTargetDestination } from '../target/open-target-destination.js';
import { targetName } from '../target/target-name.js';
import type { TargetConfig } from '../target/target-options.js';
import { PassSchedule } from './pass-schedule.js';
import { ReleaseTracker } from './release-tracker.js';
import type { OwnerMessage, SinkMessage, SinkWorkerData } from './sink-worker-data.js';
import type { WorkerTarget } from './worker-target.js';

/**
 * The sink worker: drains every producer's ring in turn and hands each record to its targets, keeps
 * the shared clock during bursts, and reports what producers dropped. It sleeps on WAKE when there is
 * nothing to do (blocking the thread when nothing needs its event loop, see waitForWake), so producers
 * only pay for a notify when it sleeps; while records keep coming it lingers instead (see rest and
 * PassSchedule), so they pay for none.
 *
 * A record goes through two steps: `takeRecord` gets its text in the ring's format (the ring consumer
 * has already turned a deferred event into text with its replayer), then `RecordRouter.route` sends it to
 * every target whose level it reaches, rendered once per distinct format. A ring's records are released
 * only once every target has flushed them (ReleaseTracker). The fast path: a single target in the ring's
 * format that takes every level, on a destination that offers it (`bulkBatch`), copies whole runs of
 * records into its batch, with no per-record work.
 */
class SinkWorker {
  private readonly control: ControlBlock;
  private readonly targetCounters: SharedArrayBuffer;
  private readonly consumers: RingConsumer[] = [];
  /** The ring the next pump starts at (see pump). */
  private firstRing = 0;
  private readonly targets: WorkerTarget[];
  private readonly targetConfigs: readonly TargetConfig[];
  private readonly router: RecordRouter;
  /** The fast path's destination, or null when records are routed one by one. */
  private readonly bulk: BulkDestination | null;
  private readonly reporter: DropReporter;
  private readonly generation: number;
  private readonly releases: ReleaseTracker;
  private readonly schedule: PassSchedule;
  private compressor: Compressor | null = null;
  /** Waiting on WAKE (asleep or lingering). */
  private waiting = false;
  private pumping = false;
  private stopping = false;
  private finished = false;
  /** Set once an exception escaped: no record is taken any more (see failStop). */
  private crashed = false;
  /** Set while a pass releases: a release written at once needs no pump scheduled (the pass goes on). */
  private inPass = false;
  /** The next pass is a follow-up (see schedulePump). */
  private followUp = false;
  /** WAKE as the last pump saw it: a change means someone asked for the rings to be written now. */
  private seenWake = 0;
  private watchingWake = false;
  private closingTargets = false;

  constructor(
    data: SinkWorkerData,
    private readonly owner: MessagePort,
  ) {
    this.control = new ControlBlock(data.control);
    this.schedule = new PassSchedule(this.control, () => this.tick());
    this.targetCounters = data.targetCounters;
    this.generation = data.generation;
    const services: RotationServices = {
      compressor: () => {
        this.compressor ??= new Compressor(data.gzipTask);
        return this.compressor;
      },
      onCompressing: () => Atomics.add(this.control.ints, GZIP_PENDING, 1),
      onCompressed: (by) => {
        // Counted before it leaves `pending`, so stats() never misses a compressed file between the two.
        if (by !== null) Atomics.add(this.control.ints, by === 'pool' ? GZIP_POOL : GZIP_STREAM, 1);
        Atomics.sub(this.control.ints, GZIP_PENDING, 1);
      },
      onWarning: (error) => this.post({ type: 'warning', message: error.message }),
    };
    // The predecessor's journal was settled before this worker started (or by whoever took its rings).
    this.control.journal.begin(this.generation, data.targets.length);
    this.targetConfigs = data.targets;
    this.targets = data.targets.map((config, index) => this.openTarget(config, index, services));
    const ringFormat = data.records.format;
    this.router = new RecordRouter(
      data.targets.map((config, i) => ({
        destination: this.targets[i].destination,
        level: config.level,
        format: config.format,
        colors:
          config.format === 'pretty' &&
          prettyColors(config.dest.type === 'fd' && isatty(config.dest.fd), process.env),
      })),
      ringFormat,
      { ...DEFAULT_RECORD_KEYS, ...data.records.keys },
    );
    const only = data.targets.length === 1 ? data.targets[0] : null;
    const destination = this.targets[0].destination;
    this.bulk =
      only !== null && only.format === ringFormat && only.level <= 0 && offersBulk(destination)
        ? destination
        : null;
    this.releases = new ReleaseTracker(this.control, this.generation, this.targets, this.router, {
      publishCounts: (target) => this.publishCounts(target),
      noteLostBy: (target) => this.noteLostBy(target),
      released: () => {
        this.rejudgeFilesWrittenByOthers();
        if (!this.saturated() && !this.inPass) this.schedulePump(true);
      },
    });
    this.reporter = new DropReporter(data.records, (bytes, start, end, level) =>
      this.takeRecord(bytes, start, end, level, KIND_TEXT),
    );
    for (const ring of data.rings) this.attach(ring);
  }

  private openTarget(config: TargetConfig, index: number, services: RotationServices): WorkerTarget {
    const target: WorkerTarget = {
      destination: null as unknown as RecordDestination,
      failing: false,
      droppedSeen: 0,
      reported: false,
      counters: new TargetCounters(this.targetCounters, index),
      index,
      lastError: null,
    };
    const name = targetName(config.dest);
    const events: DestinationEvents = {
      onError: (error) => {
        target.failing = true;
        this.reportWriteError(target, name, error, false);
      },
      // It keeps taking records (held or dropped by the destination): reported, but nothing waits on it.
      onUnreachable: (error) => {
        target.lastError = error;
        this.reportWriteError(target, name, error, false, false);
        this.countsChanged(target);
      },
      onCountsChanged: () => this.countsChanged(target),
      onRecovered: () => {
        target.failing = false;
        target.reported = false;
        this.noteNoLongerFailing();
      },
      // Gone for good: its records are discarded and counted from now on, so nothing waits for it.
      onAbandoned: (error) => {
        target.failing = false;
        target.reported = false;
        target.lastError = error;
        this.reportWriteError(target, name, error, true);
        this.noteLostBy(target);
        this.countsChanged(target);
        this.noteNoLongerFailing();
      },
    };
    // Only a file this worker opens itself can be judged by its size after a kill (release-journal.ts).
    const dest = config.dest;
    if (dest.type === 'file') {
      events.onFileOpened = (fd, written) => this.control.journal.registerFile(index, dest.path, fd, written);
    }
    target.destination = openTargetDestination(config.dest, events, services);
    return target;
  }

  attach(buffer: SharedArrayBuffer): void {
    this.consumers.push(new RingConsumer(new RingMemory(buffer), this.control));
    this.schedulePump();
  }

  listen(port: MessagePort): void {
    port.on('message', (message: SinkMessage) => this.onMessage(message));
  }

  onMessage(message: SinkMessage): void {
    Atomics.sub(this.control.ints, MESSAGES_UNREAD, 1);
    if (message.type === 'attach') this.attach(message.ring);
    else if (message.type === 'reopen') this.reopen();
    else if (message.type === 'stop') this.stop();
  }

  /**
   * Re-opens every file target. sonic-boom finishes the write under way into the old file first; what
   * is routed from now on goes to the new one.
   */
  private reopen(): void {
    for (const target of this.targets) target.destination.reopen();
    // A logging thread that writes its own records out reopens its file at its next write.
    Atomics.add(this.control.ints, REOPENS, 1);
    this.post({ type: 'reopened' });
  }

  /**
   * Drains until the rings are empty or a target's in-flight cap is hit, then yields or sleeps. A
   * blocking sleep (see waitForWake) that ends pumps again at once, without going round the event loop.
   */
  private pump(): void {
    this.pumping = false;
    while (this.pass()) {}
  }

  /** One pass over the rings; true when it ended in a blocking sleep that a wake ended. */
  private pass(): boolean {
    if (this.crashed) return false;
    const control = this.control;
    control.beat();
    if (Atomics.load(control.ints, EXIT_GIVE_UP) === 1) this.giveUpFailingTargets();
    // The process is ending and has drained (exit-write-fence.ts): a write started now could be cut short.
    if (!control.claimWrite(WORKER_WRITES)) return false;
    let taken: number;
    try {
      taken = this.takeRecords();
    } finally {
      control.endWrite(WORKER_WRITES);
    }
    if (taken > 0) {
      this.schedule.noteRecordsTaken(taken, this.stopping);
      // More to take, or writes under way: go round the event loop first (their completions run).
      if (this.hasWork() || this.releases.inFlight !== 0) {
        this.schedulePump(true);
        return false;
      }
    }
    if (this.saturated()) {
      // A completed flush resumes pumping; behind a stalled or failing destination it may not come for
      // long. Meanwhile passes still run (watchWakeWhileSaturated): they beat, so a producer waiting on
      // this worker sees it alive and never takes a ring whose writes are under way, and an exit's
      // EXIT_GIVE_UP is still seen.
      this.watchWakeWhileSaturated();
      return false;
    }
    if (this.stopping) {
      // Rings empty: once every release is flushed (each completion pumps again), close and end.
      if (this.releases.inFlight === 0) this.closeTargets();
      return false;
    }
    return this.rest();
  }

  /** Takes what is due from each ring, with its drop report, and releases it: the records taken. */
  private takeRecords(): number {
    const wake = Atomics.load(this.control.ints, WAKE);
    const woken = wake !== this.seenWake;
    this.seenWake = wake;
    const followUp = this.followUp;
    this.followUp = false;
    const steady = !this.schedule.ticking;
    for (const target of this.targets) target.destination.steady = steady;
    let taken = 0;
    // Each pass starts at the next ring: when the in-flight cap ends a pass early, the first rings
    // would otherwise be served every time and the last ones starve while the first keep filling.
    const consumers = this.consumers;
    const first = this.firstRing++ % Math.max(consumers.length, 1);
    for (let i = 0; i < consumers.length; i++) {
      const consumer = consumers[(first + i) % consumers.length];
      if (this.saturated()) break;
      if (!consumer.claim(this.generation, (holder) => this.isStale(holder))) continue;
      if (consumer.hasRecords() && (woken || this.schedule.due(consumer, this.stopping, followUp))) {
        taken += this.drain(consumer);
        if (!consumer.hasRecords()) this.schedule.drained(consumer);
      }
      this.reportDrops(consumer);
    }
    this.inPass = true;
    if (this.releases.unreleased) this.releases.release();
    this.inPass = false;
    return taken;
  }

  /**
   * Nothing left to take. While the clock ticks, each tick looks at the rings (producers need not
   * notify). While records keep coming, the worker looks again after LINGER_MS, so a stream of them is
   * written in batches and producers need not wake it. Otherwise it sleeps until a producer does.
   */
  private rest(): boolean {
    if (this.schedule.ticking || this.waiting) return false;
    const linger = this.schedule.takeLinger(this.callersWrite());
    return this.waitForWake(linger ? LINGER_MS : SLEEP_CHECK_MS, !linger);
  }

  /** Logging threads write their own records out below bursts (lifecycle/caller-writes.ts). */
  private callersWrite(): boolean {
    return Atomics.load(this.control.ints, CALLER_WRITES) !== 0;
  }

  /**
   * Going to sleep with nothing under way: each ring is given up, so its logging thread may claim it
   * and write its records out itself (the first pass after a wake claims them again).
   */
  private letCallersWrite(): void {
    if (!this.callersWrite() || this.releases.inFlight !== 0 || this.releases.pending) return;
    for (const consumer of this.consumers) consumer.release(this.generation);
  }

  /**
   * True while some target holds as many unwritten bytes as the worker allows in flight, or as many
   * releases are under way as the release journal keeps.
   */
  private saturated(): boolean {
    if (this.releases.full) return true;
    for (const target of this.targets) {
      if (target.destination.pendingBytes >= MAX_IN_FLIGHT_BYTES) return true;
    }
    return false;
  }

  /** Takes one ring's records in chunks, releasing each chunk once all targets have flushed it. */
  private drain(consumer: RingConsumer): number {
    const bulk = this.bulk;
    let records = 0;
    while (consumer.hasRecords() && !this.saturated()) {
      let taken: number;
      if (bulk !== null) {
        // Fast path: whole runs of records, copied as they are into the destination's batch.
        const batch = bulk.bulkBatch();
        const before = batch.pos;
        taken = consumer.copyRecords(batch, bulk.bulkRoom);
        this.router.bytesRouted += batch.pos - before;
        this.router.recordsRouted[0] += taken;
      } else {
        taken = consumer.visitRecords(CHUNK_BYTES, this.takeRecord);
      }
      records += taken;
      this.releases.markTaken(consumer, taken);
      if (bulk === null || bulk.bulkRoom <= 0) this.releases.release();
    }
    return records;
  }

  /**
   * Step 1 of a record: its text in the ring's format. Records of kind TEXT already are; a record kind
   * that needs decoding (binary events) would be decoded into text here. Step 2 is `router.route`.
   */
  private readonly takeRecord = (
    data: Uint8Array,
    start: number,
    end: number,
    level: number,
    _kind: number,
  ): void => {
    this.releases.unreleased = true;
    this.router.route(data, start, end, level);
  };

  /** The exit report names the last target that lost records, and its errno (ABANDONED_*). */
  private noteLostBy(target: WorkerTarget): void {
    const ints = this.control.ints;
    if (target.lastError !== null) Atomics.store(ints, ABANDONED_ERRNO, errnoOf(target.lastError));
    Atomics.store(ints, ABANDONED_TARGET, target.index + 1);
  }

  /** A target's counts for stats(): what its destination dropped and holds; the rest it took is delivered. */
  private publishCounts(target: WorkerTarget): void {
    const destination = target.destination;
    target.counters.publish(
      destination.recordsDropped ?? 0,
      destination.recordsHeld ?? 0,
      this.router.recordsRouted[target.index],
    );
    // The exit waits for the give-up of held records only while some target holds any.
    const holding = this.targets.some((other) => (other.destination.recordsHeld ?? 0) > 0);
    if (Atomics.load(this.control.ints, TARGETS_HOLDING) !== Number(holding)) {
      Atomics.store(this.control.ints, TARGETS_HOLDING, Number(holding));
      Atomics.notify(this.control.ints, TARGETS_HOLDING);
    }
  }

  /**
   * A target's counts changed. Once the exit has asked for the give-up, what it dropped (what it held,
   * a batch that was being sent and failed since) is settled before it is published: the exit report
   * reads the totals as soon as no target holds records.
   */
  private countsChanged(target: WorkerTarget): void {
    if (Atomics.load(this.control.ints, EXIT_GIVE_UP) !== 0) this.settleLostCounts();
    else this.publishCounts(target);
  }

  /**
   * Records a target dropped after their releases were counted written (a syslog target giving up what
   * it held, at close or exit) are no longer written: they leave recordsWritten now, not with a release.
   */
  private settleLostCounts(): void {
    const floats = this.control.floats;
    floats[RECORDS_WRITTEN] -= this.releases.takeLost(floats[RECORDS_WRITTEN]);
    for (const target of this.targets) this.publishCounts(target);
  }

  /**
   * The process exits (`EXIT_GIVE_UP`): a target still failing is abandoned now, one failing later at
   * once, so the exit drain ends with every record written or counted. Says it is done (2).
   */
  private giveUpFailingTargets(): void {
    for (const target of this.targets) target.destination.giveUpIfFailing?.();
    // Records a target held (already counted written) and just gave up are counted now, before the
    // exit drain's report reads the totals.
    this.settleLostCounts();
    Atomics.store(this.control.ints, EXIT_GIVE_UP, 2);
    Atomics.notify(this.control.ints, EXIT_GIVE_UP);
  }

  private noteNoLongerFailing(): void {
    if (this.targets.some((t) => t.failing)) return;
    Atomics.store(this.control.ints, DEST_FAILING, 0);
    Atomics.notify(this.control.ints, DEST_FAILING);
  }

  /**
   * A producer wrote its ring out to a file target itself (while no worker ran): that file's size no
   * longer follows this worker's writes alone. Once nothing is being written to it, it is measured again.
   */
  private rejudgeFilesWrittenByOthers(): void {
    const journal = this.control.journal;
    this.targets.forEach((target, index) => {
      const destination = target.destination;
      const dest = this.targetConfigs[index].dest;
      const { fd, bytesWritten } = destination;
      if (
        dest.type === 'file' &&
        fd !== undefined &&
        bytesWritten !== undefined &&
        destination.pendingBytes === 0 &&
        journal.foreignWritesSince(index)
      ) {
        journal.registerFile(index, dest.path, fd, bytesWritten);
      }
    });
  }

  /**
   * Writes a ring's drop report like any record. Its counts leave the ring's counters (and join the
   * totals in stats) only once the release covering it is written (ReleaseTracker).
   */
  private reportDrops(consumer: RingConsumer): void {
    const dropped = consumer.readDropsToReport();
    if (dropped === null) return;
    this.reporter.report(dropped);
    this.releases.noteReport(consumer);
  }

  /** A holder is stale when it is an older worker generation (that worker has exited). */
  private isStale(holder: number): boolean {
    return holder > 0 && holder !== Atomics.load(this.control.ints, GENERATION);
  }

  /**
   * A pass soon. A follow-up (more of what the last pass left, or a write completed) takes only a
   * backlog worth a pass of its own (PassSchedule.due): the records that came meanwhile wait for the
   * linger, or the worker would chase the producer a record or two at a time.
   */
  private schedulePump(followUp = false): void {
    if (this.pumping || this.finished) return;
    this.pumping = true;
    this.followUp = followUp;
    setImmediate(() => this.pump());
  }

  /**
   * Waits on WAKE: `sleeping` says so to producers first (they notify only then) and checks once more
   * (a producer may have committed meanwhile); a linger does not, so a stream of records costs its
   * producers no notify. A flush, a waiting producer, an exit or a stop wakes either at once.
   * True when it blocked this thread and was woken: the caller pumps again.
   */
  private waitForWake(timeoutMs: number, sleeping: boolean): boolean {
    const ints = this.control.ints;
    const wake = Atomics.load(ints, WAKE);
    if (sleeping) {
      Atomics.store(ints, SLEEPING, 1);
      if (this.hasWork()) {
        Atomics.store(ints, SLEEPING, 0);
        this.schedule.sleepCancelled();
        this.schedulePump();
        return false;
      }
      this.letCallersWrite();
    }
    if (this.canBlock()) {
      // Nothing needs the event loop (the owner counts its messages in MESSAGES_UNREAD and wakes WAKE
      // after each): a blocked thread costs far less to wake than the event loop's waitAsync.
      Atomics.wait(ints, WAKE, wake, timeoutMs);
      this.noteWoken();
      if (Atomics.load(ints, MESSAGES_UNREAD) === 0) return true;
      this.schedulePump();
      return false;
    }
    this.pumping = true;
    this.waiting = true;
    whenWoken(ints, wake, timeoutMs, () => {
      this.pumping = false;
      this.waiting = false;
      this.noteWoken();
      this.schedulePump();
    });
    return false;
  }

  /** A wait on WAKE ended: no longer asleep, and one more wake-up counted. */
  private noteWoken(): void {
    Atomics.store(this.control.ints, SLEEPING, 0);
    Atomics.add(this.control.ints, WAKE_UPS, 1);
  }

  /**
   * True when this thread may block until woken: no message to read, no clock ticking, no write,
   * release, compression or retry under way, and every target idle (a socket's events need the loop).
   */
  private canBlock(): boolean {
    if (this.schedule.ticking || this.stopping || this.crashed || this.watchingWake) return false;
    if (this.releases.inFlight !== 0 || this.releases.unreleased) return false;
    const ints = this.control.ints;
    if (Atomics.load(ints, MESSAGES_UNREAD) !== 0 || Atomics.load(ints, GZIP_PENDING) !== 0) return false;
    return this.targets.every((target) => target.destination.idle === true);
  }

  /**
   * A clock tick looks at the rings while a burst lasts; once records come slower than bursts do, or
   * no record came for a while, the clock rests (producers read Date.now()), and the worker lingers or
   * sleeps again.
   */
  private tick(): void {
    const now = this.schedule.tick();
    if (this.schedule.restIfSlow(now)) {
      this.schedulePump();
      return;
    }
    // Records held back only by a failing target's backlog are no work: its retry (with backoff)
    // resumes pumping when it succeeds, and the clock rests meanwhile.
    if (this.hasWork() && !this.heldByFailingTarget()) {
      this.schedulePump();
    } else if (this.schedule.restIfQuiet(now)) {
      if (!this.pumping && this.rest()) this.schedulePump();
    }
  }

  /** Records or a drop report to take, in a ring no logging thread is writing out itself. */
  private hasWork(): boolean {
    return this.consumers.some(
      (consumer) => (consumer.hasRecords() || consumer.hasDropsToReport()) && !consumer.heldByLoggingThread(),
    );
  }

  /** A pass once WAKE moves, or after SATURATED_CHECK_MS at most. */
  private watchWakeWhileSaturated(): void {
    if (this.watchingWake) return;
    this.watchingWake = true;
    const ints = this.control.ints;
    whenWoken(ints, Atomics.load(ints, WAKE), SATURATED_CHECK_MS, () => {
      this.watchingWake = false;
      this.schedulePump();
    });
  }

  private heldByFailingTarget(): boolean {
    return this.saturated() && this.targets.some((target) => target.failing);
  }

  /**
   * Counts a failure and says so once per target and episode (and once more when it is abandoned). A
   * failing target that holds records back in the rings makes full rings drop rather than wait
   * (DEST_FAILING); an abandoned or unreachable one (it keeps taking records) does not.
   */
  private reportWriteError(
    target: WorkerTarget,
    name: string,
    error: Error,
    final: boolean,
    holdsRecordsBack = true,
  ): void {
    Atomics.add(this.control.ints, WRITE_ERRORS, 1);
    if (!final && holdsRecordsBack) Atomics.store(this.control.ints, DEST_FAILING, 1);
    if (target.reported && !final) return;
    target.reported = true;
    const code = (error as NodeJS.ErrnoException).code ?? 'UNKNOWN';
    this.post({ type: 'error', code, message: `${name}: ${error.message}`, target: name, final });
  }

  /**
   * Drains the rings through the usual asynchronous writes (a synchronous flush could overtake a write
   * still in flight and reorder records), then ends the thread: see `finish`.
   */
  private stop(): void {
    this.stopping = true;
    this.schedule.stopTicking();
    // If it sleeps on WAKE, rouse it; otherwise the next pump sees `stopping`.
    this.control.forceWake();
    this.schedulePump();
  }

  /**
   * An exception escaped a handler (a bug here or in a destination). The thread stops taking records,
   * hands what it routed to the destinations and lets every write already under way complete: those
   * completions release the rings, so the worker started next does not write the same records again.
   * Then the thread ends with code 1 and the owner restarts it. Bounded: writes that do not complete
   * within CRASH_GRACE_MS are left to the successor (written again: at-least-once).
   */
  failStop(error: unknown): void {
    if (this.crashed) return;
    this.crashed = true;
    this.schedule.stopTicking();
    const message = error instanceof Error ? error.message : String(error);
    this.post({ type: 'warning', message: `sink worker failed: ${message}; restarting it after its writes` });
    try {
      if (this.releases.pending) this.releases.release();
    } catch {
      // The destinations themselves may be what failed: what is unreleased is read again by the successor.
    }
    const giveUpAt = Date.now() + CRASH_GRACE_MS;
    const wait = setInterval(() => {
      if (this.releases.inFlight === 0 || Date.now() > giveUpAt) {
        clearInterval(wait);
        process.exit(1);
      }
    }, 5);
  }

  /** Everything is written: close every destination (and the compression pool), then finish. */
  private closeTargets(): void {
    if (this.closingTargets) return;
    this.closingTargets = true;
    let waiting = this.targets.length;
    const closed = () => {
      if (--waiting !== 0) return;
      this.settleLostCounts();
      const compressor = this.compressor;
      if (compressor === null) this.finish();
      else void compressor.close().then(() => this.finish());
    };
    for (const target of this.targets) target.destination.close(closed);
  }

  /** Say so and close the port, the only thing keeping this thread alive. */
  private finish(): void {
    this.finished = true;
    this.post({ type: 'stopped' });
    this.owner.close();
  }

  post(message: OwnerMessage): void {
    this.owner.postMessage(message);
  }
}

/** How long a crashed worker waits for its writes under way before it ends anyway. */
const CRASH_GRACE_MS = 2000;

/** Even asleep, the worker looks at its rings this often (a lost notify costs at most this). */
const SLEEP_CHECK_MS = 1000;
/**
 * Waiting on writes under way, the worker passes (and beats) at least this often: well inside the
 * producers' stallTimeoutMs (2 s by default), after which a worker that gave no sign counts as hung.
 */
const SATURATED_CHECK_MS = 250;
/** Records are routed in chunks of this many ring bytes, each chunk then released by one flush. */
const CHUNK_BYTES = 64 * 1024;
/** Bytes handed to the destination but not yet written, at most: the worker's memory bound. */
const MAX_IN_FLIGHT_BYTES = 4 * 64 * 1024;

/** A destination that offers the worker's fast path (see RecordDestination.bulkBatch). */
type BulkDestination = RecordDestination & Required<Pick<RecordDestination, 'bulkBatch' | 'bulkRoom'>>;

function offersBulk(destination: RecordDestination): destination is BulkDestination {
  return destination.bulkBatch !== undefined;
}

/**
 * Runs `resume` from the event loop once WAKE is no longer `expected` or `timeoutMs` passed (at once,
 * synchronously, when it already changed): the one asynchronous wait on WAKE.
 */
function whenWoken(ints: Int32Array, expected: number, timeoutMs: number, resume: () => void): void {
  const waited = Atomics.waitAsync(ints, WAKE, expected, timeoutMs);
  if (waited.async) void waited.value.then(resume);
  else resume();
}

/** A write error's errno as libuv reports it (negative), or 0 when it has none. */
function errnoOf(error: Error): number {
  const code = (error as NodeJS.ErrnoException).code;
  const errno = code === undefined ? undefined : (osConstants.errno as Record<string, number>)[code];
  return errno === undefined ? 0 : -errno;
}

export function runSinkWorker(): void {
  if (parentPort === null) throw new Error('the sluice sink worker must run in a worker thread');
  const data = workerData as SinkWorkerData;
  const worker = new SinkWorker(data, parentPort);
  process.on('uncaughtException', (error) => worker.failStop(error));
  worker.listen(parentPort);
  const control = new ControlBlock(data.control);
  Atomics.store(control.ints, ALIVE, 1);
  worker.post({ type: 'ready' });
}
