/**
 * Order statistics for benchmark samples. Pure functions over plain arrays, so the CLI, the scenario
 * processes and the tests share one definition of "p99".
 */

/** Min, max, mean and the percentiles a report quotes, of one set of samples. */
export interface Summary {
  readonly n: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly p50: number;
  readonly p75: number;
  readonly p99: number;
}

/**
 * The `p`th percentile (0-100) of `sorted`, which must be in ascending order, interpolated linearly
 * between the two nearest ranks (Hyndman & Fan's type 7, numpy's and Excel's default): p0 is the
 * minimum, p100 the maximum, p50 of an even count the mean of the middle two. NaN for no samples.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) {
    throw new RangeError(`Invalid percentile: ${String(p)}. Use a number from 0 to 100.`);
  }
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const rank = (p / 100) * (n - 1);
  const lower = Math.floor(rank);
  const upper = Math.min(lower + 1, n - 1);
  const weight = rank - lower;
  const low = sorted[lower];
  // Written so that equal neighbours return exactly that value (no 0 * Infinity, no rounding drift).
  return weight === 0 || sorted[upper] === low ? low : low + (sorted[upper] - low) * weight;
}

/** The median of `values` in any order. NaN for no values. */
export function median(values: readonly number[]): number {
  return percentile(sortAscending(values), 50);
}

/** Summary of `values` in any order (they are copied, not sorted in place). All NaN for no values. */
export function summarize(values: readonly number[]): Summary {
  const sorted = sortAscending(values);
  const n = sorted.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += sorted[i];
  return {
    n,
    min: n === 0 ? Number.NaN : sorted[0],
    max: n === 0 ? Number.NaN : sorted[n - 1],
    mean: n === 0 ? Number.NaN : total / n,
    p50: percentile(sorted, 50),
    p75: percentile(sorted, 75),
    p99: percentile(sorted, 99),
  };
}

/** Every statistic of `summary` multiplied by `factor` (n unchanged): per-batch samples to per-call. */
export function scaleSummary(summary: Summary, factor: number): Summary {
  return {
    n: summary.n,
    min: summary.min * factor,
    max: summary.max * factor,
    mean: summary.mean * factor,
    p50: summary.p50 * factor,
    p75: summary.p75 * factor,
    p99: summary.p99 * factor,
  };
}

/**
 * Round by round, `values[r] - base[r]`, over the rounds both have: a configuration less its baseline
 * measured in the same round, so a slow spell of the shared machine moves both sides of a difference.
 */
export function pairedDifferences(values: readonly number[], base: readonly number[]): number[] {
  const rounds = Math.min(values.length, base.length);
  const differences: number[] = [];
  for (let r = 0; r < rounds; r++) differences.push(values[r] - base[r]);
  return differences;
}

/** Round by round, `a[r] + b[r]`, over the rounds both have: e.g. the caller's CPU plus the others'. */
export function pairedSums(a: readonly number[], b: readonly number[]): number[] {
  const rounds = Math.min(a.length, b.length);
  const sums: number[] = [];
  for (let r = 0; r < rounds; r++) sums.push(a[r] + b[r]);
  return sums;
}

/**
 * `subject / reference`, e.g. sluice's ns/call over pino's from the same run: 0.125 means 1/8 of
 * pino's cost. NaN when either side is not a finite number or the reference is not positive.
 */
export function ratio(subject: number, reference: number): number {
  if (!Number.isFinite(subject) || !Number.isFinite(reference) || reference <= 0) return Number.NaN;
  return subject / reference;
}

function sortAscending(values: readonly number[]): number[] {
  return Array.from(values).sort((a, b) => a - b);
}
