/**
 * The regression gate's arithmetic: which ratios a run yields (sluice over pino, both measured in the
 * same process of the same run, so machine speed and load mostly cancel) and how they compare with a
 * baseline. Pure: results in, rows out.
 */
import type { SuiteResultsFile } from '../cli/write-results.js';

/** Ratio key (`core/static-message/noop`) to sluice's cost over the reference's: lower is better. */
export type Ratios = Record<string, number>;

export type CheckStatus = 'ok' | 'regressed' | 'improved' | 'new' | 'not measured';

export interface CheckRow {
  readonly key: string;
  readonly baseline: number | null;
  readonly current: number | null;
  /** current / baseline - 1: +0.30 means sluice's relative cost rose 30%. Null unless both exist. */
  readonly change: number | null;
  readonly status: CheckStatus;
}

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

/**
 * Each key of either side, in key order. A ratio regresses when it exceeds the baseline by more than
 * `margin` (0.25: 25%), and improves when the baseline exceeds it by as much. Keys only in the
 * baseline are 'not measured' (a filtered run), keys only in the results 'new'.
 */
export function compareRatios(baseline: Ratios, current: Ratios, margin: number): CheckRow[] {
  if (!(margin >= 0))
    throw new RangeError(`Invalid margin: ${String(margin)}. Use a fraction of at least 0.`);
  const keys = [...new Set([...Object.keys(baseline), ...Object.keys(current)])].sort();
  return keys.map((key) => {
    const before = baseline[key] ?? null;
    const now = current[key] ?? null;
    if (before === null) return { key, baseline: null, current: now, change: null, status: 'new' };
    if (now === null) return { key, baseline: before, current: null, change: null, status: 'not measured' };
    const change = now / before - 1;
    const status: CheckStatus =
      now > before * (1 + margin) ? 'regressed' : before > now * (1 + margin) ? 'improved' : 'ok';
    return { key, baseline: before, current: now, change, status };
  });
}
