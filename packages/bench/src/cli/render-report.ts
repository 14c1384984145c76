import { formatBytes, formatCount, formatNs, formatRatio, MISSING } from '../harness/format.js';
import type {
  CaseResult,
  ComparisonResult,
  MultiTargetResult,
  ProducersResult,
  ScenarioResult,
  SeedRegressionResult,
  SeedStdlibResult,
  SeedTableResult,
  WorkerSinkResult,
  ZeroAllocResult,
} from '../harness/result.js';
import { CALLS_PER_BURST } from '../harness/settings.js';
import { SINKS, type SinkSpec } from '../harness/sinks.js';
import { median } from '../harness/stats.js';
import { describeMachine, type MachineInfo } from './machine.js';
import { type Column, renderTable } from './render-table.js';

/** A scenario that ran (with its result) or failed (with why). */
export type ReportEntry =
  | { readonly suite: string; readonly name: string; readonly result: ScenarioResult }
  | { readonly suite: string; readonly name: string; readonly error: string };

const BURST_TEXT = formatCount(CALLS_PER_BURST);

const COMPARISON_COLUMNS: readonly Column[] = [
  { header: 'scenario', align: 'left' },
  { header: 'logger', align: 'left' },
  { header: 'ns/call', align: 'right' },
  { header: 'p50', align: 'right' },
  { header: 'heap B/call', align: 'right' },
  { header: 'sluice/pino', align: 'right' },
];

const ZERO_ALLOC_COLUMNS: readonly Column[] = [
  { header: 'mode', align: 'left' },
  { header: 'records', align: 'right' },
  { header: 'scavenges', align: 'right' },
  { header: 'other GCs', align: 'right' },
  { header: 'heap B/record', align: 'right' },
  { header: 'ns/record', align: 'right' },
];

/** The human-readable report: header, one table per sink, the zero-allocation counts, failures. */
export function renderReport(machine: MachineInfo, quick: boolean, entries: readonly ReportEntry[]): string {
  const comparisons = entries.flatMap((entry) =>
    'result' in entry && entry.result.kind === 'comparison' ? [entry.result] : [],
  );
  const zeroAlloc = entries.flatMap((entry) =>
    'result' in entry && entry.result.kind === 'zero-alloc' ? [entry.result] : [],
  );
  const seedResults = SEED_KINDS.flatMap((kind) =>
    entries.flatMap((entry) => ('result' in entry && entry.result.kind === kind ? [entry.result] : [])),
  );
  const failures = entries.flatMap((entry) => ('error' in entry ? [entry] : []));

  const parts = [
    `sluice bench${quick ? ' (--quick: rough numbers, a smoke test)' : ''}`,
    ...describeMachine(machine),
  ];
  if (comparisons.length > 0) {
    parts.push(
      'ns/call: mean of mitata samples (GC pauses included); p50 their median. heap B/call: JS heap bytes',
      'allocated per call, counted across GCs. Each scenario runs in its own process, timing sluice and pino',
      'in alternating rounds; sluice/pino is the ratio of mean ns/call within that process.',
    );
    for (const sink of SINKS) parts.push('', renderSinkTable(sink, comparisons));
    const floor = median(comparisons.map((result) => result.floorNs));
    const writeFloor = median(comparisons.map((result) => result.writeFloorNs));
    parts.push(
      '',
      `Floors (medians over scenarios): no-op sink ${formatNs(floor)}/call (mitata timing an empty function);`,
      `/dev/null ${formatNs(writeFloor)}/call (one write round trip per sample: each sample is ${BURST_TEXT} calls,`,
      'then a wait until the destination has written them).',
    );
  }
  for (const result of zeroAlloc) parts.push('', renderZeroAlloc(result));
  for (const result of seedResults) {
    if (result.kind === 'seed-table') parts.push('', renderSeedTable(result));
    else if (result.kind === 'seed-stdlib') parts.push('', renderSeedStdlib(result));
    else if (result.kind === 'seed-regression') parts.push('', renderSeedRegression(result));
  }
  for (const entry of entries) {
    if ('result' in entry && entry.result.kind === 'worker-sink')
      parts.push('', renderWorkerSink(entry.result));
    if ('result' in entry && entry.result.kind === 'producers') parts.push('', renderProducers(entry.result));
    if ('result' in entry && entry.result.kind === 'multi-target') {
      parts.push('', renderMultiTarget(entry.result));
    }
  }
  for (const failure of failures) parts.push('', `FAILED ${failure.suite}/${failure.name}: ${failure.error}`);
  return parts.join('\n');
}

function renderSinkTable(sink: SinkSpec, results: readonly ComparisonResult[]): string {
  const rows: string[][] = [];
  for (const result of results) {
    const group = result.groups.find((candidate) => candidate.sink === sink.kind);
    if (group === undefined) continue;
    const sluice = findCase(group.cases, 'sluice');
    const pino = findCase(group.cases, 'pino');
    rows.push([result.name, 'sluice', ...caseCells(sluice), formatRatio(group.ratio)]);
    rows.push(['', 'pino', ...caseCells(pino), '']);
  }
  const title = `${sink.title} (sluice: ${sink.sluice}; pino: ${sink.pino})`;
  return `${title}\n${renderTable(COMPARISON_COLUMNS, rows)}`;
}

function findCase(cases: readonly CaseResult[], logger: CaseResult['logger']): CaseResult | undefined {
  return cases.find((candidate) => candidate.logger === logger);
}

function caseCells(result: CaseResult | undefined): [string, string, string] {
  if (result === undefined) return [MISSING, MISSING, MISSING];
  return [
    formatNs(result.nsPerCall.mean),
    formatNs(result.nsPerCall.p50),
    formatBytes(result.heap.bytesPerCall),
  ];
}

function renderZeroAlloc(result: ZeroAllocResult): string {
  const rows = result.runs.map((run) => [
    run.label,
    formatCount(run.records),
    formatCount(run.scavenges),
    formatCount(run.otherGcs),
    formatBytes(run.bytesPerRecord),
    formatNs(run.nsPerRecord),
  ]);
  return `zero-alloc: ${result.description}\n${renderTable(ZERO_ALLOC_COLUMNS, rows)}`;
}

const WORKER_SINK_COLUMNS: readonly Column[] = [
  { header: 'configuration', align: 'left' },
  { header: 'caller ns/call', align: 'right' },
  { header: 'p50', align: 'right' },
  { header: 'latency p50', align: 'right' },
  { header: 'p99', align: 'right' },
  { header: 'p99.9', align: 'right' },
  { header: 'max', align: 'right' },
  { header: 'end-to-end rec/s', align: 'right' },
];

function renderProducers(result: ProducersResult): string {
  const exact = result.delivered === result.logged && result.outOfOrder === 0;
  return [
    `producers: ${result.description}`,
    `  ${formatCount(Math.round(result.recordsPerSecond))} records/s in total; delivered ${formatCount(result.delivered)} of ${formatCount(result.logged)}, ${formatCount(result.outOfOrder)} out of order per thread (${exact ? 'exact' : 'NOT exact'})`,
  ].join('\n');
}

const MULTI_TARGET_COLUMNS: readonly Column[] = [
  { header: 'configuration', align: 'left' },
  { header: 'records/s', align: 'right' },
  { header: 'vs single', align: 'right' },
  { header: 'rendered', align: 'right' },
];

function renderMultiTarget(result: MultiTargetResult): string {
  const single = result.runs[0]?.recordsPerSecond ?? Number.NaN;
  const rows = result.runs.map((run) => [
    run.label,
    formatCount(Math.round(run.recordsPerSecond)),
    `${((run.recordsPerSecond / single) * 100).toFixed(0)}%`,
    formatCount(run.recordsRendered),
  ]);
  return [`multi-target: ${result.description}`, renderTable(MULTI_TARGET_COLUMNS, rows)].join('\n');
}

function renderWorkerSink(result: WorkerSinkResult): string {
  const rows = result.runs.map((run) => [
    run.label,
    formatNs(run.callerNsPerCall),
    formatNs(run.callerNsP50),
    formatNs(run.latencyP50Ns),
    formatNs(run.latencyP99Ns),
    formatNs(run.latencyP999Ns),
    formatNs(run.latencyMaxNs),
    formatCount(Math.round(run.endToEndRecordsPerSecond)),
  ]);
  return [
    `worker-sink: ${result.description}`,
    renderTable(WORKER_SINK_COLUMNS, rows),
    `caller ns/call: a burst's time over its calls (the sink drained between bursts, untimed). latency: each call`,
    `timed alone with performance.now(), whose own cost here is ${formatNs(result.timerFloorNs)}.`,
  ].join('\n');
}

/** The seed suite's results in the order the report prints them: the table first. */
const SEED_KINDS = ['seed-table', 'seed-stdlib', 'seed-regression'] as const;

const SEED_TABLE_COLUMNS: readonly Column[] = [
  { header: 'configuration', align: 'left' },
  { header: 'msgs/s', align: 'right' },
  { header: 'seed msgs/s', align: 'right' },
  { header: 'x seed', align: 'right' },
  { header: 'heap B/msg', align: 'right' },
  { header: 'CPU/msg (process)', align: 'right' },
  { header: 'CPU/msg (main thread)', align: 'right' },
];

function renderSeedTable(result: SeedTableResult): string {
  const rows = result.rows.map((row) => [
    row.label,
    formatCount(row.msgsPerSec),
    `${formatCount(row.seedMsgsPerSec)}+`,
    formatMultiple(row.speedupOverSeed),
    formatBytes(row.heapBytesPerMsg),
    formatNs(row.processCpuNsPerMsg),
    row.threadCpuNsPerMsg === null ? MISSING : formatNs(row.threadCpuNsPerMsg),
  ]);
  const slowest = Math.min(...result.rows.map((row) => row.speedupOverSeed));
  const { minSpeedupOverSeed, maxEmojiKeyValueCost } = result.targets;
  return [
    `seed-table: the seed page's performance table (Apple M1, Python 3.11, 10,000 calls) on this machine`,
    `${result.description}; to /dev/null through ${result.destination}, timed until written.`,
    "Emoji: dasEmojiPrefixEnabled and loggerNameEmojiPrefixEnabled both on or both off; defaultLevel 'INFO', timestamps on.",
    renderTable(SEED_TABLE_COLUMNS, rows),
    `key-value with emoji costs ${formatMultiple(result.emojiKeyValueCost)} plain JSON per message in this run (target <= ${maxEmojiKeyValueCost}x: ${result.emojiKeyValueCost <= maxEmojiKeyValueCost ? 'met' : 'NOT met'}).`,
    `Slowest configuration: ${formatMultiple(slowest)} the seed's msgs/s (target >= ${minSpeedupOverSeed}x: ${slowest >= minSpeedupOverSeed ? 'met' : 'NOT met'}).`,
    'heap B/msg: JS heap bytes allocated per message, counted across GCs (v8.GCProfiler), output buffering included.',
    'CPU/msg: process.cpuUsage() user+system (all threads, writes included) and /proc/thread-self/stat utime+stime.',
  ].join('\n');
}

const SEED_STDLIB_COLUMNS: readonly Column[] = [
  { header: 'logger', align: 'left' },
  { header: 'msgs/s', align: 'right' },
  { header: 'ns/msg', align: 'right' },
  { header: 'call', align: 'left' },
];

function renderSeedStdlib(result: SeedStdlibResult): string {
  const rows = result.rows.map((row) => [
    row.label,
    formatCount(row.msgsPerSec),
    formatNs(row.elapsedNs / result.messages),
    row.setup,
  ]);
  const overhead = Number.isFinite(result.overheadPercent)
    ? `${result.overheadPercent.toFixed(1)}%`
    : MISSING;
  return [
    `seed-stdlib: the seed's comparison with the standard library, ${result.description}`,
    renderTable(SEED_STDLIB_COLUMNS, rows),
    `sluice overhead over console.log (the seed's (sluice time / stdlib time - 1) * 100): ${overhead}`,
  ].join('\n');
}

const SEED_REGRESSION_COLUMNS: readonly Column[] = [
  { header: 'config_name', align: 'left' },
  { header: 'messages_per_second', align: 'right' },
  { header: 'memory_mb', align: 'right' },
  { header: 'cpu_percent', align: 'right' },
];

function renderSeedRegression(result: SeedRegressionResult): string {
  const rows = result.results.map((entry) => [
    entry.config_name,
    formatCount(entry.messages_per_second),
    entry.memory_mb.toFixed(2),
    entry.cpu_percent.toFixed(1),
  ]);
  return [
    `seed-regression: the seed's regression test, ${result.description}`,
    renderTable(SEED_REGRESSION_COLUMNS, rows),
    `memory_mb: RSS growth over the loop (MiB); cpu_percent: process CPU time / wall time * 100. Wrote ${result.file}.`,
  ].join('\n');
}

/** A ratio as a multiple: `1.52x`, `412x`. */
function formatMultiple(value: number): string {
  if (!Number.isFinite(value)) return MISSING;
  return value >= 100 ? `${value.toFixed(0)}x` : `${value.toPrecision(3)}x`;
}
