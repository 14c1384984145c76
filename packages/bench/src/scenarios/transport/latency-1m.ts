/**
 * Per-call latency over 1,000,000 calls (50,000 with --quick) of the reference record into /dev/null, for
 * the loggers that write off the caller's path: sluice's transport, pino.transport and pino's async
 * destination. Every call is timed alone into a preallocated array; the caller yields to the event loop
 * every 1,000 calls (untimed), as a server would between requests. Also: CPU per call (the caller's
 * thread and the whole process, timer included) and the time from the last call until each logger's
 * flush says everything is handed on.
 */
import { performance } from 'node:perf_hooks';
import { cpuPerCall, readCpu } from '../../harness/cpu-time.js';
import { freshTimedLoop, summarizeLatency, timerFloorNs } from '../../harness/latency.js';
import { yieldToEventLoop } from '../../harness/measure-case.js';
import { type LatencyRun, reportResult } from '../../harness/result.js';
import { settingsFromArgv } from '../../harness/settings.js';
import {
  openPinoAsync,
  openPinoSluiceDestination,
  openPinoTransport,
  openSluiceTransport,
  type TransportContender,
} from '../../harness/transport-contenders.js';

const quick = settingsFromArgv().quick;
const CALLS = quick ? 50_000 : 1_000_000;
const WARMUP = quick ? 10_000 : 50_000;
const STEP = 1_000;

async function measure(open: (dest: string) => Promise<TransportContender>): Promise<LatencyRun> {
  const logger = await open('/dev/null');
  let i = 0;
  const call = () => logger.call(i++);
  const loop = freshTimedLoop();
  const out = new Float64Array(CALLS);
  for (let done = 0; done < WARMUP; done += STEP) {
    loop(call, STEP, out, 0);
    await yieldToEventLoop();
  }
  await logger.flush();
  const before = readCpu();
  const started = performance.now();
  for (let done = 0; done < CALLS; done += STEP) {
    loop(call, STEP, out, done);
    await yieldToEventLoop();
  }
  const lastCall = performance.now();
  await logger.flush();
  const drainMs = performance.now() - lastCall;
  const cpu = cpuPerCall(before, readCpu(), CALLS, (performance.now() - started) * 1e6);
  await logger.close();
  return { label: logger.label, latency: summarizeLatency(out), drainMs, cpu };
}

const runs: LatencyRun[] = [];
runs.push(await measure((dest) => openSluiceTransport(dest)));
runs.push(await measure((dest) => openPinoTransport(dest)));
runs.push(await measure((dest) => openPinoSluiceDestination(dest)));
runs.push(await measure((dest) => openPinoAsync(dest)));
await reportResult({
  kind: 'latency-run',
  name: 'latency-1m',
  description: `${CALLS.toLocaleString('en-US')} calls of the reference record to /dev/null, each timed alone; a yield every ${STEP.toLocaleString('en-US')} calls`,
  calls: CALLS,
  timerFloorNs: timerFloorNs(),
  runs,
});
