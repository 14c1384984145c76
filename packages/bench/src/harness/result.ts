/**
 * What a scenario process reports to the CLI, and what the CLI writes to
 * `benchmarks/results/latest-<suite>.json`. Plain JSON data: no classes, no functions.
 */
import type { CompetitorName } from './competitors.js';
import type { CpuPerCall } from './cpu-time.js';
import type { FoundationLoopMeasurement } from './foundation-loop.js';
import type { HeapPerCall } from './heap-per-call.js';
import type { LatencySummary } from './latency.js';
import type { RatioProbeResult } from './ratio-probe.js';
import type { SinkKind } from './sinks.js';
import type { Summary } from './stats.js';

export type LoggerName = 'sluice' | 'pino' | CompetitorName;

export interface CaseResult {
  readonly logger: LoggerName;
  /** Per-call time over all rounds' samples; `mean` is the headline. */
  readonly nsPerCall: Summary;
  /** Each timing round's mean, in order: how much the machine's load moved the numbers. */
  readonly roundMeansNs: readonly number[];
  readonly timedCalls: number;
  readonly heap: HeapPerCall;
  readonly mitataHeapBytesPerCall: number | null;
  /** CPU per call, untimed calls: the caller's thread and the whole process. */
  readonly cpu: CpuPerCall;
  /** Each call timed alone (performance.now(); its own cost is the scenario's timerFloorNs). */
  readonly latency: LatencySummary;
}

export interface SinkGroupResult {
  readonly sink: SinkKind;
  readonly title: string;
  /** How each logger was set up on this sink, as code. */
  readonly setup: Readonly<Partial<Record<LoggerName, string>>>;
  readonly cases: readonly CaseResult[];
  /** sluice's mean ns/call over pino's, from this run. */
  readonly ratio: number;
}

/** sluice against pino on every sink. */
export interface ComparisonResult {
  readonly kind: 'comparison';
  readonly name: string;
  /** The call measured, as code. */
  readonly description: string;
  /** One record each logger wrote for this call (null for a disabled level): proof of like for like. */
  readonly sampleRecords: Readonly<Partial<Record<LoggerName, string | null>>>;
  /** mitata's time for an empty function in this process: the floor under every ns/call here. */
  readonly floorNs: number;
  /** One write round trip to /dev/null spread over a burst's calls: the floor under the /dev/null group. */
  readonly writeFloorNs: number;
  /** What timing an empty span with performance.now() costs here: under every latency figure. */
  readonly timerFloorNs: number;
  readonly groups: readonly SinkGroupResult[];
}

export interface ZeroAllocRun {
  readonly label: string;
  readonly records: number;
  readonly scavenges: number;
  readonly otherGcs: number;
  readonly allocatedBytes: number;
  readonly bytesPerRecord: number;
  readonly nsPerRecord: number;
}

/** Minor GCs while logging many precompiled events. */
export interface ZeroAllocResult {
  readonly kind: 'zero-alloc';
  readonly name: string;
  readonly description: string;
  readonly runs: readonly ZeroAllocRun[];
}

/**
 * One configuration of provide.foundation's published table, measured with the page's loop. The JSON
 * keys naming the seed (`seedMsgsPerSec`, `speedupOverSeed`) are the saved results' format.
 */
export interface SeedTableRow {
  /** The page's name (`json_no_emoji`) and table label (`JSON, no emoji`). */
  readonly name: string;
  readonly label: string;
  readonly seedMsgsPerSec: number;
  readonly measurement: FoundationLoopMeasurement;
  readonly msgsPerSec: number;
  /** JS heap bytes allocated per message. */
  readonly heapBytesPerMsg: number;
  /** process.cpuUsage() (all threads) per message, in ns. */
  readonly processCpuNsPerMsg: number;
  /** The main thread's CPU time per message, in ns; null where /proc/thread-self is missing. */
  readonly threadCpuNsPerMsg: number | null;
  /** msgsPerSec over the published number. */
  readonly speedupOverSeed: number;
}

/** seed-table: provide.foundation's published performance table, reproduced. */
export interface SeedTableResult {
  readonly kind: 'seed-table';
  readonly name: string;
  readonly description: string;
  readonly destination: string;
  readonly warmupMessages: number;
  readonly messages: number;
  readonly rows: readonly SeedTableRow[];
  /** key-value-with-emoji's time per message over JSON-no-emoji's, from this run. */
  readonly emojiKeyValueCost: number;
  readonly targets: { readonly minSpeedupOverSeed: number; readonly maxEmojiKeyValueCost: number };
}

/** seed-stdlib: the page's comparison with the standard library's logger (here: console.log). */
export interface SeedStdlibResult {
  readonly kind: 'seed-stdlib';
  readonly name: string;
  readonly description: string;
  readonly messages: number;
  readonly rows: readonly {
    readonly label: string;
    readonly setup: string;
    readonly msgsPerSec: number;
    readonly elapsedNs: number;
  }[];
  /** The page's "Foundation overhead": (sluice time / console.log time - 1) * 100. */
  readonly overheadPercent: number;
}

/** One entry of the page's performance_results.json, every value measured. */
export interface SeedRegressionEntry {
  readonly messages_per_second: number;
  readonly memory_mb: number;
  readonly cpu_percent: number;
  readonly config_name: string;
  readonly timestamp: string;
}

/** seed-regression: the page's regression test, performance_results.json written where `file` says. */
export interface SeedRegressionResult {
  readonly kind: 'seed-regression';
  readonly name: string;
  readonly description: string;
  readonly messages: number;
  /** The file written, relative to the repository root. */
  readonly file: string;
  readonly results: readonly SeedRegressionEntry[];
}

/** One worker-thread sink configuration: the caller's cost, its per-call latency, and throughput. */
export interface WorkerSinkRun {
  readonly label: string;
  /** A burst's duration over its calls, averaged over bursts: the caller's thread cost. */
  readonly callerNsPerCall: number;
  readonly callerNsP50: number;
  /** Each call timed alone (timer cost included: see timerFloorNs). */
  readonly latencyP50Ns: number;
  readonly latencyP99Ns: number;
  readonly latencyP999Ns: number;
  readonly latencyMaxNs: number;
  /** Records over the time from the first call until all were written. */
  readonly endToEndRecordsPerSecond: number;
  /** In that run, from the last call until the sink had written everything. */
  readonly drainMs: number;
}

export interface WorkerSinkResult {
  readonly kind: 'worker-sink';
  readonly name: string;
  readonly description: string;
  /** What timing one empty span with performance.now() costs, under every latency figure. */
  readonly timerFloorNs: number;
  readonly runs: readonly WorkerSinkRun[];
}

/** Several producer threads into one transport: throughput and exact delivery. */
export interface ProducersResult {
  readonly kind: 'producers';
  readonly name: string;
  readonly description: string;
  readonly threads: number;
  readonly logged: number;
  readonly delivered: number;
  /** Records the transport counted as dropped (stats().dropped, all levels): a shortfall they do not explain was lost. */
  readonly dropped: number;
  /** Records whose sequence number was not the next one for their thread. */
  readonly outOfOrder: number;
  readonly recordsPerSecond: number;
}

/** One transport configuration of the multi-target scenario. */
export interface MultiTargetRun {
  readonly label: string;
  readonly records: number;
  /** Records over the time from the first call until every target has written everything. */
  readonly recordsPerSecond: number;
  /** Size of the file target afterwards (warm-up records included). */
  readonly fileBytes: number;
  /** Records the worker rendered in another format (stats().recordsRendered). */
  readonly recordsRendered: number;
}

/** One transport with several targets vs a single target, same run. */
export interface MultiTargetResult {
  readonly kind: 'multi-target';
  readonly name: string;
  readonly description: string;
  readonly runs: readonly MultiTargetRun[];
}

/** One logger writing into a destination that stalls. */
export interface StalledSinkRun {
  readonly label: string;
  readonly calls: number;
  /** How long the caller logged (about the stall's length). */
  readonly loggedMs: number;
  readonly latency: LatencySummary;
  /**
   * The slowest call after the first STEADY_AFTER calls (the compiler's warm-up: first calls, the first
   * full ring, the first drops); absent from older results.
   */
  readonly steadyMax?: number;
  /**
   * The same loop timing an empty call, a step of them after each step of log calls: what the machine
   * gave at those moments with no logging (absent from older results).
   */
  readonly emptyCall?: LatencySummary;
  /** The empty calls' slowest after as many calls as steadyMax leaves out. */
  readonly emptySteadyMax?: number;
  /** Records the logger dropped (policy 'drop'); null when it has no such policy. */
  readonly dropped: number | null;
  /** Lines the FIFO's reader received in the end. */
  readonly linesReceived: number;
  /** From the last call until the reader had everything (the rest of the stall included). */
  readonly drainMs: number;
}

export interface StalledSinkResult {
  readonly kind: 'stalled-sink';
  readonly name: string;
  readonly description: string;
  readonly stallMs: number;
  readonly timerFloorNs: number;
  /** The target for sluice's worst call during a stall, reported against (not asserted). */
  readonly targetMaxNs: number;
  readonly runs: readonly StalledSinkRun[];
  /**
   * Older results: the same timed loop with an empty call, beside a stalled sluice transport, in a run
   * of its own (newer ones time empty calls within each run: StalledSinkRun.emptyCall).
   */
  readonly loopAlone?: LatencySummary;
  /** The same for the loop alone. */
  readonly loopAloneSteadyMax?: number;
  /** Calls left out of `steadyMax` at the start of each run. */
  readonly steadyAfter?: number;
}

/** One logger's long run of individually timed calls. */
export interface LatencyRun {
  readonly label: string;
  readonly latency: LatencySummary;
  /** From the last call until the logger's flush resolved. */
  readonly drainMs: number;
  /** Over the timed calls (the timer's cost included). */
  readonly cpu: CpuPerCall;
}

export interface LatencyRunResult {
  readonly kind: 'latency-run';
  readonly name: string;
  readonly description: string;
  readonly calls: number;
  readonly timerFloorNs: number;
  readonly runs: readonly LatencyRun[];
}

/** One configuration at one gap of the server suite's spaced calls. */
export interface SpacedCallsRow {
  readonly label: string;
  /** `none`: the loop with no log call, whose CPU the other rows are measured against. */
  readonly variant: 'none' | 'info' | 'child' | 'event';
  /** Microseconds of request work before each call. */
  readonly gapMicros: number;
  /** Every timed call of every round. */
  readonly latency: LatencySummary;
  /** CPU of the calling thread per call, one figure per round (work and timer included). */
  readonly callerNsPerCall: readonly number[];
  /** CPU of every other thread of the process per call, one figure per round. */
  readonly othersNsPerCall: readonly number[];
}

export interface SpacedCallsResult {
  readonly kind: 'spaced-calls';
  readonly name: string;
  readonly description: string;
  readonly timerFloorNs: number;
  /** What the request work read: reported so that the work cannot be optimised away. */
  readonly workChecksum: number;
  readonly rows: readonly SpacedCallsRow[];
}

/** The trickle's configuration that runs the same loop with no log call: the baseline of "added". */
export const TRICKLE_NO_LOGGING = 'no logging';
/** What ends the label of a trickle row whose logger writes to a pipe rather than /dev/null. */
export const TRICKLE_TO_A_PIPE = ', to a pipe';

/** One logger (or the no-logging loop) at one rate of the server suite's trickle. */
export interface TrickleRow {
  readonly label: string;
  /** Milliseconds between records; 0: no record at all (idle). */
  readonly intervalMs: number;
  /** Records logged over every round (for the no-logging loop: its turns, each without a call). */
  readonly records: number;
  /** CPU of every thread but the caller's, in ns per second of wall time, one figure per round. */
  readonly othersNsPerSecond: readonly number[];
  /** The same per record, one figure per round (none when idle). */
  readonly othersNsPerRecord: readonly number[];
  /** How many threads the logger started (its sink worker; 0 for one that writes through libuv's pool). */
  readonly ownThreads: number;
  /** CPU of those threads, in ns per second of wall time, one figure per round. */
  readonly ownNsPerSecond: readonly number[];
  /** The same per record, one figure per round (none when idle). */
  readonly ownNsPerRecord: readonly number[];
  /**
   * CPU of the calling thread (the loop, its timers and the log calls, with whatever writes the logger
   * does there), in ns per second of wall time, one figure per round.
   */
  readonly callerNsPerSecond: readonly number[];
  /** The same per record, one figure per round (none when idle). */
  readonly callerNsPerRecord: readonly number[];
}

export interface TrickleResult {
  readonly kind: 'trickle';
  readonly name: string;
  readonly description: string;
  readonly rows: readonly TrickleRow[];
}

/** One server configuration of the server suite's HTTP scenario, at a fixed request rate. */
export interface HttpCpuRow {
  readonly framework: 'fastify' | 'node:http';
  /** 'noop': a logger whose methods do nothing, what the server spends on having a logger at all. */
  readonly logging: 'none' | 'noop' | 'pino' | 'sluice';
  /** fastify's own request logging ('incoming request', 'request completed') on. */
  readonly requestLogging: boolean;
  /** The server process's CPU time (every thread) per request, one figure per round. */
  readonly cpuNsPerRequest: readonly number[];
  /** Requests served over every round. */
  readonly requests: number;
  readonly errors: number;
  /** autocannon's p99 latency per round, in ms. */
  readonly latencyP99Ms: readonly number[];
  /**
   * Per profiled round (the main thread under V8's CPU profiler), the CPU per request spent with the
   * logger's own code on the stack (harness/logger-code-time.ts); absent for no logger.
   */
  readonly loggerCodeNsPerRequest?: readonly number[];
}

export interface HttpCpuResult {
  readonly kind: 'http-cpu';
  readonly name: string;
  readonly description: string;
  /** The fixed load, in requests per second. */
  readonly rate: number;
  readonly rows: readonly HttpCpuRow[];
}

/** seed-async: the page's async variant, concurrent tasks logging with yields. */
export interface SeedAsyncResult {
  readonly kind: 'seed-async';
  readonly name: string;
  readonly description: string;
  readonly tasks: number;
  readonly messagesPerTask: number;
  readonly yieldEvery: number;
  readonly repetitions: number;
  /** Median over the repetitions of messages over the time until written. */
  readonly msgsPerSec: number;
  readonly processCpuNsPerMsg: number;
  /** The main thread's CPU per message; null where /proc/thread-self is missing. */
  readonly threadCpuNsPerMsg: number | null;
  readonly heapBytesPerMsg: number;
}

/** One server configuration under autocannon. */
export interface HttpRow {
  readonly framework: 'fastify' | 'node:http';
  readonly logging: 'none' | 'pino' | 'sluice';
  /** How the logger was set up, as code. */
  readonly setup: string;
  readonly requestsPerSecond: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly requests: number;
  readonly errors: number;
  /** Lines the server logged (one per request), as the server counted them. */
  readonly linesLogged: number;
  /** (req/s without logging - req/s) / req/s without logging * 100, same framework, same run. */
  readonly costPercent: number | null;
}

export interface HttpResult {
  readonly kind: 'http';
  readonly name: string;
  readonly description: string;
  readonly durationSeconds: number;
  readonly connections: number;
  readonly rows: readonly HttpRow[];
}

export type ScenarioResult =
  | ComparisonResult
  | ZeroAllocResult
  | SeedTableResult
  | SeedStdlibResult
  | SeedRegressionResult
  | WorkerSinkResult
  | ProducersResult
  | MultiTargetResult
  | StalledSinkResult
  | LatencyRunResult
  | SpacedCallsResult
  | TrickleResult
  | HttpCpuResult
  | SeedAsyncResult
  | HttpResult
  | RatioProbeResult;

/** The one message a scenario process sends over IPC. */
export interface ScenarioMessage {
  readonly type: 'sluice-bench-result';
  readonly result: ScenarioResult;
}

export function isScenarioMessage(value: unknown): value is ScenarioMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as ScenarioMessage).type === 'sluice-bench-result' &&
    typeof (value as ScenarioMessage).result === 'object'
  );
}

/**
 * Hands the result to the CLI over IPC when started by it, or prints it as JSON when a scenario file
 * is run by hand (`node --expose-gc dist/scenarios/core/static-message.js`).
 */
export async function reportResult(result: ScenarioResult): Promise<void> {
  const message: ScenarioMessage = { type: 'sluice-bench-result', result };
  const send = process.send?.bind(process);
  if (send === undefined) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  await new Promise<void>((resolve, reject) =>
    send(message, undefined, undefined, (error: Error | null) => (error ? reject(error) : resolve())),
  );
  process.disconnect?.();
}
