import { Worker } from 'node:worker_threads';
import {
  ALIVE,
  CLOCK_IDLE,
  type ControlBlock,
  GENERATION,
  MESSAGES_UNREAD,
  RESTARTS,
  TARGETS_HOLDING,
  WORKER_WRITES,
  WRITE_THROUGH,
} from '../control/control-block.js';
import { countHeldAsLost } from '../control/target-counters.js';
import { type DestinationError, destinationError } from '../destination/destination-error.js';
import type { OwnerMessage, SinkMessage, SinkWorkerData } from './sink-worker-data.js';
import { SINK_WORKER_SOURCE } from './worker-source.generated.js';

/** What the supervisor needs of the transport it runs the sink worker for. */
export interface SupervisedTransport {
  /** What each worker is started with; the generation is the control block's at each start. */
  readonly workerData: () => Omit<SinkWorkerData, 'generation'>;
  readonly control: ControlBlock;
  /** How long a stopping worker may take to close its targets before it is terminated. */
  readonly stopGraceMs: number;
  /** createTransport's onError hook: each failure goes there instead of a warning. */
  readonly onError: ((error: DestinationError) => void) | undefined;
  /** A worker is ready, or none will be (records are written through): `ready` resolves. */
  markReady(): void;
  /** Writes this thread's ring out now, from this thread. */
  flushSync(): void;
}

/**
 * The owner's side of the sink worker: starts it, restarts it with backoff when it dies (and gives up
 * after MAX_START_FAILURES in a row that never got ready: producers then write through), posts it
 * messages, and turns what it reports into warnings or the onError hook.
 */
export class SinkWorkerSupervisor {
  private current: Worker | null = null;
  private closing = false;
  private restartDelayMs = MIN_RESTART_DELAY_MS;
  /** Workers in a row that exited before saying they were ready. */
  private startFailures = 0;
  private currentReady = false;
  private everReady = false;
  private readonly lastTroubleWarning: { failed?: number; exited?: number } = {};
  /** reopen() calls waiting for the worker to say it switched, oldest first. */
  private reopening: (() => void)[] = [];
  /** Failures already warned about, by target and finality (without onError: once each). */
  private readonly warnedFailures = new Set<string>();

  constructor(private readonly transport: SupervisedTransport) {
    this.startWorker();
  }

  /** The sink worker thread, or null while it is being restarted. */
  get worker(): Worker | null {
    return this.current;
  }

  /** Asks the worker to re-open its file targets; resolves once it has switched (at once without one). */
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

  /** Hands a new ring to the running worker (a worker started later finds it in its data). */
  attach(ring: SharedArrayBuffer): void {
    const worker = this.current;
    if (worker !== null) this.tell(worker, { type: 'attach', ring });
  }

  /** Stops the worker once it has written the rings out; resolves when its thread has exited. */
  async stop(): Promise<void> {
    this.closing = true;
    const worker = this.current;
    if (worker === null) return;
    await new Promise<void>((resolve) => {
      worker.once('exit', () => resolve());
      // The worker is unref'd; until it exits, it alone may be what keeps this process (and the
      // promise close() returned) alive.
      worker.ref();
      this.tell(worker, { type: 'stop' });
      setTimeout(() => void worker.terminate(), this.transport.stopGraceMs).unref();
    });
  }

  /** Posts to the worker, then wakes it: a worker blocked on WAKE reads its messages only once woken. */
  private tell(worker: Worker, message: SinkMessage): void {
    const control = this.transport.control;
    Atomics.add(control.ints, MESSAGES_UNREAD, 1);
    worker.postMessage(message);
    control.forceWake();
  }

  private startWorker(): void {
    const data: SinkWorkerData = {
      ...this.transport.workerData(),
      generation: Atomics.load(this.transport.control.ints, GENERATION),
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
      this.transport.markReady();
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
    const onError = this.transport.onError;
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
    const control = this.transport.control;
    const ints = control.ints;
    // Before anyone may read its rings again: which of its writes reached the files (release-journal.ts).
    control.journal.settle(Atomics.load(ints, GENERATION));
    this.countHeldRecordsLost();
    Atomics.store(ints, ALIVE, 0);
    // Its writes under way ended with it (or will, unseen): an ending process must not wait for them.
    Atomics.store(ints, WORKER_WRITES, 0);
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
   * What the dead worker's targets held of written releases (a syslog server down) lived only in it:
   * dropped, counted and said, never lost uncounted. Releases under way are read again by the successor.
   */
  private countHeldRecordsLost(): void {
    const control = this.transport.control;
    const { targetCounters, targets } = this.transport.workerData();
    const lost = countHeldAsLost(targetCounters, targets.length);
    Atomics.store(control.ints, TARGETS_HOLDING, 0);
    Atomics.notify(control.ints, TARGETS_HOLDING);
    if (lost === 0) return;
    control.unwrite(lost);
    this.warn(
      `sluice: the sink worker ended holding ${lost} records its targets had not delivered yet; they are lost and counted in stats().destinationDropped`,
    );
  }

  /**
   * No worker starts (its thread cannot load or open the destination): stop trying, and have every
   * producer write its records out itself as it commits. What the ring holds is written now.
   */
  private writeThroughForGood(code: number): void {
    this.warn(
      `sluice: the sink worker failed to start ${this.startFailures} times (last exit code ${code}); records are now written by the logging threads themselves`,
    );
    Atomics.store(this.transport.control.ints, WRITE_THROUGH, 1);
    this.transport.markReady();
    try {
      this.transport.flushSync();
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

const MIN_RESTART_DELAY_MS = 10;
/** Workers in a row that die before they are ready, after which no more are started. */
const MAX_START_FAILURES = 5;
const TROUBLE_WARNING_EVERY_MS = 60_000;
const MAX_RESTART_DELAY_MS = 5000;
