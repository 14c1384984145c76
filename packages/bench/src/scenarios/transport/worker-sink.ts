/**
 * The worker-thread sinks side by side: what a log call costs the caller's thread when formatting and
 * writing happen on another thread, and how fast records get through to /dev/null.
 *
 * - sluice: createTransport({ dest: '/dev/null' }), the seed record as a precompiled event (with the
 *   seed's constant batch name, and with a different one on each call) and through the object API;
 * - pino: pino.transport({ target: 'pino/file' }) to /dev/null (thread-stream), and pino with its async
 *   destination (sonic-boom, writes on the caller's thread via libuv).
 *
 * Each configuration logs in bursts of 4,000 calls that fit in every sink's buffer, so the caller never
 * waits on the consumer: the burst's duration over its calls is the caller's cost per call. After each
 * burst the sink is drained (not timed). Per-call latency percentiles come from a separate pass timing
 * every call with performance.now() (whose own cost, measured here, is printed as the floor). The
 * end-to-end rate is records over the time from the first call to the drain of a 200,000-record run.
 */
import { performance } from 'node:perf_hooks';
import { createLogger, type Logger } from '@sluice/core';
import { createTransport } from '@sluice/transport';
import pino from 'pino';
import { SEED_MESSAGE, SEED_SCHEMA } from '../../fixtures/seed-payload.js';
import { reportResult, type WorkerSinkRun } from '../../harness/result.js';
import { settingsFromArgv } from '../../harness/settings.js';
import { percentile } from '../../harness/stats.js';

interface Config {
  readonly label: string;
  open(): Promise<{ call: (i: number) => void; drain: () => Promise<void>; close: () => Promise<void> }>;
}

const BURST = 4_000;

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
    const event = log.event(SEED_MESSAGE, SEED_SCHEMA);
    return (i) => event.info(i, 'performance_test', 12345, true);
  }),
  // The seed's batch name is the same on every call, so from the fifth call on the ring carries it as a
  // reference to its string table. Here it changes on every call (1,024 names, built beforehand so the
  // loop allocates nothing): each call copies its 16 characters.
  sluiceConfig('sluice transport, precompiled event, a new string each call', (log) => {
    const event = log.event(SEED_MESSAGE, SEED_SCHEMA);
    const batches = Array.from({ length: 1024 }, (_, k) => `performance_${String(k).padStart(4, '0')}`);
    return (i) => event.info(i, batches[i & 1023], 12345, true);
  }),
  sluiceConfig(
    'sluice transport, object API',
    (log) => (i) =>
      log.info(SEED_MESSAGE, { iteration: i, batch: 'performance_test', user_id: 12345, success: true }),
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
          log.info({ iteration: i, batch: 'performance_test', user_id: 12345, success: true }, SEED_MESSAGE),
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
          log.info({ iteration: i, batch: 'performance_test', user_id: 12345, success: true }, SEED_MESSAGE),
        drain,
        close: async () => stream.end(),
      };
    },
  },
];

async function measureConfig(
  config: Config,
  bursts: number,
  endToEndRecords: number,
): Promise<WorkerSinkRun> {
  const { call, drain, close } = await config.open();
  let i = 0;
  const burst = () => {
    for (let k = 0; k < BURST; k++) call(i++);
  };
  for (let w = 0; w < 10; w++) {
    burst();
    await drain();
  }
  // The caller's cost: each burst timed alone, the drain between bursts untimed.
  const perCall: number[] = [];
  for (let b = 0; b < bursts; b++) {
    const start = performance.now();
    burst();
    perCall.push(((performance.now() - start) * 1e6) / BURST);
    await drain();
  }
  // Per-call latency: every call of a few bursts timed on its own.
  const latencies = new Float64Array(bursts * BURST);
  let n = 0;
  for (let b = 0; b < bursts; b++) {
    for (let k = 0; k < BURST; k++) {
      const start = performance.now();
      call(i++);
      latencies[n++] = (performance.now() - start) * 1e6;
    }
    await drain();
  }
  const sorted = Array.from(latencies).sort((a, b) => a - b);
  // End to end: as fast as the caller can go, then until the sink has written everything.
  const start = performance.now();
  for (let k = 0; k < endToEndRecords; k++) call(i++);
  const lastCall = performance.now();
  await drain();
  const drained = performance.now();
  const endToEndMs = drained - start;
  await close();
  perCall.sort((a, b) => a - b);
  return {
    label: config.label,
    callerNsPerCall: perCall.reduce((sum, ns) => sum + ns, 0) / perCall.length,
    callerNsP50: percentile(perCall, 50),
    latencyP50Ns: percentile(sorted, 50),
    latencyP99Ns: percentile(sorted, 99),
    latencyP999Ns: percentile(sorted, 99.9),
    latencyMaxNs: sorted[sorted.length - 1],
    endToEndRecordsPerSecond: endToEndRecords / (endToEndMs / 1000),
    drainMs: drained - lastCall,
  };
}

function timerFloorNs(): number {
  let total = 0;
  for (let k = 0; k < 100_000; k++) {
    const start = performance.now();
    total += performance.now() - start;
  }
  return (total / 100_000) * 1e6;
}

const quick = settingsFromArgv().quick;
const bursts = quick ? 5 : 50;
const endToEndRecords = quick ? 20_000 : 200_000;
const runs: WorkerSinkRun[] = [];
for (const config of CONFIGS) runs.push(await measureConfig(config, bursts, endToEndRecords));
await reportResult({
  kind: 'worker-sink',
  name: 'worker-sink',
  description: `the seed record to /dev/null through worker-thread sinks; ${bursts} bursts of ${BURST} calls`,
  timerFloorNs: timerFloorNs(),
  runs,
});
