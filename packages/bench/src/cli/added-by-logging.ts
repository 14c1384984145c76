import type { HttpCpuResult, HttpCpuRow } from '../harness/result.js';
import { median, pairedDifferences } from '../harness/stats.js';

/**
 * What a configuration's logging adds to the CPU per request: per round, its CPU/request less the same
 * framework's with no logger in that round (the servers take turns, so a round's turns are close in
 * time), then the median over the rounds. Paired this way, a slow spell of the shared machine moves both
 * sides of a difference; the lowest of each side apart was seen to swing by tens of microseconds.
 * Over `'noop'` instead: what the logger adds beyond the framework's own cost of having one at all.
 */
export function addedByLogging(
  result: HttpCpuResult,
  row: HttpCpuRow,
  over: 'none' | 'noop' = 'none',
): number {
  const base = result.rows.find((r) => r.framework === row.framework && r.logging === over);
  if (base === undefined) return Number.NaN;
  return median(pairedDifferences(row.cpuNsPerRequest, base.cpuNsPerRequest));
}

/**
 * The CPU per request a configuration spent in its logger's own code on the main thread, the median
 * over the profiled rounds (harness/logger-code-time.ts); NaN for no logger or a run without them.
 */
export function loggerCodePerRequest(row: HttpCpuRow | undefined): number {
  const perRound = row?.loggerCodeNsPerRequest;
  return perRound === undefined || perRound.length === 0 ? Number.NaN : median(perRound);
}
