/**
 * Which ratios a run yields for the regression gate (sluice over pino, both measured in the same
 * process of the same run, so machine speed and load mostly cancel); check/noise-band.ts decides.
 * Pure: results in, ratios out.
 */
import type { SuiteResultsFile } from '../cli/write-results.js';

/** Ratio key (`core/static-message/noop`) to sluice's cost over the reference's: lower is better. */
export type Ratios = Record<string, number>;

/**
 * The ratios in a set of results files:
 * - every comparison scenario and sink: sluice's mean ns/call over pino's (`core/<scenario>/<sink>`);
 * - worker-sink: each sluice configuration's caller ns/call over pino.transport's
 *   (`transport/worker-sink/<sluice label>`).
 * Non-finite ratios (a logger missing, a failed scenario) are left out.
 */
export function ratiosFromResults(files: readonly SuiteResultsFile[]): Ratios {
  const ratios: Ratios = {};
  const put = (key: string, value: number) => {
    if (Number.isFinite(value) && value > 0) ratios[key] = value;
  };
  for (const file of files) {
    for (const entry of file.scenarios) {
      if (!('result' in entry)) continue;
      const { result } = entry;
      if (result.kind === 'comparison') {
        for (const group of result.groups) put(`${entry.suite}/${result.name}/${group.sink}`, group.ratio);
      } else if (result.kind === 'worker-sink') {
        const pino = result.runs.find((run) => run.label.startsWith('pino.transport'));
        for (const run of result.runs) {
          if (!run.label.startsWith('sluice') || pino === undefined) continue;
          put(`${entry.suite}/${result.name}/${run.label}`, run.callerNsPerCall / pino.callerNsPerCall);
        }
      }
    }
  }
  return ratios;
}
