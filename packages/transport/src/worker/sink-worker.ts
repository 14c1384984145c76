import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { createLogger, type Logger, type RecordBuffer, type RecordSink } from '@sluice/core';
import {
  ALIVE,
  BYTES_WRITTEN,
  CLOCK_IDLE,
  CLOCK_REQUESTED,
  ControlBlock,
  DEST_FAILING,
  GENERATION,
  RECORDS_WRITTEN,
  SLEEPING,
  WAKE,
  WRITE_ERRORS,
} from '../control/control-block.js';
import { openDestination } from '../destination/destination-spec.js';
import { RingConsumer } from '../ring/ring-consumer.js';
import { DROPPED, LEVEL_BUCKETS, RingMemory } from '../ring/ring-layout.js';
import { BATCH_BYTES, BatchWriter } from './batch-writer.js';
import type { OwnerMessage, SinkMessage, SinkWorkerData } from './worker-data.js';

/**
 * The sink worker: drains every producer's ring in turn, gathers records into 64 KiB batches and
 * writes them asynchronously, keeps the shared clock, and reports what producers dropped. It sleeps on
 * Atomics.waitAsync when there is nothing to do, so producers only pay for a notify when it sleeps.
 */
class SinkWorker {
  private readonly control: ControlBlock;
  private readonly consumers: RingConsumer[] = [];
  private readonly writer: BatchWriter;
  private readonly reporter: Logger;
  private readonly generation: number;
  private ticker: ReturnType<typeof setInterval> | null = null;
  private lastActivity = Date.now();
  private pumping = false;
  private stopping = false;
  private finished = false;

  constructor(
    data: SinkWorkerData,
    private readonly owner: MessagePort,
  ) {
    this.control = new ControlBlock(data.control);
    this.generation = data.generation;
    const fd = openDestination(data.destination, false);
    this.writer = new BatchWriter(
      fd,
      (error) => this.reportWriteError(error),
      () => Atomics.store(this.control.ints, DEST_FAILING, 0),
    );
    this.reporter = createLogger({
      format: data.records.format,
      timestamp: data.records.timestamp,
      keys: data.records.keys,
      base: data.records.base,
      name: data.records.name,
      level: 'trace',
      destination: new BatchSink(this.writer.batch),
    });
    for (const ring of data.rings) this.attach(ring);
    this.startTicking();
  }

  attach(buffer: SharedArrayBuffer): void {
    this.consumers.push(new RingConsumer(new RingMemory(buffer)));
    this.schedulePump();
  }

  listen(port: MessagePort): void {
    port.on('message', (message: SinkMessage) => this.onMessage(message));
  }

  onMessage(message: SinkMessage): void {
    if (message.type === 'attach') this.attach(message.ring);
    else if (message.type === 'port') this.listen(message.port);
    else if (message.type === 'stop') this.stop();
  }

  /** Drains until the rings are empty or the in-flight cap is hit, then yields or sleeps. */
  private pump(): void {
    this.pumping = false;
    this.control.beat();
    let copied = 0;
    for (const consumer of this.consumers) {
      if (this.writer.inFlightBytes >= MAX_IN_FLIGHT_BYTES) break;
      if (!consumer.claim(this.generation, (holder) => this.isStale(holder))) continue;
      if (consumer.hasRecords()) copied += this.drain(consumer);
      this.reportDrops(consumer);
    }
    if (copied > 0 || this.writer.batch.pos > 0) {
      this.lastActivity = Date.now();
      this.flushBatch();
      this.schedulePump();
      return;
    }
    if (this.writer.inFlightBytes >= MAX_IN_FLIGHT_BYTES) return; // a completed write resumes pumping
    if (this.stopping) {
      // Rings empty: once the last write lands (its completion pumps again), the thread may end.
      if (this.writer.inFlightBytes === 0) this.finish();
      return;
    }
    // While the clock ticks, each tick looks at the rings: producers need not notify, and a record waits
    // at most one tick. Only once the clock rests does the worker sleep and ask to be woken.
    if (this.ticker === null) this.sleep();
  }

  /** Copies one ring's records into the batch, handing full batches to the writer. */
  private drain(consumer: RingConsumer): number {
    const batch = this.writer.batch;
    let records = 0;
    while (consumer.hasRecords() && this.writer.inFlightBytes < MAX_IN_FLIGHT_BYTES) {
      const copied = consumer.copyRecords(batch, BATCH_BYTES - batch.pos);
      records += copied;
      this.batchRecords += copied;
      this.markBatch(consumer);
      if (batch.pos >= BATCH_BYTES) this.flushBatch();
    }
    return records;
  }

  /** Which rings are released, up to where, once the current batch is written. */
  private marks: { consumer: RingConsumer; seq: number }[] = [];
  private batchRecords = 0;

  private markBatch(consumer: RingConsumer): void {
    const last = this.marks[this.marks.length - 1];
    if (last !== undefined && last.consumer === consumer) last.seq = consumer.taken;
    else this.marks.push({ consumer, seq: consumer.taken });
  }

  private flushBatch(): void {
    const marks = this.marks;
    const records = this.batchRecords;
    this.marks = [];
    this.batchRecords = 0;
    const generation = this.generation;
    const floats = this.control.floats;
    this.writer.send(() => {
      floats[RECORDS_WRITTEN] += records;
      floats[BYTES_WRITTEN] = this.writer.bytesWritten;
      for (const { consumer, seq } of marks) {
        if (consumer.holds(generation)) consumer.publishWritten(seq);
      }
      if (this.writer.inFlightBytes < MAX_IN_FLIGHT_BYTES) this.schedulePump();
    });
  }

  private reportDrops(consumer: RingConsumer): void {
    const dropped = consumer.takeDropped();
    if (dropped === null) return;
    let total = 0;
    LEVEL_BUCKETS.forEach((name, bucket) => {
      const count = dropped[name] ?? 0;
      total += count;
      this.control.addDropped(bucket, count);
    });
    this.reporter.warn({ dropped }, `sluice dropped ${total} records`);
  }

  /** A holder is stale when it is an older worker generation (that worker has exited). */
  private isStale(holder: number): boolean {
    return holder > 0 && holder !== Atomics.load(this.control.ints, GENERATION);
  }

  private schedulePump(): void {
    if (this.pumping || this.finished) return;
    this.pumping = true;
    setImmediate(() => this.pump());
  }

  /** Says it sleeps, checks once more (a producer may have committed meanwhile), then waits. */
  private sleep(): void {
    const ints = this.control.ints;
    const wake = Atomics.load(ints, WAKE);
    Atomics.store(ints, SLEEPING, 1);
    if (this.hasWork()) {
      Atomics.store(ints, SLEEPING, 0);
      this.schedulePump();
      return;
    }
    this.pumping = true;
    const waited = Atomics.waitAsync(ints, WAKE, wake, SLEEP_CHECK_MS);
    const resume = () => {
      this.pumping = false;
      Atomics.store(ints, SLEEPING, 0);
      // Woken by a producer (a record, a flush, a request for the clock): tick again. A timed-out
      // check with nothing to do leaves the clock resting.
      if (
        this.ticker === null &&
        !this.stopping &&
        (Atomics.load(ints, CLOCK_REQUESTED) !== 0 || this.hasWork())
      ) {
        this.startTicking();
      }
      this.schedulePump();
    };
    if (waited.async) void waited.value.then(resume);
    else resume();
  }

  private startTicking(): void {
    this.control.setClock(Date.now());
    Atomics.store(this.control.ints, CLOCK_IDLE, 0);
    Atomics.store(this.control.ints, CLOCK_REQUESTED, 0);
    this.lastActivity = Date.now();
    this.ticker = setInterval(() => this.tick(), CLOCK_TICK_MS);
  }

  /** Keeps the shared clock fresh while records flow; rests it (producers read Date.now()) when idle. */
  private tick(): void {
    this.control.beat();
    const now = Date.now();
    this.control.setClock(now);
    // A producer may have declared the clock stale while this thread was held up: it is live again.
    if (Atomics.load(this.control.ints, CLOCK_IDLE) !== 0) Atomics.store(this.control.ints, CLOCK_IDLE, 0);
    if (this.hasWork()) {
      this.schedulePump();
    } else if (now - this.lastActivity > CLOCK_REST_AFTER_MS && this.ticker !== null) {
      Atomics.store(this.control.ints, CLOCK_IDLE, 1);
      clearInterval(this.ticker);
      this.ticker = null;
      if (!this.pumping) this.sleep();
    }
  }

  private hasWork(): boolean {
    return this.consumers.some((consumer) => consumer.hasRecords() || hasDrops(consumer));
  }

  private reportWriteError(error: Error): void {
    Atomics.add(this.control.ints, WRITE_ERRORS, 1);
    Atomics.store(this.control.ints, DEST_FAILING, 1);
    const code = (error as NodeJS.ErrnoException).code ?? 'UNKNOWN';
    if (this.writer.errors === 1) this.post({ type: 'error', code, message: error.message });
  }

  /**
   * Drains the rings through the usual asynchronous writes (a synchronous flush could overtake a write
   * still in flight and reorder records), then ends the thread: see `finish`.
   */
  private stop(): void {
    this.stopping = true;
    if (this.ticker !== null) clearInterval(this.ticker);
    this.ticker = null;
    // If it sleeps on WAKE, rouse it; otherwise the next pump sees `stopping`.
    this.control.forceWake();
    this.schedulePump();
  }

  /** Everything is written: say so and close the port, the only thing keeping this thread alive. */
  private finish(): void {
    this.finished = true;
    this.post({ type: 'stopped' });
    this.owner.close();
  }

  post(message: OwnerMessage): void {
    this.owner.postMessage(message);
  }
}

/** The worker's own records (drop reports) go straight into the current batch. */
class BatchSink implements RecordSink {
  constructor(readonly out: RecordBuffer) {}
  begin(): boolean {
    return true;
  }
  commit(): void {}
  flushSync(): void {}
  flush(): Promise<void> {
    return Promise.resolve();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

function hasDrops(consumer: RingConsumer): boolean {
  const header = consumer.ring.header;
  for (let bucket = 0; bucket < LEVEL_BUCKETS.length; bucket++) {
    if (Atomics.load(header, DROPPED + bucket) !== 0) return true;
  }
  return false;
}

/** The clock's resolution while records flow. */
const CLOCK_TICK_MS = 1;
/** After this long without records the clock rests (no wake-ups on an idle process). */
const CLOCK_REST_AFTER_MS = 200;
/** Even asleep, the worker looks at its rings this often (a lost notify costs at most this). */
const SLEEP_CHECK_MS = 1000;
/** Bytes handed to the destination but not yet written, at most: the worker's memory bound. */
const MAX_IN_FLIGHT_BYTES = 4 * 64 * 1024;

export function runSinkWorker(): void {
  if (parentPort === null) throw new Error('the sluice sink worker must run in a worker thread');
  const data = workerData as SinkWorkerData;
  const worker = new SinkWorker(data, parentPort);
  worker.listen(parentPort);
  const control = new ControlBlock(data.control);
  Atomics.store(control.ints, ALIVE, 1);
  worker.post({ type: 'ready' });
}
