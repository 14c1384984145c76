/**
 * What a scenario process reports to the CLI, and what the CLI writes to
 * `benchmarks/results/latest-<suite>.json`. Plain JSON data: no classes, no functions.
 */
import type { HeapPerCall } from './heap-per-call.js';
import type { SinkKind } from './sinks.js';
import type { Summary } from './stats.js';

export type LoggerName = 'sluice' | 'pino';

export interface CaseResult {
  readonly logger: LoggerName;
  /** Per-call time over all rounds' samples; `mean` is the headline. */
  readonly nsPerCall: Summary;
  /** Each timing round's mean, in order: how much the machine's load moved the numbers. */
  readonly roundMeansNs: readonly number[];
  readonly timedCalls: number;
  readonly heap: HeapPerCall;
  readonly mitataHeapBytesPerCall: number | null;
}

export interface SinkGroupResult {
  readonly sink: SinkKind;
  readonly title: string;
  readonly setup: { readonly sluice: string; readonly pino: string };
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
  readonly sampleRecords: { readonly sluice: string | null; readonly pino: string | null };
  /** mitata's time for an empty function in this process: the floor under every ns/call here. */
  readonly floorNs: number;
  /** One write round trip to /dev/null spread over a burst's calls: the floor under the /dev/null group. */
  readonly writeFloorNs: number;
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

export type ScenarioResult = ComparisonResult | ZeroAllocResult;

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
