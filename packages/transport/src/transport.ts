import type { Worker } from 'node:worker_threads';
import { SluiceConfigError, type TransportLink } from '@sluice/core';
import {
  ALIVE,
  BYTES_WRITTEN,
  CALLER_WRITES,
  CLOCK_IDLE,
  ControlBlock,
  DESTINATION_DROPPED,
  GENERATION,
  GZIP_PENDING,
  GZIP_POOL,
  GZIP_STREAM,
  RECORDS_RENDERED,
  RECORDS_WRITTEN,
  RESTARTS,
  WAKE_UPS,
  WRITE_ERRORS,
} from './control/control-block.js';
import { allocateTargetCounters, readTargetCounts } from './control/target-counters.js';
import { locateGzipTask } from './destination/gzip-task-location.js';
import { LEVEL_BUCKETS } from './layout/level-buckets.js';
import type { RecordShape } from './layout/record-shape.js';
import { ATTACHED, HIGH_WATER, RingMemory, unreportedDrops } from './layout/ring-layout.js';
import type { TransportStats } from './layout/transport-stats.js';
import { callerWritesPossible } from './lifecycle/caller-writes.js';
import { ProducerLink } from './producer-link.js';
import { resolveTransportOptions } from './resolve-transport-options.js';
import { prepareDestination } from './target/prepare-destination.js';
import { targetName } from './target/target-name.js';
import type { TargetConfig } from './target/target-options.js';
import type { TransportHandle } from './transport-handle.js';
import type { TransportOptions } from './transport-options.js';
import { SinkWorkerSupervisor } from './worker/sink-worker-supervisor.js';

/** A running worker-thread sink. `createLogger({ transport })` logs through it on this thread. */
export interface Transport extends TransportLink {
  /** Resolves once the sink worker runs. Logging before then is fine: records wait in the ring. */
  readonly ready: Promise<void>;
  /** Resolves when everything logged on this thread so far is handed to the operating system. */
  flush(): Promise<void>;
  flushSync(): void;
  /** Flushes, stops the worker and releases the destination. */
  close(): Promise<void>;
  /**
   * Re-opens every file target at its path: call it after logrotate moved the files (or pass
   * `reopenOn: ['SIGHUP']`). Resolves once the worker has switched: records logged after that go to
   * the new file. Records already written stay in the old one; those still pending go to either.
   */
  reopen(): Promise<void>;
  stats(): TransportStats;
  /**
   * A handle for other threads (worker_threads, piscina workers): pass it in workerData and call
   * `attachTransport(handle)` there. Each of `threads` threads gets a ring of its own.
   */
  handle(options?: { threads?: number }): TransportHandle;
  /** The sink worker thread (for diagnostics and fault tests). */
  readonly worker: Worker | null;
}

class SinkTransport implements Transport {
  readonly ready: Promise<void>;
  readonly sink: ProducerLink['sink'];
  readonly clock: ProducerLink['clock'];
  private readonly link: ProducerLink;
  private readonly control: ControlBlock;
  private readonly rings: SharedArrayBuffer[] = [];
  private readonly targets: TargetConfig[];
  private readonly targetNames: string[];
  private readonly targetCounters: SharedArrayBuffer;
  private readonly supervisor: SinkWorkerSupervisor;
  private readonly signalListeners: [NodeJS.Signals, () => void][] = [];
  private readonly shape: RecordShape;
  private readonly ringBytes: number;
  private readonly producerOptions: TransportHandle['producer'];
  private closing = false;
  private markReady!: () => void;

  constructor(options: Readonly<TransportOptions>) {
    const resolved = resolveTransportOptions(options);
    this.ringBytes = resolved.ringBytes;
    this.producerOptions = resolved.producer;
    this.shape = resolved.shape;
    this.targets = resolved.targets;
    this.targetNames = this.targets.map((target) => targetName(target.dest));
    this.targetCounters = allocateTargetCounters(this.targets.length);
    // A syslog target's close waits up to its closeTimeoutMs for its server, an otlp target's up to its
    // timeoutMs for the collector: the worker is given that.
    const stopGraceMs = STOP_GRACE_MS + Math.max(0, ...this.targets.map((t) => closeWaitMs(t.dest)));
    // Truncation (append: false) happens once, here; the worker and any fallback writer append.
    for (const target of this.targets) prepareDestination(target.dest);
    const gzipTask = this.targets.some((t) => t.dest.type === 'rotating-file' && t.dest.gzip)
      ? locateGzipTask()
      : null;

    this.control = new ControlBlock();
    // Until the worker ticks, producers read Date.now() themselves.
    this.control.setClock(Date.now());
    Atomics.store(this.control.ints, CLOCK_IDLE, 1);
    Atomics.store(this.control.ints, GENERATION, 1);
    Atomics.store(this.control.ints, ALIVE, 1);
    if (resolved.callerWrites && callerWritesPossible(this.targets, this.shape))
      Atomics.store(this.control.ints, CALLER_WRITES, 1);
    const ring = this.newRing();
    Atomics.store(new RingMemory(ring).header, ATTACHED, 1);
    this.link = new ProducerLink(
      this.control.buffer,
      ring,
      this.targets,
      this.shape,
      this.producerOptions,
      () => this.rings,
    );
    this.sink = this.link.sink;
    this.clock = this.link.clock;
    this.ready = new Promise((resolve) => {
      this.markReady = resolve;
    });
    this.supervisor = new SinkWorkerSupervisor({
      workerData: () => ({
        control: this.control.buffer,
        rings: this.rings,
        targets: this.targets,
        targetCounters: this.targetCounters,
        gzipTask,
        records: this.shape,
      }),
      control: this.control,
      stopGraceMs,
      onError: resolved.onError,
      markReady: () => this.markReady(),
      flushSync: () => this.link.flushSync(),
    });
    for (const signal of resolved.reopenOn) {
      const listener = () => void this.reopen();
      process.on(signal, listener);
      this.signalListeners.push([signal, listener]);
    }
  }

  get worker(): Worker | null {
    return this.supervisor.worker;
  }

  flush(): Promise<void> {
    return this.link.flush();
  }

  flushSync(): void {
    this.link.flushSync();
  }

  reopen(): Promise<void> {
    if (this.closing) return Promise.resolve();
    return this.supervisor.reopen();
  }

  async close(): Promise<void> {
    if (this.closing) return;
    await this.link.flush();
    this.closing = true;
    for (const [signal, listener] of this.signalListeners) process.off(signal, listener);
    this.link.detach();
    // Records logged after close() are written through from this thread, not lost.
    this.sink.writeThrough = true;
    await this.supervisor.stop();
  }

  stats(): TransportStats {
    const floats = this.control.floats;
    const ints = this.control.ints;
    // Loaded first: a compression that completes meanwhile is counted at least once, never missed.
    const compressing = Atomics.load(ints, GZIP_PENDING);
    const byCallers = this.control.callerWritten();
    return {
      recordsWritten: floats[RECORDS_WRITTEN] + byCallers.records,
      bytesWritten: floats[BYTES_WRITTEN] + byCallers.bytes,
      callerWrites: byCallers.batches,
      dropped: this.droppedTotals(),
      ringHighWater: Atomics.load(this.sink.ring.header, HIGH_WATER),
      ringCapacity: this.sink.ring.capacity,
      workerRestarts: Atomics.load(ints, RESTARTS),
      writeErrors: Atomics.load(ints, WRITE_ERRORS),
      destinationDropped: floats[DESTINATION_DROPPED],
      recordsRendered: floats[RECORDS_RENDERED],
      sinkWakeUps: Atomics.load(ints, WAKE_UPS),
      filesCompressed: {
        pool: Atomics.load(ints, GZIP_POOL),
        stream: Atomics.load(ints, GZIP_STREAM),
        pending: compressing,
      },
      targets: this.targetNames.map((target, index) => {
        const counts = readTargetCounts(this.targetCounters, index);
        // Logging threads write their own records only to a transport's one target.
        if (index === 0) counts.recordsDelivered += byCallers.records;
        return { target, ...counts };
      }),
    };
  }

  /** What the worker has reported, plus drops still in the rings' counters (no worker took them yet). */
  private droppedTotals(): Record<string, number> {
    const totals = this.control.droppedTotals();
    for (const buffer of this.rings) {
      const header = new RingMemory(buffer).header;
      LEVEL_BUCKETS.forEach((name, bucket) => {
        totals[name] += unreportedDrops(header, bucket);
      });
    }
    return totals;
  }

  handle(options: { threads?: number } = {}): TransportHandle {
    const threads = options.threads ?? 1;
    if (!Number.isInteger(threads) || threads < 1 || threads > MAX_HANDLE_THREADS) {
      throw new SluiceConfigError(
        `Invalid threads: ${String(threads)}. Use an integer from 1 to ${MAX_HANDLE_THREADS}.`,
      );
    }
    const rings = Array.from({ length: threads }, () => this.newRing());
    for (const ring of rings) this.supervisor.attach(ring);
    return {
      kind: 'sluice-transport-handle',
      control: this.control.buffer,
      rings,
      targets: this.targets,
      records: this.shape,
      producer: this.producerOptions,
    };
  }

  private newRing(): SharedArrayBuffer {
    const ring = RingMemory.allocate(this.ringBytes).buffer;
    this.rings.push(ring);
    return ring;
  }
}

function closeWaitMs(dest: TargetConfig['dest']): number {
  if (dest.type === 'syslog') return dest.options.closeTimeoutMs;
  if (dest.type === 'otlp') return dest.options.timeoutMs;
  return 0;
}

/** How long a stopping worker may take to close its targets (plus their own close waits). */
const STOP_GRACE_MS = 5000;
const MAX_HANDLE_THREADS = 256;

/** Starts a sink worker thread and connects this thread to it. Throws SluiceConfigError for bad options. */
export function createTransport(options: Readonly<TransportOptions> = {}): Transport {
  return new SinkTransport(options);
}
