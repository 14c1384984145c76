import { collectGarbage, observeGc } from './gc.js';
import { median } from './stats.js';

/** Heap bytes allocated per log call, with what is needed to judge the number. */
export interface HeapPerCall {
  /** Median over the windows of (allocated - empty-window allocation) / calls. */
  readonly bytesPerCall: number;
  /** Each window's bytes per call, in the order measured. */
  readonly windows: readonly number[];
  readonly callsPerWindow: number;
  /** Bytes the same driver allocates making no log calls (median), already subtracted above. */
  readonly baselineBytes: number;
  /** Median minor GCs per window. */
  readonly scavengesPerWindow: number;
}

export interface HeapPerCallOptions {
  /** Makes `calls` log calls, in a loop of its own (see freshLoop). */
  readonly window: () => unknown;
  /** The same driver with the log call replaced by an empty function: the cost to subtract. */
  readonly baseline: () => unknown;
  readonly calls: number;
  readonly windows: number;
  /** Log calls to make before measuring, in whole windows (at least two). */
  readonly warmupCalls: number;
}

/**
 * Until the measuring code itself (observeGc, the GC profiler) is warm, V8's compilation and first-run
 * allocations land in the first windows, and settle after about six of them. So this
 * many empty (baseline) windows are observed first; they cost next to nothing.
 */
const OBSERVER_WARMUP_WINDOWS = 8;

/** Observed windows of real calls before measuring, at least, so the driver loop is optimised. */
const MIN_WARMUP_WINDOWS = 2;

/**
 * Heap bytes per call, measured rather than taken from mitata. mitata 1.x reads
 * `used_heap_size + malloced_memory` around each batch of samples and drops batches whose difference
 * is negative, which keeps batches where a scavenge freed less than they allocated: it is biased low
 * whenever collections happen, that is, exactly for the loggers that allocate. Here each window is
 * bracketed by a full gc() and V8's GC log, and the bytes every collection freed are added back (see
 * observeGc), so the count is exact however many scavenges run. What a window costs without log calls
 * (the GC profiler, the heap reads, an async driver's promises) is measured the same way and subtracted.
 */
export async function measureHeapPerCall(options: HeapPerCallOptions): Promise<HeapPerCall> {
  const { window, baseline, calls, windows } = options;
  const warmupWindows = Math.max(MIN_WARMUP_WINDOWS, Math.ceil(options.warmupCalls / calls));
  for (let i = 0; i < OBSERVER_WARMUP_WINDOWS; i++) await observeGc(baseline);
  for (let i = 0; i < warmupWindows; i++) await observeGc(window);
  const baselines: number[] = [];
  const totals: number[] = [];
  const scavenges: number[] = [];
  for (let i = 0; i < windows; i++) {
    collectGarbage();
    baselines.push((await observeGc(baseline)).allocatedBytes);
    collectGarbage();
    const activity = await observeGc(window);
    totals.push(activity.allocatedBytes);
    scavenges.push(activity.scavenges);
  }
  const baselineBytes = median(baselines);
  const perCall = totals.map((total) => (total - baselineBytes) / calls);
  return {
    bytesPerCall: median(perCall),
    windows: perCall,
    callsPerWindow: calls,
    baselineBytes,
    scavengesPerWindow: median(scavenges),
  };
}
