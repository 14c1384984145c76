import { LEVEL_BUCKETS } from './level-buckets.js';

/**
 * The memory layout of one producer's ring: a SharedArrayBuffer with a header and a data region.
 *
 *   header (Int32 slots; the two indexes sit on separate 64-byte cache lines so the producer's and the
 *   consumer's stores do not contend):
 *     [WRITE]            free-running byte count the producer has published (u32, wraps)
 *     [READ]             free-running byte count the consumer has released   (u32, wraps)
 *     [FLUSHED]          free-running byte count written to the destination  (u32, wraps)
 *     [PRODUCER_WAITING] 1 while the producer sleeps waiting for space or a flush
 *     [ATTACHED]         1 while a producer thread owns the ring (claimed by compare-and-swap)
 *     [DROPPED + b]      records dropped by the full-ring policy, per level bucket b (see LEVEL_BUCKETS),
 *                        cumulative: only the producer adds to it
 *     [REPORTED + b]     of those, how many drop reports have carried (consumer only, FLUSHED's line):
 *                        DROPPED - REPORTED are the drops still to report
 *     [HIGH_WATER]       most bytes ever in use at once
 *     [CONSUMER]         who may consume: 0 nobody, a worker generation (> 0), SELF_DRAIN, EXIT_DRAIN
 *                        or CALLER_WRITE
 *     [CALLER_CLAIMED_AT] when CALLER_WRITE was taken, in seconds (epoch): a holder that kept it far
 *                        longer than any write takes was cut off (its thread terminated mid-write)
 *     [REGISTRY_END]     bytes of the event registry published by the producer
 *     [SHARED_STRINGS]   strings in the registry (producer only: the next string's id)
 *     [MARKS + 2i]       the release journal's marks (consumer only, READ's line): RING_MARK_SLOTS
 *                        entries of [release, seq], "release `release` covers this ring up to `seq`"
 *     [REPORT_RELEASE]   the release carrying this ring's drop report (0: none under way), and
 *     [REPORTING + b]    the DROPPED totals that report brings REPORTED up to (consumer only, FLUSHED's
 *                        line). Confirming a report stores them into REPORTED, then clears
 *                        REPORT_RELEASE: a consumer killed in between leaves a successor to store the
 *                        same totals again, so a report is never counted twice nor lost
 *   data: `capacity` bytes (a power of two), records laid end to end.
 *   registry: REGISTRY_BYTES, append-only: the descriptors of this producer's deferred events, each
 *     `[u32 length][descriptor]`, an event's id being its position among them, and the strings its
 *     events write as references, each `[u32 length | STRING_ENTRY][binary string]`, an id being the
 *     position among strings. It lives beside the ring, not in it, so a worker started after a crash
 *     still finds the events and strings of records it replays.
 *
 * A record: an 8-byte header, then its payload, padded to a multiple of 8 bytes.
 *   bytes 0-3  total length: header + payload + padding (u32, little endian)
 *   byte  4    kind: TEXT (a formatted line), EVENT (a deferred event: `[u32 id][time][arguments]`,
 *              see @sluice/core's binary-args) or PAD (skip to the end of the data region)
 *   byte  5    padding bytes after the payload (0-7)
 *   bytes 6-7  level (u16), so the consumer can route and count without parsing
 * Records never wrap: one that would cross the end of the data region is preceded by a PAD record that
 * fills the rest of it, and starts at offset 0.
 */
export const HEADER_BYTES = 256;

export const WRITE = 0;
export const READ = 16;
export const FLUSHED = 32;
export const PRODUCER_WAITING = 48;
export const ATTACHED = 49;
export const HIGH_WATER = 50;
export const CONSUMER = 51;
/** The CONSUMER value while a producer writes its own ring out (its worker is gone). */
export const SELF_DRAIN = -1;
/**
 * The CONSUMER value while the process's exit drain (on the main thread) writes out a ring whose own
 * producer may still be logging, because no worker will (see `createExitTakeover`).
 */
export const EXIT_DRAIN = -2;
/**
 * The CONSUMER value while the ring's own producer writes its records out below burst rates, the
 * worker asleep (caller-writes.ts). Taken only when nobody holds the ring.
 */
export const CALLER_WRITE = -3;
export const CALLER_CLAIMED_AT = 58;
export const DROPPED = 52;
export const REGISTRY_END = 60;
export const SHARED_STRINGS = 61;
export const MARKS = 17;
/** Marks kept per ring: more than the releases that can be under way (MAX_RELEASES_IN_FLIGHT + 1). */
export const RING_MARK_SLOTS = 7;
export const REPORT_RELEASE = 33;
export const REPORTING = 34;
export const REPORTED = 40;
/** Room for deferred event descriptors per ring (a few hundred events; later ones write text). */
export const REGISTRY_BYTES = 256 * 1024;
/** Strings stop being shared once the registry is this full: the rest is kept for event descriptors. */
export const STRING_REGISTRY_LIMIT = 192 * 1024;
/** The high bit of a registry entry's length word marks a string. */
export const STRING_ENTRY = 0x80000000;

export const RECORD_HEADER_BYTES = 8;
export const KIND_TEXT = 1;
export const KIND_PAD = 2;
export const KIND_EVENT = 3;

/** Byte offsets inside a record header. */
export const RECORD_LENGTH_OFFSET = 0;
export const RECORD_KIND_OFFSET = 4;
export const RECORD_PADDING_OFFSET = 5;
export const RECORD_LEVEL_OFFSET = 6;

export const DEFAULT_RING_BYTES = 4 * 1024 * 1024;
/** The smallest page size of the platforms Node runs on: prefaulting writes once per this many bytes. */
const PAGE_BYTES = 4096;
export const MIN_RING_BYTES = 64 * 1024;

/**
 * Writes a record header at `at`. Plain byte stores: a DataView over a SharedArrayBuffer is not
 * inlined by Node 20's optimiser, and this runs once per record on the producer's thread.
 */
export function writeRecordHeader(
  data: Uint8Array,
  at: number,
  total: number,
  kind: number,
  padding: number,
  level: number,
): void {
  data[at] = total & 0xff;
  data[at + 1] = (total >>> 8) & 0xff;
  data[at + 2] = (total >>> 16) & 0xff;
  data[at + 3] = total >>> 24;
  data[at + RECORD_KIND_OFFSET] = kind;
  data[at + RECORD_PADDING_OFFSET] = padding;
  data[at + RECORD_LEVEL_OFFSET] = level & 0xff;
  data[at + RECORD_LEVEL_OFFSET + 1] = (level >>> 8) & 0xff;
}

/**
 * `writeRecordHeader` as two Int32 stores into `words` (the data region's Int32 view; `at` is a
 * record's 8-aligned offset): a quarter of the stores and bounds checks on the producer's path. Only
 * on little-endian hosts, where the bytes are the ones writeRecordHeader lays down. Kept apart from
 * writeRecordHeader rather than one function taking `words | null`: merged, the producer's call is
 * slower.
 */
export function writeRecordHeaderWords(
  words: Int32Array,
  at: number,
  total: number,
  kind: number,
  padding: number,
  level: number,
): void {
  const w = at >>> 2;
  words[w] = total;
  words[w + 1] = kind | (padding << 8) | ((level & 0xffff) << 16);
}

/** True where an Int32Array stores its bytes little end first (every platform Node ships for but s390x). */
export const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The total length in a record header (little endian u32). */
export function readRecordLength(data: Uint8Array, at: number): number {
  return (data[at] | (data[at + 1] << 8) | (data[at + 2] << 16) | (data[at + 3] << 24)) >>> 0;
}

/** Drops at level bucket `bucket` that no drop report has carried yet. */
export function unreportedDrops(header: Int32Array, bucket: number): number {
  return (Atomics.load(header, DROPPED + bucket) - Atomics.load(header, REPORTED + bucket)) | 0;
}

/** True while the ring has drops no report has carried yet. */
export function hasDropCounts(header: Int32Array): boolean {
  for (let bucket = 0; bucket < LEVEL_BUCKETS.length; bucket++) {
    if (unreportedDrops(header, bucket) !== 0) return true;
  }
  return false;
}

/** The level in a record header (little endian u16). */
export function readRecordLevel(data: Uint8Array, at: number): number {
  return data[at + RECORD_LEVEL_OFFSET] | (data[at + RECORD_LEVEL_OFFSET + 1] << 8);
}

/** Rounds up to the record alignment. */
export function align8(n: number): number {
  return (n + 7) & ~7;
}

export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;
}

/** A ring's shared memory and its views, the same on both sides. */
export class RingMemory {
  readonly header: Int32Array;
  readonly data: Buffer;
  /** The data region as Int32 words: word `i` is bytes `4i .. 4i + 3`, in the host's byte order. */
  readonly words: Int32Array;
  readonly registry: Buffer;
  readonly capacity: number;
  readonly mask: number;

  constructor(readonly buffer: SharedArrayBuffer) {
    this.capacity = buffer.byteLength - HEADER_BYTES - REGISTRY_BYTES;
    this.mask = this.capacity - 1;
    this.header = new Int32Array(buffer, 0, HEADER_BYTES / 4);
    this.data = Buffer.from(buffer, HEADER_BYTES, this.capacity);
    this.words = new Int32Array(buffer, HEADER_BYTES, this.capacity >>> 2);
    this.registry = Buffer.from(buffer, HEADER_BYTES + this.capacity, REGISTRY_BYTES);
  }

  /** A new ring whose data region is already backed by memory (see `prefault`). */
  static allocate(capacity: number): RingMemory {
    const ring = new RingMemory(new SharedArrayBuffer(HEADER_BYTES + capacity + REGISTRY_BYTES));
    ring.prefault();
    return ring;
  }

  /**
   * Writes a zero into every page of the data region, so the kernel backs it now rather than at the
   * first record to reach each page: a page fault costs far more than a record, so the producer's
   * first lap would be several times slower; the cost is paid once, at creation, instead.
   */
  private prefault(): void {
    const words = this.words;
    for (let i = 0; i < words.length; i += PAGE_BYTES / 4) words[i] = 0;
  }
}
