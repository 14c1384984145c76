import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SuiteResultsFile } from './write-results.js';

/** Every `latest-<suite>.json` in `dir` (none if the directory does not exist), in name order. */
export function readResultsFiles(dir: string): SuiteResultsFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => /^latest-[a-z0-9-]+\.json$/.test(file))
    .sort()
    .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as SuiteResultsFile);
}
