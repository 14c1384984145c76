import { closeSync, constants, fstatSync, openSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { RecordBuffer } from '@sluice/core';
import { writeFdSync } from '@sluice/core/internal';
import {
  CALLER_WRITES,
  type ControlBlock,
  GENERATION,
  REOPENS,
  THREAD_WRITES,
} from '../control/control-block.js';
import { LINGER_MS } from '../control/linger.js';
import { cutTornRecord } from '../destination/cut-torn-record.js';
import { openDestination } from '../destination/destination-spec.js';
import { writeUntilRefused } from '../destination/write-until-refused.js';
import { writesWithoutWaiting } from '../destination/writes-without-waiting.js';
import type { RecordShape } from '../layout/record-shape.js';
import { CALLER_WRITE, READ, type RingMemory, WRITE } from '../layout/ring-layout.js';
import { RingConsumer } from '../ring/ring-consumer.js';
import type { OwnWrites } from '../ring/ring-producer.js';
import type { DestinationConfig, TargetConfig } from '../target/target-options.js';

type WritableHere = Extract<DestinationConfig, { type: 'fd' | 'file' }>;

/**
 * Below burst rates, the thread that logs writes its own records out: one write per LINGER_MS of
 * records, from a timer on its own event loop, while the sink worker sleeps. Waking the worker costs
 * far more CPU than the write itself, and a server calls its logger at rates where a worker would wake
 * for a handful of records each time. A record that comes after a quiet linger is written as soon as
 * the code that logged it returns (a microtask): a timer would wake the event loop again just for it.
 *
 * Only where a write waits on no reader and cannot change a record: one target taking every level in
 * the ring's own format (so a record's bytes go out as they are), a file or a device that is not a
 * terminal (writesWithoutWaiting). The ring is claimed as CALLER_WRITE only when nobody holds it (the
 * worker gives it up when it goes to sleep), so one consumer writes at a time and in order. Anything
 * else goes to the worker, woken: records piling up to a burst (the producer's check), a ring the
 * worker holds, a drop report to write. A write that fails or falls short turns these writes off for
 * the transport (CALLER_WRITES): what was written whole counts as written, a record written in part is
 * cut off the file again, and the worker writes the rest with its retries and error reports. So does a
 * write that made the thread wait (SLOW_WRITE_MS): a slow disk delays the application once, not again.
 *
 * A pipe (stdout in a container or a shell pipeline) is written here through a descriptor of its own,
 * opened non-blocking through /proc/self/fd (the application's descriptor, and so its blocking mode,
 * is left alone), in writes of whole records of at most PIPE_BUF bytes, which a pipe takes whole or
 * refuses (EAGAIN when full, EPIPE without a reader): never a torn line, never a wait. A refused write,
 * or a record longer than PIPE_BUF, leaves the rest to the worker, woken; these writes stay on, and
 * resume once the worker has written and gone back to sleep. A socket is never written here.
 *
 * A file is written here only if it is the worker's: opened (never created) at the path, it must be the
 * file the worker registered (ReleaseJournal.isRegisteredFile). A path deleted, or renamed with another
 * file made in its place, before this thread opened it, leaves the records to the worker's file until
 * the worker opens it again (a reopen, a restart); a worker that has not registered its file yet takes
 * them too.
 */
export class CallerWrites implements OwnWrites {
  private timer: NodeJS.Timeout | null = null;
  private scheduled = false;
  /** When the batch scheduled last is (or was) written: its first record's time, plus LINGER_MS if it lingers. */
  private writeDueAt = Number.NEGATIVE_INFINITY;
  private consumer: RingConsumer | null = null;
  private readonly batch = new RecordBuffer(64 * 1024);
  /** Per record of the batch: where its bytes end in the batch, and the ring position after it. */
  private readonly ends: number[] = [];
  private readonly seqs: number[] = [];
  private fd = -1;
  /** `fd` was opened here (a file, or a pipe's own non-blocking descriptor): closed here too. */
  private ownsFd = false;
  /** `fd` is a pipe: written in whole records of at most PIPE_BUF bytes. */
  private pipe = false;
  private fileEpochSeen = 0;
  /**
   * The journal's registrations when the path was found not to be the worker's file: the worker writes
   * until it registers a file again (reopened, restarted).
   */
  private notWorkersFileIn = -1;
  private closed = false;

  constructor(
    private readonly control: ControlBlock,
    private readonly ring: RingMemory,
    private readonly dest: WritableHere,
  ) {}

  /**
   * A record was committed while the worker sleeps: true when this thread writes it out, within
   * LINGER_MS; false when the worker should (these writes are off, or a burst's worth waits).
   */
  schedule(): boolean {
    const ints = this.control.ints;
    if (this.closed || Atomics.load(ints, CALLER_WRITES) === 0) return false;
    if (this.notWorkersFileIn !== -1 && this.control.journal.registrations() === this.notWorkersFileIn) {
      return false;
    }
    const header = this.ring.header;
    if ((Atomics.load(header, WRITE) - Atomics.load(header, READ)) >>> 0 >= CALLER_BATCH_BYTES) return false;
    if (this.scheduled) {
      this.control.noteWaitingSinceIfTaken();
      return true;
    }
    this.scheduled = true;
    // Once a batch, so a clock read: should these records pile up to a burst's worth, the worker they
    // wake learns how fast they came.
    const now = Date.now();
    this.control.noteWaitingSince(now);
    if (now - this.writeDueAt >= LINGER_MS) {
      // Nothing written for a linger: no batch to wait for, and the record is still in the cache.
      this.writeDueAt = now;
      queueMicrotask(this.run);
      return true;
    }
    this.writeDueAt = now + LINGER_MS;
    if (this.timer === null) {
      this.timer = setTimeout(this.run, LINGER_MS);
      // The exit drain writes what is left when the process ends: this timer must not keep it alive.
      this.timer.unref();
    } else {
      this.timer.refresh();
    }
    return true;
  }

  private readonly run = (): void => {
    this.scheduled = false;
    this.writeOut();
  };

  /** The transport is closed on this thread: no more writes from here, the file let go. */
  close(): void {
    this.closed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.letFdGo();
  }

  private letFdGo(): void {
    if (this.fd !== -1 && this.ownsFd) closeQuietly(this.fd);
    this.fd = -1;
    this.ownsFd = false;
    this.pipe = false;
  }

  /** Writes the ring's records out from this thread, or leaves them to the worker, woken. */
  writeOut(): void {
    if (this.closed) return;
    const control = this.control;
    const consumer = (this.consumer ??= new RingConsumer(this.ring, control));
    if (!consumer.hasRecords()) return;
    // Turned off meanwhile (another thread's write failed): the worker writes from now on.
    if (Atomics.load(control.ints, CALLER_WRITES) === 0 || !consumer.claim(CALLER_WRITE, neverStale)) {
      control.forceWake();
      return;
    }
    // The process is ending and has drained (exit-write-fence.ts): a write started now could be cut short.
    if (!control.claimWrite(THREAD_WRITES)) {
      consumer.release(CALLER_WRITE);
      return;
    }
    let outcome = WROTE;
    try {
      while (outcome === WROTE && consumer.hasRecords()) outcome = this.writeBatch(consumer);
    } catch {
      // Never an exception into the application's event loop: what is not written stays in the ring.
      outcome = TURN_OFF;
    } finally {
      control.endWrite(THREAD_WRITES);
      consumer.release(CALLER_WRITE);
    }
    if (outcome === TURN_OFF) Atomics.store(control.ints, CALLER_WRITES, 0);
    if (outcome !== WROTE || consumer.hasDropsToReport()) control.forceWake();
  }

  /**
   * One batch of whole records, written with one write (to a pipe, with one per PIPE_BUF); WROTE when
   * it all went, else whether the rest is the worker's for now or for good.
   */
  private writeBatch(consumer: RingConsumer): WriteOutcome {
    const fd = this.openedFd();
    if (fd === NOT_HERE_NOW) return LEAVE_TO_WORKER;
    if (fd < 0) return TURN_OFF;
    const batch = this.batch;
    const ends = this.ends;
    const seqs = this.seqs;
    batch.pos = 0;
    ends.length = 0;
    seqs.length = 0;
    // One record a step (a PAD before it is skipped with it): 0 only at WRITE, past a last PAD, which
    // the publish of a whole batch covers.
    while (batch.pos < CALLER_BATCH_BYTES && consumer.copyRecords(batch, 1) !== 0) {
      ends.push(batch.pos);
      seqs.push(consumer.taken);
    }
    const length = batch.pos;
    if (this.pipe) return this.writePipeChunks(consumer, fd);
    // A worker that later judges the file by its own writes must know another thread wrote it too.
    this.control.journal.noteForeignWrite();
    const started = performance.now();
    const written = writeUntilRefused(fd, batch.bytes, length);
    const tookMs = performance.now() - started;
    this.control.journal.noteForeignWrite();
    if (written === length) {
      consumer.publishWritten(consumer.taken);
      this.control.addCallerWrite(ends.length, length);
      // A disk that makes a write wait is the worker's from now on: the application's thread waited once.
      return tookMs < SLOW_WRITE_MS ? WROTE : TURN_OFF;
    }
    let whole = -1;
    while (whole + 1 < ends.length && ends[whole + 1] <= written) whole++;
    const wholeBytes = whole < 0 ? 0 : ends[whole];
    if (written > wholeBytes) cutTornRecord(fd, written - wholeBytes);
    if (whole >= 0) {
      consumer.publishWritten(seqs[whole]);
      this.control.addCallerWrite(whole + 1, wholeBytes);
    }
    return TURN_OFF;
  }

  /**
   * The batch to a pipe: the most whole records that fit in PIPE_BUF at a time, each group one write,
   * which the pipe takes whole or refuses. A refusal, or a record longer than PIPE_BUF, leaves the rest
   * to the worker (the claim is released, and the next claim reads again from what was published).
   */
  private writePipeChunks(consumer: RingConsumer, fd: number): WriteOutcome {
    const bytes = this.batch.bytes;
    const ends = this.ends;
    const seqs = this.seqs;
    let from = 0;
    let next = 0;
    while (next < ends.length) {
      let last = next - 1;
      while (last + 1 < ends.length && ends[last + 1] - from <= PIPE_BUF) last++;
      if (last < next) return LEAVE_TO_WORKER;
      const length = ends[last] - from;
      if (writeFdSync(fd, bytes, from, length) !== length) return LEAVE_TO_WORKER;
      consumer.publishWritten(seqs[last]);
      this.control.addCallerWrite(last + 1 - next, length);
      from = ends[last];
      next = last + 1;
    }
    return WROTE;
  }

  /**
   * The target's descriptor, opened again after the worker opened its own again; -1 if not writable
   * here; NOT_HERE_NOW while the path is not the worker's file (see the class).
   */
  private openedFd(): number {
    const epoch = workersFileEpoch(this.control.ints);
    if (this.fd !== -1 && epoch === this.fileEpochSeen) return this.fd;
    const dest = this.dest;
    this.letFdGo();
    this.fileEpochSeen = epoch;
    if (dest.type === 'fd') {
      const opened = openForCallerWrites(dest);
      if (opened === null) return -1;
      this.fd = opened.fd;
      this.ownsFd = opened.owned;
      this.pipe = opened.pipe;
      return this.fd;
    }
    const registrations = this.control.journal.registrations();
    const fd = this.openWorkersFile(dest.path);
    if (fd === NOT_WORKERS_FILE) {
      this.notWorkersFileIn = registrations;
      return NOT_HERE_NOW;
    }
    this.notWorkersFileIn = -1;
    if (fd >= 0) {
      this.fd = fd;
      this.ownsFd = true;
    }
    return fd;
  }

  /**
   * The file at `path` opened to append, if it is the worker's: NOT_WORKERS_FILE when the path is gone
   * or holds another file, NOT_HERE_NOW while the worker has none registered, -1 if writes to it could
   * wait.
   */
  private openWorkersFile(path: string): number {
    let fd: number;
    try {
      // Never created here: a path deleted under the worker is the worker's to create again (reopen).
      fd = openSync(path, constants.O_WRONLY | constants.O_APPEND);
    } catch {
      return NOT_WORKERS_FILE;
    }
    let answer = fd;
    try {
      const stats = fstatSync(fd);
      if (stats.isFile()) {
        const workers = this.control.journal.isRegisteredFile(0, stats);
        if (workers !== true) answer = workers === null ? NOT_HERE_NOW : NOT_WORKERS_FILE;
      } else if (!writesWithoutWaiting(fd)) {
        answer = -1;
      }
    } catch {
      answer = -1;
    }
    if (answer !== fd) closeQuietly(fd);
    return answer;
  }
}

/**
 * CallerWrites for a thread's ring when the transport's targets allow them (see the class), else null.
 * Whether they run is decided as records come: CALLER_WRITES in the control block.
 */
export function createCallerWrites(
  control: ControlBlock,
  ring: RingMemory,
  targets: readonly TargetConfig[],
  records: RecordShape,
): CallerWrites | null {
  const dest = callerWritableDestination(targets, records);
  return dest === null ? null : new CallerWrites(control, ring, dest);
}

/** Whether logging threads can write this transport's records out themselves (see CallerWrites). */
export function callerWritesPossible(targets: readonly TargetConfig[], records: RecordShape): boolean {
  const dest = callerWritableDestination(targets, records);
  if (dest === null) return false;
  const opened = openForCallerWrites(dest);
  if (opened === null) return false;
  if (opened.owned) closeQuietly(opened.fd);
  return true;
}

/** The one target's destination when a logging thread may write it (see CallerWrites), else null. */
function callerWritableDestination(
  targets: readonly TargetConfig[],
  records: RecordShape,
): WritableHere | null {
  if (targets.length !== 1) return null;
  const [target] = targets;
  if (target.format !== records.format || target.level > 0) return null;
  const dest = target.dest;
  return dest.type === 'fd' || dest.type === 'file' ? dest : null;
}

/** A descriptor a logging thread writes: opened here (`owned`) or the application's; a pipe or not. */
interface CallerFd {
  readonly fd: number;
  readonly owned: boolean;
  readonly pipe: boolean;
}

/**
 * The destination opened for writes from a logging thread (appending), or null when it cannot take
 * them: it does not open, or a write to it could wait. A FIFO path is never opened here (that blocks
 * until it has a reader); a pipe given as a descriptor is written through one of its own, non-blocking
 * (pipeWithoutWaiting).
 */
function openForCallerWrites(dest: WritableHere): CallerFd | null {
  if (dest.type === 'fd') {
    if (writesWithoutWaiting(dest.fd)) return { fd: dest.fd, owned: false, pipe: false };
    const fd = pipeWithoutWaiting(dest.fd);
    return fd < 0 ? null : { fd, owned: true, pipe: true };
  }
  let fd: number;
  try {
    const stats = statSync(dest.path, { throwIfNoEntry: false });
    if (stats !== undefined && (stats.isFIFO() || stats.isSocket())) return null;
    fd = openDestination({ dest: dest.path, mkdir: dest.mkdir, append: true, mode: dest.mode }, false);
  } catch {
    return null;
  }
  if (writesWithoutWaiting(fd)) return { fd, owned: true, pipe: false };
  closeQuietly(fd);
  return null;
}

/**
 * For a descriptor that is a pipe, a descriptor of its own on the same pipe that never waits: opening
 * /proc/self/fd/<fd> gives a new open file description (Linux), so O_NONBLOCK there leaves the
 * application's descriptor as it was. -1 for anything else (a socket does not open that way), or where
 * there is no /proc.
 */
function pipeWithoutWaiting(fd: number): number {
  try {
    if (!fstatSync(fd).isFIFO()) return -1;
    return openSync(`/proc/self/fd/${fd}`, constants.O_WRONLY | constants.O_NONBLOCK);
  } catch {
    return -1;
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Already closed: nothing to give back.
  }
}

const neverStale = () => false;

/**
 * Changes whenever the worker may have opened its file anew: it reopened (REOPENS) or a new worker
 * started (GENERATION). Both only grow, so their sum changes when either does.
 */
function workersFileEpoch(ints: Int32Array): number {
  return Atomics.load(ints, REOPENS) + Atomics.load(ints, GENERATION);
}
/** What a batch came to: all written, the rest the worker's for now, or every write the worker's from now on. */
type WriteOutcome = 0 | 1 | 2;
const WROTE = 0;
const LEAVE_TO_WORKER = 1;
const TURN_OFF = 2;
/** What Linux writes to a pipe whole or not at all (POSIX: at least 512). */
const PIPE_BUF = 4096;
/** openedFd: the worker writes these records (the path is not its file, or not yet known to be). */
const NOT_HERE_NOW = -2;
const NOT_WORKERS_FILE = -3;
/**
 * A write that took as long as records may wait (the disk made it wait, past the page cache) hands every
 * later write to the worker; a batch to the page cache takes a small fraction of it.
 */
const SLOW_WRITE_MS = LINGER_MS;
/** A batch is at most this much, and this much waiting is a burst: the worker's. */
const CALLER_BATCH_BYTES = 64 * 1024;
