import { Worker } from 'node:worker_threads';
import { createLogger, type FormatName, NullSink, SluiceConfigError, type TransportLink } from '@sluice/core';
import { rejectUnknownKeys } from '@sluice/core/internal';
import {
  ALIVE,
  BYTES_WRITTEN,
  CLOCK_IDLE,
  ControlBlock,
  DESTINATION_DROPPED,
  GENERATION,
  GZIP_PENDING,
  GZIP_POOL,
  GZIP_STREAM,
  MESSAGES_UNREAD,
  RECORDS_RENDERED,
  RECORDS_WRITTEN,
  RESTARTS,
  WAKE_UPS,
  WRITE_ERRORS,
  WRITE_THROUGH,
} from './control/control-block.js';
import { allocateTargetCounters, readTargetCounts } from './control/target-counters.js';
import { type GzipTaskLocation, locateGzipTask } from './destination/gzip-pool.js';
import { destinationError } from './destination/destination-error.js';
import { LEVEL_BUCKETS } from './layout/level-buckets.js';
import type { RecordShape } from './layout/record-shape.js';
import {
  ATTACHED,
  HIGH_WATER,
  isPowerOfTwo,
  MIN_RING_BYTES,
  RingMemory,
  unreportedDrops,
} from './layout/ring-layout.js';
import type { TransportStats } from './layout/transport-stats.js';
import { ProducerLink } from './producer-link.js';
import { validatePolicy } from './ring/full-policy.js';
import { prepareDestination } from './target/prepare-destination.js';
import { targetName } from './target/target-name.js';
import {
  resolveDestination,
  resolveLevel,
  resolveTargets,
  type TargetConfig,
  withPathOptions,
} from './target/target-options.js';
import type { TransportHandle } from './transport-handle.js';
import {
  DEFAULT_TRANSPORT_OPTIONS,
  TRANSPORT_OPTION_KEYS,
  type TransportOptions,
} from './transport-options.js';
import type { OwnerMessage, SinkMessage, SinkWorkerData } from './worker/sink-worker-data.js';
import { SINK_WORKER_SOURCE } from './worker/worker-source.generated.js';

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
  /** How long a stopping worker may take to close its targets before it is terminated. */
  private readonly stopGraceMs: number;
  private readonly gzipTask: GzipTaskLocation | null;
  private readonly signalListeners: [NodeJS.Signals, () => void][] = [];
  /** reopen() calls waiting for the worker to say it switched, oldest first. */
  private reopening: (() => void)[] = [];
  private readonly shape: RecordShape;
  private readonly ringBytes: number;
  private readonly producerOptions: TransportHandle['producer'];
  private current: Worker | null = null;
  private closing = false;
  private restartDelayMs = MIN_RESTART_DELAY_MS;
  /** Workers in a row that exited before saying they were ready. */
  private startFailures = 0;
  private currentReady = false;
  private everReady = false;
  private readonly lastTroubleWarning: { failed?: number; exited?: number } = {};
  private markReady!: () => void;
  /** Failures already warned about, by target and finality (without onError: once each). */
  private readonly warnedFailures = new Set<string>();
  private readonly onError: TransportOptions['onError'];

  constructor(options: Readonly<TransportOptions>) {
    rejectUnknownKeys(options, TRANSPORT_OPTION_KEYS, 'createTransport options');
    if (options.onError !== undefined && typeof options.onError !== 'function') {
      throw new SluiceConfigError(
        `Invalid onError: ${JSON.stringify(options.onError)}. Use a function (error) => void.`,
      );
    }
    this.onError = options.onError;
    this.ringBytes = validateRingBytes(options.ringBytes ?? DEFAULT_TRANSPORT_OPTIONS.ringBytes);
    const policy = validatePolicy(options.policy ?? DEFAULT_TRANSPORT_OPTIONS.policy);
    const producerOptions = {
      policy,
      shedBelow: resolveShedLevel(options.shedBelow ?? DEFAULT_TRANSPORT_OPTIONS.shedBelow),
      stallTimeoutMs: positive(
        'stallTimeoutMs',
        options.stallTimeoutMs ?? DEFAULT_TRANSPORT_OPTIONS.stallTimeoutMs,
      ),
      blockTimeoutMs: positive(
        'blockTimeoutMs',
        options.blockTimeoutMs ?? DEFAULT_TRANSPORT_OPTIONS.blockTimeoutMs,
      ),
      exitTimeoutMs: positive(
        'exitTimeoutMs',
        options.exitTimeoutMs ?? DEFAULT_TRANSPORT_OPTIONS.exitTimeoutMs,
      ),
    };
    this.producerOptions = producerOptions;
    this.shape = {
      format: options.format ?? 'json',
      timestamp: options.timestamp ?? (options.format === 'logfmt' ? 'iso' : 'epoch'),
      keys: { ...options.keys },
      base: options.base === undefined ? undefined : options.base === null ? null : { ...options.base },
      name: options.name,
    };
    // The worker builds a logger of this shape for its own records: check it here, with core's
    // messages, rather than in a worker that would die on start and be restarted forever.
    createLogger({ ...this.shape, destination: new NullSink() });
    this.targets = resolveTransportTargets(options, this.shape.format);
    this.targetNames = this.targets.map((target) => targetName(target.dest));
    this.targetCounters = allocateTargetCounters(this.targets.length);
    // A syslog target's close waits up to its closeTimeoutMs for its server, an otlp target's up to its
    // timeoutMs for the collector: the worker is given that.
    this.stopGraceMs = STOP_GRACE_MS + Math.max(0, ...this.targets.map((t) => closeWaitMs(t.dest)));
    const reopenOn = resolveReopenSignals(options.reopenOn);
    // Truncation (append: false) happens once, here; the worker and any fallback writer append.
    for (const target of this.targets) prepareDestination(target.dest);
    this.gzipTask = this.targets.some((t) => t.dest.type === 'rotating-file' && t.dest.gzip)
      ? locateGzipTask()
      : null;

    this.control = new ControlBlock();
    // Until the worker ticks, producers read Date.now() themselves.
    this.control.setClock(Date.now());
    Atomics.store(this.control.ints, CLOCK_IDLE, 1);
    Atomics.store(this.control.ints, GENERATION, 1);
    Atomics.store(this.control.ints, ALIVE, 1);
    const ring = this.newRing();
    Atomics.store(new RingMemory(ring).header, ATTACHED, 1);
    this.link = new ProducerLink(
      this.control.buffer,
      ring,
      this.targets,
      this.shape,
      producerOptions,
      () => this.rings,
    );
    this.sink = this.link.sink;
    this.clock = this.link.clock;
    this.ready = new Promise((resolve) => {
      this.markReady = resolve;
    });
    this.startWorker();
    for (const signal of reopenOn) {
      const listener = () => void this.reopen();
      process.on(signal, listener);
      this.signalListeners.push([signal, listener]);
    }
  }

  get worker(): Worker | null {
    return this.current;
  }

  flush(): Promise<void> {
    return this.link.flush();
  }

  flushSync(): void {
    this.link.flushSync();
  }

  reopen(): Promise<void> {
    const worker = this.current;
    // No worker (restarting): the next one opens every path afresh anyway.
    if (worker === null || this.closing) return Promise.resolve();
    return new Promise((resolve) => {
      this.reopening.push(resolve);
      // The worker is unref'd: while an answer is awaited, it alone may keep the process alive.
      worker.ref();
      this.tell(worker, { type: 'reopen' });
    });
  }

  async close(): Promise<void> {
    if (this.closing) return;
    await this.link.flush();
    this.closing = true;
    for (const [signal, listener] of this.signalListeners) process.off(signal, listener);
    this.link.detach();
    // Records logged after close() are written through from this thread, not lost.
    this.sink.writeThrough = true;
    const worker = this.current;
    if (worker === null) return;
    await new Promise<void>((resolve) => {
      worker.once('exit', () => resolve());
      // The worker is unref'd; until it exits, it alone may be what keeps this process (and the
      // promise close() returned) alive.
      worker.ref();
      this.tell(worker, { type: 'stop' });
      setTimeout(() => void worker.terminate(), this.stopGraceMs).unref();
    });
  }

  /** Posts to the worker, then wakes it: a worker blocked on WAKE reads its messages only once woken. */
  private tell(worker: Worker, message: SinkMessage): void {
    Atomics.add(this.control.ints, MESSAGES_UNREAD, 1);
    worker.postMessage(message);
    this.control.forceWake();
  }

  stats(): TransportStats {
    const floats = this.control.floats;
    const ints = this.control.ints;
    // Loaded first: a compression that completes meanwhile is counted at least once, never missed.
    const compressing = Atomics.load(ints, GZIP_PENDING);
    return {
      recordsWritten: floats[RECORDS_WRITTEN],
      bytesWritten: floats[BYTES_WRITTEN],
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
      targets: this.targetNames.map((target, index) => ({
        target,
        ...readTargetCounts(this.targetCounters, index),
      })),
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
    const worker = this.current;
    if (worker !== null) for (const ring of rings) this.tell(worker, { type: 'attach', ring });
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

  private startWorker(): void {
    const data: SinkWorkerData = {
      control: this.control.buffer,
      rings: this.rings,
      targets: this.targets,
      targetCounters: this.targetCounters,
      gzipTask: this.gzipTask,
      generation: Atomics.load(this.control.ints, GENERATION),
      records: this.shape,
    };
    const worker = new Worker(SINK_WORKER_SOURCE, { eval: true, workerData: data });
    worker.on('message', (message: OwnerMessage) => this.onWorkerMessage(message));
    worker.on('error', (error) =>
      this.warnWorkerTrouble('failed', `sluice: sink worker failed: ${error.message}`),
    );
    worker.on('exit', (code) => this.onWorkerExit(worker, code));
    this.currentReady = false;
    // Referenced until it says it is ready (see onWorkerMessage), so `await transport.ready` keeps the
    // process alive; a worker that dies while starting stops holding it.
    this.current = worker;
  }

  private onWorkerMessage(message: OwnerMessage): void {
    if (message.type === 'ready') {
      this.currentReady = true;
      this.everReady = true;
      this.startFailures = 0;
      // From now on the worker must not keep the process alive: the exit hooks drain at the end. (Here,
      // after the listeners were added: adding a 'message' listener refs the worker again.) Unless
      // close() already waits for it to exit.
      if (!this.closing) this.current?.unref();
      this.restartDelayMs = MIN_RESTART_DELAY_MS;
      this.markReady();
    } else if (message.type === 'reopened') {
      this.reopening.shift()?.();
      if (this.reopening.length === 0 && !this.closing) this.current?.unref();
    } else if (message.type === 'warning') {
      this.warn(`sluice: ${message.message}`);
    } else if (message.type === 'error') {
      this.reportDestinationError(message);
    }
  }

  /** To the onError hook if there is one, else as a warning once per target (and once when final). */
  private reportDestinationError(message: Extract<OwnerMessage, { type: 'error' }>): void {
    const { code, target, final } = message;
    const onError = this.onError;
    if (onError !== undefined) {
      try {
        onError(destinationError(code, `sluice: ${message.message}`, target, final));
      } catch (error) {
        this.warn(`sluice: the onError hook threw: ${(error as Error).message}`);
      }
      return;
    }
    const key = `${final}:${target}`;
    if (this.warnedFailures.has(key)) return;
    this.warnedFailures.add(key);
    // A system error's message starts with its code already ("EPIPE: broken pipe, write").
    const what = message.message.includes(code) ? message.message : `${message.message} (${code})`;
    this.warn(
      final
        ? `sluice: ${what}: gone for good; its records are dropped and counted in stats().destinationDropped`
        : `sluice: ${what}; retried with backoff, later failures only counted in stats()`,
    );
  }

  /** The worker died: mark it gone (producers may write their rings out) and start another, with backoff. */
  private onWorkerExit(worker: Worker, code: number): void {
    if (worker !== this.current) return;
    const ints = this.control.ints;
    // Before anyone may read its rings again: which of its writes reached the files (release-journal.ts).
    this.control.journal.settle(Atomics.load(ints, GENERATION));
    Atomics.store(ints, ALIVE, 0);
    // Nobody keeps the clock now: producers read Date.now() until a worker ticks again.
    Atomics.store(ints, CLOCK_IDLE, 1);
    this.current = null;
    for (const resolve of this.reopening.splice(0)) resolve();
    if (this.closing) return;
    if (!this.currentReady && ++this.startFailures >= MAX_START_FAILURES) {
      this.writeThroughForGood(code);
      return;
    }
    this.warnWorkerTrouble('exited', `sluice: sink worker exited with code ${code}; restarting it`);
    const delay = this.restartDelayMs;
    this.restartDelayMs = Math.min(this.restartDelayMs * 2, MAX_RESTART_DELAY_MS);
    const restart = setTimeout(() => {
      if (this.closing) return;
      Atomics.add(ints, RESTARTS, 1);
      Atomics.add(ints, GENERATION, 1);
      Atomics.store(ints, ALIVE, 1);
      this.startWorker();
    }, delay);
    // Before the first worker was ready, `await transport.ready` may be all the app is doing: the restart
    // must keep the process alive, as the starting worker did. Later it must not.
    if (this.everReady) restart.unref();
  }

  /**
   * No worker starts (its thread cannot load or open the destination): stop trying, and have every
   * producer write its records out itself as it commits. What the ring holds is written now.
   */
  private writeThroughForGood(code: number): void {
    this.warn(
      `sluice: the sink worker failed to start ${this.startFailures} times (last exit code ${code}); records are now written by the logging threads themselves`,
    );
    Atomics.store(this.control.ints, WRITE_THROUGH, 1);
    this.markReady();
    try {
      this.link.flushSync();
    } catch (error) {
      this.warn(`sluice: writing the ring out failed: ${(error as Error).message}`);
    }
  }

  /**
   * Once per episode: a worker that fails, exits and is restarted says so once; a worker that crashes
   * again and again is reported again only after a quiet minute.
   */
  private warnWorkerTrouble(kind: 'failed' | 'exited', message: string): void {
    const now = Date.now();
    if (now - (this.lastTroubleWarning[kind] ?? Number.NEGATIVE_INFINITY) < TROUBLE_WARNING_EVERY_MS) return;
    this.lastTroubleWarning[kind] = now;
    this.warn(message);
  }

  private warn(message: string): void {
    process.emitWarning(message, { code: 'SLUICE_TRANSPORT' });
  }
}

function validateRingBytes(bytes: number): number {
  // At most 1 GiB: ring positions are compared as signed 32-bit differences.
  if (!isPowerOfTwo(bytes) || bytes < MIN_RING_BYTES || bytes > MAX_RING_BYTES) {
    throw new SluiceConfigError(
      `Invalid ringBytes: ${typeof bytes === 'number' ? bytes : JSON.stringify(bytes)}. Use a power of two from ${MIN_RING_BYTES} (64 KiB) to ${MAX_RING_BYTES} (1 GiB).`,
    );
  }
  return bytes;
}

function positive(name: string, value: number): number {
  if (typeof value !== 'number' || !(value > 0)) {
    const shown = typeof value === 'number' ? value : JSON.stringify(value);
    throw new SluiceConfigError(`Invalid ${name}: ${shown}. Use a positive number of milliseconds.`);
  }
  return value;
}

function resolveShedLevel(level: string | number): number {
  return resolveLevel('shedBelow', level);
}

function closeWaitMs(dest: TargetConfig['dest']): number {
  if (dest.type === 'syslog') return dest.options.closeTimeoutMs;
  if (dest.type === 'otlp') return dest.options.timeoutMs;
  return 0;
}

/** `targets`, or the one-target shorthand `dest` (+ `mkdir`, `append`): every level, the ring's format. */
function resolveTransportTargets(options: Readonly<TransportOptions>, format: FormatName): TargetConfig[] {
  if (options.targets !== undefined) {
    const shorthand = (['dest', 'mkdir', 'append'] as const).filter((key) => options[key] !== undefined);
    if (shorthand.length > 0) {
      throw new SluiceConfigError(
        `Invalid options: ${shorthand.join(', ')} together with targets. Use targets alone (each target has its own dest), or dest alone for one target.`,
      );
    }
    return resolveTargets(options.targets, format, options.keys);
  }
  const dest = withPathOptions(resolveDestination(options.dest ?? 1, 'dest'), options, '');
  return [{ dest, level: 0, format }];
}

const REOPEN_SIGNALS: readonly NodeJS.Signals[] = ['SIGHUP', 'SIGUSR2'];

function resolveReopenSignals(signals: TransportOptions['reopenOn']): NodeJS.Signals[] {
  if (signals === undefined) return [];
  if (!Array.isArray(signals)) {
    throw new SluiceConfigError(
      `Invalid reopenOn: ${JSON.stringify(signals)}. Use an array of signal names: "SIGHUP", "SIGUSR2".`,
    );
  }
  for (const signal of signals) {
    if (!REOPEN_SIGNALS.includes(signal)) {
      throw new SluiceConfigError(
        `Invalid reopenOn signal: ${JSON.stringify(signal)}. Valid choices: "SIGHUP", "SIGUSR2".`,
      );
    }
  }
  return [...new Set(signals)];
}

const MIN_RESTART_DELAY_MS = 10;
/** Workers in a row that die before they are ready, after which no more are started. */
const MAX_START_FAILURES = 5;
const TROUBLE_WARNING_EVERY_MS = 60_000;
const MAX_RESTART_DELAY_MS = 5000;
const STOP_GRACE_MS = 5000;
const MAX_HANDLE_THREADS = 256;
const MAX_RING_BYTES = 1024 * 1024 * 1024;

/** Starts a sink worker thread and connects this thread to it. Throws SluiceConfigError for bad options. */
export function createTransport(options: Readonly<TransportOptions> = {}): Transport {
  return new SinkTransport(options);
}
