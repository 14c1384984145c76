import { isatty } from 'node:tty';
import { DEFAULT_RECORD_KEYS, RecordBuffer } from '@sluice/core';
import { openDestination } from '../destination/destination-spec.js';
import { writeAllSync } from '../destination/write-all-sync.js';
import type { RecordShape } from '../layout/record-shape.js';
import { prettyColors } from '../render/pretty-line.js';
import type { DestinationConfig, TargetConfig } from '../target/target-options.js';
import { RecordRouter, type RecordWriter } from './record-router.js';

/**
 * A target written synchronously from the thread that holds the records: what it is given is kept in
 * a buffer until `writeOut`. Used when no sink worker writes (a producer writing its own ring out).
 */
class SyncOutput implements RecordWriter {
  private readonly pending = new RecordBuffer(64 * 1024);
  private fd = -1;

  constructor(private readonly dest: Exclude<DestinationConfig, { type: 'syslog' | 'otlp' }>) {}

  write(bytes: Uint8Array, start: number, end: number, _level: number): void {
    this.pending.writeBytes(bytes.subarray(start, end));
  }

  /** Writes everything given so far, now; throws what the write throws (the bytes stay pending). */
  writeOut(): void {
    const pending = this.pending;
    if (pending.pos === 0) return;
    if (this.fd === -1) this.fd = this.open();
    writeAllSync(this.fd, pending.bytes, pending.pos);
    pending.pos = 0;
  }

  discard(): void {
    this.pending.pos = 0;
  }

  private open(): number {
    const dest = this.dest;
    if (dest.type === 'fd') return dest.fd;
    // A rotating file's current file is always at its path (rotated files are renamed away).
    return openDestination({ dest: dest.path, mkdir: dest.mkdir, append: true, mode: dest.mode }, false);
  }
}

/**
 * Every target a producer can write synchronously (descriptors, files, rotating files' current file),
 * each with its level and format, behind the worker's own router: records reach the same targets in
 * the same formats as through the worker. A syslog or otlp target cannot be written synchronously (Node
 * has no synchronous socket writes): stderr stands in for it, taking in the ring's format every record
 * such a target would have taken (one stand-in for all of them, at the lowest of their levels), so a
 * record routed to syslog or otlp alone is never lost on this path.
 */
export class SyncOutputs {
  private readonly outputs: SyncOutput[] = [];
  private readonly router: RecordRouter;
  /** Hands one record in the ring's format to every target it reaches (a RecordVisitor). */
  readonly route = (bytes: Uint8Array, start: number, end: number, level: number): void =>
    this.router.route(bytes, start, end, level);

  constructor(targets: readonly TargetConfig[], records: RecordShape) {
    const routes = [];
    let syslogLevel = Number.POSITIVE_INFINITY;
    for (const target of targets) {
      const dest = target.dest;
      if (dest.type === 'syslog' || dest.type === 'otlp') {
        syslogLevel = Math.min(syslogLevel, target.level);
        continue;
      }
      const output = new SyncOutput(dest);
      this.outputs.push(output);
      routes.push({
        destination: output,
        level: target.level,
        format: target.format,
        colors:
          target.format === 'pretty' && prettyColors(dest.type === 'fd' && isatty(dest.fd), process.env),
      });
    }
    if (syslogLevel !== Number.POSITIVE_INFINITY) {
      const stderr = new SyncOutput({ type: 'fd', fd: 2 });
      this.outputs.push(stderr);
      routes.push({ destination: stderr, level: syslogLevel, format: records.format, colors: false });
    }
    this.router = new RecordRouter(routes, records.format, { ...DEFAULT_RECORD_KEYS, ...records.keys });
  }

  /**
   * Writes what every target was given; the first failure is thrown after all were tried. What a
   * failing target was given is discarded: the records stay in the ring and are routed again on the
   * next attempt (so a target that did write them gets them twice: at-least-once on this path).
   */
  writeOut(): void {
    let failure: unknown = null;
    for (const output of this.outputs) {
      try {
        output.writeOut();
      } catch (error) {
        output.discard();
        failure ??= error;
      }
    }
    if (failure !== null) throw failure;
  }
}
