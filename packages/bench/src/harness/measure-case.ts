import { closeSync, openSync, write } from 'node:fs';
import v8 from 'node:v8';
import { measure } from 'mitata';
import { freshAsyncLoop, freshLoop } from './fresh-loop.js';
import { type HeapPerCall, measureHeapPerCall } from './heap-per-call.js';
import type { MeasureSettings } from './settings.js';

/** One mitata run's samples, already per call. */
export interface TimedRound {
  /** Nanoseconds per call, one per mitata sample (each sample is the mean over a batch of calls). */
  readonly samples: readonly number[];
  /** Log calls made while timing. */
  readonly calls: number;
  /**
   * mitata's own heap estimate per call, kept as a cross-check only (see measureHeapPerCall for why
   * it is not the reported number). Null when it could not take one.
   */
  readonly mitataHeapBytesPerCall: number | null;
}

/**
 * Measures one logger making one scenario's call on one sink. Timing comes in rounds, so a comparison
 * can alternate loggers and spread a busy spell of the machine over both; the heap is measured once.
 */
export interface CaseRunner {
  time(minCpuTimeMs: number): Promise<TimedRound>;
  heap(): Promise<HeapPerCall>;
}

/** What mitata reads before and after each batch, as its Node default does. */
const mitataHeap = (): number => {
  const stats = v8.getHeapStatistics();
  return stats.used_heap_size + stats.malloced_memory;
};

const noop = (): void => {};
const settled = (): Promise<void> => Promise.resolve();

/**
 * Calls made before mitata sees a function. mitata decides from the first call whether to time calls
 * in batches: if that call takes over 0.5 ms (lazy compilation, a generated event's first run, a busy
 * machine) it times every call on its own, and ~0.5 us of clock reads swamp the result. Seen with
 * sluice's precompiled event: 735 ns/call unbatched against ~130 ns batched.
 */
const PRE_WARM_CALLS = 10_000;

/**
 * For synchronous sinks: mitata times `call` in batches, in a loop it generates per run; the event
 * loop never turns while measuring.
 */
export function syncCaseRunner(call: () => void, settings: MeasureSettings): CaseRunner {
  freshLoop()(call, PRE_WARM_CALLS);
  return {
    async time(minCpuTimeMs) {
      const stats = await measure(call, { min_cpu_time: minCpuTimeMs * 1e6, heap: mitataHeap });
      return { samples: stats.samples, calls: stats.ticks, mitataHeapBytesPerCall: stats.heap?.avg ?? null };
    },
    heap() {
      const loop = freshLoop();
      const baselineLoop = freshLoop();
      return measureHeapPerCall({
        window: () => loop(call, settings.heapCalls),
        baseline: () => baselineLoop(noop, settings.heapCalls),
        calls: settings.heapCalls,
        windows: settings.heapWindows,
        warmupCalls: settings.heapWarmupCalls,
      });
    },
  };
}

/**
 * For asynchronous destinations. The timed unit is `callsPerBurst` calls, then a wait until the
 * destination reports everything written (`drained`), so the cost of getting records to the file (the
 * write system calls, their thread-pool round trips) is paid inside the measurement and no backlog
 * carries from one sample into the next. Without the wait an async destination only queues: pino's
 * sonic-boom writes at most 16 KiB per round trip, fell behind on 2 KiB records and grew a backlog of
 * gigabytes, whose writing happened after the timing, at close (~90 s). Per-call numbers are the
 * unit's divided by `callsPerBurst`. `drained` is skipped when no record is expected (a disabled
 * level): nothing would ever report being written.
 */
export async function drainedCaseRunner(
  call: () => void,
  drained: () => Promise<void>,
  writesRecords: boolean,
  settings: MeasureSettings,
): Promise<CaseRunner> {
  const perBurst = settings.callsPerBurst;
  const unit = makeBurst(call, writesRecords ? drained : settled, perBurst);
  await freshAsyncLoop()(unit, Math.ceil(PRE_WARM_CALLS / perBurst));
  return {
    async time(minCpuTimeMs) {
      // batch_threshold -1: one unit per sample; mitata would otherwise run 4096 units per sample.
      const stats = await measure(unit, {
        min_cpu_time: minCpuTimeMs * 1e6,
        batch_threshold: -1,
        heap: mitataHeap,
      });
      return {
        samples: stats.samples.map((ns) => ns / perBurst),
        calls: stats.ticks * perBurst,
        mitataHeapBytesPerCall: stats.heap === undefined ? null : stats.heap.avg / perBurst,
      };
    },
    heap() {
      const bursts = Math.max(1, Math.round(settings.heapCallsDrained / perBurst));
      const loop = freshAsyncLoop();
      const baselineLoop = freshAsyncLoop();
      const baselineUnit = makeBurst(noop, settled, perBurst);
      return measureHeapPerCall({
        window: () => loop(unit, bursts),
        baseline: () => baselineLoop(baselineUnit, bursts),
        calls: bursts * perBurst,
        windows: settings.heapWindows,
        // The pre-warm and the timing already made this call many times: two windows settle the loop.
        warmupCalls: 0,
      });
    },
  };
}

function makeBurst(call: () => void, drained: () => Promise<void>, calls: number): () => Promise<void> {
  const loop = freshLoop();
  return () => {
    loop(call, calls);
    return drained();
  };
}

/**
 * The least a drained unit can cost per call: one 1-byte `fs.write` to /dev/null and its callback (a
 * thread-pool round trip), spread over `callsPerBurst` calls. The floor under the /dev/null numbers.
 */
export async function measureWriteFloor(settings: MeasureSettings): Promise<number> {
  const fd = openSync('/dev/null', 'a');
  const byte = Buffer.from('\n');
  const roundTrip = (): Promise<void> =>
    new Promise((resolve, reject) => write(fd, byte, (error) => (error ? reject(error) : resolve())));
  try {
    const stats = await measure(roundTrip, {
      min_cpu_time: Math.min(settings.minCpuTimeMs, 200) * 1e6,
      batch_threshold: -1,
    });
    return stats.avg / settings.callsPerBurst;
  } finally {
    closeSync(fd);
  }
}
