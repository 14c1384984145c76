/**
 * Runs the gate's probes (harness/ratio-probe.ts): each scenario in a fresh process, `runs` times,
 * the scenarios taking turns run by run so that a slow spell of the shared machine falls on several
 * of them rather than on every run of one.
 */

import { runScenarioProcess } from '../cli/run-scenario-process.js';
import type { ScenarioEntry } from '../cli/scenario-catalog.js';
import { GATE_PROBE_ARG, type ProbeRound } from '../harness/ratio-probe.js';

export interface ProbeOutcome {
  /** By ratio key (`core/static-message/noop`), each run's rounds. */
  readonly runs: Record<string, ProbeRound[][]>;
  /** Scenario runs that failed, with why. */
  readonly failures: string[];
}

export async function runProbes(
  entries: readonly ScenarioEntry[],
  runs: number,
  rounds: number,
  resultsDir: string,
  progress: (line: string) => void,
): Promise<ProbeOutcome> {
  const outcome: ProbeOutcome = { runs: {}, failures: [] };
  for (let run = 1; run <= runs; run++) {
    for (const entry of entries) {
      progress(`probe ${run}/${runs}: ${entry.suite}/${entry.name} (${rounds} rounds)`);
      const result = await runScenarioProcess(entry, false, resultsDir, [`${GATE_PROBE_ARG}${rounds}`]);
      if (!result.ok || result.result.kind !== 'ratio-probe') {
        outcome.failures.push(
          `${entry.suite}/${entry.name}: ${result.ok ? 'no probe result' : result.error}`,
        );
        continue;
      }
      for (const [part, partRounds] of Object.entries(result.result.rows)) {
        const key = `${entry.suite}/${entry.name}/${part}`;
        outcome.runs[key] = [...(outcome.runs[key] ?? []), [...partRounds]];
      }
    }
  }
  return outcome;
}
