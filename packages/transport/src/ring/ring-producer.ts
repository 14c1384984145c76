import { RECORD_ABANDONED, RecordBuffer, SluiceError } from '@sluice/core';
import type { DeferredEventSink } from '@sluice/core/internal';
import { ALIVE, type ControlBlock, DEST_FAILING, SLEEPING, WRITE_THROUGH } from '../control/control-block.js';
import { levelBucket } from '../layout/level-buckets.js';
import type { RecordShape } from '../layout/record-shape.js';
import {
  align8,
  CONSUMER,
  DROPPED,
  FLUSHED,
  HIGH_WATER,
  hasDropCounts,
  KIND_EVENT,
  KIND_PAD,
  KIND_TEXT,
  LITTLE_ENDIAN_HOST,
  PRODUCER_WAITING,
  READ,
  RECORD_HEADER_BYTES,
  type RingMemory,
  WRITE,
  writeRecordHeader,
  writeRecordHeaderWords,
} from '../layout/ring-layout.js';
import { DropReporter } from './drop-reporter.js';
import { registerEvent, registerString } from './event-registry.js';
import type { FullPolicy } from './full-policy.js';

/**
 * Called when this thread must write its ring out itself: the worker is gone (`workerSilent` false) or
 * has not shown a heartbeat for `stallTimeoutMs` (true). It does nothing while a live worker holds the
 * ring, so two consumers never take the same records.
 */
export type SelfDrain = (ring: RingMemory, workerSilent: boolean) => void;

/** A producer writing its own records out below burst rates, the worker asleep (lifecycle/caller-writes.ts). */
export interface OwnWrites {
  /** A record was committed while the worker sleeps: true when this thread writes it out, false to wake the worker. */
  schedule(): boolean;
}

export interface ProducerOptions {
  policy: FullPolicy;
  /** With `shed`: records below this level are dropped when the ring is full, the rest wait. */
  shedBelow: number;
  /** How long a blocked producer waits for a silent worker before writing the ring out itself. */
  stallTimeoutMs: number;
  /**
   * The longest one call waits for room (under `block`, for records `shed` keeps, for fatal records);
   * then its record is dropped and counted. Also bounds `flushSync()`, hence `fatal()`'s flush.
   */
  blockTimeoutMs: number;
}

/**
 * Records written straight into ring memory: the logger's encoders write into the ring's data region
 * through this buffer, and the only extra work per record is its 8-byte header and one Atomics.store.
 */
class RingRecordBuffer extends RecordBuffer {
  constructor(
    data: Buffer,
    private readonly producer: RingProducer,
  ) {
    super(data);
  }

  protected override makeRoom(n: number): void {
    this.producer.makeRoom(n);
  }
}

/**
 * The producer side of a single-producer single-consumer ring: one per thread that logs. It owns WRITE
 * and the drop counters; the consumer owns READ and FLUSHED. Only the owning thread calls its methods.
 */
export class RingProducer implements DeferredEventSink {
  readonly out: RingRecordBuffer;
  private readonly header: Int32Array;
  /** The data region's Int32 view for event writers (see DeferredEventSink.words); null on big-endian hosts. */
  readonly words: Int32Array | null;
  private readonly capacity: number;
  private readonly mask: number;
  /**
   * Free-running count of bytes published (WRITE). Sequence numbers here are kept as int32 (`| 0`):
   * only their differences matter (`(a - b) >>> 0`), and int32 fields and arithmetic stay untagged in
   * optimised code, where a uint32 above 2^31 would turn them into doubles.
   */
  private seq = 0;
  /** Where the record being written starts, in sequence space (after a pending PAD, if any). */
  private recordSeq = 0;
  private level = 0;
  /** Last READ seen: space checks read the shared index only when this says the ring looks full. */
  private cachedRead = 0;
  /**
   * While `out.pos + n <= roomEnd`, a record of `n` bytes starting at `out.pos` needs no decision: it is
   * before the eager-wrap zone, within the free space, and (under a dropping policy) leaves the drop
   * headroom free, so `begin` would neither wrap, wait nor drop. Kept by `updateLimit`.
   */
  private roomEnd = 0;
  /** `roomEnd` for `beginEvent`: the same, but -1 while eventWarmUps last. */
  private eventRoomEnd = 0;
  /**
   * Records, and deferred events, that take the checked paths on purpose (roomEnd, eventRoomEnd -1):
   * see warmUpsLeft.
   */
  private recordWarmUps = WARM_UP_RECORDS;
  private eventWarmUps = WARM_UP_RECORDS;
  /** Free space a record must leave under a dropping policy to skip `begin`'s drop check. */
  private readonly dropHeadroom: number;
  private readonly controlInts: Int32Array;
  private highWater = 0;
  /** When the wait for the record being written gives up; armed at its first wait (see awaitSpace). */
  private waitDeadline = 0;
  private waitArmed = false;
  /** The committed end the armed deadline belongs to: a record after a publish arms a fresh one. */
  private waitSeq = 0;
  /**
   * READ when a wait last ran out, while the reader has not moved since: later records that find the
   * ring full then drop at once instead of each waiting the whole bound again. -1: none.
   */
  private gaveUpAtRead = -1;
  /** Once a consumer has claimed the ring: until then a full ring waits (bounded) under every policy. */
  private consumerSeen = false;
  /** Renders the record that replaces one too large for the ring (made on first use). */
  private cutMarker: DropReporter | null = null;
  /** The record cutMarker last rendered. */
  private cutLine: Uint8Array | null = null;
  /**
   * Set once the transport is closed: each record is written out from this thread as it is committed
   * (there is no worker any more), so nothing logged after close() is lost.
   */
  writeThrough = false;

  constructor(
    readonly ring: RingMemory,
    private readonly control: ControlBlock,
    private readonly options: Readonly<ProducerOptions>,
    private readonly selfDrain: SelfDrain,
    /** The transport's record shape, for the record that replaces an oversize one; null: drop those. */
    private readonly records: RecordShape | null = null,
    /** This thread's own writes of its records while the worker sleeps; null: always wake the worker. */
    private readonly ownWrites: OwnWrites | null = null,
  ) {
    this.header = ring.header;
    this.words = LITTLE_ENDIAN_HOST ? ring.words : null;
    this.capacity = ring.capacity;
    this.mask = ring.mask;
    this.controlInts = control.ints;
    this.dropHeadroom = options.policy === 'block' ? 0 : RECORD_HEADER_BYTES + DROP_HEADROOM;
    this.seq = Atomics.load(this.header, WRITE);
    this.cachedRead = Atomics.load(this.header, READ);
    this.out = new RingRecordBuffer(ring.data, this);
    this.resetCursor();
  }

  begin(level: number): boolean {
    this.level = level;
    const out = this.out;
    if (out.pos + RECORD_HEADER_BYTES <= this.roomEnd) {
      out.pos += RECORD_HEADER_BYTES;
      return true;
    }
    return this.beginChecked(level);
  }

  /**
   * `begin` for a deferred event whose payload takes at most `payloadBytes`, and room for all of it: one
   * comparison while the ring has room, the general path (wrap, wait, drop) otherwise. False when the
   * full-ring policy dropped the record (counted).
   */
  beginEvent(level: number, payloadBytes: number): boolean {
    const out = this.out;
    if (out.pos + RECORD_HEADER_BYTES + payloadBytes + ALIGNMENT_SLACK <= this.eventRoomEnd) {
      this.level = level;
      out.pos += RECORD_HEADER_BYTES;
      return true;
    }
    return this.beginEventChecked(level, payloadBytes);
  }

  private beginEventChecked(level: number, payloadBytes: number): boolean {
    if (this.eventWarmUps > 0 && --this.eventWarmUps === 0) this.eventRoomEnd = this.roomEnd;
    if (!this.beginChecked(level)) return false;
    try {
      this.out.ensure(payloadBytes);
      return true;
    } catch (failure) {
      if (failure === RECORD_ABANDONED) return false;
      throw failure;
    }
  }

  /** `begin` near the end of the data region or of the free space: wrap, wait or drop as needed. */
  private beginChecked(level: number): boolean {
    this.level = level;
    if (this.usedAfter(RECORD_HEADER_BYTES + DROP_HEADROOM) > this.capacity && this.dropsAt(level)) {
      if (this.refreshedUsedAfter(RECORD_HEADER_BYTES + DROP_HEADROOM) > this.capacity) {
        this.countDrop(level);
        return false;
      }
    }
    const out = this.out;
    try {
      // Near the end of the data region, start at offset 0 now rather than move a half-written record.
      if (this.capacity - out.pos < EAGER_WRAP_BYTES) {
        this.moveRecordToStart(0);
        this.updateLimit();
      }
      if (out.pos + RECORD_HEADER_BYTES > out.limit) this.makeRoom(RECORD_HEADER_BYTES);
    } catch (failure) {
      if (failure === RECORD_ABANDONED) return false;
      throw failure;
    }
    out.pos += RECORD_HEADER_BYTES;
    return true;
  }

  commit(level: number): void {
    this.publish(level, KIND_TEXT);
  }

  /** A deferred event's binary record (see @sluice/core's DeferredEventSink). */
  commitEvent(level: number): void {
    this.publish(level, KIND_EVENT);
  }

  /** Publishes an event's descriptor in this ring's registry; -1 once the registry is full. */
  registerEvent(descriptor: Uint8Array): number {
    return registerEvent(this.ring, descriptor);
  }

  /** Puts a string in this ring's string table; -1 once strings have their share of the registry. */
  registerString(binary: Uint8Array): number {
    return registerString(this.ring, binary);
  }

  private publish(level: number, kind: number): void {
    const out = this.out;
    const start = out.start;
    const unpadded = out.pos - start;
    const total = align8(unpadded);
    const padding = total - unpadded;
    if (out.pos + padding > out.limit && !this.roomForPadding(padding)) return;
    const words = this.words;
    if (words !== null) writeRecordHeaderWords(words, start, total, kind, padding, level);
    else writeRecordHeader(out.bytes, start, total, kind, padding, level);
    const seq = (this.recordSeq + total) | 0;
    this.seq = seq;
    Atomics.store(this.header, WRITE, seq);
    this.trackHighWater();
    this.advanceCursor();
    this.signalConsumer();
  }

  /** The rare case: the record's alignment padding crosses the limit. False if it was dropped. */
  private roomForPadding(padding: number): boolean {
    try {
      this.makeRoom(padding);
      return true;
    } catch (failure) {
      if (failure === RECORD_ABANDONED) return false; // dropped by policy and counted
      throw failure;
    }
  }

  /**
   * After a publish: write the ring out here once there is no worker; otherwise, if the worker said it
   * sleeps, have this thread write the record out a little later (ownWrites), or wake the worker.
   * SLEEPING is read with a plain load, not Atomics.load (a builtin call in Node 20's optimised code,
   * once a record): the Atomics.store of WRITE just before is a full barrier, and the optimiser moves
   * no load across that call, so this reads the current value. A stale read could only delay a
   * wake-up, which the worker's 1 s wait timeout bounds anyway.
   */
  private signalConsumer(): void {
    const ints = this.controlInts;
    if (this.writeThrough || ints[WRITE_THROUGH] !== 0) this.selfDrain(this.ring, false);
    else if (ints[SLEEPING] !== 0 && (this.ownWrites === null || !this.ownWrites.schedule()))
      this.control.forceWake();
  }

  /** `ensure` found no room for `n` more bytes: wait, wrap, or drop by policy. */
  makeRoom(n: number): void {
    const out = this.out;
    const written = out.pos - out.start;
    if (written + n > this.maxRecordBytes()) this.cutOversize();
    if (out.pos + n > this.capacity) this.moveRecordToStart(written);
    // Wait (or drop) until the record fits between here and the reader.
    const needed = (this.recordSeq - this.seq + written + n) >>> 0;
    this.awaitSpace(needed);
    this.updateLimit();
  }

  /** The record cannot fit before the end of the data region: it continues at offset 0, after a PAD. */
  private moveRecordToStart(written: number): void {
    const out = this.out;
    const padBytes = this.capacity - (this.seq & this.mask);
    this.awaitSpace(padBytes + written);
    out.bytes.copyWithin(0, out.start, out.pos);
    // The PAD filling the end of the data region is written now, over the moved record's old header
    // room; it is published with the record (WRITE moves past both). Written here rather than at the
    // publish, which then has no branch that only a wrap takes (see warmUpsLeft).
    writeRecordHeader(out.bytes, this.seq & this.mask, padBytes, KIND_PAD, 0, 0);
    this.recordSeq = (this.seq + padBytes) | 0;
    out.start = 0;
    out.pos = written;
  }

  /**
   * Waits until `bytes` from the committed end fit, or drops the record (throws RECORD_ABANDONED): at
   * once under a dropping policy, after `blockTimeoutMs` otherwise. Waiting sleeps in Atomics.wait.
   */
  private awaitSpace(bytes: number): void {
    if (this.refreshedUsedAfter(bytes) <= this.capacity) return;
    if (this.dropsAt(this.level) || this.destinationFailing()) this.abandon();
    const header = this.header;
    if (this.gaveUpAtRead !== -1) {
      if (this.cachedRead === this.gaveUpAtRead) this.abandon();
      this.gaveUpAtRead = -1;
    }
    if (!this.waitArmed || this.waitSeq !== this.seq) {
      this.waitArmed = true;
      this.waitSeq = this.seq;
      this.waitDeadline = Date.now() + this.options.blockTimeoutMs;
    }
    const watch = new StallWatch(this.control, this.options.stallTimeoutMs, this.cachedRead);
    while (this.refreshedUsedAfter(bytes) > this.capacity) {
      const left = this.waitDeadline - Date.now();
      if (left <= 0) {
        this.gaveUpAtRead = this.cachedRead;
        this.abandon();
      }
      // A ring that filled before the worker first claimed it waits for the worker while it drains.
      // Once the worker had the ring through a whole wait and freed nothing (what it took is still
      // being written: a pipe whose reader is slow), the policy decides as for any full ring.
      const claimedBefore = this.consumerSeen;
      const readBefore = this.cachedRead;
      Atomics.store(header, PRODUCER_WAITING, 1);
      this.control.forceWake();
      Atomics.wait(header, READ, readBefore | 0, Math.min(WAIT_SLICE_MS, left));
      Atomics.store(header, PRODUCER_WAITING, 0);
      const read = Atomics.load(header, READ);
      if (this.destinationFailing()) this.abandon();
      // dropsAt also notes a consumer that has claimed the ring since.
      if (this.dropsAt(this.level) && claimedBefore && read === readBefore) this.abandon();
      this.afterWait(watch, read);
    }
  }

  /** After a wait without progress: write the ring out here if the worker is gone or hangs. */
  private afterWait(watch: StallWatch, progress: number): void {
    const verdict = watch.check(progress);
    if (verdict !== 'waiting') this.selfDrain(this.ring, verdict === 'silent');
  }

  /** Drops the record being written: counted at its level, rolled back, and the logger told to stop. */
  private abandon(): never {
    this.countDrop(this.level);
    this.forgetRecord();
    throw RECORD_ABANDONED;
  }

  /**
   * The record being written would take more than half the ring (it could never fit beside what the
   * reader holds): in its place, one record at its level says it was cut, so the call still writes one
   * record (a fatal() its fatal record). Rendered in the transport's record shape; it waits, or is
   * dropped and counted, like any record.
   */
  private cutOversize(): never {
    const level = this.level;
    const records = this.records;
    this.forgetRecord();
    if (records === null) {
      this.countDrop(level);
      throw RECORD_ABANDONED;
    }
    this.cutMarker ??= new DropReporter(records, (data, start, end) => {
      this.cutLine = data.slice(start, end);
    });
    this.cutMarker.reportCut(level, this.maxRecordBytes());
    const line = this.cutLine;
    if (line !== null && this.begin(level)) {
      try {
        const out = this.out;
        out.ensure(line.length);
        out.bytes.set(line, out.pos);
        out.pos += line.length;
        this.commit(level);
      } catch (failure) {
        if (failure !== RECORD_ABANDONED) throw failure;
      }
    }
    throw RECORD_ABANDONED;
  }

  /** The largest record the ring takes: half of it, header included, so a record always fits beside what the reader holds. */
  private maxRecordBytes(): number {
    return this.capacity / 2 - RECORD_HEADER_BYTES;
  }

  /** Rolls the record being written back: the cursor returns to the committed end. */
  private forgetRecord(): void {
    this.recordSeq = this.seq;
    this.waitArmed = false;
    this.resetCursor();
  }

  private countDrop(level: number): void {
    Atomics.add(this.header, DROPPED + levelBucket(level), 1);
  }

  /**
   * The destination refuses writes (a full disk, a closed pipe): waiting for room would hang this
   * thread until it recovers, so a full ring drops and counts instead, whatever the policy.
   */
  private destinationFailing(): boolean {
    return Atomics.load(this.control.ints, DEST_FAILING) !== 0;
  }

  /**
   * Whether a record at `level` is dropped at once (rather than waited for, within blockTimeoutMs) when
   * the ring is full. A fatal record never is: `fatal()` waits for its write anyway (it flushes before
   * returning), and it is the record that says why the process ends. Nor is any record before a
   * consumer first claimed the ring: the worker is still starting, and would have taken them in time.
   */
  private dropsAt(level: number): boolean {
    if (level >= FATAL_LEVEL) return false;
    const policy = this.options.policy;
    if (policy === 'block' || (policy === 'shed' && level >= this.options.shedBelow)) return false;
    if (!this.consumerSeen) this.consumerSeen = Atomics.load(this.header, CONSUMER) !== 0;
    return this.consumerSeen;
  }

  /** Bytes in use if `extra` more were written after the current record's start (cached READ). */
  private usedAfter(extra: number): number {
    return ((this.seq - this.cachedRead) >>> 0) + extra;
  }

  private refreshedUsedAfter(extra: number): number {
    this.cachedRead = Atomics.load(this.header, READ);
    return this.usedAfter(extra);
  }

  /** Puts the cursor at the committed end, with a limit that needs no check until it is reached. */
  private resetCursor(): void {
    this.moveCursorToCommittedEnd();
    this.updateLimit();
  }

  /**
   * After a publish: resetCursor, keeping the limits while the cursor moves forward in the same lap over
   * the data region. They are offsets there computed from READ, which only moves on, so they stay safe;
   * they are recomputed on a wrap, and near the room's end, where a fresher READ may move it on.
   */
  private advanceCursor(): void {
    const sameLap = (this.seq & this.mask) > this.out.start;
    this.moveCursorToCommittedEnd();
    if (!sameLap || this.out.pos + LIMIT_REFRESH_MARGIN > this.roomEnd) this.updateLimit();
  }

  private moveCursorToCommittedEnd(): void {
    const out = this.out;
    // The next record starts at the committed end. updateLimit measures free space from recordSeq: left
    // at the previous record's start, it would let this one overwrite that many unread bytes.
    this.recordSeq = this.seq;
    out.pos = this.seq & this.mask;
    out.start = out.pos;
  }

  /** Writable up to the physical end or to where the reader still needs the bytes, whichever is first. */
  private updateLimit(): void {
    const out = this.out;
    let free = this.capacity - ((this.recordSeq - this.cachedRead) >>> 0);
    // A stale READ makes the ring look fuller than it is, and a limit at the cursor sends every write
    // of the next record down the slow path: refresh it (one atomic load) once it says less than a
    // quarter is free.
    if (free < this.capacity >>> 2) {
      this.cachedRead = Atomics.load(this.header, READ);
      free = this.capacity - ((this.recordSeq - this.cachedRead) >>> 0);
    }
    out.limit = Math.min(this.capacity, out.start + Math.max(0, free));
    this.roomEnd = Math.min(this.capacity - EAGER_WRAP_BYTES, out.start + free - this.dropHeadroom);
    this.warmUpsLeft();
  }

  /**
   * A thread's first records take the checked paths (beginChecked, beginEventChecked, the limit
   * refresh after a publish) although there is room. V8 compiles the callers' fast paths before a ring
   * first fills or wraps, and a call never made by then has no type feedback: the end of the first lap
   * would throw every compiled caller (the logger's methods, each event's writer) away and recompile it.
   * Sent that way on purpose, the first WARM_UP_RECORDS of each kind give those calls their feedback (V8
   * keeps none for a function's first few runs), once.
   */
  private warmUpsLeft(): void {
    this.eventRoomEnd = this.eventWarmUps > 0 ? -1 : this.roomEnd;
    if (this.recordWarmUps > 0) {
      this.recordWarmUps--;
      this.roomEnd = -1;
    }
  }

  /**
   * Bytes in use measured with the cached READ can only overstate them, so READ is loaded only when that
   * overstatement passes the high-water mark; the fresh READ then becomes the cached one, so the next
   * load waits until the ring has grown by the margin it shows.
   */
  private trackHighWater(): void {
    if ((this.seq - this.cachedRead) >>> 0 <= this.highWater) return;
    this.cachedRead = Atomics.load(this.header, READ);
    const used = (this.seq - this.cachedRead) >>> 0;
    if (used > this.highWater) {
      this.highWater = used;
      Atomics.store(this.header, HIGH_WATER, used);
    }
  }

  /**
   * Blocks until everything this thread published is written by the worker (FLUSHED reaches WRITE), or
   * writes the ring out itself if the worker is gone or silent for `stallTimeoutMs`; at most
   * `blockTimeoutMs` (what is left stays queued).
   */
  flushSync(): void {
    this.flushSyncWithin(this.options.blockTimeoutMs);
  }

  /**
   * flushSync with a deadline (the exit path must not hang on a destination that never drains).
   * Returns false if the deadline passed with records still unwritten.
   */
  flushSyncWithin(deadlineMs: number): boolean {
    const header = this.header;
    const target = this.seq;
    const giveUpAt = Date.now() + deadlineMs;
    const watch = new StallWatch(this.control, this.options.stallTimeoutMs, Atomics.load(header, FLUSHED));
    for (;;) {
      const flushed = Atomics.load(header, FLUSHED);
      // Records first; then the report of what this thread dropped (so delivered + counted drops =
      // logged at exit too): the worker's to write while one runs, else this thread's.
      if (reached(flushed >>> 0, target)) {
        if (!hasDropCounts(header)) return true;
        if (this.noWorker()) {
          this.selfDrain(this.ring, false);
          return true;
        }
      }
      if (Date.now() > giveUpAt || this.destinationFailing()) return false;
      this.control.forceWake();
      Atomics.wait(header, FLUSHED, flushed, WAIT_SLICE_MS);
      const verdict = watch.check(Atomics.load(header, FLUSHED));
      if (verdict !== 'waiting') {
        // It writes the records, then this ring's drop report.
        this.selfDrain(this.ring, verdict === 'silent');
        if (reached(Atomics.load(header, FLUSHED) >>> 0, target)) return true;
      }
    }
  }

  /** No worker writes this ring now: it is gone (a restart may follow), or producers write through. */
  private noWorker(): boolean {
    return this.writeThrough || Atomics.load(this.control.ints, ALIVE) === 0;
  }

  /** Resolves when everything published so far is written; keeps the process alive until then. */
  async flush(): Promise<void> {
    const header = this.header;
    const target = this.seq;
    const watch = new StallWatch(this.control, this.options.stallTimeoutMs, Atomics.load(header, FLUSHED));
    // A pending Atomics.waitAsync does not hold Node's event loop open; this timer does.
    const keepAlive = setInterval(() => {}, 1 << 30);
    try {
      for (;;) {
        const flushed = Atomics.load(header, FLUSHED);
        if (reached(flushed >>> 0, target)) return;
        if (this.destinationFailing()) {
          throw new SluiceError(
            'ERR_SLUICE_DESTINATION',
            'sluice: the destination refuses writes; pending records stay queued and are retried',
          );
        }
        this.control.forceWake();
        const waited = Atomics.waitAsync(header, FLUSHED, flushed, WAIT_SLICE_MS);
        if (waited.async) await waited.value;
        this.afterWait(watch, Atomics.load(header, FLUSHED));
      }
    } finally {
      clearInterval(keepAlive);
    }
  }

  close(): Promise<void> {
    return this.flush();
  }
}

/**
 * Tells a waiting thread whether to keep waiting: progress (the index it waits on) or a heartbeat
 * resets the clock; a worker marked gone, or silent for the stall timeout, means write it out here.
 */
class StallWatch {
  private lastProgress: number;
  private lastBeat: number;
  private quietSince = Date.now();

  constructor(
    private readonly control: ControlBlock,
    private readonly timeoutMs: number,
    progress: number,
  ) {
    this.lastProgress = progress;
    this.lastBeat = control.heartbeat();
  }

  check(progress: number): 'waiting' | 'gone' | 'silent' {
    if (Atomics.load(this.control.ints, ALIVE) === 0) return 'gone';
    const beat = this.control.heartbeat();
    if (progress !== this.lastProgress || beat !== this.lastBeat) {
      this.lastProgress = progress;
      this.lastBeat = beat;
      this.quietSince = Date.now();
      return 'waiting';
    }
    if (Date.now() - this.quietSince <= this.timeoutMs) return 'waiting';
    this.quietSince = Date.now();
    return 'silent';
  }
}

/** `seq` has reached `target` in wrapping 32-bit sequence space. */
function reached(seq: number, target: number): boolean {
  return ((seq - target) | 0) >= 0;
}

/** Within this many bytes of the room's end, each publish recomputes the limits (see advanceCursor). */
const LIMIT_REFRESH_MARGIN = 8 * 1024;

/** Padding a record may need to reach the 8-byte alignment. */
const ALIGNMENT_SLACK = 7;

/** Below this much room before the end of the data region, a new record starts at offset 0. */
const EAGER_WRAP_BYTES = 512;
/** Records of each kind sent down the checked paths first (see warmUpsLeft). */
const WARM_UP_RECORDS = 64;

/**
 * A dropping policy drops at `begin` when less than this is free, so records are rarely abandoned
 * half-written (which wastes the encoding work).
 */
const DROP_HEADROOM = 1024;

/** How long one wait for space lasts before the producer re-checks the worker's health. */
const WAIT_SLICE_MS = 50;

/** pino's fatal: records at this level and above wait for room under every policy. */
const FATAL_LEVEL = 60;
