#!/usr/bin/env node
/**
 * sluice-bench-profile <scenario>: runs one scenario file under V8's CPU profiler (`--cpu-prof`) and
 * its sampling heap profiler (profile/heap-sampler.ts), then prints the functions with the most self
 * time and the allocation sites with the most sampled bytes: provide.foundation's cProfile and tracemalloc
 * recipes, done the Node way. The raw profiles stay in the printed directory (open the .cpuprofile in
 * Chrome DevTools' Performance panel, the .heapprofile in its Memory panel).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BenchUsageError } from './cli/bench-usage-error.js';
import { type Column, renderTable } from './cli/render-table.js';
import { listScenarios, selectScenarios } from './cli/scenario-catalog.js';
import {
  type CpuProfile,
  type HeapProfile,
  type ProfileRow,
  topAllocationSites,
  topSelfTime,
} from './profile/profile-summary.js';

const DIST_DIR = dirname(fileURLToPath(import.meta.url));

const USAGE = `Usage: sluice-bench-profile <scenario> [--quick] [--top <n>]

  <scenario>  one scenario: a name (seed-event) or suite/name (core/seed-event).
  --quick     profile the scenario's --quick run (seconds instead of minutes).
  --top       rows per table (default 25).`;

function parse(argv: readonly string[]) {
  let scenario: string | undefined;
  let quick = false;
  let top = 25;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') continue;
    if (arg === '--quick') quick = true;
    else if (arg === '--top') {
      top = Number(argv[++i]);
      if (!(Number.isInteger(top) && top > 0))
        throw new BenchUsageError('--top needs a positive whole number.');
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (!arg.startsWith('-') && scenario === undefined) scenario = arg;
    else throw new BenchUsageError(`Unknown argument: ${JSON.stringify(arg)}.\n\n${USAGE}`);
  }
  if (scenario === undefined) throw new BenchUsageError(`Name a scenario to profile.\n\n${USAGE}`);
  return { scenario, quick, top };
}

function table(
  title: string,
  header: string,
  rows: readonly ProfileRow[],
  value: (row: ProfileRow) => string,
) {
  const columns: readonly Column[] = [
    { header, align: 'right' },
    { header: '%', align: 'right' },
    { header: 'function (file:line)', align: 'left' },
  ];
  return `${title}\n${renderTable(
    columns,
    rows.map((row) => [value(row), row.percent.toFixed(1), row.site]),
  )}`;
}

/** `CPU.20261126.170000.1234.0.001.cpuprofile`: the fourth part is the thread id (0: main). */
function threadOf(file: string): string {
  const id = file.split('.')[4];
  return id === '0' ? 'main thread' : `thread ${id}`;
}

function main(argv: readonly string[]): number {
  const options = parse(argv);
  const [entry, ...more] = selectScenarios(listScenarios(join(DIST_DIR, 'scenarios')), [options.scenario]);
  if (entry === undefined || more.length > 0) {
    throw new BenchUsageError(
      `${JSON.stringify(options.scenario)} names a suite or several scenarios: name one scenario.`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), `sluice-profile-${entry.name}-`));
  const heapPath = join(dir, `${entry.name}.heapprofile`);
  process.stderr.write(`profiling ${entry.suite}/${entry.name}${options.quick ? ' (--quick)' : ''} ...\n`);
  const run = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      '--cpu-prof',
      '--cpu-prof-dir',
      dir,
      '--import',
      pathToFileURL(join(DIST_DIR, 'profile', 'heap-sampler.js')).href,
      entry.file,
      ...(options.quick ? ['--quick'] : []),
    ],
    { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, SLUICE_HEAP_PROFILE: heapPath } },
  );
  if (run.status !== 0) {
    process.stderr.write(`sluice-bench-profile: the scenario exited with ${run.status ?? run.signal}.\n`);
    return 1;
  }
  const parts: string[] = [];
  const cpuFiles = readdirSync(dir)
    .filter((file) => file.endsWith('.cpuprofile'))
    .sort();
  for (const file of cpuFiles) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    parts.push(
      table(
        `Top functions by self time, ${threadOf(file)} (${file}):`,
        'self ms',
        topSelfTime(profile, options.top),
        (row) => row.value.toFixed(1),
      ),
    );
  }
  const heap = JSON.parse(readFileSync(heapPath, 'utf8')) as HeapProfile;
  parts.push(
    table(
      'Top allocation sites, main thread (sampled bytes, collected objects included):',
      'sampled',
      topAllocationSites(heap, options.top),
      (row) => `${(row.value / 2 ** 20).toFixed(1)} MiB`,
    ),
  );
  parts.push(`Profiles: ${dir}`);
  process.stdout.write(`${parts.join('\n\n')}\n`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof BenchUsageError)) throw error;
  process.stderr.write(`sluice-bench-profile: ${error.message}\n`);
  process.exitCode = 2;
}
