/** How long and how often a scenario measures: a full run, or `--quick`'s smoke test. */
export interface MeasureSettings {
  /** `--quick`: a smoke test's few iterations. */
  readonly quick: boolean;
  /** mitata's `min_cpu_time` per logger and case, split over `rounds`. */
  readonly minCpuTimeMs: number;
  /**
   * Timing rounds per case, alternating sluice and pino (and which goes first), so that a spell of
   * load from other processes lands on both sides instead of skewing the ratio.
   */
  readonly rounds: number;
  /** mitata's least number of samples per timing (its default: 12). */
  readonly minSamples: number;
  /** Log calls per heap-measurement window. */
  readonly heapCalls: number;
  /** Heap-measurement windows; the median is reported. */
  readonly heapWindows: number;
  /** Log calls made, in whole observed windows, before the heap windows (see measureHeapPerCall). */
  readonly heapWarmupCalls: number;
  /** Async destinations: log calls per timed unit, each unit ending when they are written. */
  readonly callsPerBurst: number;
  /** Async destinations: log calls per heap-measurement window. */
  readonly heapCallsDrained: number;
  /** Precompiled events logged by the zero-allocation check. */
  readonly zeroAllocRecords: number;
  /** The caller thread's CPU time per CPU-per-call window (its clock ticks every 10 ms). */
  readonly cpuWindowMs: number;
  /** Calls timed one by one for the latency percentiles. */
  readonly latencyCalls: number;
}

/**
 * Log calls per timed unit on async destinations, after which the unit waits for them to be written.
 * The wait costs at least one thread-pool round trip for the write; spread over the burst's calls it
 * is a few ns per call, reported as the group's floor.
 */
export const CALLS_PER_BURST = 4_000;

/** A full run: 1.2 s of timed samples per logger and case in 4 rounds (mitata's default: 0.64 s). */
export const FULL_SETTINGS: MeasureSettings = {
  quick: false,
  minCpuTimeMs: 1_200,
  rounds: 4,
  minSamples: 12,
  heapCalls: 100_000,
  heapWindows: 5,
  heapWarmupCalls: 100_000,
  callsPerBurst: CALLS_PER_BURST,
  heapCallsDrained: 20_000,
  zeroAllocRecords: 10_000_000,
  cpuWindowMs: 500,
  latencyCalls: 100_000,
};

/** `--quick`: proves every scenario runs end to end; its numbers are rough. */
export const QUICK_SETTINGS: MeasureSettings = {
  quick: true,
  minCpuTimeMs: 40,
  rounds: 1,
  minSamples: 2,
  heapCalls: 5_000,
  heapWindows: 2,
  heapWarmupCalls: 10_000,
  callsPerBurst: CALLS_PER_BURST,
  heapCallsDrained: 5_000,
  zeroAllocRecords: 1_000_000,
  cpuWindowMs: 50,
  latencyCalls: 4_000,
};

/** The settings a scenario process was started with (`--quick` among its arguments). */
export function settingsFromArgv(argv: readonly string[] = process.argv.slice(2)): MeasureSettings {
  return argv.includes('--quick') ? QUICK_SETTINGS : FULL_SETTINGS;
}
