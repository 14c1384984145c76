#!/usr/bin/env node
/**
 * sluice-bench-check: compares the ratios in the latest results (latest-*.json)
 * with benchmarks/baseline.json and exits 1 when one regressed by more than the margin; `--update`
 * rewrites the baseline from the latest results instead. See USAGE.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CheckRow, compareRatios, type Ratios, ratiosFromResults } from './check/ratios.js';
import { readResultsFiles } from './cli/read-results.js';
import { type Column, renderTable } from './cli/render-table.js';
import { BenchUsageError } from './cli/usage-error.js';
import { resultsDir } from './harness/results-dir.js';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const USAGE = `Usage: sluice-bench-check [--margin <percent>] [--results <dir>] [--update]

  --margin   how much a ratio may grow before it counts as a regression, in percent (default 25).
  --results  where the latest-*.json files are (default: the newest run's, benchmarks/results/local,
             or the saved benchmarks/results when no local run exists).
  --update   write benchmarks/baseline.json from the latest results instead of checking.`;

interface Baseline {
  readonly measuredAt: readonly string[];
  readonly machine: unknown;
  readonly ratios: Ratios;
}

function parse(argv: readonly string[]) {
  let margin = 25;
  let results: string | null = null;
  let update = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') continue;
    if (arg === '--update') update = true;
    else if (arg === '--margin') {
      margin = Number(argv[++i]);
      if (!(margin >= 0))
        throw new BenchUsageError(
          `--margin needs a percentage of at least 0, got ${JSON.stringify(argv[i])}.`,
        );
    } else if (arg === '--results') {
      const value = argv[++i];
      if (value === undefined) throw new BenchUsageError('--results needs a directory.');
      results = value;
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else throw new BenchUsageError(`Unknown argument: ${JSON.stringify(arg)}.\n\n${USAGE}`);
  }
  return { margin: margin / 100, results: results ?? defaultResultsDir(), update };
}

/** The newest full run's results: a local run if there is one, else the saved results. */
function defaultResultsDir(): string {
  const local = resultsDir(REPO_ROOT, 'local');
  return readResultsFiles(local).length > 0 ? local : resultsDir(REPO_ROOT, 'saved');
}

const COLUMNS: readonly Column[] = [
  { header: 'ratio (sluice / reference, same run)', align: 'left' },
  { header: 'baseline', align: 'right' },
  { header: 'latest', align: 'right' },
  { header: 'change', align: 'right' },
  { header: 'status', align: 'left' },
];

function cells(row: CheckRow): string[] {
  const num = (value: number | null) => (value === null ? '-' : value.toFixed(3));
  const change = row.change === null ? '' : `${row.change >= 0 ? '+' : ''}${(row.change * 100).toFixed(1)}%`;
  return [row.key, num(row.baseline), num(row.current), change, row.status];
}

function main(argv: readonly string[]): number {
  const options = parse(argv);
  const files = readResultsFiles(options.results);
  process.stdout.write(`sluice-bench-check: results from ${relative(process.cwd(), options.results)}\n`);
  const current = ratiosFromResults(files);
  if (Object.keys(current).length === 0) {
    process.stderr.write(`sluice-bench-check: no ratios in ${options.results}: run \`pnpm bench\` first.\n`);
    return 2;
  }
  const baselinePath = join(REPO_ROOT, 'benchmarks', 'baseline.json');
  if (options.update) {
    const baseline: Baseline = {
      measuredAt: files.map((file) => `${file.suite}: ${file.measuredAt}${file.quick ? ' (--quick)' : ''}`),
      machine: files[0]?.machine ?? null,
      ratios: current,
    };
    writeFileSync(baselinePath, `${JSON.stringify(baseline, null, 2)}\n`);
    process.stdout.write(
      `sluice-bench-check: wrote ${Object.keys(current).length} ratios to ${relative(process.cwd(), baselinePath)}\n`,
    );
    return 0;
  }
  if (!existsSync(baselinePath)) {
    process.stderr.write(
      'sluice-bench-check: no benchmarks/baseline.json: create it with `pnpm bench:check --update`.\n',
    );
    return 2;
  }
  const baseline = JSON.parse(readFileSync(baselinePath, 'utf8')) as Baseline;
  const rows = compareRatios(baseline.ratios, current, options.margin);
  const regressed = rows.filter((row) => row.status === 'regressed');
  process.stdout.write(`${renderTable(COLUMNS, rows.map(cells))}\n\n`);
  process.stdout.write(
    regressed.length === 0
      ? `sluice-bench-check: no ratio regressed by more than ${(options.margin * 100).toFixed(0)}%.\n`
      : `sluice-bench-check: ${regressed.length} ratio(s) regressed by more than ${(options.margin * 100).toFixed(0)}%: ${regressed.map((row) => row.key).join(', ')}.\n`,
  );
  return regressed.length === 0 ? 0 : 1;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof BenchUsageError)) throw error;
  process.stderr.write(`sluice-bench-check: ${error.message}\n`);
  process.exitCode = 2;
}
