import { LEVEL_BUCKETS } from '../layout/level-buckets.js';
import { JOURNAL_BYTES, ReleaseJournal } from './release-journal.js';

/**
 * Shared state between every producer thread and the sink worker, in one small SharedArrayBuffer.
 *
 *   Float64 slots (written by the worker, read by anyone):
 *     [CLOCK_MS]         the time in epoch ms, kept fresh by the worker while records stream in
 *     [BYTES_WRITTEN]    bytes the worker has handed to the destination
 *     [RECORDS_WRITTEN]  records the worker has handed to the destination
 *     [DROPPED_TOTAL+b]  records dropped by full-ring policies, per level bucket, cumulative
 *     [RECORDS_RENDERED] records rendered in a target format other than the ring's (once per format)
 *     [DESTINATION_DROPPED] records an abandoned destination discarded (gone for good, or failing at
 *                        exit), all targets together; Float64 slot 30 (bytes 240-247, Int32 60-61)
 *     [WAITING_SINCE]    written by a logging thread that writes its own records out: when the first
 *                        record it keeps waiting while the worker sleeps was logged (epoch ms), so the
 *                        worker, woken for a burst's worth, knows their rate; 0 once the worker read it;
 *                        Float64 slot 21 (bytes 168-175, Int32 42-43)
 *   Int32 slots:
 *     [CLOCK_IDLE]       1 while the worker lets the clock rest: producers read Date.now()
 *     [SLEEPING]         1 while the worker waits for records: producers notify [WAKE] only then
 *     [WAKE]             a counter the worker waits on (Atomics.waitAsync) and producers bump
 *     [GENERATION]       the running worker's incarnation (bumped on each restart)
 *     [ALIVE]            1 while a worker runs; 0 once its owner saw it exit
 *     [HEARTBEAT]        bumped by the worker on every tick and pass: a silent heartbeat means it hangs
 *     [RESTARTS]         how many times the worker was restarted
 *     [WRITE_ERRORS]     destination write failures
 *     [WAKE_UPS]         times the worker woke: from its sleep, or a clock tick
 *     [DEST_FAILING]     1 while the destination refuses writes: a full ring then drops (counted)
 *                        instead of blocking, so a dead disk or pipe cannot hang the application
 *     [GZIP_POOL]        rotated files compressed on the piscina pool
 *     [GZIP_STREAM]      rotated files compressed with a zlib stream in the worker (no piscina on disk)
 *     [TARGETS_HOLDING]  1 while a target holds records in its own buffer (a syslog server that is
 *                        down): after its drain, the exit waits for the worker to give them up, counted
 *     [WRITE_THROUGH]    1 once no sink worker could be started: every producer writes its ring out
 *                        itself as it commits (slower, nothing lost)
 *     [GZIP_PENDING]     rotated files waiting for or under compression
 *     [EXIT_GIVE_UP]     set to 1 by the exiting process: failing destinations are abandoned, not
 *                        retried; the worker sets 2 once it has done so (exit-give-up.ts)
 *     [ABANDONED_TARGET] 1 + the index of the last target abandoned or that dropped records (0: none),
 *     [ABANDONED_ERRNO]  and its errno (negative, as libuv reports it), for the exit report
 *     [MESSAGES_UNREAD]  messages the owner posted to the worker that it has not handled yet: the
 *                        worker blocks its thread (Atomics.wait) only when there are none
 *     [CALLER_WRITES]    1 while logging threads write their own records out below burst rates
 *                        (caller-writes.ts); 0 when the option is off, the target cannot take it, or
 *                        a logging thread's write failed: the worker then writes everything
 *     [REOPENS]          bumped by the worker each time it reopens its targets (logrotate): a logging
 *                        thread that writes its records out reopens its file too
 *     [WORKER_WRITES]    the sink worker's writes under way: 1 during a pass, 1 per release not yet
 *                        flushed; 0 again once its owner saw it exit
 *     [THREAD_WRITES]    logging threads' own writes under way (caller-writes.ts)
 *     [EXIT_FENCE]       1 once the ending process has drained: no write starts any more, and the
 *                        process waits (bounded) for those under way, so none is cut short (exit-write-fence.ts)
 *   BigInt64 slots (added to with Atomics.add by the logging threads that write their own records):
 *     [CALLER_RECORDS]   records, [CALLER_BYTES] bytes, [CALLER_BATCHES] writes made that way
 *   After CONTROL_BYTES: the release journal (`release-journal.ts`).
 */
export const CONTROL_BYTES = 256;

const CLOCK_MS = 0;
export const BYTES_WRITTEN = 1;
export const RECORDS_WRITTEN = 2;
export const DROPPED_TOTAL = 3; // 6 slots: 3..8
export const RECORDS_RENDERED = 9;
export const CLOCK_IDLE = 20; // Int32 indexes: byte 80 on
export const SLEEPING = 21;
export const WAKE = 22;
export const GENERATION = 23;
export const ALIVE = 24;
export const HEARTBEAT = 25;
export const RESTARTS = 26;
export const WRITE_ERRORS = 27;
export const WAKE_UPS = 28;
export const DEST_FAILING = 29;
export const GZIP_POOL = 30;
export const GZIP_STREAM = 31;
export const WRITE_THROUGH = 32;
export const TARGETS_HOLDING = 33;
export const GZIP_PENDING = 55;
export const EXIT_GIVE_UP = 56;
export const ABANDONED_TARGET = 57;
export const ABANDONED_ERRNO = 58;
export const MESSAGES_UNREAD = 59;
export const CALLER_WRITES = 34;
export const REOPENS = 35;
export const WORKER_WRITES = 44;
export const THREAD_WRITES = 45;
export const EXIT_FENCE = 46;
/** Who counts a write under way: the sink worker, or the logging threads. */
export type WritesSlot = typeof WORKER_WRITES | typeof THREAD_WRITES;
/** BigInt64 indexes: bytes 144-167 (Int32 36-41). */
const CALLER_RECORDS = 18;
const CALLER_BYTES = 19;
const CALLER_BATCHES = 20;
export const DESTINATION_DROPPED = 30;
const WAITING_SINCE = 21;

export class ControlBlock {
  readonly ints: Int32Array;
  readonly floats: Float64Array;
  readonly clockCell: Float64Array;
  readonly journal: ReleaseJournal;
  private readonly bigs: BigInt64Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(CONTROL_BYTES + JOURNAL_BYTES)) {
    this.ints = new Int32Array(buffer, 0, CONTROL_BYTES / 4);
    this.journal = new ReleaseJournal(buffer, CONTROL_BYTES);
    this.floats = new Float64Array(buffer, 0, CONTROL_BYTES / 8);
    this.clockCell = new Float64Array(buffer, 0, 1);
    this.bigs = new BigInt64Array(buffer, 0, CONTROL_BYTES / 8);
  }

  /** A logging thread wrote `records` of its own records out, `bytes` in all, in one write. */
  addCallerWrite(records: number, bytes: number): void {
    const bigs = this.bigs;
    Atomics.add(bigs, CALLER_RECORDS, BigInt(records));
    Atomics.add(bigs, CALLER_BYTES, BigInt(bytes));
    Atomics.add(bigs, CALLER_BATCHES, 1n);
  }

  /**
   * A write may start: counted under way in `slot`, unless the process is ending (EXIT_FENCE), when
   * none may start and this answers false. Count first, look at the fence second: the ending process
   * sets the fence first and reads the counts second, so one of the two sees the other.
   */
  claimWrite(slot: WritesSlot): boolean {
    const ints = this.ints;
    Atomics.add(ints, slot, 1);
    if (Atomics.load(ints, EXIT_FENCE) === 0) return true;
    this.endWrite(slot);
    return false;
  }

  /** One more write under way, begun within a claim still held (its completion comes later). */
  holdWrite(slot: WritesSlot): void {
    Atomics.add(this.ints, slot, 1);
  }

  endWrite(slot: WritesSlot): void {
    if (Atomics.sub(this.ints, slot, 1) === 1) Atomics.notify(this.ints, slot);
  }

  /** `records` counted written never reached their destination after all: dropped, not written. */
  unwrite(records: number): void {
    this.floats[RECORDS_WRITTEN] -= records;
    this.floats[DESTINATION_DROPPED] += records;
  }

  /** What logging threads wrote out themselves (caller-writes.ts), for stats(). */
  callerWritten(): { records: number; bytes: number; batches: number } {
    const bigs = this.bigs;
    return {
      records: Number(Atomics.load(bigs, CALLER_RECORDS)),
      bytes: Number(Atomics.load(bigs, CALLER_BYTES)),
      batches: Number(Atomics.load(bigs, CALLER_BATCHES)),
    };
  }

  /** A logging thread keeps a first record waiting while the worker sleeps (see WAITING_SINCE). */
  noteWaitingSince(ms: number): void {
    this.floats[WAITING_SINCE] = ms;
  }

  /**
   * noteWaitingSince for a record that waits behind others, if the worker has taken the stamp of those
   * before it (woken by a burst's worth, it took the records and the stamp): the records waiting now
   * began with this one. A clock read once per batch, not per record.
   */
  noteWaitingSinceIfTaken(): void {
    if (this.floats[WAITING_SINCE] === 0) this.floats[WAITING_SINCE] = Date.now();
  }

  /** The worker's side: when the records now waiting began to wait (epoch ms), 0 if unknown; clears it. */
  takeWaitingSince(): number {
    const ms = this.floats[WAITING_SINCE];
    this.floats[WAITING_SINCE] = 0;
    return ms;
  }

  /** Producer side: rouse the worker if, and only if, it said it sleeps (a notify is not free). */
  wakeWorker(): void {
    if (Atomics.load(this.ints, SLEEPING) !== 0) this.forceWake();
  }

  /** Unconditional wake, for flush requests and lifecycle events (rare). */
  forceWake(): void {
    const ints = this.ints;
    Atomics.store(ints, SLEEPING, 0);
    Atomics.add(ints, WAKE, 1);
    Atomics.notify(ints, WAKE);
  }

  setClock(ms: number): void {
    this.clockCell[CLOCK_MS] = ms;
  }

  heartbeat(): number {
    return Atomics.load(this.ints, HEARTBEAT);
  }

  beat(): void {
    Atomics.add(this.ints, HEARTBEAT, 1);
  }

  /** Cumulative drops per level name (only the worker adds to these, so plain adds suffice). */
  addDropped(bucket: number, count: number): void {
    this.floats[DROPPED_TOTAL + bucket] += count;
  }

  droppedTotals(): Record<string, number> {
    const totals: Record<string, number> = {};
    LEVEL_BUCKETS.forEach((name, bucket) => {
      totals[name] = this.floats[DROPPED_TOTAL + bucket];
    });
    return totals;
  }
}
