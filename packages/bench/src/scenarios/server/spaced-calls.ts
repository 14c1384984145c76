/**
 * Log calls as a server makes them: one call after every G µs of request work that evicts the logger's
 * code and data from L1/L2 (harness/request-work.ts), G = 3, 10, 30, 100, for the loggers that write
 * off the caller's path, to /dev/null. Variants: `info(fields, msg)` on a long-lived logger, a child made
 * per call (`log.child({ reqId }).info(...)`, as fastify does per request) and, for sluice, a precompiled
 * event. Each call is timed alone; per record, the CPU time of the calling thread and of every other
 * thread of the process (sink workers, libuv's writers; from schedstat, in nanoseconds), each less what the same loop costs with no log
 * call (the `no logging` row, measured in the same rounds). The caller yields to the event loop about
 * once a millisecond of work, as a server does between requests. Every configuration is open for the
 * whole run and they take turns, round after round, in a rotating order; a pause before each turn lets
 * the previous one's background threads go quiet, so their CPU is not billed to the next.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { readSchedCpu, type SchedCpuReading } from '../../harness/cpu-time.js';
import { LOOP_SOURCE_URL } from '../../harness/fresh-loop.js';
import { summarizeLatency, timerFloorNs } from '../../harness/latency.js';
import { yieldToEventLoop } from '../../harness/measure-case.js';
import { RequestWork } from '../../harness/request-work.js';
import { reportResult, type SpacedCallsRow } from '../../harness/result.js';
import { settingsFromArgv } from '../../harness/settings.js';
import {
  openPinoAsync,
  openPinoSluiceDestination,
  openPinoTransport,
  openSluiceTransport,
  openSluiceTransportEvent,
  type TransportContender,
} from '../../harness/transport-contenders.js';

const quick = settingsFromArgv().quick;
const GAPS_MICROS = [3, 10, 30, 100] as const;
const TURN_MS = quick ? 30 : 600;
const ROUNDS = quick ? 1 : 3;
const PAUSE_MS = quick ? 20 : 250;
const YIELD_EVERY_MICROS = 1_000;

type Variant = SpacedCallsRow['variant'];

interface Configuration {
  readonly label: string;
  readonly variant: Variant;
  readonly call: (i: number) => void;
  /** Its own loop, so no configuration's call site sees another's callee. */
  readonly loop: SpacedLoop;
  readonly samples: Map<number, Float64Array>;
  readonly filled: Map<number, number>;
  readonly callerNs: Map<number, number[]>;
  readonly othersNs: Map<number, number[]>;
}

/** `n` calls of `fn`, each after `micros` of work and timed alone into `out` from `offset`. */
type SpacedLoop = (
  fn: (i: number) => void,
  work: RequestWork,
  micros: number,
  n: number,
  first: number,
  out: Float64Array,
  offset: number,
) => void;

function freshSpacedLoop(): SpacedLoop {
  return new Function(
    'performance',
    `return (fn, work, micros, n, first, out, offset) => { for (let i = 0; i < n; i++) { work.run(micros); const t = performance.now(); fn(first + i); out[offset + i] = (performance.now() - t) * 1e6; } };${LOOP_SOURCE_URL}`,
  )(performance) as SpacedLoop;
}

const callsPerTurn = (gap: number) => Math.max(50, Math.floor((TURN_MS * 1_000) / (gap + 1)));

function configuration(label: string, variant: Variant, call: (i: number) => void): Configuration {
  const samples = new Map<number, Float64Array>();
  for (const gap of GAPS_MICROS) samples.set(gap, new Float64Array(callsPerTurn(gap) * ROUNDS));
  return {
    label,
    variant,
    call,
    loop: freshSpacedLoop(),
    samples,
    filled: new Map(GAPS_MICROS.map((gap) => [gap, 0])),
    callerNs: new Map(GAPS_MICROS.map((gap) => [gap, []])),
    othersNs: new Map(GAPS_MICROS.map((gap) => [gap, []])),
  };
}

function variantsOf(contender: TransportContender, event: boolean): Configuration[] {
  if (event) return [configuration(contender.label, 'event', contender.call)];
  const variants = [configuration(contender.label, 'info', contender.call)];
  if (contender.callChild !== null)
    variants.push(configuration(contender.label, 'child', contender.callChild));
  return variants;
}

const work = new RequestWork();
let iteration = 0;

/** One turn: `callsPerTurn(gap)` spaced calls, their latencies and the CPU of every thread. */
async function turn(config: Configuration, gap: number): Promise<void> {
  const calls = callsPerTurn(gap);
  const perYield = Math.max(1, Math.round(YIELD_EVERY_MICROS / gap));
  const out = config.samples.get(gap) as Float64Array;
  const offset = config.filled.get(gap) as number;
  const before = readSchedCpu();
  for (let done = 0; done < calls; done += perYield) {
    const n = Math.min(perYield, calls - done);
    config.loop(config.call, work, gap, n, iteration, out, offset + done);
    iteration += n;
    await yieldToEventLoop();
  }
  const after = readSchedCpu();
  config.filled.set(gap, offset + calls);
  const perCall = (pick: (reading: SchedCpuReading) => number) =>
    before === null || after === null ? Number.NaN : (pick(after) - pick(before)) / calls;
  const threadNs = perCall((reading) => reading.threadNs);
  config.callerNs.get(gap)?.push(threadNs);
  config.othersNs.get(gap)?.push(perCall((reading) => reading.processNs) - threadNs);
}

const contenders = [
  await openSluiceTransport('/dev/null'),
  await openSluiceTransportEvent('/dev/null'),
  await openPinoTransport('/dev/null'),
  await openPinoSluiceDestination('/dev/null'),
  await openPinoAsync('/dev/null'),
];
const configs: Configuration[] = [
  configuration('no logging', 'none', () => {}),
  ...variantsOf(contenders[0], false),
  ...variantsOf(contenders[1], true),
  ...contenders.slice(2).flatMap((contender) => variantsOf(contender, false)),
];

// Warm-up: every configuration's code compiled before anything is measured.
for (const config of configs) {
  const scratch = new Float64Array(2_000);
  config.loop(config.call, work, 1, scratch.length, iteration, scratch, 0);
  iteration += scratch.length;
  await yieldToEventLoop();
}
for (const contender of contenders) await contender.flush();

for (let round = 0; round < ROUNDS; round++) {
  for (const gap of GAPS_MICROS) {
    for (let k = 0; k < configs.length; k++) {
      const config = configs[(k + round) % configs.length];
      await sleep(PAUSE_MS);
      await turn(config, gap);
    }
  }
}
for (const contender of contenders) await contender.close();

const rows: SpacedCallsRow[] = configs.flatMap((config) =>
  GAPS_MICROS.map((gap) => ({
    label: config.label,
    variant: config.variant,
    gapMicros: gap,
    latency: summarizeLatency(config.samples.get(gap) as Float64Array, config.filled.get(gap)),
    callerNsPerCall: config.callerNs.get(gap) as number[],
    othersNsPerCall: config.othersNs.get(gap) as number[],
  })),
);
await reportResult({
  kind: 'spaced-calls',
  name: 'spaced-calls',
  description: `the reference record to /dev/null, one call after every G µs of cache-evicting work, ${ROUNDS} rotating round(s) of ${TURN_MS} ms turns per configuration and gap`,
  timerFloorNs: timerFloorNs(),
  workChecksum: work.checksum(),
  rows,
});
