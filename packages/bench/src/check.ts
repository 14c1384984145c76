#!/usr/bin/env node
/**
 * sluice-bench-check: the regression gate. Compares the sluice/pino ratios of the latest results
 * (latest-*.json) with the noise bands of benchmarks/baseline.json; a ratio above its band is only
 * flagged, re-measured on its own in interleaved rounds, and a regression only if the median of those
 * rounds is still above the band (check/noise-band.ts). `--update` measures the bands. See USAGE.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  bandFromRuns,
  ceilingOf,
  decideRow,
  type NoiseBand,
  needsRemeasure,
  type RowDecision,
} from './check/noise-band.js';
import { ratiosFromResults } from './check/ratios.js';
import { runProbes } from './check/run-probes.js';
import { BenchUsageError } from './cli/bench-usage-error.js';
import { type MachineInfo, machineInfo } from './cli/machine-info.js';
import { readResultsFiles } from './cli/read-results-files.js';
import { type Column, renderTable } from './cli/render-table.js';
import { listScenarios, type ScenarioEntry } from './cli/scenario-catalog.js';
import { resultsDir } from './harness/results-dir.js';

const DIST_DIR = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = join(DIST_DIR, '..', '..', '..');
const BASELINE_PATH = join(REPO_ROOT, 'benchmarks', 'baseline.json');

const USAGE = `Usage: sluice-bench-check [--margin <percent>] [--results <dir>]
       sluice-bench-check --update [--runs <n>] [--rounds <n>]

  --margin   how far above its baseline band (the highest of the baseline's run medians) a ratio may
             go before it is flagged and re-measured, in percent (default 25).
  --results  where the latest-*.json files are (default: the newest run's, benchmarks/results/local,
             or the saved benchmarks/results when no local run exists).
  --update   measure benchmarks/baseline.json's noise bands: every ratio the latest results have,
             probed in <runs> fresh processes (default 3) of <rounds> interleaved rounds (default 7).`;

/** Re-measuring a flagged row: this many fresh processes of the baseline's rounds each. */
const REMEASURE_RUNS = 2;

interface Options {
  readonly margin: number;
  readonly results: string;
  readonly update: boolean;
  readonly runs: number;
  readonly rounds: number;
}

interface Baseline {
  readonly measuredAt: string;
  readonly durationSeconds: number;
  /** The machine, Node and pino versions, and the load average at the start. */
  readonly machine: MachineInfo;
  readonly loadAverageAtEnd: number;
  readonly method: { readonly runs: number; readonly rounds: number };
  readonly bands: Readonly<Record<string, NoiseBand>>;
}

function positiveInteger(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (!(Number.isInteger(n) && n > 0))
    throw new BenchUsageError(`${flag} needs a whole number above 0, got ${JSON.stringify(value)}.`);
  return n;
}

function parse(argv: readonly string[]): Options {
  let margin = 25;
  let results: string | null = null;
  let update = false;
  let runs = 3;
  let rounds = 7;
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
    } else if (arg === '--runs') runs = positiveInteger(arg, argv[++i]);
    else if (arg === '--rounds') rounds = positiveInteger(arg, argv[++i]);
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else throw new BenchUsageError(`Unknown argument: ${JSON.stringify(arg)}.\n\n${USAGE}`);
  }
  return { margin: margin / 100, results: results ?? defaultResultsDir(), update, runs, rounds };
}

/** The newest full run's results: a local run if there is one, else the saved results. */
function defaultResultsDir(): string {
  const local = resultsDir(REPO_ROOT, 'local');
  return readResultsFiles(local).length > 0 ? local : resultsDir(REPO_ROOT, 'saved');
}

/** The scenarios that measure the given ratio keys (`suite/scenario/...`), in catalog order. */
function scenariosOf(keys: readonly string[]): ScenarioEntry[] {
  const wanted = new Set(keys.map((key) => key.split('/').slice(0, 2).join('/')));
  return listScenarios(join(DIST_DIR, 'scenarios')).filter((entry) =>
    wanted.has(`${entry.suite}/${entry.name}`),
  );
}

const say = (line: string) => process.stderr.write(`sluice-bench-check: ${line}\n`);
const fixed = (value: number) => value.toFixed(3);
const bandText = (band: NoiseBand) => `${fixed(band.median)} [${fixed(band.low)}-${fixed(band.high)}]`;

async function update(options: Options, keys: readonly string[]): Promise<number> {
  const started = Date.now();
  const machine = machineInfo();
  say(`measuring noise bands at load average ${machine.loadAverage.toFixed(2)}`);
  const probed = await runProbes(scenariosOf(keys), options.runs, options.rounds, options.results, say);
  for (const failure of probed.failures) say(`probe failed: ${failure}`);
  if (probed.failures.length > 0) return 2;
  const bands: Record<string, NoiseBand> = {};
  for (const key of Object.keys(probed.runs).sort()) bands[key] = bandFromRuns(probed.runs[key]);
  const baseline: Baseline = {
    measuredAt: new Date(started).toISOString(),
    durationSeconds: Math.round((Date.now() - started) / 1000),
    machine,
    loadAverageAtEnd: Math.round(os.loadavg()[0] * 100) / 100,
    method: { runs: options.runs, rounds: options.rounds },
    bands,
  };
  writeFileSync(BASELINE_PATH, `${JSON.stringify(baseline, null, 2)}\n`);
  const rows = Object.entries(bands).map(([key, band]) => [
    key,
    bandText(band),
    `${fixed(band.roundP10)}-${fixed(band.roundP90)}`,
    `${band.sluiceNs.toFixed(1)} / ${band.referenceNs.toFixed(1)}`,
    band.gates ? 'gates' : `does not gate: ${band.why}`,
  ]);
  const columns: Column[] = [
    { header: 'ratio (sluice / reference)', align: 'left' },
    { header: 'median [run medians]', align: 'right' },
    { header: 'rounds p10-p90', align: 'right' },
    { header: 'ns/call', align: 'right' },
    { header: '', align: 'left' },
  ];
  process.stdout.write(`${renderTable(columns, rows)}\n\n`);
  process.stdout.write(
    `sluice-bench-check: wrote ${rows.length} noise bands to ${relative(process.cwd(), BASELINE_PATH)} in ${baseline.durationSeconds} s (load average ${machine.loadAverage.toFixed(2)} at start, ${baseline.loadAverageAtEnd.toFixed(2)} at end).\n`,
  );
  return 0;
}

async function check(options: Options, latest: Readonly<Record<string, number>>): Promise<number> {
  if (!existsSync(BASELINE_PATH)) {
    say('no benchmarks/baseline.json: measure it with `pnpm bench:check --update`.');
    return 2;
  }
  const baseline = JSON.parse(readFileSync(BASELINE_PATH, 'utf8')) as Partial<Baseline>;
  if (baseline.bands === undefined) {
    say('benchmarks/baseline.json has no noise bands: measure them with `pnpm bench:check --update`.');
    return 2;
  }
  const bands = baseline.bands;
  const { margin } = options;
  const keys = [...new Set([...Object.keys(bands), ...Object.keys(latest)])].sort();
  const flagged = keys.filter((key) => needsRemeasure(bands[key] ?? null, latest[key] ?? null, margin));
  const started = Date.now();
  const remeasuredRounds: Record<string, { ratio: number }[]> = {};
  const failures: string[] = [];
  if (flagged.length > 0) {
    say(`${flagged.length} ratio(s) above their band: re-measuring ${flagged.join(', ')}`);
    const probed = await runProbes(
      scenariosOf(flagged),
      REMEASURE_RUNS,
      baseline.method?.rounds ?? options.rounds,
      options.results,
      say,
    );
    for (const [key, runs] of Object.entries(probed.runs)) remeasuredRounds[key] = runs.flat();
    failures.push(...probed.failures);
  }
  const decisions = new Map<string, RowDecision>();
  for (const key of keys) {
    const rounds = flagged.includes(key) ? (remeasuredRounds[key] ?? []).map((round) => round.ratio) : null;
    decisions.set(key, decideRow(bands[key] ?? null, latest[key] ?? null, rounds, margin));
  }
  const columns: Column[] = [
    { header: 'ratio (sluice / reference)', align: 'left' },
    { header: 'baseline [run medians]', align: 'right' },
    { header: 'ceiling', align: 'right' },
    { header: 'latest', align: 'right' },
    { header: 're-measured', align: 'right' },
    { header: 'verdict', align: 'left' },
  ];
  const rows = keys.map((key) => {
    const band = bands[key];
    const decision = decisions.get(key);
    const value = latest[key];
    return [
      key,
      band === undefined ? '-' : bandText(band),
      band === undefined || !band.gates ? '-' : fixed(ceilingOf(band, margin)),
      value === undefined ? '-' : fixed(value),
      decision?.remeasured == null ? '' : fixed(decision.remeasured),
      decision?.verdict ?? '',
    ];
  });
  process.stdout.write(`${renderTable(columns, rows)}\n\n`);
  for (const key of keys) {
    const band = bands[key];
    if (band !== undefined && !band.gates) process.stdout.write(`not gating: ${key}: ${band.why}\n`);
  }
  for (const failure of failures) process.stdout.write(`re-measuring failed: ${failure}\n`);
  const load = baseline.machine?.loadAverage;
  process.stdout.write(
    `baseline: ${baseline.measuredAt ?? '?'}, load average ${load ?? '?'}; ceiling = highest run median x ${(1 + margin).toFixed(2)}; ` +
      `now: load average ${os.loadavg()[0].toFixed(2)}${flagged.length > 0 ? `, re-measuring took ${Math.round((Date.now() - started) / 1000)} s` : ''}\n`,
  );
  const regressed = keys.filter((key) => decisions.get(key)?.verdict === 'regressed');
  const unresolved = keys.filter((key) => decisions.get(key)?.verdict === 'flagged');
  const gating = keys.filter((key) => bands[key]?.gates === true && latest[key] !== undefined).length;
  if (regressed.length > 0) {
    process.stdout.write(
      `sluice-bench-check: RED: ${regressed.length} ratio(s) regressed beyond their noise band (re-measured): ${regressed.join(', ')}.\n`,
    );
    return 1;
  }
  if (unresolved.length > 0) {
    process.stdout.write(
      `sluice-bench-check: RED: ${unresolved.length} flagged ratio(s) could not be re-measured: ${unresolved.join(', ')}.\n`,
    );
    return 1;
  }
  process.stdout.write(
    `sluice-bench-check: GREEN: ${gating} gating ratio(s) within their noise band (${flagged.length} re-measured).\n`,
  );
  return 0;
}

async function main(argv: readonly string[]): Promise<number> {
  const options = parse(argv);
  const files = readResultsFiles(options.results);
  process.stdout.write(`sluice-bench-check: results from ${relative(process.cwd(), options.results)}\n`);
  const latest = ratiosFromResults(files);
  if (Object.keys(latest).length === 0) {
    say(`no ratios in ${options.results}: run \`pnpm bench\` first.`);
    return 2;
  }
  return options.update ? update(options, Object.keys(latest)) : check(options, latest);
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof BenchUsageError)) throw error;
  say(error.message);
  process.exitCode = 2;
}
