/**
 * The worker-thread sinks side by side: what a log call costs the caller's thread when formatting and
 * writing happen on another thread, and how fast records get through to /dev/null.
 *
 * - sluice: createTransport({ dest: '/dev/null' }), the reference record as a precompiled event (with the
 *   record's constant batch name, and with a different one on each call) and through the object API;
 * - pino: pino.transport({ target: 'pino/file' }) to /dev/null (thread-stream), and pino with its async
 *   destination (sonic-boom, writes on the caller's thread via libuv).
 *
 * Each configuration logs in bursts of 4,000 calls that fit in every sink's buffer, so the caller never
 * waits on the consumer: the burst's duration over its calls is the caller's cost per call. After each
 * burst the sink is drained (not timed). The configurations take turns burst by burst (measureAll). Per-call latency percentiles come from a separate pass timing
 * every call with performance.now() (whose own cost, measured here, is printed as the floor). The
 * end-to-end rate is records over the time from the first call to the drain of a 200,000-record run.
 */
import { performance } from 'node:perf_hooks';
import { createLogger, type Logger } from '@sluice/core';
import { createTransport } from '@sluice/transport';
import pino from 'pino';
import { REFERENCE_MESSAGE, REFERENCE_SCHEMA } from '../../fixtures/reference-record.js';
import { alternatingRounds, gateProbeRounds, type ProbeRound } from '../../harness/ratio-probe.js';
import { reportResult, type WorkerSinkRun } from '../../harness/result.js';
import { settingsFromArgv } from '../../harness/settings.js';
import { percentile } from '../../harness/stats.js';

interface Config {
  readonly label: string;
  open(): Promise<{ call: (i: number) => void; drain: () => Promise<void>; close: () => Promise<void> }>;
}

const BURST = 4_000;
/** Longer than a sluice sink worker keeps ticking after its last record (200 ms). */
const QUIET_MS = 300;

/** A sluice transport to /dev/null, logging through the call `bind` makes from its logger. */
function sluiceConfig(label: string, bind: (log: Logger) => (i: number) => void): Config {
  return {
    label,
    async open() {
      const transport = createTransport({ dest: '/dev/null' });
      await transport.ready;
      return {
        call: bind(createLogger({ transport })),
        drain: () => transport.flush(),
        close: () => transport.close(),
      };
    },
  };
}

const CONFIGS: readonly Config[] = [
  sluiceConfig('sluice transport, precompiled event', (log) => {
    const event = log.event(REFERENCE_MESSAGE, REFERENCE_SCHEMA);
    return (i) => event.info(i, 'performance_test', 12345, true);
  }),
  // The record's batch name is the same on every call, so from the fifth call on the ring carries it as a
  // reference to its string table. Here it changes on every call (1,024 names, built beforehand so the
  // loop allocates nothing): each call copies its 16 characters.
  sluiceConfig('sluice transport, precompiled event, a new string each call', (log) => {
    const event = log.event(REFERENCE_MESSAGE, REFERENCE_SCHEMA);
    const batches = Array.from({ length: 1024 }, (_, k) => `performance_${String(k).padStart(4, '0')}`);
    return (i) => event.info(i, batches[i & 1023], 12345, true);
  }),
  sluiceConfig(
    'sluice transport, object API',
    (log) => (i) =>
      log.info(REFERENCE_MESSAGE, { iteration: i, batch: 'performance_test', user_id: 12345, success: true }),
  ),
  {
    label: "pino.transport({ target: 'pino/file' })",
    async open() {
      const stream = pino.transport({ target: 'pino/file', options: { destination: '/dev/null' } });
      await new Promise((resolve) => stream.once('ready', resolve));
      const log = pino(stream);
      const drain = () => new Promise<void>((resolve) => stream.flush(() => resolve()));
      return {
        call: (i) =>
          log.info(
            { iteration: i, batch: 'performance_test', user_id: 12345, success: true },
            REFERENCE_MESSAGE,
          ),
        drain,
        close: async () => {
          await drain();
          stream.end();
        },
      };
    },
  },
  {
    label: 'pino.destination({ sync: false })',
    async open() {
      const stream = pino.destination({ dest: '/dev/null', sync: false });
      await new Promise((resolve) => stream.once('ready', resolve));
      const log = pino(stream);
      // sonic-boom 4 emits 'drain' once it has written everything it was given after a busy spell.
      const drain = () => new Promise<void>((resolve) => stream.once('drain', () => resolve()));
      return {
        call: (i) =>
          log.info(
            { iteration: i, batch: 'performance_test', user_id: 12345, success: true },
            REFERENCE_MESSAGE,
          ),
        drain,
        close: async () => stream.end(),
      };
    },
  },
];

/** A configuration opened, with the count of calls made through it so far (its `i`). */
interface Contender {
  readonly label: string;
  readonly call: (i: number) => void;
  readonly drain: () => Promise<void>;
  readonly close: () => Promise<void>;
  calls: number;
}

function burst(contender: Contender): void {
  const call = contender.call;
  let i = contender.calls;
  for (let k = 0; k < BURST; k++) call(i++);
  contender.calls = i;
}

/** The caller's cost: each burst timed alone, the drain after it untimed. */
async function timeBurst(contender: Contender): Promise<number> {
  const start = performance.now();
  burst(contender);
  const ns = ((performance.now() - start) * 1e6) / BURST;
  await contender.drain();
  return ns;
}

/** Per-call latency: every call of one burst timed on its own, into `out` from `at`. */
async function timeCalls(contender: Contender, out: Float64Array, at: number): Promise<void> {
  const call = contender.call;
  for (let k = 0; k < BURST; k++) {
    const start = performance.now();
    call(contender.calls++);
    out[at + k] = (performance.now() - start) * 1e6;
  }
  await contender.drain();
}

/**
 * Every configuration is open at once and their bursts take turns (one of each, then the next round),
 * so a spell when this shared machine runs slower falls on all of them alike: the ratios compare the
 * same moments, not whichever configuration happened to run during the spell.
 */
async function measureAll(bursts: number, endToEndRecords: number): Promise<WorkerSinkRun[]> {
  const contenders: Contender[] = [];
  for (const config of CONFIGS) contenders.push({ label: config.label, ...(await config.open()), calls: 0 });
  for (let w = 0; w < 10; w++) {
    for (const contender of contenders) {
      burst(contender);
      await contender.drain();
    }
  }
  const perCall = contenders.map((): number[] => []);
  for (let b = 0; b < bursts; b++) {
    for (const [k, contender] of contenders.entries()) perCall[k].push(await timeBurst(contender));
  }
  const latencies = contenders.map(() => new Float64Array(bursts * BURST));
  for (let b = 0; b < bursts; b++) {
    for (const [k, contender] of contenders.entries()) await timeCalls(contender, latencies[k], b * BURST);
  }
  const runs: WorkerSinkRun[] = [];
  for (const [k, contender] of contenders.entries()) {
    // End to end, one configuration at a time: as fast as the caller can go, then until the sink has
    // written everything. The pause first lets the other transports' idle workers stop ticking (a
    // sluice worker rests 200 ms after its last record), so this run has both cores to itself.
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    const start = performance.now();
    for (let n = 0; n < endToEndRecords; n++) contender.call(contender.calls++);
    const lastCall = performance.now();
    await contender.drain();
    const drained = performance.now();
    await contender.close();
    const sorted = Array.from(latencies[k]).sort((a, b) => a - b);
    const callerNs = perCall[k].sort((a, b) => a - b);
    runs.push({
      label: contender.label,
      callerNsPerCall: callerNs.reduce((sum, ns) => sum + ns, 0) / callerNs.length,
      callerNsP50: percentile(callerNs, 50),
      latencyP50Ns: percentile(sorted, 50),
      latencyP99Ns: percentile(sorted, 99),
      latencyP999Ns: percentile(sorted, 99.9),
      latencyMaxNs: sorted[sorted.length - 1],
      endToEndRecordsPerSecond: endToEndRecords / ((drained - start) / 1000),
      drainMs: drained - lastCall,
    });
  }
  return runs;
}

function timerFloorNs(): number {
  let total = 0;
  for (let k = 0; k < 100_000; k++) {
    const start = performance.now();
    total += performance.now() - start;
  }
  return (total / 100_000) * 1e6;
}

/** Bursts per configuration and round in a gate probe. */
const PROBE_BURSTS = 5;

const REFERENCE_LABEL = "pino.transport({ target: 'pino/file' })";

/**
 * The gate's probe (see ratio-probe.ts): each sluice configuration against pino.transport, opened
 * together and warmed as measureAll does, in alternating rounds of PROBE_BURSTS timed bursts each.
 */
async function probeAll(rounds: number): Promise<Record<string, ProbeRound[]>> {
  const contenders: Contender[] = [];
  for (const config of CONFIGS) {
    if (config.label.startsWith('sluice') || config.label === REFERENCE_LABEL) {
      contenders.push({ label: config.label, ...(await config.open()), calls: 0 });
    }
  }
  for (let w = 0; w < 10; w++) {
    for (const contender of contenders) {
      burst(contender);
      await contender.drain();
    }
  }
  const timeBursts = async (contender: Contender) => {
    let total = 0;
    for (let b = 0; b < PROBE_BURSTS; b++) total += await timeBurst(contender);
    return total / PROBE_BURSTS;
  };
  const reference = contenders.find((contender) => contender.label === REFERENCE_LABEL);
  if (reference === undefined) throw new Error(`worker-sink: no ${REFERENCE_LABEL}`);
  const rows: Record<string, ProbeRound[]> = {};
  for (const contender of contenders) {
    if (contender === reference) continue;
    rows[contender.label] = await alternatingRounds(
      rounds,
      () => timeBursts(contender),
      () => timeBursts(reference),
    );
  }
  for (const contender of contenders) await contender.close();
  return rows;
}

async function reportFullRun(): Promise<void> {
  const quick = settingsFromArgv().quick;
  const bursts = quick ? 5 : 50;
  const endToEndRecords = quick ? 20_000 : 200_000;
  const runs = await measureAll(bursts, endToEndRecords);
  await reportResult({
    kind: 'worker-sink',
    name: 'worker-sink',
    description: `the reference record to /dev/null through worker-thread sinks; ${bursts} bursts of ${BURST} calls`,
    timerFloorNs: timerFloorNs(),
    runs,
  });
}

const probeRounds = gateProbeRounds();
if (probeRounds === null) await reportFullRun();
else await reportResult({ kind: 'ratio-probe', name: 'worker-sink', rows: await probeAll(probeRounds) });
