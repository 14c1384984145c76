/**
 * The regression gate's decision, pure: a baseline ratio is a noise band (the lowest to highest
 * median of several probe runs on the machine that checks, each of interleaved rounds), a latest ratio above it
 * is only flagged, and a flagged row is a regression only when the median of its re-measured rounds is
 * still above. Single rounds stray far on a loaded machine; a run's median much less.
 */
import type { ProbeRound } from '../harness/ratio-probe.js';
import { median, percentile } from '../harness/stats.js';

export interface NoiseBand {
  /** The median of every round; the lowest and highest run median. */
  readonly median: number;
  readonly low: number;
  readonly high: number;
  /** Each run's median, in run order. */
  readonly runMedians: readonly number[];
  /** Rounds over all runs. */
  readonly rounds: number;
  /** The 10th and 90th percentile of single rounds: how far one round strays. */
  readonly roundP10: number;
  readonly roundP90: number;
  /** Median ns/call of each side over the rounds: how much there was to measure. */
  readonly sluiceNs: number;
  readonly referenceNs: number;
  /** False for a row that measures nothing reliable; `why` says what. */
  readonly gates: boolean;
  readonly why?: string;
}

/**
 * Below this many ns per call a timing loop measures its own overhead and the CPU's mood, not the
 * logger (a disabled level is a sub-nanosecond branch): the ratio of two such numbers is noise.
 */
export const MIN_MEASURABLE_NS = 5;

/** Runs whose highest median is more than this times their lowest agree on nothing a margin can use. */
export const MAX_BAND_SPREAD = 1.5;

/** The band of a ratio probed in several runs (processes), each a list of rounds. */
export function bandFromRuns(runs: readonly (readonly ProbeRound[])[]): NoiseBand {
  const rounds = runs.flat();
  const sorted = rounds.map((round) => round.ratio).sort((a, b) => a - b);
  const runMedians = runs.map((run) => median(run.map((round) => round.ratio)));
  const sluiceNs = median(rounds.map((round) => round.sluiceNs));
  const referenceNs = median(rounds.map((round) => round.referenceNs));
  const band = {
    median: median(sorted),
    low: Math.min(...runMedians),
    high: Math.max(...runMedians),
    runMedians,
    rounds: rounds.length,
    roundP10: percentile(sorted, 10),
    roundP90: percentile(sorted, 90),
    sluiceNs,
    referenceNs,
  };
  const cheapest = Math.min(sluiceNs, referenceNs);
  if (!(cheapest >= MIN_MEASURABLE_NS)) {
    const side = sluiceNs <= referenceNs ? 'sluice' : 'the reference';
    return {
      ...band,
      gates: false,
      why: `${side} costs ${cheapest.toFixed(2)} ns/call, under ${MIN_MEASURABLE_NS} ns: the timing loop's own noise`,
    };
  }
  if (!(band.high <= band.low * MAX_BAND_SPREAD)) {
    return {
      ...band,
      gates: false,
      why: `its run medians spread over x${(band.high / band.low).toFixed(2)}: noise, not a measurement`,
    };
  }
  return { ...band, gates: true };
}

export type Verdict =
  | 'ok'
  | 'improved'
  | 'flagged'
  | 'ok after re-measuring'
  | 'regressed'
  | 'not gating'
  | 'new'
  | 'not measured';

export interface RowDecision {
  readonly verdict: Verdict;
  /** The median of the re-measured rounds, when there were any. */
  readonly remeasured: number | null;
}

function checkMargin(margin: number): void {
  if (!(margin >= 0))
    throw new RangeError(`Invalid margin: ${String(margin)}. Use a fraction of at least 0.`);
}

/** The highest ratio a gating row may show: the band's top plus the margin (0.25: 25%). */
export const ceilingOf = (band: NoiseBand, margin: number): number => band.high * (1 + margin);

/** Whether the latest ratio is above its band by more than the margin, on a row that gates. */
export function needsRemeasure(band: NoiseBand | null, latest: number | null, margin: number): boolean {
  checkMargin(margin);
  return band?.gates === true && latest !== null && latest > ceilingOf(band, margin);
}

/**
 * A row's verdict from the latest ratio and, for a flagged row, its re-measured rounds' ratios (null
 * when it was not re-measured). Only the re-measurement's median can make a regression.
 */
export function decideRow(
  band: NoiseBand | null,
  latest: number | null,
  remeasuredRounds: readonly number[] | null,
  margin: number,
): RowDecision {
  checkMargin(margin);
  const remeasured =
    remeasuredRounds === null || remeasuredRounds.length === 0 ? null : median(remeasuredRounds);
  if (band === null) return { verdict: 'new', remeasured };
  if (latest === null) return { verdict: 'not measured', remeasured };
  if (!band.gates) return { verdict: 'not gating', remeasured };
  if (!needsRemeasure(band, latest, margin)) {
    return { verdict: latest * (1 + margin) < band.low ? 'improved' : 'ok', remeasured };
  }
  if (remeasured === null) return { verdict: 'flagged', remeasured };
  return {
    verdict: remeasured > ceilingOf(band, margin) ? 'regressed' : 'ok after re-measuring',
    remeasured,
  };
}
