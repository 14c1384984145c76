/**
 * The regression gate's measurement (`bench:check`): a scenario started with `--gate-probe=<rounds>`
 * times only sluice and its reference, in rounds that alternate which goes first, and reports each
 * round's ratio instead of its usual result. Rounds back to back share the machine's load, so their
 * ratio holds where absolute times do not.
 */

/** One round: sluice's and the reference's mean ns/call, timed back to back. */
export interface ProbeRound {
  readonly ratio: number;
  readonly sluiceNs: number;
  readonly referenceNs: number;
}

export interface RatioProbeResult {
  readonly kind: 'ratio-probe';
  readonly name: string;
  /** By the ratio's last key part (a sink, or a worker-sink configuration), its rounds. */
  readonly rows: Readonly<Record<string, readonly ProbeRound[]>>;
}

export const GATE_PROBE_ARG = '--gate-probe=';

/** The rounds a probe was asked for, or null when the scenario runs as usual. */
export function gateProbeRounds(argv: readonly string[] = process.argv.slice(2)): number | null {
  const arg = argv.find((value) => value.startsWith(GATE_PROBE_ARG));
  if (arg === undefined) return null;
  const rounds = Number(arg.slice(GATE_PROBE_ARG.length));
  if (!(Number.isInteger(rounds) && rounds > 0)) throw new RangeError(`Invalid ${arg}: use a round count.`);
  return rounds;
}

/**
 * `rounds` rounds of `timeSluice` and `timeReference` (each returns ns/call), sluice first in even
 * rounds and second in odd ones, so neither side always meets the machine right after the other.
 * One round more runs first and is dropped: the compiler is still settling the calls in it.
 */
export async function alternatingRounds(
  rounds: number,
  timeSluice: () => Promise<number>,
  timeReference: () => Promise<number>,
): Promise<ProbeRound[]> {
  const out: ProbeRound[] = [];
  for (let round = -1; round < rounds; round++) {
    let sluiceNs: number;
    let referenceNs: number;
    if (round % 2 !== 1) {
      sluiceNs = await timeSluice();
      referenceNs = await timeReference();
    } else {
      referenceNs = await timeReference();
      sluiceNs = await timeSluice();
    }
    if (round >= 0) out.push({ ratio: sluiceNs / referenceNs, sluiceNs, referenceNs });
  }
  return out;
}
