import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MachineInfo } from './machine.js';
import type { ReportEntry } from './render-report.js';

/** One suite's results as stored under `benchmarks/results/`. */
export interface SuiteResultsFile {
  readonly suite: string;
  readonly measuredAt: string;
  readonly quick: boolean;
  readonly filters: readonly string[];
  readonly machine: MachineInfo;
  readonly scenarios: readonly ReportEntry[];
}

/**
 * Writes `latest-<suite>.json` for every suite that ran, under `<repoRoot>/benchmarks/results/`. A
 * `--quick` run's rough numbers go to the untracked `results/tmp/` instead, so a smoke test never
 * replaces a real measurement. Returns the paths written.
 */
export function writeResults(
  repoRoot: string,
  file: Omit<SuiteResultsFile, 'suite' | 'scenarios'>,
  entries: readonly ReportEntry[],
): string[] {
  const dir = file.quick
    ? join(repoRoot, 'benchmarks', 'results', 'tmp')
    : join(repoRoot, 'benchmarks', 'results');
  mkdirSync(dir, { recursive: true });
  const suites = [...new Set(entries.map((entry) => entry.suite))];
  return suites.map((suite) => {
    const path = join(dir, `latest-${suite}.json`);
    const contents: SuiteResultsFile = {
      suite,
      ...file,
      scenarios: entries.filter((entry) => entry.suite === suite),
    };
    writeFileSync(path, `${JSON.stringify(contents, null, 2)}\n`);
    return path;
  });
}
