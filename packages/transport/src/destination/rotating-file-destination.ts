import { fstatSync, mkdirSync, openSync, readdirSync, renameSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { CompressedBy, Compressor } from './gzip-pool.js';
import type { DestinationEvents, RecordDestination } from './record-destination.js';
import { SonicBatchWriter } from './sonic-batch-writer.js';
import type { DestinationConfig } from './target-spec.js';

type RotatingFileConfig = Extract<DestinationConfig, { type: 'rotating-file' }>;

/** What a rotating file needs from the worker besides its config. */
export interface RotationServices {
  compressor: () => Compressor;
  onCompressed(by: CompressedBy): void;
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

  get pendingBytes(): number {
    let pending = this.current.pendingBytes;
    for (const writer of this.retiring) pending += writer.pendingBytes;
    return pending;
  }

  /**
   * A rotating file rotates itself, so an external rotation's reopen() (SIGHUP) leaves it as it is:
   * switching writers here could let the new file's first records overtake the old writer's last.
   */
  reopen(): void {}

  close(done: () => void): void {
    this.flush(() => {
      let waiting = 1 + this.retiring.size;
      const one = () => {
        if (--waiting === 0) done();
      };
      for (const writer of this.retiring) writer.close(one);
      this.current.close(one);
    });
  }

  private open(): SonicBatchWriter {
    const { path, mode } = this.config;
    const fd = openSync(path, 'a', mode);
    this.size = fstatSync(fd).size;
    const intervalMs = this.config.intervalMs;
    if (intervalMs !== null) this.periodEnd = (Math.floor(Date.now() / intervalMs) + 1) * intervalMs;
    return new SonicBatchWriter({ fd, owned: true }, this.events);
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
    writer.close(() => {
      this.retiring.delete(writer);
      if (!this.config.gzip) {
        this.prune();
        return;
      }
      this.services
        .compressor()
        .compress(rotated)
        .then(
          (by) => this.services.onCompressed(by),
          (error: NodeJS.ErrnoException) => {
            // ENOENT: pruned before its turn came (keep is smaller than the compressions queued).
            if (error.code !== 'ENOENT') this.services.onWarning(error);
          },
        )
        .finally(() => this.prune());
    });
    this.prune();
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

function stamp(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2026-11-26T16:21:15.123Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
}

function pad6(n: number): string {
  return String(n).padStart(6, '0');
}
