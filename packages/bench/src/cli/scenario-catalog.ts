import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BenchUsageError } from './bench-usage-error.js';

/** The suites the bench knows, in run order; a suite may have no scenarios yet. */
export const SUITES = ['server', 'core', 'transport', 'seed', 'http'] as const;

export interface ScenarioEntry {
  readonly suite: string;
  readonly name: string;
  /** The compiled scenario file, run in a process of its own. */
  readonly file: string;
}

/** Every scenario file under `<scenariosDir>/<suite>/`, in suite order then by name. */
export function listScenarios(scenariosDir: string): ScenarioEntry[] {
  const entries: ScenarioEntry[] = [];
  for (const suite of SUITES) {
    const dir = join(scenariosDir, suite);
    if (!existsSync(dir)) continue;
    const files = readdirSync(dir)
      .filter((file) => file.endsWith('.js'))
      .sort();
    for (const file of files) entries.push({ suite, name: file.slice(0, -3), file: join(dir, file) });
  }
  return entries;
}

/**
 * The scenarios `filters` select, in catalog order, each once. A filter is a suite name, a scenario
 * name or `suite/scenario`. Throws BenchUsageError for a name that matches nothing, listing the valid
 * ones; a known suite with no scenarios yet selects nothing and is not an error.
 */
export function selectScenarios(
  catalog: readonly ScenarioEntry[],
  filters: readonly string[],
): ScenarioEntry[] {
  if (filters.length === 0) return [...catalog];
  const selected = new Set<ScenarioEntry>();
  for (const filter of filters) {
    const matches = catalog.filter(
      (entry) => entry.suite === filter || entry.name === filter || `${entry.suite}/${entry.name}` === filter,
    );
    if (matches.length === 0 && !(SUITES as readonly string[]).includes(filter)) {
      const names = catalog.map((entry) => entry.name).join(', ');
      throw new BenchUsageError(
        `No suite or scenario named ${JSON.stringify(filter)}. Suites: ${SUITES.join(', ')}. Scenarios: ${names}.`,
      );
    }
    for (const match of matches) selected.add(match);
  }
  return catalog.filter((entry) => selected.has(entry));
}
