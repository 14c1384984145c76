import { SluiceConfigError } from '@sluice/core';
import { rejectUnknownKeys } from '@sluice/core/internal';
import { LEVEL_COUNT } from './foundation-levels.js';

/** Counts of one logger, or of all of them. */
export interface LoggerStats {
  /** Records written, per level. */
  readonly counts: Readonly<Record<'trace' | 'debug' | 'info' | 'warning' | 'error' | 'critical', number>>;
  /** Records written, all levels. */
  readonly total: number;
  /** Bytes of the records written (what was handed to the destination). */
  readonly bytes: number;
  /** Records the pipeline could not write: the destination refused them, or one was logged from inside
   * the formatting of another (a getter that logs). */
  readonly dropped: number;
  /** Records the rate limiter or the sampler held back (also reported in the periodic warning record). */
  readonly suppressed: number;
}

/**
 * `getStats()`: the totals plus the current rate (what provide.foundation's LoggingPerformanceMonitor
 * gives).
 */
export interface LoggingStatsSnapshot extends LoggerStats {
  /** Records per second over the sliding window: N sampled times span N-1 intervals. */
  readonly currentRate: number;
  /** Timestamps held in the window now (at most `windowSize`). */
  readonly samplesInWindow: number;
  readonly windowSize: number;
  /** One timestamp is kept per this many records. */
  readonly sampleEvery: number;
  /** Seconds since the current setup. */
  readonly uptimeSeconds: number;
}

/** The rate window's shape. */
export interface StatsWindowOptions {
  /** Timestamps kept. Defaults to 1000 (provide.foundation's window_size). */
  size: number;
  /** Keep one timestamp per this many records, a power of two. Defaults to 16. */
  sampleEvery: number;
}

export const DEFAULT_STATS_WINDOW: Readonly<StatsWindowOptions> = Object.freeze({
  size: 1000,
  sampleEvery: 16,
});

/**
 * Plain counters, bumped on the caller's thread as a record is committed: a few increments, no lock (a
 * JS thread has its own counters; nothing to deadlock on, unlike provide.foundation's monitor, which
 * takes its lock twice).
 */
export class StatsCounters {
  readonly levels = new Float64Array(LEVEL_COUNT);
  bytes = 0;
  dropped = 0;
  suppressed = 0;

  reset(): void {
    this.levels.fill(0);
    this.bytes = 0;
    this.dropped = 0;
    this.suppressed = 0;
  }

  snapshot(): LoggerStats {
    const levels = this.levels;
    let total = 0;
    for (let i = 0; i < LEVEL_COUNT; i++) total += levels[i];
    return {
      counts: {
        trace: levels[0],
        debug: levels[1],
        info: levels[2],
        warning: levels[3],
        error: levels[4],
        critical: levels[5],
      },
      total,
      bytes: this.bytes,
      dropped: this.dropped,
      suppressed: this.suppressed,
    };
  }
}

/**
 * The whole pipeline's statistics: counters plus a fixed ring of sampled record times. The ring never
 * grows; one slot is written per `sampleEvery` records.
 */
export class LoggingStats {
  readonly totals = new StatsCounters();
  private readonly times: Float64Array;
  private readonly mask: number;
  private next = 0;
  private filled = 0;
  private tick = 0;
  private readonly startMs: number;

  constructor(
    readonly window: Readonly<StatsWindowOptions>,
    private readonly clock: () => number,
  ) {
    this.times = new Float64Array(window.size);
    this.mask = window.sampleEvery - 1;
    this.startMs = clock();
  }

  /** Counts one written record; `timeMs` is its timestamp, or NaN when the record had none. */
  recordWritten(levelIndex: number, bytes: number, timeMs: number): void {
    const totals = this.totals;
    totals.levels[levelIndex]++;
    totals.bytes += bytes;
    if ((++this.tick & this.mask) === 0) this.sample(Number.isNaN(timeMs) ? this.clock() : timeMs);
  }

  private sample(timeMs: number): void {
    const times = this.times;
    times[this.next] = timeMs;
    this.next = this.next + 1 === times.length ? 0 : this.next + 1;
    if (this.filled < times.length) this.filled++;
  }

  /** Records per second over the window: (samples - 1) * sampleEvery records in (last - first). */
  currentRate(): number {
    const filled = this.filled;
    if (filled < 2) return 0;
    const size = this.times.length;
    const last = this.times[(this.next - 1 + size) % size];
    const first = this.times[(this.next - filled + size) % size];
    const spanSeconds = (last - first) / 1000;
    if (!(spanSeconds > 0)) return 0;
    return ((filled - 1) * this.window.sampleEvery) / spanSeconds;
  }

  snapshot(): LoggingStatsSnapshot {
    return {
      ...this.totals.snapshot(),
      currentRate: this.currentRate(),
      samplesInWindow: this.filled,
      windowSize: this.window.size,
      sampleEvery: this.window.sampleEvery,
      uptimeSeconds: (this.clock() - this.startMs) / 1000,
    };
  }
}

export function resolveStatsWindow(
  options: Readonly<Partial<StatsWindowOptions>> | undefined,
): StatsWindowOptions {
  if (options !== undefined) rejectUnknownKeys(options, Object.keys(DEFAULT_STATS_WINDOW), 'statsWindow');
  const size = options?.size ?? DEFAULT_STATS_WINDOW.size;
  const sampleEvery = options?.sampleEvery ?? DEFAULT_STATS_WINDOW.sampleEvery;
  if (!Number.isInteger(size) || size < 2) {
    throw new SluiceConfigError(`Invalid statsWindow.size: ${String(size)}. Use an integer of at least 2.`);
  }
  if (!Number.isInteger(sampleEvery) || sampleEvery < 1 || (sampleEvery & (sampleEvery - 1)) !== 0) {
    throw new SluiceConfigError(
      `Invalid statsWindow.sampleEvery: ${String(sampleEvery)}. Use a power of two (1, 2, 4, ... 16).`,
    );
  }
  return { size, sampleEvery };
}
