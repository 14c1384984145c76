import { RecordBuffer } from '@sluice/core';
import type { ControlBlock } from '../control/control-block.js';
import { LEVEL_BUCKETS } from '../layout/level-buckets.js';
import {
  CALLER_CLAIMED_AT,
  CALLER_WRITE,
  CONSUMER,
  DROPPED,
  FLUSHED,
  hasDropCounts,
  KIND_EVENT,
  KIND_TEXT,
  MARKS,
  READ,
  RECORD_HEADER_BYTES,
  RECORD_KIND_OFFSET,
  RECORD_PADDING_OFFSET,
  REPORT_RELEASE,
  REPORTED,
  REPORTING,
  RING_MARK_SLOTS,
  type RingMemory,
  readRecordLength,
  readRecordLevel,
  WRITE,
} from '../layout/ring-layout.js';
import { EventRegistryReader } from './event-registry.js';
import { RingTextCopy } from './ring-text-copy.js';

/** Receives one record of a ring: payload bytes [start, end) of `data`, its level and record kind. */
export type RecordVisitor = (data: Buffer, start: number, end: number, level: number, kind: number) => void;

/**
 * The consumer side of one ring. The sink worker uses it, and so does a producer writing its own ring
 * out when the worker is gone. Who may consume is decided by the CONSUMER slot: a worker generation
 * takes it with compare-and-swap and keeps it; a producer may take it only from a generation that is
 * no longer running (see `claim`), so two consumers never read the same bytes.
 *
 * Bytes are released (READ) only after they were written to the destination (FLUSHED, at the same
 * time): a worker that dies between copying and writing loses nothing, its successor reads them again.
 * And it writes nothing twice: the worker notes in the ring which release covers which position
 * (`noteRelease`), and whoever takes the ring over from a dead worker first settles that worker's
 * release journal, then publishes the positions of the releases that reached the files (`adopt`).
 */
export class RingConsumer {
  private readonly header: Int32Array;
  /** Sequence up to which records were copied out but may not be written yet. */
  taken: number;
  private readonly events: EventRegistryReader;
  /** Drop counts read for a report that is not written yet, per level bucket. */
  private reporting: number[] | null = null;
  /** Where `visitRecords` writes a deferred event's text before handing it on. */
  private readonly eventText = new RecordBuffer(1024);
  private readonly textCopy: RingTextCopy;

  /** `control`: the transport's control block, whose release journal a takeover settles. */
  constructor(
    readonly ring: RingMemory,
    private readonly control: ControlBlock | null = null,
  ) {
    this.header = ring.header;
    this.events = new EventRegistryReader(ring);
    this.textCopy = new RingTextCopy(ring);
    this.taken = Atomics.load(this.header, READ) >>> 0;
  }

  /**
   * Takes the consumer role for `owner` if it is free or held by an owner `isStale` says is gone.
   * On success the copy position restarts at READ: whatever the previous owner copied but never
   * released is read again.
   */
  claim(owner: number, isStale: (holder: number) => boolean): boolean {
    const header = this.header;
    for (;;) {
      const holder = Atomics.load(header, CONSUMER);
      if (holder === owner) return true;
      if (holder !== 0 && !isStale(holder) && !this.callerCutOff(holder)) return false;
      // A dead worker's writes are judged before anyone reads its ring again.
      if (holder > 0) this.control?.journal.settle(holder);
      if (owner === CALLER_WRITE) Atomics.store(header, CALLER_CLAIMED_AT, nowSeconds());
      if (Atomics.compareExchange(header, CONSUMER, holder, owner) === holder) {
        this.adopt(holder);
        this.taken = Atomics.load(header, READ) >>> 0;
        return true;
      }
    }
  }

  /**
   * Taking over from `holder`: what its settled releases wrote is marked written (READ, and the drop
   * counts its report carried), and its marks are cleared. Releases that did not reach every file (or
   * a holder whose journal was not settled) count as unwritten: they are read again.
   */
  private adopt(holder: number): void {
    const header = this.header;
    const settled = holder > 0 && this.control !== null ? this.control.journal.settledRelease(holder) : 0;
    let last = 0;
    let seq = 0;
    for (let slot = MARKS; slot < MARKS + 2 * RING_MARK_SLOTS; slot += 2) {
      const release = Atomics.exchange(header, slot, 0);
      if (release > last && release <= settled) {
        last = release;
        seq = Atomics.load(header, slot + 1);
      }
    }
    if (last !== 0) this.publishWritten(seq);
    const reportRelease = Atomics.load(header, REPORT_RELEASE);
    if (reportRelease !== 0 && reportRelease <= settled) {
      this.markReported(LEVEL_BUCKETS.map((_, bucket) => Atomics.load(header, REPORTING + bucket)));
    }
    Atomics.store(header, REPORT_RELEASE, 0);
  }

  /**
   * A written report's drops count as reported: REPORTED moves up to the DROPPED totals it carried, and
   * what it adds joins the transport's totals (stats). Storing totals, not subtracting counts, makes it
   * safe to do twice: a successor redoing it for a consumer killed part-way adds nothing.
   */
  private markReported(totals: readonly number[]): void {
    const header = this.header;
    totals.forEach((total, bucket) => {
      const added = (total - Atomics.load(header, REPORTED + bucket)) | 0;
      if (added <= 0) return;
      Atomics.store(header, REPORTED + bucket, total);
      this.control?.addDropped(bucket, added);
    });
  }

  /** Release `release` (see the release journal) covers this ring up to `seq`. */
  noteRelease(release: number, seq: number): void {
    const slot = MARKS + 2 * (release % RING_MARK_SLOTS);
    Atomics.store(this.header, slot + 1, seq | 0);
    Atomics.store(this.header, slot, release);
  }

  /** The drop report read last (`readDropsToReport`) travels in release `release`. */
  noteReportRelease(release: number): void {
    Atomics.store(this.header, REPORT_RELEASE, release);
  }

  /**
   * A logging thread's own write (CALLER_WRITE) lasts one write call; held far longer, its thread was
   * terminated in the middle of it and will never give the ring back.
   */
  private callerCutOff(holder: number): boolean {
    return (
      holder === CALLER_WRITE &&
      nowSeconds() - Atomics.load(this.header, CALLER_CLAIMED_AT) > CALLER_CLAIM_LIMIT_SECONDS
    );
  }

  /** Gives the role back (a producer after writing its ring out). */
  release(owner: number): void {
    Atomics.compareExchange(this.header, CONSUMER, owner, 0);
  }

  /** Held by a logging thread (or the exit drain) writing the ring out itself, not by a worker. */
  heldByLoggingThread(): boolean {
    return Atomics.load(this.header, CONSUMER) < 0;
  }

  holds(owner: number): boolean {
    return Atomics.load(this.header, CONSUMER) === owner;
  }

  /** Bytes published past what was taken. */
  backlogBytes(): number {
    return ((Atomics.load(this.header, WRITE) >>> 0) - this.taken) >>> 0;
  }

  /** True when records are published past what was taken. */
  hasRecords(): boolean {
    return Atomics.load(this.header, WRITE) >>> 0 !== this.taken;
  }

  /** True when records before `upTo` (a position WRITE had reached) are not taken yet. */
  hasRecordsBefore(upTo: number): boolean {
    return (((upTo | 0) - (this.taken | 0)) | 0) > 0;
  }

  /**
   * Copies the text of whole records from `taken` on into `out` (a deferred event's text is written by
   * its replayer), until WRITE or until `maxBytes` have been copied. Returns the number of records
   * copied; `taken` moves past them.
   */
  copyRecords(out: RecordBuffer, maxBytes: number): number {
    const ring = this.ring;
    const data = ring.data;
    const mask = ring.mask;
    const end = Atomics.load(this.header, WRITE) >>> 0;
    let seq = this.taken;
    let copied = 0;
    let records = 0;
    while (seq !== end && copied < maxBytes) {
      const at = seq & mask;
      const total = readRecordLength(data, at);
      const kind = data[at + RECORD_KIND_OFFSET];
      if (kind === KIND_TEXT) {
        const payload = total - RECORD_HEADER_BYTES - data[at + RECORD_PADDING_OFFSET];
        this.textCopy.copy(out, at + RECORD_HEADER_BYTES, payload);
        copied += payload;
        records++;
      } else if (kind === KIND_EVENT) {
        const before = out.pos;
        const payloadEnd = at + total - data[at + RECORD_PADDING_OFFSET];
        this.events.replay(data, at + RECORD_HEADER_BYTES, payloadEnd, readRecordLevel(data, at), out);
        copied += out.pos - before;
        records++;
      }
      seq = (seq + total) >>> 0;
    }
    this.taken = seq;
    return records;
  }

  /**
   * Hands records from `taken` on to `visit` one at a time as text (a text record's payload bytes
   * [start, end) in the ring's data; a deferred event's text, written by its replayer into a scratch
   * buffer), with its level, until WRITE or until `maxBytes` of text were visited. `taken` moves past
   * them. `visit` must copy what it keeps. Returns the number of records visited. `upTo`: stop there
   * instead (a position WRITE had reached, on a record boundary), for a drain bounded to a snapshot.
   */
  visitRecords(maxBytes: number, visit: RecordVisitor, upTo?: number): number {
    const ring = this.ring;
    const data = ring.data;
    const mask = ring.mask;
    const end = upTo === undefined ? Atomics.load(this.header, WRITE) >>> 0 : upTo >>> 0;
    let seq = this.taken;
    let visited = 0;
    let records = 0;
    while (seq !== end && visited < maxBytes) {
      const at = seq & mask;
      const total = readRecordLength(data, at);
      const kind = data[at + RECORD_KIND_OFFSET];
      const start = at + RECORD_HEADER_BYTES;
      const payloadEnd = at + total - data[at + RECORD_PADDING_OFFSET];
      const level = readRecordLevel(data, at);
      if (kind === KIND_TEXT) {
        visit(data, start, payloadEnd, level, KIND_TEXT);
        visited += payloadEnd - start;
        records++;
      } else if (kind === KIND_EVENT) {
        // A deferred event: its text is written here, so visitors only ever see text.
        const text = this.eventText;
        text.pos = 0;
        this.events.replay(data, start, payloadEnd, level, text);
        visit(text.bytes, 0, text.pos, level, KIND_TEXT);
        visited += text.pos;
        records++;
      }
      seq = (seq + total) >>> 0;
    }
    this.taken = seq;
    return records;
  }

  /** Marks everything up to `seq` written: the producer may reuse the space and its flush returns. */
  publishWritten(seq: number): void {
    const header = this.header;
    // Only ever forward: a consumer that lost the ring to a self-drain and later got it back may hold an
    // older position, and moving READ back would hand the producer bytes it has since overwritten.
    const read = Atomics.load(header, READ);
    if ((((seq | 0) - read) | 0) <= 0) return;
    Atomics.store(header, READ, seq | 0);
    Atomics.store(header, FLUSHED, seq | 0);
    Atomics.notify(header, READ);
    Atomics.notify(header, FLUSHED);
  }

  /**
   * The drop counts to report, or null when nothing was dropped or a report of this ring's drops is
   * still on its way to the destination. Nothing counts as reported here: `confirmDropsReported` marks
   * them once the report is written, so a worker that dies before that leaves them for its successor,
   * and a producer ending its process can wait until they are reported.
   */
  readDropsToReport(): Record<string, number> | null {
    if (this.reporting !== null) return null;
    const header = this.header;
    let dropped: Record<string, number> | null = null;
    const totals = LEVEL_BUCKETS.map((name, bucket) => {
      const total = Atomics.load(header, DROPPED + bucket);
      const count = (total - Atomics.load(header, REPORTED + bucket)) | 0;
      if (count > 0) {
        dropped ??= {};
        dropped[name] = count;
      }
      return total;
    });
    if (dropped !== null) {
      this.reporting = totals;
      totals.forEach((total, bucket) => {
        Atomics.store(header, REPORTING + bucket, total);
      });
    }
    return dropped;
  }

  /** True when drops wait for a report (not one already under way). */
  hasDropsToReport(): boolean {
    return this.reporting === null && hasDropCounts(this.header);
  }

  /** The report of `readDropsToReport` could not be written: its counts stay, to be reported later. */
  abandonDropsReport(): void {
    this.reporting = null;
  }

  /**
   * The report of `readDropsToReport` is written: its drops count as reported and join the
   * transport's totals.
   */
  confirmDropsReported(): void {
    const totals = this.reporting ?? [];
    this.reporting = null;
    // Marked before REPORT_RELEASE is cleared: a worker killed in between leaves its successor to mark
    // the same totals again (adopt), which changes nothing; the other order would report them twice.
    this.markReported(totals);
    Atomics.store(this.header, REPORT_RELEASE, 0);
    // A producer ending its process waits on FLUSHED for its drops to be reported too.
    Atomics.notify(this.header, FLUSHED);
  }
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
/** Longer than any single write of a batch to a file takes, short of a disk that hangs. */
const CALLER_CLAIM_LIMIT_SECONDS = 30;
