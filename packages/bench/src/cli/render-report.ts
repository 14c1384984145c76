import { formatBytes, formatCount, formatNs, formatRatio, MISSING } from '../harness/format.js';
import type { LatencySummary } from '../harness/latency.js';
import type {
  CaseResult,
  ComparisonResult,
  HttpResult,
  LatencyRunResult,
  MultiTargetResult,
  ProducersResult,
  ScenarioResult,
  SeedAsyncResult,
  SeedRegressionResult,
  SeedStdlibResult,
  SeedTableResult,
  StalledSinkResult,
  WorkerSinkResult,
  ZeroAllocResult,
} from '../harness/result.js';
import { CALLS_PER_BURST } from '../harness/settings.js';
import { SINKS, type SinkSpec } from '../harness/sinks.js';
import { median, ratio } from '../harness/stats.js';
import { describeMachine, type MachineInfo } from './machine-info.js';
import { renderHttpCpu } from './render-http-cpu.js';
import { renderSpacedCalls } from './render-spaced-calls.js';
import { renderSummary } from './render-summary.js';
import { type Column, renderTable } from './render-table.js';
import { renderTrickle } from './render-trickle.js';

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
  { header: 'CPU thread', align: 'right' },
  { header: 'CPU process', align: 'right' },
  { header: 'lat p50', align: 'right' },
  { header: 'p99', align: 'right' },
  { header: 'p99.9', align: 'right' },
  { header: 'max', align: 'right' },
  { header: 'x pino', align: 'right' },
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
  const summary = renderSummary(entries.flatMap((entry) => ('result' in entry ? [entry.result] : [])));
  if (summary !== null) parts.push('', summary);
  // The server suite first: it is what a server owner asks.
  for (const entry of entries) {
    if ('result' in entry && entry.result.kind === 'spaced-calls')
      parts.push('', renderSpacedCalls(entry.result));
    if ('result' in entry && entry.result.kind === 'trickle') parts.push('', renderTrickle(entry.result));
    if ('result' in entry && entry.result.kind === 'http-cpu') parts.push('', renderHttpCpu(entry.result));
  }
  if (comparisons.length > 0) {
    parts.push(
      'ns/call: mean of mitata samples (GC pauses included); p50 their median. heap B/call: JS heap bytes',
      'allocated per call, counted across GCs. CPU thread / process: CPU time per call of the calling thread',
      '(/proc/thread-self/stat) and of the whole process (process.cpuUsage(): GC and I/O threads included),',
      'over untimed calls. lat: each call timed alone with performance.now() (timer cost included, see the',
      'floor below). Each scenario runs in its own process, every logger timed in rounds of rotating order;',
      "x pino is the ratio of mean ns/call to pino's within that process.",
    );
    for (const sink of SINKS) parts.push('', renderSinkTable(sink, comparisons));
    const floor = median(comparisons.map((result) => result.floorNs));
    const writeFloor = median(comparisons.map((result) => result.writeFloorNs));
    const timerFloor = median(comparisons.map((result) => result.timerFloorNs ?? Number.NaN));
    parts.push(
      '',
      `Floors (medians over scenarios): no-op sink ${formatNs(floor)}/call (mitata timing an empty function);`,
      `/dev/null ${formatNs(writeFloor)}/call (one write round trip per sample: each sample is ${BURST_TEXT} calls,`,
      'then a wait until the destination has written them); performance.now() around an empty call',
      `${formatNs(timerFloor)} (under every latency figure).`,
    );
  }
  for (const result of zeroAlloc) parts.push('', renderZeroAlloc(result));
  for (const result of seedResults) {
    if (result.kind === 'seed-table') parts.push('', renderSeedTable(result));
    else if (result.kind === 'seed-stdlib') parts.push('', renderSeedStdlib(result));
    else if (result.kind === 'seed-async') parts.push('', renderSeedAsync(result));
    else if (result.kind === 'seed-regression') parts.push('', renderSeedRegression(result));
  }
  for (const entry of entries) {
    if ('result' in entry && entry.result.kind === 'worker-sink')
      parts.push('', renderWorkerSink(entry.result));
    if ('result' in entry && entry.result.kind === 'producers') parts.push('', renderProducers(entry.result));
    if ('result' in entry && entry.result.kind === 'multi-target') {
      parts.push('', renderMultiTarget(entry.result));
    }
    if ('result' in entry && entry.result.kind === 'stalled-sink')
      parts.push('', renderStalledSink(entry.result));
    if ('result' in entry && entry.result.kind === 'latency-run')
      parts.push('', renderLatencyRun(entry.result));
    if ('result' in entry && entry.result.kind === 'http') parts.push('', renderHttp(entry.result));
  }
  for (const failure of failures) parts.push('', `FAILED ${failure.suite}/${failure.name}: ${failure.error}`);
  return parts.join('\n');
}

function renderSinkTable(sink: SinkSpec, results: readonly ComparisonResult[]): string {
  const rows: string[][] = [];
  for (const result of results) {
    const group = result.groups.find((candidate) => candidate.sink === sink.kind);
    if (group === undefined) continue;
    const pinoMean = group.cases.find((entry) => entry.logger === 'pino')?.nsPerCall.mean ?? Number.NaN;
    group.cases.forEach((entry, i) => {
      rows.push([
        i === 0 ? result.name : '',
        entry.logger,
        ...caseCells(entry),
        entry.logger === 'pino' ? '' : formatRatio(ratio(entry.nsPerCall.mean, pinoMean)),
      ]);
    });
  }
  const title = `${sink.title} (sluice: ${sink.sluice}; pino: ${sink.pino}; the others: ${sink.others})`;
  return `${title}\n${renderTable(COMPARISON_COLUMNS, rows)}`;
}

function caseCells(result: CaseResult): string[] {
  // Results written before CPU and latency were measured have neither.
  const cpu = result.cpu as CaseResult['cpu'] | undefined;
  const latency = result.latency as CaseResult['latency'] | undefined;
  return [
    formatNs(result.nsPerCall.mean),
    formatNs(result.nsPerCall.p50),
    formatBytes(result.heap.bytesPerCall),
    cpu?.threadNsPerCall == null ? MISSING : formatNs(cpu.threadNsPerCall),
    cpu === undefined ? MISSING : formatNs(cpu.processNsPerCall),
    formatNs(latency?.p50 ?? Number.NaN),
    formatNs(latency?.p99 ?? Number.NaN),
    formatNs(latency?.p999 ?? Number.NaN),
    formatNs(latency?.max ?? Number.NaN),
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
  { header: 'drain', align: 'right' },
  { header: 'p50 x pino.transport', align: 'right' },
];

/** The run the worker-sink table's ratios are taken against. */
const PINO_TRANSPORT_PREFIX = 'pino.transport(';

function renderProducers(result: ProducersResult): string {
  const exact = result.delivered === result.logged && result.outOfOrder === 0;
  return [
    `producers: ${result.description}`,
    `  ${formatCount(Math.round(result.recordsPerSecond))} records/s in total; delivered ${formatCount(result.delivered)} of ${formatCount(result.logged)} (${formatCount(result.dropped ?? 0)} counted as dropped), ${formatCount(result.outOfOrder)} out of order per thread (${exact ? 'exact' : 'NOT exact'})`,
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
  const pinoTransport = result.runs.find((run) => run.label.startsWith(PINO_TRANSPORT_PREFIX));
  const rows = result.runs.map((run) => [
    run.label,
    formatNs(run.callerNsPerCall),
    formatNs(run.callerNsP50),
    formatNs(run.latencyP50Ns),
    formatNs(run.latencyP99Ns),
    formatNs(run.latencyP999Ns),
    formatNs(run.latencyMaxNs),
    formatCount(Math.round(run.endToEndRecordsPerSecond)),
    formatMs(run.drainMs),
    pinoTransport === undefined || run === pinoTransport
      ? ''
      : formatRatio(ratio(run.callerNsP50, pinoTransport.callerNsP50)),
  ]);
  return [
    `worker-sink: ${result.description}`,
    renderTable(WORKER_SINK_COLUMNS, rows),
    `caller ns/call: a burst's time over its calls (the sink drained between bursts, untimed). latency: each call`,
    `timed alone with performance.now(), whose own cost here is ${formatNs(result.timerFloorNs)}. p50 x pino.transport:`,
    "the caller's p50 over pino.transport's, same run.",
  ].join('\n');
}

const LATENCY_COLUMNS: readonly Column[] = [
  { header: 'logger', align: 'left' },
  { header: 'calls', align: 'right' },
  { header: 'p50', align: 'right' },
  { header: 'p99', align: 'right' },
  { header: 'p99.9', align: 'right' },
  { header: 'max', align: 'right' },
];

function latencyCells(latency: LatencySummary): string[] {
  return [
    formatCount(latency.n),
    formatNs(latency.p50),
    formatNs(latency.p99),
    formatNs(latency.p999),
    formatNs(latency.max),
  ];
}

function renderStalledSink(result: StalledSinkResult): string {
  const columns: readonly Column[] = [
    ...LATENCY_COLUMNS,
    { header: 'max, steady', align: 'right' },
    { header: 'empty call: max, steady', align: 'right' },
    { header: 'dropped', align: 'right' },
    { header: 'received', align: 'right' },
    { header: 'drain', align: 'right' },
  ];
  const rows = result.runs.map((run) => [
    run.label,
    ...latencyCells(run.latency),
    run.steadyMax === undefined || Number.isNaN(run.steadyMax) ? MISSING : formatNs(run.steadyMax),
    run.emptyCall === undefined || run.emptySteadyMax === undefined
      ? MISSING
      : `${formatNs(run.emptyCall.max)}, ${formatNs(run.emptySteadyMax)}`,
    run.dropped === null ? 'n/a' : formatCount(run.dropped),
    formatCount(run.linesReceived),
    formatMs(run.drainMs),
  ]);
  const target = formatNs(result.targetMaxNs);
  const verdicts = result.runs
    .filter((run) => run.label.startsWith('sluice'))
    .map(
      (run) =>
        ` ${run.label}: max ${formatNs(run.latency.max)}${run.steadyMax === undefined ? '' : `, ${formatNs(run.steadyMax)} after the first ${formatCount(result.steadyAfter ?? 0)} calls`} (target <= ${target}: ${run.latency.max <= result.targetMaxNs ? 'met' : 'NOT met'} in this run${run.emptySteadyMax === undefined ? '' : `; empty calls in the same steps: ${formatNs(run.emptySteadyMax)} after as many`}).`,
    );
  const alone = result.loopAlone;
  if (alone !== undefined) {
    verdicts.push(
      ` The same loop with an empty call instead of a log call: p50 ${formatNs(alone.p50)}, p99.9 ${formatNs(alone.p999)}, max ${formatNs(alone.max)}${result.loopAloneSteadyMax === undefined ? '' : ` (${formatNs(result.loopAloneSteadyMax)} after the first ${formatCount(result.steadyAfter ?? 0)})`}.`,
    );
  }
  const verdict = verdicts.join('');
  return [
    `stalled-sink: ${result.description}`,
    renderTable(columns, rows),
    `drain: from the last call until the reader had everything. empty call: the same loop timing an empty call, a step of them after each step of log calls (the machine's own maximum at those moments). Timer cost under each figure: ${formatNs(result.timerFloorNs)}.${verdict}`,
  ].join('\n');
}

function renderLatencyRun(result: LatencyRunResult): string {
  const columns: readonly Column[] = [
    ...LATENCY_COLUMNS,
    { header: 'CPU thread', align: 'right' },
    { header: 'CPU process', align: 'right' },
    { header: 'drain', align: 'right' },
  ];
  const rows = result.runs.map((run) => [
    run.label,
    ...latencyCells(run.latency),
    run.cpu.threadNsPerCall === null ? MISSING : formatNs(run.cpu.threadNsPerCall),
    formatNs(run.cpu.processNsPerCall),
    formatMs(run.drainMs),
  ]);
  return [
    `${result.name}: ${result.description}`,
    renderTable(columns, rows),
    `CPU per call over the timed calls (timer included); drain: from the last call until the logger's flush resolved. Timer cost: ${formatNs(result.timerFloorNs)}.`,
  ].join('\n');
}

function renderSeedAsync(result: SeedAsyncResult): string {
  const columns: readonly Column[] = [
    { header: 'msgs/s (median)', align: 'right' },
    { header: 'heap B/msg', align: 'right' },
    { header: 'CPU/msg (process)', align: 'right' },
    { header: 'CPU/msg (main thread)', align: 'right' },
  ];
  const row = [
    formatCount(result.msgsPerSec),
    formatBytes(result.heapBytesPerMsg),
    formatNs(result.processCpuNsPerMsg),
    result.threadCpuNsPerMsg === null ? MISSING : formatNs(result.threadCpuNsPerMsg),
  ];
  return [`seed-async: the seed's async variant, ${result.description}`, renderTable(columns, [row])].join(
    '\n',
  );
}

function renderHttp(result: HttpResult): string {
  const columns: readonly Column[] = [
    { header: 'framework', align: 'left' },
    { header: 'logging', align: 'left' },
    { header: 'req/s', align: 'right' },
    { header: 'p50', align: 'right' },
    { header: 'p99', align: 'right' },
    { header: 'cost', align: 'right' },
    { header: 'lines', align: 'right' },
  ];
  const rows = result.rows.map((row) => [
    row.framework,
    row.logging,
    formatCount(row.requestsPerSecond),
    `${row.latencyP50Ms} ms`,
    `${row.latencyP99Ms} ms`,
    row.costPercent === null ? '' : `${row.costPercent.toFixed(1)}%`,
    formatCount(row.linesLogged),
  ]);
  return [
    `${result.name}: ${result.description}`,
    renderTable(columns, rows),
    'cost: the drop in req/s against no logging on the same framework in this run (negative: faster, i.e. noise).',
    `pino: ${result.rows.find((row) => row.logging === 'pino')?.setup ?? MISSING}`,
    `sluice: ${result.rows.find((row) => row.logging === 'sluice')?.setup ?? MISSING}`,
  ].join('\n');
}

/** Milliseconds with one decimal below 100: `2.7 ms`, `536 ms`. */
function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return MISSING;
  return ms < 100 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(0)} ms`;
}

/** The seed suite's results in the order the report prints them: the table first. */
const SEED_KINDS = ['seed-table', 'seed-async', 'seed-stdlib', 'seed-regression'] as const;

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
