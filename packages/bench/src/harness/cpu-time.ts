/**
 * CPU time, for "CPU per message": the calling thread alone (Linux's /proc/thread-self/stat, in clock
 * ticks) and the whole process with every thread, a sink worker's included (process.cpuUsage(), in
 * microseconds). Node 20 has no per-thread CPU clock of its own (process.threadCpuUsage() came in 23).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** One reading of both clocks; differences of two readings are what a window cost. */
export interface CpuReading {
  /** This thread's utime + stime in microseconds; null where /proc/thread-self is missing. */
  readonly threadMicros: number | null;
  /** process.cpuUsage() user + system in microseconds: every thread of the process. */
  readonly processMicros: number;
}

/** CPU per call over a window. */
export interface CpuPerCall {
  readonly calls: number;
  /** The caller's thread alone, in ns per call; null where unavailable. Clock-tick resolution. */
  readonly threadNsPerCall: number | null;
  /** The whole process (the sink worker and libuv's write threads included), in ns per call. */
  readonly processNsPerCall: number;
  readonly wallNs: number;
}

/** user+system CPU time from `/proc/<pid>/task/<tid>/stat` text, in clock ticks (fields 14 and 15). */
export function threadCpuTicks(statText: string): number {
  // The command name (field 2) is in parentheses and may contain spaces: split after its last ')'.
  const rest = statText.slice(statText.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state), so field 14 (utime) is rest[11] and 15 (stime) rest[12].
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  return Number.isFinite(utime) && Number.isFinite(stime) ? utime + stime : Number.NaN;
}

/** Clock ticks to microseconds. */
export function ticksToMicros(ticks: number, ticksPerSecond: number): number {
  return (ticks * 1e6) / ticksPerSecond;
}

/**
 * What a window between two readings cost per call. The thread figure is null when either reading
 * lacks it; both are NaN for no calls.
 */
export function cpuPerCall(before: CpuReading, after: CpuReading, calls: number, wallNs: number): CpuPerCall {
  const perCall = (micros: number) => (calls > 0 ? (micros * 1_000) / calls : Number.NaN);
  const thread =
    before.threadMicros === null || after.threadMicros === null
      ? null
      : perCall(after.threadMicros - before.threadMicros);
  return {
    calls,
    threadNsPerCall: thread,
    processNsPerCall: perCall(after.processMicros - before.processMicros),
    wallNs,
  };
}

/**
 * Whether a clock-tick rate explains the process's own counters: /proc/self/stat's utime + stime
 * (ticks) against process.cpuUsage() (microseconds) read at the same moment. The two round
 * differently (ticks truncate), so they may differ by a few ticks; a wrong rate (100 against a
 * real 250 or 1000) is off by a factor.
 */
export function ticksRateAgrees(
  processTicks: number,
  cpuUsageMicros: number,
  ticksPerSecond: number,
): boolean {
  const fromTicks = ticksToMicros(processTicks, ticksPerSecond);
  const slack = ticksToMicros(5, ticksPerSecond) + 0.1 * cpuUsageMicros;
  return Math.abs(fromTicks - cpuUsageMicros) <= slack;
}

let ticksPerSecond: number | null | undefined;

/**
 * USER_HZ from `getconf CLK_TCK`; without getconf, 100 (Linux's value on every common architecture),
 * checked against process.cpuUsage(). Null where /proc/thread-self is missing or the rate fails the
 * check: thread CPU is then reported as unavailable rather than wrong.
 */
export function clockTicksPerSecond(): number | null {
  if (ticksPerSecond !== undefined) return ticksPerSecond;
  try {
    readFileSync('/proc/thread-self/stat', 'utf8');
  } catch {
    ticksPerSecond = null;
    return null;
  }
  let rate = 100;
  try {
    rate = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    // No getconf: keep 100 and let the check below decide.
  }
  const usage = process.cpuUsage();
  const ticks = threadCpuTicks(readFileSync('/proc/self/stat', 'utf8'));
  ticksPerSecond = ticksRateAgrees(ticks, usage.user + usage.system, rate) ? rate : null;
  return ticksPerSecond;
}

/** The calling thread's CPU time in microseconds (clock-tick resolution, 10 ms at 100 Hz); null if unavailable. */
export function readThreadCpuMicros(): number | null {
  const rate = clockTicksPerSecond();
  if (rate === null) return null;
  const ticks = threadCpuTicks(readFileSync('/proc/thread-self/stat', 'utf8'));
  return Number.isFinite(ticks) ? ticksToMicros(ticks, rate) : null;
}

export function readCpu(): CpuReading {
  const usage = process.cpuUsage();
  return { threadMicros: readThreadCpuMicros(), processMicros: usage.user + usage.system };
}

/**
 * On-CPU time in nanoseconds from Linux's schedstat (`/proc/.../schedstat`, first field), which counts
 * at nanosecond resolution where `stat`'s clock ticks count in 10 ms steps: the calling thread and the
 * sum over every thread alive at the reading. Null where schedstat is missing.
 */
export interface SchedCpuReading {
  readonly threadNs: number;
  readonly processNs: number;
}

export function readSchedCpu(): SchedCpuReading | null {
  try {
    const threadNs = schedstatNs(readFileSync('/proc/thread-self/schedstat', 'utf8'));
    let processNs = 0;
    for (const ns of readThreadsSchedNs().values()) processNs += ns;
    return Number.isFinite(threadNs) ? { threadNs, processNs } : null;
  } catch {
    return null;
  }
}

/** On-CPU nanoseconds of every thread alive now, by thread id (schedstat); empty without /proc. */
export function readThreadsSchedNs(): Map<string, number> {
  const byThread = new Map<string, number>();
  let tasks: string[];
  try {
    tasks = readdirSync('/proc/self/task');
  } catch {
    return byThread;
  }
  for (const task of tasks) {
    try {
      byThread.set(task, schedstatNs(readFileSync(`/proc/self/task/${task}/schedstat`, 'utf8')));
    } catch {
      // The thread ended between the listing and the read: its time is lost to this reading alone.
    }
  }
  return byThread;
}

/** The first field of a schedstat line: time spent on a CPU, in nanoseconds. */
export function schedstatNs(text: string): number {
  return Number(text.slice(0, text.indexOf(' ')));
}
