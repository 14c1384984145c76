/**
 * A destination that stops reading for 2 s (0.5 s with --quick): a FIFO whose reader, a child process,
 * opens it and then pauses (harness/fifo-reader.ts). While it is stalled the caller logs the reference record
 * as fast as it can, yielding to the event loop every 1,000 calls (untimed), and every call is timed
 * alone. sluice runs with policy 'drop' (a full ring drops and counts instead of waiting); pino.transport
 * has no such policy. Reports call latency, drops, what reached the reader, and the time from the last
 * call until the reader saw everything. The target (sluice's max <= 100 µs) is reported against,
 * not asserted. The object API allocates the call's fields, so its maximum includes young-generation
 * collections; the precompiled event allocates nothing. After each step of log calls the same loop
 * times a step of empty calls: the maximum the machine itself allows at those moments, beside each row.
 */
import { performance } from 'node:perf_hooks';
import { freshTimedLoop, summarizeLatency, timerFloorNs } from '../../harness/latency.js';
import { yieldToEventLoop } from '../../harness/measure-case.js';
import { reportResult, type StalledSinkRun } from '../../harness/result.js';
import { settingsFromArgv } from '../../harness/settings.js';
import { stalledFifo } from '../../harness/stalled-fifo.js';
import {
  openPinoSluiceDestination,
  openPinoTransport,
  openSluiceTransport,
  openSluiceTransportEvent,
  type TransportContender,
} from '../../harness/transport-contenders.js';

const quick = settingsFromArgv().quick;
const STALL_MS = quick ? 500 : 2_000;
const STEP = 1_000;
/** Room for every timing: several times the calls a caller makes in the stall (benchmarks/README.md). */
const CAPACITY = quick ? 2_000_000 : 8_000_000;
/** Calls taken as the compiler's warm-up (first calls, the first full ring, the first drops). */
const STEADY_AFTER = 100_000;

async function measure(open: (dest: string) => Promise<TransportContender>): Promise<StalledSinkRun> {
  const fifo = stalledFifo(STALL_MS);
  try {
    const logger = await open(fifo.path);
    await fifo.opened;
    const started = performance.now();
    const out = new Float64Array(CAPACITY);
    const empty = new Float64Array(CAPACITY);
    const loop = freshTimedLoop();
    const emptyLoop = freshTimedLoop();
    let calls = 0;
    let i = 0;
    const call = () => logger.call(i++);
    const emptyCall = () => {};
    // Log until the reader resumes (the stall's length from its open), in steps with a yield between.
    while (performance.now() - started < STALL_MS && calls + STEP <= CAPACITY) {
      loop(call, STEP, out, calls);
      emptyLoop(emptyCall, STEP, empty, calls);
      calls += STEP;
      await yieldToEventLoop();
    }
    const lastCall = performance.now();
    const dropped = logger.dropped();
    await logger.close();
    const received = await fifo.done;
    const drainMs = performance.now() - lastCall;
    return {
      label: logger.label,
      calls,
      loggedMs: lastCall - started,
      latency: summarizeLatency(out, calls),
      steadyMax: slowest(out, STEADY_AFTER, calls),
      emptyCall: summarizeLatency(empty, calls),
      emptySteadyMax: slowest(empty, STEADY_AFTER, calls),
      dropped: logger.dropped() ?? dropped,
      linesReceived: received.lines,
      drainMs,
    };
  } finally {
    fifo.remove();
  }
}

function slowest(samples: Float64Array, from: number, to: number): number {
  let max = Number.NaN;
  for (let i = from; i < to; i++) if (!(samples[i] <= max)) max = samples[i];
  return max;
}

const runs: StalledSinkRun[] = [];
runs.push(await measure((dest) => openSluiceTransport(dest, 'drop')));
runs.push(await measure((dest) => openSluiceTransportEvent(dest, 'drop')));
runs.push(await measure((dest) => openPinoTransport(dest)));
runs.push(await measure((dest) => openPinoSluiceDestination(dest, 'drop')));
await reportResult({
  kind: 'stalled-sink',
  name: 'stalled-sink',
  description: `the reference record into a FIFO whose reader pauses ${STALL_MS} ms after opening; calls timed alone, a yield every ${STEP.toLocaleString('en-US')}`,
  stallMs: STALL_MS,
  timerFloorNs: timerFloorNs(),
  targetMaxNs: 100_000,
  runs,
  steadyAfter: STEADY_AFTER,
});
