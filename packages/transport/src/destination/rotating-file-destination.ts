import { existsSync, fstatSync, mkdirSync, openSync, readdirSync, renameSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { CompressedBy, Compressor } from './compressor.js';
import type { DestinationEvents, RecordDestination } from './record-destination.js';
import { SonicBatchWriter } from './sonic-batch-writer.js';

/** A rotating file as resolved from its options: plain data, so it crosses to the sink worker as is. */
export interface RotatingFileConfig {
  type: 'rotating-file';
  path: string;
  mkdir: boolean;
  mode: number;
  maxBytes: number | null;
  intervalMs: number | null;
  keep: number;
  gzip: boolean;
}

/** What a rotating file needs from the worker besides its config. */
export interface RotationServices {
  compressor: () => Compressor;
  /** A rotated file is queued for compression (it counts as pending in stats until onCompressed). */
  onCompressing(): void;
  /** A queued compression ended: how, or null when it did not happen (failed, or pruned first). */
  onCompressed(by: CompressedBy | null): void;
  /** A rotation step failed (rename, compression): reported, but writing goes on unaffected. */
  onWarning(error: Error): void;
}

/**
 * A file at `path` that is moved aside when the next record would take it past `maxBytes`, or when a
 * record arrives in a new `interval` period (periods are aligned to the epoch, so `'1d'` rotates at
 * midnight UTC). Rotation happens between two records, never inside one.
 *
 * Naming: the rotated file becomes `<path>.<UTC yyyymmdd-HHMMSS>.<seq>` (seq: 6 digits, counting on
 * from the highest already in the directory), `.gz` appended once compressed. Only the newest `keep`
 * rotated files stay. A rotated file is never renamed again, so a compression in progress cannot race
 * a later rotation.
 *
 * Each file gets its own writer: the old one finishes its pending writes into the renamed file (a
 * rename does not move an open descriptor) and closes, and only then is the file compressed.
 *
 * A compression an earlier process left half done (it ended meanwhile) is finished on start: a
 * `.gz.partial` is removed, a rotated file without its `.gz` is compressed, and one whose `.gz` is
 * complete is removed.
 */
export class RotatingFileDestination implements RecordDestination {
  private current: SonicBatchWriter;
  private readonly retiring = new Set<SonicBatchWriter>();
  private size = 0;
  private periodEnd = Number.POSITIVE_INFINITY;
  private seq: number;
  private readonly directory: string;
  private readonly prefix: string;
  constructor(
    private readonly config: RotatingFileConfig,
    private readonly events: DestinationEvents,
    private readonly services: RotationServices,
  ) {
    this.directory = dirname(config.path);
    this.prefix = `${basename(config.path)}.`;
    if (config.mkdir) mkdirSync(this.directory, { recursive: true });
    this.seq = this.rotatedFiles().reduce((max, file) => Math.max(max, file.seq), 0);
    this.current = this.open();
    this.finishInterruptedCompressions();
  }

  write(bytes: Uint8Array, start: number, end: number, _level: number): void {
    const length = end - start;
    const { maxBytes, intervalMs } = this.config;
    if (
      (maxBytes !== null && this.size > 0 && this.size + length > maxBytes) ||
      (intervalMs !== null && Date.now() >= this.periodEnd)
    ) {
      this.rotate();
    }
    this.current.append(bytes, start, end);
    this.size += length;
  }

  flush(done: () => void): void {
    // Every writer's callbacks run in order, so the last of them ends this flush after earlier ones.
    let waiting = 1 + this.retiring.size;
    const one = () => {
      if (--waiting === 0) done();
    };
    for (const writer of this.retiring) writer.send(one);
    this.current.send(one);
  }

  get recordsDropped(): number {
    let dropped = this.retiredDropped + this.current.recordsDropped;
    for (const writer of this.retiring) dropped += writer.recordsDropped;
    return dropped;
  }

  /** Records dropped by writers already closed. */
  private retiredDropped = 0;

  giveUpIfFailing(): void {
    this.givingUp = true;
    for (const writer of this.retiring) writer.giveUpIfFailing();
    this.current.giveUpIfFailing();
  }

  private givingUp = false;

  /** See RecordDestination.steady: the file being written follows it; a retiring one finishes as it was. */
  set steady(steady: boolean) {
    this.steadyWrites = steady;
    this.current.steady = steady;
  }

  get steady(): boolean {
    return this.steadyWrites;
  }

  private steadyWrites = false;

  get pendingBytes(): number {
    let pending = this.current.pendingBytes;
    for (const writer of this.retiring) pending += writer.pendingBytes;
    return pending;
  }

  /** A retiring writer is still being closed, then compressed: that needs the event loop. */
  get idle(): boolean {
    return this.retiring.size === 0 && this.current.idle;
  }

  /**
   * A rotating file rotates itself, so an external rotation's reopen() (SIGHUP) leaves it as it is:
   * switching writers here could let the new file's first records overtake the old writer's last.
   */
  reopen(): void {}

  /** Closes every writer, then waits for the rotated files still being closed or compressed. */
  close(done: () => void): void {
    this.flush(() => {
      let waiting = 1 + this.retiring.size;
      const one = () => {
        if (--waiting !== 0) return;
        if (this.busy === 0) done();
        else this.idleWaiters.push(done);
      };
      for (const writer of this.retiring) writer.close(one);
      this.current.close(one);
    });
  }

  /** Rotated files being closed or compressed, and close() calls waiting for none to be left. */
  private busy = 0;
  private readonly idleWaiters: (() => void)[] = [];

  private settled(): void {
    if (--this.busy === 0) for (const done of this.idleWaiters.splice(0)) done();
  }

  private open(): SonicBatchWriter {
    const { path, mode } = this.config;
    const fd = openSync(path, 'a', mode);
    this.size = fstatSync(fd).size;
    const intervalMs = this.config.intervalMs;
    if (intervalMs !== null) this.periodEnd = (Math.floor(Date.now() / intervalMs) + 1) * intervalMs;
    const writer = new SonicBatchWriter({ fd, owned: true }, this.events);
    writer.steady = this.steadyWrites;
    if (this.givingUp) writer.giveUpIfFailing();
    return writer;
  }

  private rotate(): void {
    const rotated = join(this.directory, `${this.prefix}${stamp(Date.now())}.${pad6(++this.seq)}`);
    try {
      renameSync(this.config.path, rotated);
    } catch (error) {
      // Cannot move it (permissions, the file vanished): keep writing where we are, and say so.
      this.services.onWarning(error as Error);
      this.size = 0;
      return;
    }
    this.retire(this.current, rotated);
    this.current = this.open();
  }

  /** Lets `writer` finish into its (renamed) file, closes it, then compresses and prunes. */
  private retire(writer: SonicBatchWriter, rotated: string): void {
    this.retiring.add(writer);
    this.busy++;
    // Pending from now: flush() completes before the compression does, and stats() says so.
    if (this.config.gzip) this.services.onCompressing();
    writer.close(() => {
      this.retiring.delete(writer);
      this.retiredDropped += writer.recordsDropped;
      if (this.config.gzip) {
        this.compress(rotated);
      } else {
        this.prune();
      }
      this.settled();
    });
    this.prune();
  }

  /** Compresses a rotated file already counted as pending (onCompressing), then prunes. */
  private compress(rotated: string): void {
    this.busy++;
    this.services
      .compressor()
      .compress(rotated)
      .then(
        (by) => this.services.onCompressed(by),
        (error: Error) => {
          this.services.onCompressed(null);
          // Gone: pruned before or while its turn came (keep is smaller than the compressions queued).
          // The error's code does not survive piscina's thread, so the file itself is looked at.
          if (existsSync(rotated)) this.services.onWarning(error);
        },
      )
      .finally(() => {
        this.prune();
        this.settled();
      });
  }

  /** See the class comment: what an earlier process left of its compressions. */
  private finishInterruptedCompressions(): void {
    let names: string[];
    try {
      names = readdirSync(this.directory);
    } catch {
      return;
    }
    const present = new Set(names);
    for (const name of names) {
      if (!name.startsWith(this.prefix)) continue;
      const rest = name.slice(this.prefix.length);
      const path = join(this.directory, name);
      if (PARTIAL.test(rest)) {
        removeQuietly(path);
      } else if (UNCOMPRESSED.test(rest) && this.config.gzip) {
        // A .gz only ever appears complete (renamed from its .partial): only the source's removal is left.
        if (present.has(`${name}.gz`)) {
          removeQuietly(path);
        } else {
          this.services.onCompressing();
          this.compress(path);
        }
      }
    }
  }

  /**
   * Deletes rotated files beyond the newest `keep`, by sequence number. A file and its `.gz` (both
   * exist for a moment while compression finishes) count as one.
   */
  private prune(): void {
    const bySeq = new Map<number, string[]>();
    for (const file of this.rotatedFiles()) {
      const names = bySeq.get(file.seq);
      if (names === undefined) bySeq.set(file.seq, [file.name]);
      else names.push(file.name);
    }
    if (bySeq.size <= this.config.keep) return;
    const oldest = [...bySeq.keys()].sort((a, b) => a - b).slice(0, bySeq.size - this.config.keep);
    for (const seq of oldest) {
      for (const name of bySeq.get(seq) ?? []) {
        try {
          unlinkSync(join(this.directory, name));
        } catch {
          // already gone (a compression replaced it)
        }
      }
    }
  }

  private rotatedFiles(): { name: string; seq: number }[] {
    const files: { name: string; seq: number }[] = [];
    let names: string[];
    try {
      names = readdirSync(this.directory);
    } catch {
      return files;
    }
    for (const name of names) {
      if (!name.startsWith(this.prefix)) continue;
      const match = ROTATED.exec(name.slice(this.prefix.length));
      if (match !== null) files.push({ name, seq: Number(match[1]) });
    }
    return files;
  }
}

/** `<yyyymmdd-HHMMSS>.<seq>` with an optional `.gz`. */
const ROTATED = /^\d{8}-\d{6}\.(\d+)(?:\.gz)?$/;
const UNCOMPRESSED = /^\d{8}-\d{6}\.\d+$/;
/** An archive a compression was writing when its process ended. */
const PARTIAL = /^\d{8}-\d{6}\.\d+\.gz\.partial$/;

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

function stamp(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2026-11-26T16:21:15.123Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
}

function pad6(n: number): string {
  return String(n).padStart(6, '0');
}
