/**
 * provide.foundation's benchmark loop, run on sluice's foundation API (setupTelemetry / getLogger) and
 * measured: wall time, process and main-thread CPU time, JS heap bytes allocated (across GCs, see
 * observeGc) and RSS / heap-used growth. Used by the seed suite's scenarios (the page reproduced).
 */
import { destination } from '@sluice/core';
import { getLogger, type LoggingConfig, setupTelemetry, shutdownTelemetry } from '@sluice/foundation';
import { readThreadCpuMicros } from './cpu-time.js';
import { collectGarbage, observeGc } from './gc.js';

/** Where every seed-suite scenario writes, as code for the report. */
export const FOUNDATION_LOOP_DESTINATION = "destination({ dest: '/dev/null', sync: false })";

/** What one timed loop cost. */
export interface FoundationLoopMeasurement {
  readonly messages: number;
  readonly elapsedNs: number;
  /** process.cpuUsage() user + system over the loop: every thread, sonic-boom's writes included. */
  readonly processCpuMicros: number;
  /** This (the main) thread's utime + stime from /proc/thread-self/stat; null where unavailable. */
  readonly threadCpuMicros: number | null;
  /** JS heap bytes allocated during the loop (used_heap_size growth plus what each GC freed). */
  readonly allocatedBytes: number;
  readonly scavenges: number;
  /** process.memoryUsage() after the loop minus before (no GC in between the two readings). */
  readonly rssGrowthBytes: number;
  readonly heapUsedGrowthBytes: number;
}

export interface FoundationLoopOptions {
  readonly logging: Readonly<Partial<LoggingConfig>>;
  readonly loggerName: string;
  readonly messages: number;
  /** The timed call; `i` is the loop index. */
  readonly call: (log: ReturnType<typeof getLogger>, i: number) => void;
  /**
   * Replaces the plain loop over `call` when the calls are not one loop (the page's async variant:
   * concurrent tasks); it must make `messages` calls.
   */
  readonly drive?: (log: ReturnType<typeof getLogger>) => Promise<void>;
  /** Untimed calls first (the page: 100 × `logger.info('warmup message', { test: true })`). */
  readonly warmup: (log: ReturnType<typeof getLogger>) => void;
}

/**
 * Sets up telemetry writing to /dev/null through sluice's async destination, warms up, then times
 * `messages` calls and the wait until the destination has written them (shutdownTelemetry flushes),
 * so writing is paid for inside the measurement.
 */
export async function runFoundationLoop(options: FoundationLoopOptions): Promise<FoundationLoopMeasurement> {
  const sink = destination({ dest: '/dev/null', sync: false });
  setupTelemetry({ logging: options.logging, destination: sink, env: {} });
  const log = getLogger(options.loggerName);
  options.warmup(log);
  await sink.flush();
  collectGarbage();
  const memBefore = process.memoryUsage();
  const threadBefore = readThreadCpuMicros();
  const cpuBefore = process.cpuUsage();
  const start = process.hrtime.bigint();
  const activity = await observeGc(async () => {
    const { call, messages, drive } = options;
    if (drive !== undefined) await drive(log);
    else for (let i = 0; i < messages; i++) call(log, i);
    await sink.flush();
  });
  const elapsedNs = Number(process.hrtime.bigint() - start);
  const cpu = process.cpuUsage(cpuBefore);
  const threadAfter = readThreadCpuMicros();
  const memAfter = process.memoryUsage();
  await shutdownTelemetry();
  await sink.close();
  return {
    messages: options.messages,
    elapsedNs,
    processCpuMicros: cpu.user + cpu.system,
    threadCpuMicros: threadBefore === null || threadAfter === null ? null : threadAfter - threadBefore,
    allocatedBytes: activity.allocatedBytes,
    scavenges: activity.scavenges,
    rssGrowthBytes: memAfter.rss - memBefore.rss,
    heapUsedGrowthBytes: memAfter.heapUsed - memBefore.heapUsed,
  };
}
