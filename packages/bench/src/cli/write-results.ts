import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MachineInfo } from './machine-info.js';
import type { ReportEntry } from './render-report.js';

/**
 * A scenario's entry as stored: when it ran, since a file may keep entries from earlier runs, and how
 * long its process took (for the next run's estimate).
 */
export type StoredEntry = ReportEntry & { readonly measuredAt?: string; readonly elapsedMs?: number };

/** One suite's results as stored under `benchmarks/results/`. */
export interface SuiteResultsFile {
  readonly suite: string;
  /** When the latest run that wrote this file started. */
  readonly measuredAt: string;
  readonly quick: boolean;
  readonly filters: readonly string[];
  readonly machine: MachineInfo;
  readonly scenarios: readonly StoredEntry[];
}

/**
 * Writes `latest-<suite>.json` for every suite that ran, in `dir` (harness/results-dir.ts says which
 * run writes where). Returns the paths written.
 *
 * The file holds the latest result of every scenario: a filtered run (`--filter worker-sink`) replaces
 * the scenarios it ran and keeps the others from the file (each entry says when it was measured), so
 * `bench:check` and the chart always see a whole suite.
 */
export function writeResults(
  dir: string,
  file: Omit<SuiteResultsFile, 'suite' | 'scenarios'>,
  entries: readonly StoredEntry[],
): string[] {
  mkdirSync(dir, { recursive: true });
  const suites = [...new Set(entries.map((entry) => entry.suite))];
  return suites.map((suite) => {
    const path = join(dir, `latest-${suite}.json`);
    const fresh: StoredEntry[] = entries
      .filter((entry) => entry.suite === suite)
      .map((entry) => ({ ...entry, measuredAt: file.measuredAt }));
    const contents: SuiteResultsFile = {
      suite,
      ...file,
      scenarios: mergeEntries(readEntries(path, file.measuredAt), fresh),
    };
    writeFileSync(path, `${JSON.stringify(contents, null, 2)}\n`);
    return path;
  });
}

/**
 * `earlier`'s entries that `fresh` does not replace, then `fresh`'s, in scenario-name order (the
 * catalog's order within a suite).
 */
export function mergeEntries(earlier: readonly StoredEntry[], fresh: readonly StoredEntry[]): StoredEntry[] {
  const ran = new Set(fresh.map((entry) => entry.name));
  return [...earlier.filter((entry) => !ran.has(entry.name)), ...fresh].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
}

/** The entries of an existing results file, each with its measuredAt (the file's, for older files). */
function readEntries(path: string, fallback: string): StoredEntry[] {
  if (!existsSync(path)) return [];
  try {
    const earlier = JSON.parse(readFileSync(path, 'utf8')) as SuiteResultsFile;
    return earlier.scenarios.map((entry) => ({
      ...entry,
      measuredAt: entry.measuredAt ?? earlier.measuredAt ?? fallback,
    }));
  } catch {
    // An unreadable file is replaced by this run's results.
    return [];
  }
}
