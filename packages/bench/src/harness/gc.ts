/** Access to the collector: `--expose-gc`'s `gc()` and V8's GC event log. */
import v8 from 'node:v8';

/** A full, synchronous collection. Scenario processes are started with `--expose-gc`. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== 'function') {
    throw new Error('The bench needs a manual gc(): run scenario files with `node --expose-gc`.');
  }
  gc();
}

/** What the collector did during one window. */
export interface GcActivity {
  /** Minor (young generation) collections: the ones a zero-allocation hot path must not cause. */
  readonly scavenges: number;
  /** Every other collection (mark-compact, incremental marking steps, weak callbacks). */
  readonly otherGcs: number;
  /**
   * Bytes allocated on the JS heap in the window: the growth of `used_heap_size` plus what each
   * collection in between freed (`before - after` of every GC event). Exact across any number of
   * collections, unlike a plain before/after difference, which a scavenge turns negative.
   */
  readonly allocatedBytes: number;
}

/**
 * Runs `window` while recording every GC with `v8.GCProfiler` (synchronous start/stop, so a window
 * can be a tight loop that never yields, which PerformanceObserver's queued entries cannot bound).
 * The profiler and the heap reads allocate a few KB themselves; callers subtract an empty window.
 */
export async function observeGc(window: () => unknown): Promise<GcActivity> {
  const profiler = new v8.GCProfiler();
  profiler.start();
  const before = v8.getHeapStatistics().used_heap_size;
  const pending = window();
  if (pending instanceof Promise) await pending;
  const after = v8.getHeapStatistics().used_heap_size;
  const log = profiler.stop() as unknown as GcProfile;
  let scavenges = 0;
  let freed = 0;
  for (const event of log.statistics) {
    if (MINOR_GC_TYPES.has(event.gcType)) scavenges++;
    freed += event.beforeGC.heapStatistics.usedHeapSize - event.afterGC.heapStatistics.usedHeapSize;
  }
  return {
    scavenges,
    otherGcs: log.statistics.length - scavenges,
    allocatedBytes: after - before + freed,
  };
}

/** V8's names for a young-generation collection (the second only with `--minor-mc`). */
const MINOR_GC_TYPES: ReadonlySet<string> = new Set(['Scavenge', 'MinorMarkCompact', 'MinorMarkSweep']);

/**
 * The part of `GCProfiler.stop()`'s result read here. @types/node describes its heap statistics with
 * getHeapStatistics's snake_case names; Node 20 actually returns camelCase (`usedHeapSize`).
 */
interface GcProfile {
  statistics: readonly {
    gcType: string;
    beforeGC: { heapStatistics: { usedHeapSize: number } };
    afterGC: { heapStatistics: { usedHeapSize: number } };
  }[];
}
