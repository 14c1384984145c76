import { closeSync, openSync, write } from 'node:fs';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import { measure } from 'mitata';
import { type CpuPerCall, cpuPerCall, readCpu, readThreadCpuMicros } from './cpu-time.js';
import { freshAsyncLoop, freshLoop } from './fresh-loop.js';
import { type HeapPerCall, measureHeapPerCall } from './heap-per-call.js';
import { freshTimedLoop, type LatencySummary, summarizeLatency } from './latency.js';
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
  /**
   * Heap bytes per call. `nsPerCall`, the logger's measured cost, sizes the windows of a synchronous
   * sink (see heapWindowCalls); without it they are `settings.heapCalls` calls.
   */
  heap(nsPerCall?: number): Promise<HeapPerCall>;
  /**
   * CPU per call, the caller's thread and the whole process, over calls made until the thread has used
   * `settings.cpuWindowMs` of CPU (its clock ticks every 10 ms: a 500 ms window reads to 2%). No
   * per-call timer runs here, so its cost is not in the figure.
   */
  cpu(): Promise<CpuPerCall>;
  /** `settings.latencyCalls` calls, each timed alone (see harness/latency.ts). */
  latency(): Promise<LatencySummary>;
}

/**
 * Lets the event loop turn: the measuring loops never yield on their own (mitata's awaits are
 * microtasks), so work a logger defers to setImmediate (winston's 'logged' event per call) would pile up
 * across rounds and windows, holding every record and slowing each forced GC.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Wall time a heap window should take at most, once its logger's cost is known. */
const HEAP_WINDOW_MS = 50;

/** Fewest calls per heap window: enough that a few KB of measuring noise is < 1 B per call. */
const MIN_HEAP_WINDOW_CALLS = 10_000;

/**
 * Calls per heap window: `heapCalls`, or fewer for a slow logger (winston, microseconds a call, would
 * spend seconds of a full run on them), so a window lasts about HEAP_WINDOW_MS; never below
 * MIN_HEAP_WINDOW_CALLS. A logger that allocates kilobytes per call loses no precision from it.
 */
export function heapWindowCalls(heapCalls: number, nsPerCall: number | undefined): number {
  if (nsPerCall === undefined || !(nsPerCall > 0)) return heapCalls;
  const fit = Math.round((HEAP_WINDOW_MS * 1e6) / nsPerCall);
  return Math.min(heapCalls, Math.max(Math.min(MIN_HEAP_WINDOW_CALLS, heapCalls), fit));
}

/** Calls per step of a CPU window: the wall clock is read between steps, not between calls. */
const CPU_STEP_CALLS = 1_000;

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
 * machine) it times every call on its own, and the clock reads around each call swamp a call that
 * costs a few hundred ns or less.
 */
const PRE_WARM_CALLS = 10_000;

/** Fewer for `--quick`, whose numbers are rough anyway: it only proves the scenario runs. */
const preWarmCalls = (settings: MeasureSettings) => (settings.quick ? 2_000 : PRE_WARM_CALLS);

/**
 * For synchronous sinks: mitata times `call` in batches, in a loop it generates per run; the event
 * loop never turns while measuring.
 */
export function syncCaseRunner(call: () => void, settings: MeasureSettings): CaseRunner {
  freshLoop()(call, preWarmCalls(settings));
  return {
    async time(minCpuTimeMs) {
      const stats = await measure(call, {
        min_cpu_time: minCpuTimeMs * 1e6,
        min_samples: settings.minSamples,
        heap: mitataHeap,
      });
      return { samples: stats.samples, calls: stats.ticks, mitataHeapBytesPerCall: stats.heap?.avg ?? null };
    },
    heap(nsPerCall) {
      const loop = freshLoop();
      const baselineLoop = freshLoop();
      const calls = heapWindowCalls(settings.heapCalls, nsPerCall);
      return measureHeapPerCall({
        window: () => loop(call, calls),
        baseline: () => baselineLoop(noop, calls),
        calls,
        windows: settings.heapWindows,
        // A logger slow enough for shorter windows is warm from its timing rounds.
        warmupCalls: calls < settings.heapCalls ? 0 : settings.heapWarmupCalls,
      });
    },
    async cpu() {
      const loop = freshLoop();
      return cpuWindow(settings.cpuWindowMs, CPU_STEP_CALLS, () => loop(call, CPU_STEP_CALLS));
    },
    async latency() {
      const out = new Float64Array(settings.latencyCalls);
      freshTimedLoop()(call, out.length, out, 0);
      return summarizeLatency(out);
    },
  };
}

/**
 * Runs `step` (which makes `callsPerStep` calls) until the calling thread has used `windowMs` of CPU
 * (so a loaded machine, which stretches wall time, does not shrink the sample; without a thread clock,
 * `windowMs` of wall time), and returns the CPU both clocks counted per call.
 */
async function cpuWindow(windowMs: number, callsPerStep: number, step: () => unknown): Promise<CpuPerCall> {
  const targetMicros = windowMs * 1_000;
  // A bound for a thread that gets no CPU at all, so a stuck window ends.
  const deadlineMs = Math.max(10_000, windowMs * 40);
  let calls = 0;
  const before = readCpu();
  const start = performance.now();
  let now = start;
  for (;;) {
    const pending = step();
    if (pending instanceof Promise) await pending;
    // Work a logger defers (winston emits 'logged' from a setImmediate per call) belongs in its CPU.
    await yieldToEventLoop();
    calls += callsPerStep;
    now = performance.now();
    if (now - start > deadlineMs) break;
    const used =
      before.threadMicros === null
        ? (now - start) * 1_000
        : (readThreadCpuMicros() ?? 0) - before.threadMicros;
    if (used >= targetMicros) break;
  }
  return cpuPerCall(before, readCpu(), calls, (now - start) * 1e6);
}

/**
 * For asynchronous destinations. The timed unit is `callsPerBurst` calls, then a wait until the
 * destination reports everything written (`drained`), so the cost of getting records to the file (the
 * write system calls, their thread-pool round trips) is paid inside the measurement and no backlog
 * carries from one sample into the next. Without the wait an async destination only queues: pino's
 * sonic-boom writes at most 16 KiB per round trip and falls behind on 2 KiB records, so a backlog of
 * gigabytes would be written after the timing, at close. Per-call numbers are the
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
  await freshAsyncLoop()(unit, Math.ceil(preWarmCalls(settings) / perBurst));
  return {
    async time(minCpuTimeMs) {
      // batch_threshold -1: one unit per sample; mitata would otherwise run 4096 units per sample.
      const stats = await measure(unit, {
        min_cpu_time: minCpuTimeMs * 1e6,
        min_samples: settings.minSamples,
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
    cpu: () => cpuWindow(settings.cpuWindowMs, perBurst, unit),
    async latency() {
      // Bursts of individually timed calls; the wait for the destination between bursts is untimed.
      const out = new Float64Array(Math.ceil(settings.latencyCalls / perBurst) * perBurst);
      const loop = freshTimedLoop();
      for (let offset = 0; offset < out.length; offset += perBurst) {
        loop(call, perBurst, out, offset);
        await (writesRecords ? drained() : settled());
      }
      return summarizeLatency(out);
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
