/**
 * The regression gate's decision, pure: a baseline ratio is a noise band (the spread of many
 * interleaved rounds measured on this machine), a latest ratio outside it is only flagged, and a
 * flagged row is a regression only when the median of its re-measured rounds is still outside.
 */
import { median, percentile } from '../harness/stats.js';

/** One round of a probe: sluice's and its reference's mean ns/call, timed back to back. */
export interface ProbeRound {
  readonly ratio: number;
  readonly sluiceNs: number;
  readonly referenceNs: number;
}

export interface NoiseBand {
  /** The median round's ratio, and the 10th to 90th percentile of the rounds. */
  readonly median: number;
  readonly low: number;
  readonly high: number;
  readonly rounds: number;
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

/** A band whose 90th percentile is more than this times its 10th tells nothing a margin can use. */
export const MAX_BAND_SPREAD = 2;

export function bandFromRounds(rounds: readonly ProbeRound[]): NoiseBand {
  const sorted = rounds.map((round) => round.ratio).sort((a, b) => a - b);
  const sluiceNs = median(rounds.map((round) => round.sluiceNs));
  const referenceNs = median(rounds.map((round) => round.referenceNs));
  const band = {
    median: median(sorted),
    low: percentile(sorted, 10),
    high: percentile(sorted, 90),
    rounds: rounds.length,
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
      why: `its rounds spread over x${(band.high / band.low).toFixed(1)} (10th-90th percentile): noise, not a measurement`,
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
  if (!(margin >= 0)) throw new RangeError(`Invalid margin: ${String(margin)}. Use a fraction of at least 0.`);
}

/** The highest ratio a gating row may show: the band's top plus the margin (0.1: 10%). */
export const ceilingOf = (band: NoiseBand, margin: number): number => band.high * (1 + margin);

/** Whether the latest ratio is above its band by more than the margin, on a row that gates. */
export function needsRemeasure(band: NoiseBand | null, latest: number | null, margin: number): boolean {
  checkMargin(margin);
  return band !== null && band.gates && latest !== null && latest > ceilingOf(band, margin);
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
  return { verdict: remeasured > ceilingOf(band, margin) ? 'regressed' : 'ok after re-measuring', remeasured };
}
