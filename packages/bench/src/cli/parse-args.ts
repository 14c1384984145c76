import { BenchUsageError } from './bench-usage-error.js';

export interface CliOptions {
  /** Suites (`core`), scenarios (`seed-event`) or both (`core/seed-event`); empty selects everything. */
  readonly filters: readonly string[];
  /** Few iterations: proves every scenario runs (CI smoke). */
  readonly quick: boolean;
  /** Print results as JSON on stdout instead of the table. */
  readonly json: boolean;
  /** Store the results in the tracked `benchmarks/results/` (harness/results-dir.ts). */
  readonly save: boolean;
  readonly help: boolean;
}

export const USAGE = `Usage: sluice-bench [--filter <suite|scenario>[,...]]... [--quick] [--json] [--save]

  --filter, -f  what to run: a suite (server, core, transport, seed, http), a scenario name (seed-event) or suite/name;
                repeat it or separate names with commas. Default: every suite.
  --quick       few iterations: checks that everything runs; the numbers are rough.
  --json        print the results as JSON on stdout (progress still goes to stderr).
  --save        store the results in the tracked benchmarks/results/ (what the README quotes); without
                it they go to the ignored benchmarks/results/local/ (--quick: benchmarks/results/tmp/).
  --help, -h    this text.`;

/**
 * Parses the CLI's arguments. A lone `--` is skipped, so `pnpm bench -- --quick` works like
 * `pnpm bench --quick`.
 */
export function parseArgs(argv: readonly string[]): CliOptions {
  const filters: string[] = [];
  let quick = false;
  let json = false;
  let save = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') continue;
    if (arg === '--quick') quick = true;
    else if (arg === '--json') json = true;
    else if (arg === '--save') save = true;
    else if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--filter' || arg === '-f') {
      const value = argv[++i];
      if (value === undefined || value.startsWith('-')) {
        throw new BenchUsageError(`${arg} needs a value: a suite or scenario name.`);
      }
      filters.push(...splitList(value));
    } else if (arg.startsWith('--filter=')) {
      filters.push(...splitList(arg.slice('--filter='.length)));
    } else {
      throw new BenchUsageError(`Unknown argument: ${JSON.stringify(arg)}.\n\n${USAGE}`);
    }
  }
  if (quick && save)
    throw new BenchUsageError('--save stores measurements; a --quick run has none to store.');
  return { filters, quick, json, save, help };
}

function splitList(value: string): string[] {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  if (names.length === 0) throw new BenchUsageError(`Empty --filter value: ${JSON.stringify(value)}.`);
  return names;
}
