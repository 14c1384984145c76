import { TRICKLE_NO_LOGGING, type TrickleResult, type TrickleRow } from '../harness/result.js';
import { pairedDifferences, pairedSums } from '../harness/stats.js';

/** What logging added on every thread of the process, one figure per round. */
export interface TrickleAdded {
  /** In ns per second of wall time. */
  readonly perSecond: readonly number[];
  /** In ns per record (none when idle). */
  readonly perRecord: readonly number[];
}

/**
 * What a trickle row's logging added on every thread, the caller's included: per round, its caller's
 * plus the other threads' CPU less the no-logging loop's at the same rate in that round. A logger whose
 * caller writes its records moves CPU from its sink thread to the caller; this sum counts it wherever it
 * runs. Null for the no-logging row itself, or without one.
 */
export function addedOnEveryThread(result: TrickleResult, row: TrickleRow): TrickleAdded | null {
  if (row.label === TRICKLE_NO_LOGGING) return null;
  const none = result.rows.find((r) => r.label === TRICKLE_NO_LOGGING && r.intervalMs === row.intervalMs);
  if (none === undefined) return null;
  return {
    perSecond: pairedDifferences(
      pairedSums(row.callerNsPerSecond, row.othersNsPerSecond),
      pairedSums(none.callerNsPerSecond, none.othersNsPerSecond),
    ),
    perRecord: pairedDifferences(
      pairedSums(row.callerNsPerRecord, row.othersNsPerRecord),
      pairedSums(none.callerNsPerRecord, none.othersNsPerRecord),
    ),
  };
}
