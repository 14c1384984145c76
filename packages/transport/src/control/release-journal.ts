import { fstatSync, statSync, truncateSync } from 'node:fs';

/**
 * What the sink worker has handed to its files, kept in shared memory so that whoever takes over from
 * a worker killed from outside (`worker.terminate()`) can tell which of its writes reached the file.
 *
 * The worker releases ring bytes in numbered releases (see `SinkWorker.release`). Before handing a
 * release's bytes to its targets it records how many bytes each target had accepted in all, up to the
 * end of that release; each ring notes which of its positions the release covers
 * (`RingConsumer.noteRelease`). A file target also registers, whenever it opens its file and nothing is
 * being written, the file's size minus the bytes its writer had written until then (OFFSET_BASE): its
 * writes are in order, so the file ends at OFFSET_BASE + the bytes written, and a release has reached
 * the file when the file's size is at least OFFSET_BASE + its accepted count.
 *
 * `settle` judges a dead worker's releases that way: those that reached every file are marked written
 * (their ring positions published when a ring is taken over), and each file is cut back to the end of
 * the last of them, so what follows is written exactly once, by the successor. The verdict is kept per
 * generation (SETTLED_SLOTS of them): a successor killed while it starts, before it took its
 * predecessor's rings over, is settled too, and the predecessor's verdict must outlive that. Node lets
 * a terminated worker's file writes complete before its 'exit' event, so the size is final by then. The
 * worker's descriptors are closed with it, so a file is found again by its path, and judged only if it
 * is still the same file (device and inode) and no smaller than what is known written (else it was
 * truncated from outside).
 *
 * Only a file the worker opened itself (`file` targets) is judged: its size moves only by this
 * transport's writes. A producer writing its own ring out while no worker runs writes to the files
 * too (FOREIGN_WRITES): they are not judged again until the worker registers them anew. Any
 * other target (stdout, a rotating file, syslog) cannot tell, so a dead worker's unfinished releases
 * count as unwritten there and are written again (at-least-once).
 *
 *   Int32 slots:
 *     [LOCK]            1 while one thread settles
 *     [OWNER_GEN]       the worker generation these records belong to
 *     [LATEST]          the last release recorded, [PUBLISHED] the last one completed
 *     [FOREIGN_WRITES]  bumped before a producer writes its own ring out
 *     [TARGETS]         how many targets the worker has
 *     per target t: [REGISTERED] (1 while its file can be judged), [FOREIGN_SNAPSHOT]
 *     [REGISTRATIONS]   bumped each time a file is registered (a logging thread that found its path not
 *                       the worker's file looks again then)
 *     per settled generation g, in slot g % SETTLED_SLOTS: [SETTLED_GEN] g, [SETTLED_RELEASE] its last
 *                       release written
 *   Float64 slots, per target t: [DEV], [INO], [OFFSET_BASE], [REGISTERED_SIZE]; then, per release
 *     slot (RELEASE_SLOTS) and target, the bytes accepted up to the end of that release.
 *   Then per target, its path: [u16 length][UTF-8 bytes], PATH_BYTES in all.
 */
export const JOURNAL_BYTES = 1024 + 8 * 1024;

/** At most this many releases are under way at once (the worker stops taking records at the cap). */
export const MAX_RELEASES_IN_FLIGHT = 5;
/** Release slots kept: more than can be under way, plus the last one completed. */
const RELEASE_SLOTS = 8;
/** Targets the journal can judge; with more, a dead worker's unfinished releases are written again. */
const MAX_TARGETS = 8;
/**
 * Verdicts kept: a ring still held by a generation this many restarts old counts all its unfinished
 * releases as unwritten (written again, never lost).
 */
const SETTLED_SLOTS = 8;

const LOCK = 0;
const OWNER_GEN = 1;
const LATEST = 2;
const PUBLISHED = 3;
const FOREIGN_WRITES = 4;
const TARGETS = 5;
const TARGET_INTS = 2; // per target: REGISTERED, FOREIGN_SNAPSHOT
const REGISTERED = 0;
const FOREIGN_SNAPSHOT = 1;
const REGISTRATIONS = TARGETS + 1 + MAX_TARGETS * TARGET_INTS;
const SETTLEMENTS = REGISTRATIONS + 1;
const SETTLEMENT_INTS = 2; // per settled generation: SETTLED_GEN, SETTLED_RELEASE
const SETTLED_GEN = 0;
const SETTLED_RELEASE = 1;

const FLOATS_OFFSET = 256;
const TARGET_FLOATS = 4; // per target: DEV, INO, OFFSET_BASE, REGISTERED_SIZE
const DEV = 0;
const INO = 1;
const OFFSET_BASE = 2;
const REGISTERED_SIZE = 3;
const ACCEPTED = MAX_TARGETS * TARGET_FLOATS;
const PATHS_OFFSET = 1024;
/** A longer path (rare) leaves its file unjudged. */
const PATH_BYTES = 1024;

export class ReleaseJournal {
  private readonly ints: Int32Array;
  private readonly floats: Float64Array;
  private readonly paths: Buffer;

  constructor(buffer: SharedArrayBuffer, offset: number) {
    this.ints = new Int32Array(buffer, offset, FLOATS_OFFSET / 4);
    this.floats = new Float64Array(buffer, offset + FLOATS_OFFSET, ACCEPTED + RELEASE_SLOTS * MAX_TARGETS);
    this.paths = Buffer.from(buffer, offset + PATHS_OFFSET, MAX_TARGETS * PATH_BYTES);
  }

  // --- the sink worker's side ---

  /** A new worker generation starts its records (after its predecessor's were settled). */
  begin(generation: number, targets: number): void {
    const ints = this.ints;
    for (let t = 0; t < MAX_TARGETS; t++) {
      Atomics.store(ints, targetSlot(t, REGISTERED), 0);
      this.floats[acceptedSlot(0, t)] = 0; // "release 0": nothing accepted yet
    }
    Atomics.store(ints, LATEST, 0);
    Atomics.store(ints, PUBLISHED, 0);
    Atomics.store(ints, TARGETS, targets);
    Atomics.store(ints, OWNER_GEN, generation);
  }

  /**
   * Target `t` opened the file at `path` as `fd` and nothing is being written to it; its writer had
   * written `written` bytes before (to this file or an earlier one at the same path).
   */
  registerFile(t: number, path: string, fd: number, written: number): void {
    if (t >= MAX_TARGETS) return;
    const ints = this.ints;
    Atomics.store(ints, targetSlot(t, REGISTERED), 0);
    let stats: ReturnType<typeof fstatSync>;
    try {
      stats = fstatSync(fd);
    } catch {
      return;
    }
    if (!stats.isFile() || !this.storePath(t, path)) return;
    const floats = this.floats;
    floats[t * TARGET_FLOATS + DEV] = stats.dev;
    floats[t * TARGET_FLOATS + INO] = stats.ino;
    floats[t * TARGET_FLOATS + OFFSET_BASE] = stats.size - written;
    floats[t * TARGET_FLOATS + REGISTERED_SIZE] = stats.size;
    Atomics.store(ints, targetSlot(t, FOREIGN_SNAPSHOT), Atomics.load(ints, FOREIGN_WRITES));
    Atomics.store(ints, targetSlot(t, REGISTERED), 1);
    Atomics.add(ints, REGISTRATIONS, 1);
  }

  /** How many times a file was registered so far: it changes when a worker opened a file again. */
  registrations(): number {
    return Atomics.load(this.ints, REGISTRATIONS);
  }

  /**
   * Whether the file `stats` describes is the one target t's writer registered: null while none is
   * (a worker starting, or re-registering its file this instant).
   */
  isRegisteredFile(t: number, stats: { readonly dev: number; readonly ino: number }): boolean | null {
    if (t >= MAX_TARGETS || Atomics.load(this.ints, targetSlot(t, REGISTERED)) === 0) return null;
    const floats = this.floats;
    return stats.dev === floats[t * TARGET_FLOATS + DEV] && stats.ino === floats[t * TARGET_FLOATS + INO];
  }

  /** True when a producer wrote its own ring out since target t's file was registered. */
  foreignWritesSince(t: number): boolean {
    const ints = this.ints;
    return Atomics.load(ints, FOREIGN_WRITES) !== Atomics.load(ints, targetSlot(t, FOREIGN_SNAPSHOT));
  }

  /** Release `release` ends where target t had accepted `accepted[t]` bytes in all (NaN: not a file). */
  record(release: number, accepted: readonly number[]): void {
    const count = Math.min(accepted.length, MAX_TARGETS);
    for (let t = 0; t < count; t++) this.floats[acceptedSlot(release, t)] = accepted[t];
    Atomics.store(this.ints, LATEST, release);
  }

  /** Every target has written release `release`. */
  published(release: number): void {
    Atomics.store(this.ints, PUBLISHED, release);
  }

  // --- whoever takes over from a dead worker ---

  /** A producer is about to write its own ring out. */
  noteForeignWrite(): void {
    Atomics.add(this.ints, FOREIGN_WRITES, 1);
  }

  /**
   * The last release of dead generation `generation` that reached every target, once `settle` ran for
   * it; 0 when unknown (its records were not settled): then nothing of it counts as written.
   */
  settledRelease(generation: number): number {
    const ints = this.ints;
    return Atomics.load(ints, settledSlot(generation, SETTLED_GEN)) === generation
      ? Atomics.load(ints, settledSlot(generation, SETTLED_RELEASE))
      : 0;
  }

  /**
   * Decides, once per dead generation, which of its releases reached every target, and cuts each judged
   * file back to the end of the last of them.
   */
  settle(generation: number): void {
    const ints = this.ints;
    const settledGen = settledSlot(generation, SETTLED_GEN);
    if (Atomics.load(ints, settledGen) === generation) return;
    while (Atomics.compareExchange(ints, LOCK, 0, 1) !== 0) Atomics.wait(ints, LOCK, 1, 1);
    try {
      if (Atomics.load(ints, settledGen) === generation) return;
      // Not owned: it died before it began its records (it wrote nothing), or a later worker's replaced them.
      const owned = Atomics.load(ints, OWNER_GEN) === generation;
      const landed = owned ? this.settleFiles() : 0;
      Atomics.store(ints, settledSlot(generation, SETTLED_RELEASE), landed);
      Atomics.store(ints, settledGen, generation);
    } finally {
      Atomics.store(ints, LOCK, 0);
      Atomics.notify(ints, LOCK);
    }
  }

  private settleFiles(): number {
    const ints = this.ints;
    const published = Atomics.load(ints, PUBLISHED);
    const latest = Atomics.load(ints, LATEST);
    const targets = Atomics.load(ints, TARGETS);
    if (targets > MAX_TARGETS || latest - published >= RELEASE_SLOTS) return published;
    const written: number[] = [];
    let landed = latest;
    for (let t = 0; t < targets; t++) {
      const bytes = this.bytesInFile(t, published);
      written.push(bytes);
      landed = Math.min(landed, bytes < 0 ? published : this.lastLanded(t, bytes, published, latest));
    }
    for (let t = 0; t < targets; t++) {
      if (written[t] < 0) continue;
      const floats = this.floats;
      const base = floats[t * TARGET_FLOATS + OFFSET_BASE];
      // Never below the size the file had when it was opened: what was there is not this worker's.
      const end = Math.max(
        base + floats[acceptedSlot(landed, t)],
        floats[t * TARGET_FLOATS + REGISTERED_SIZE],
      );
      try {
        if (base + written[t] > end) truncateSync(this.pathOf(t), end);
      } catch {
        // The file went away meanwhile: nothing to cut.
      }
    }
    return landed;
  }

  /**
   * How many of its writer's bytes target t's file holds, or -1 when it cannot be judged (not a
   * registered file, replaced or truncated since, written by a producer meanwhile).
   */
  private bytesInFile(t: number, published: number): number {
    if (Atomics.load(this.ints, targetSlot(t, REGISTERED)) === 0 || this.foreignWritesSince(t)) return -1;
    try {
      const stats = statSync(this.pathOf(t));
      const floats = this.floats;
      if (
        !stats.isFile() ||
        stats.dev !== floats[t * TARGET_FLOATS + DEV] ||
        stats.ino !== floats[t * TARGET_FLOATS + INO]
      ) {
        return -1;
      }
      const written = stats.size - floats[t * TARGET_FLOATS + OFFSET_BASE];
      return written >= floats[acceptedSlot(published, t)] ? written : -1;
    } catch {
      return -1;
    }
  }

  /** The last release after `published` all of whose bytes target t's file holds. */
  private lastLanded(t: number, written: number, published: number, latest: number): number {
    let landed = published;
    // NaN (not a file) is never <= written.
    for (let release = published + 1; release <= latest; release++) {
      if (!(this.floats[acceptedSlot(release, t)] <= written)) break;
      landed = release;
    }
    return landed;
  }

  private storePath(t: number, path: string): boolean {
    const at = t * PATH_BYTES;
    const length = this.paths.write(path, at + 2, PATH_BYTES - 2, 'utf8');
    if (Buffer.byteLength(path) !== length) return false;
    this.paths.writeUInt16LE(length, at);
    return true;
  }

  private pathOf(t: number): string {
    const at = t * PATH_BYTES;
    return this.paths.toString('utf8', at + 2, at + 2 + this.paths.readUInt16LE(at));
  }
}

function targetSlot(t: number, field: number): number {
  return TARGETS + 1 + t * TARGET_INTS + field;
}

function settledSlot(generation: number, field: number): number {
  return SETTLEMENTS + (generation % SETTLED_SLOTS) * SETTLEMENT_INTS + field;
}

function acceptedSlot(release: number, t: number): number {
  return ACCEPTED + (release % RELEASE_SLOTS) * MAX_TARGETS + t;
}
