import type { ScenarioEntry } from './scenario-catalog.js';
import type { StoredEntry, SuiteResultsFile } from './write-results.js';

export interface RunEstimate {
  /** The selected scenarios' last recorded durations, added up. */
  readonly knownMs: number;
  /** Selected scenarios with no recorded duration. */
  readonly unknown: number;
}

/**
 * How long the selected scenarios took when they last ran, from the stored results in `files` (the
 * newest entry per scenario that recorded its duration).
 */
export function estimateRun(
  selected: readonly ScenarioEntry[],
  files: readonly SuiteResultsFile[],
): RunEstimate {
  const newest = new Map<string, StoredEntry>();
  for (const file of files) {
    for (const entry of file.scenarios) {
      if (entry.elapsedMs === undefined) continue;
      const key = `${entry.suite}/${entry.name}`;
      const seen = newest.get(key);
      if (seen === undefined || (seen.measuredAt ?? '') < (entry.measuredAt ?? '')) newest.set(key, entry);
    }
  }
  let knownMs = 0;
  let unknown = 0;
  for (const scenario of selected) {
    const entry = newest.get(`${scenario.suite}/${scenario.name}`);
    if (entry?.elapsedMs === undefined) unknown++;
    else knownMs += entry.elapsedMs;
  }
  return { knownMs, unknown };
}

/** One line for the start of a run: how many scenarios, and how long they took last time. */
export function describeEstimate(count: number, estimate: RunEstimate): string {
  const scenarios = `${count} scenario${count === 1 ? '' : 's'}`;
  if (estimate.unknown === count) return `${scenarios}; no earlier run on record to say how long they take.`;
  const minutes = estimate.knownMs / 60_000;
  const took =
    minutes >= 1 ? `about ${minutes.toFixed(1)} min` : `about ${Math.ceil(estimate.knownMs / 1000)} s`;
  const rest = estimate.unknown === 0 ? '' : ` (plus ${estimate.unknown} never timed)`;
  return `${scenarios}; ${took} when they last ran${rest}.`;
}
