import { join } from 'node:path';

/**
 * Where a bench run keeps its results, by kind of run:
 * - `saved`: `benchmarks/results/`, tracked in git; only `pnpm bench --save` writes there, so a run
 *   made to look leaves the work tree clean;
 * - `local`: `benchmarks/results/local/`, ignored by git: every other full run;
 * - `quick`: `benchmarks/results/tmp/`, ignored by git: a `--quick` smoke run's rough numbers, kept
 *   apart so they never stand in for a measurement.
 */
export type ResultsKind = 'saved' | 'local' | 'quick';

export function resultsDir(repoRoot: string, kind: ResultsKind): string {
  const saved = join(repoRoot, 'benchmarks', 'results');
  if (kind === 'saved') return saved;
  return join(saved, kind === 'local' ? 'local' : 'tmp');
}

/** The argument that tells a scenario process where the CLI keeps this run's results. */
export const RESULTS_DIR_ARG = '--results-dir=';

/** The results directory a scenario process was given, or null (run by hand, outside the CLI). */
export function resultsDirArg(argv: readonly string[]): string | null {
  const arg = argv.find((value) => value.startsWith(RESULTS_DIR_ARG));
  return arg === undefined ? null : arg.slice(RESULTS_DIR_ARG.length);
}
