/**
 * Per-call latency: every call timed on its own with performance.now() (a double, so recording
 * allocates nothing; process.hrtime.bigint() allocates a BigInt per read) into a preallocated
 * Float64Array, summarised as percentiles. The timer's own cost is measured (timerFloorNs) and sits
 * under every figure.
 */
import { performance } from 'node:perf_hooks';
import { LOOP_SOURCE_URL } from './fresh-loop.js';
import { percentile } from './stats.js';

export interface LatencySummary {
  readonly n: number;
  readonly mean: number;
  readonly p50: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
}

/**
 * The summary of the first `n` entries of `samples` (nanoseconds). Sorts a copy, so the array can be
 * reused; NaN figures for no samples.
 */
export function summarizeLatency(samples: Float64Array, n: number = samples.length): LatencySummary {
  const count = Math.min(n, samples.length);
  const sorted = samples.slice(0, count).sort();
  let total = 0;
  for (let i = 0; i < count; i++) total += sorted[i];
  // percentile() takes any ascending array-like; a typed array is one.
  const ranks = sorted as unknown as readonly number[];
  return {
    n: count,
    mean: count === 0 ? Number.NaN : total / count,
    p50: percentile(ranks, 50),
    p99: percentile(ranks, 99),
    p999: percentile(ranks, 99.9),
    max: count === 0 ? Number.NaN : sorted[count - 1],
  };
}

/** Times `fn` alone `n` times into `out` from `offset`, in ns: a loop compiled per use (see fresh-loop). */
export type TimedLoop = (fn: () => unknown, n: number, out: Float64Array, offset: number) => void;

export function freshTimedLoop(): TimedLoop {
  return new Function(
    'performance',
    `return (fn, n, out, offset) => { for (let i = 0; i < n; i++) { const t = performance.now(); fn(); out[offset + i] = (performance.now() - t) * 1e6; } };${LOOP_SOURCE_URL}`,
  )(performance) as TimedLoop;
}

/** What timing an empty span costs: the floor under every latency figure (mean ns over 100,000 spans). */
export function timerFloorNs(): number {
  const loop = freshTimedLoop();
  const out = new Float64Array(100_000);
  loop(() => {}, out.length, out, 0);
  return summarizeLatency(out).mean;
}
