#!/usr/bin/env node
/**
 * sluice-bench: runs the selected scenario files, each in its own process, then prints one table per
 * sink (or JSON with --json) and stores the results (harness/results-dir.ts says where). See USAGE.
 */
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeChart } from './chart/write-chart.js';
import { BenchUsageError } from './cli/bench-usage-error.js';
import { insaneNumbers } from './cli/insane-numbers.js';
import { machineInfo } from './cli/machine-info.js';
import { parseArgs, USAGE } from './cli/parse-args.js';
import { startProgress } from './cli/progress.js';
import { readResultsFiles } from './cli/read-results-files.js';
import { renderReport } from './cli/render-report.js';
import { describeEstimate, estimateRun } from './cli/run-estimate.js';
import { runScenarioProcess } from './cli/run-scenario-process.js';
import { listScenarios, SUITES, selectScenarios } from './cli/scenario-catalog.js';
import { type StoredEntry, writeResults } from './cli/write-results.js';
import { type ResultsKind, resultsDir } from './harness/results-dir.js';

/** This file is `packages/bench/dist/cli.js`. */
const DIST_DIR = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = join(DIST_DIR, '..', '..', '..');

async function main(argv: readonly string[]): Promise<number> {
  const options = parseArgs(argv);
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const catalog = listScenarios(join(DIST_DIR, 'scenarios'));
  const selected = selectScenarios(catalog, options.filters);
  for (const suite of SUITES) {
    if (options.filters.includes(suite) && !catalog.some((entry) => entry.suite === suite)) {
      process.stderr.write(`sluice-bench: the ${suite} suite has no scenarios yet.\n`);
    }
  }
  if (selected.length === 0) {
    process.stderr.write('sluice-bench: nothing to run.\n');
    return 0;
  }

  const kind: ResultsKind = options.quick ? 'quick' : options.save ? 'saved' : 'local';
  const dir = resultsDir(REPO_ROOT, kind);
  const earlier = options.quick
    ? readResultsFiles(dir)
    : [
        ...readResultsFiles(resultsDir(REPO_ROOT, 'saved')),
        ...readResultsFiles(resultsDir(REPO_ROOT, 'local')),
      ];
  process.stderr.write(
    `sluice-bench: ${describeEstimate(selected.length, estimateRun(selected, earlier))}\n`,
  );

  const machine = machineInfo();
  const entries: StoredEntry[] = [];
  for (const [index, entry] of selected.entries()) {
    const progress = startProgress(`[${index + 1}/${selected.length}] ${entry.suite}/${entry.name}`);
    const outcome = await runScenarioProcess(entry, options.quick, dir);
    const { elapsedMs } = outcome;
    const seconds = (outcome.elapsedMs / 1000).toFixed(1);
    // A result whose numbers are not sane (NaN, zero throughput, lost records) is a failure too.
    const problems = outcome.ok ? insaneNumbers(outcome.result) : [];
    if (outcome.ok && problems.length === 0) {
      progress.done(`${seconds} s`);
      entries.push({ suite: entry.suite, name: entry.name, result: outcome.result, elapsedMs });
    } else {
      const error = outcome.ok ? `numbers not sane: ${problems.join('; ')}` : outcome.error;
      progress.done(`FAILED after ${seconds} s: ${error}`);
      entries.push({ suite: entry.suite, name: entry.name, error, elapsedMs });
    }
  }

  const written = writeResults(
    dir,
    { measuredAt: new Date().toISOString(), quick: options.quick, filters: options.filters, machine },
    entries,
  );
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ quick: options.quick, machine, scenarios: entries }, null, 2)}\n`,
    );
  } else {
    process.stdout.write(`\n${renderReport(machine, options.quick, entries)}\n`);
  }
  // The chart is drawn from the core suite's latest results, whichever run produced them.
  const chart = writeChart(dir);
  if (chart !== null) written.push(chart);
  for (const path of written) process.stderr.write(`sluice-bench: wrote ${relative(process.cwd(), path)}\n`);
  return entries.some((entry) => 'error' in entry) ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof BenchUsageError) {
      process.stderr.write(`sluice-bench: ${error.message}\n`);
      process.exitCode = 2;
    } else {
      throw error;
    }
  },
);
