import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  clockTicksPerSecond,
  cpuPerCall,
  readCpu,
  readSchedCpu,
  schedstatNs,
  threadCpuTicks,
  ticksRateAgrees,
  ticksToMicros,
} from '../dist/harness/cpu-time.js';

/** A /proc stat line: pid, command name, then fields 3.. with utime (14) and stime (15) set. */
function statLine(command: string, utime: number, stime: number): string {
  const fields = Array.from({ length: 50 }, (_, i) => String(i + 3));
  fields[11] = String(utime);
  fields[12] = String(stime);
  return `1234 (${command}) ${fields.join(' ')}`;
}

test('threadCpuTicks adds utime and stime, even when the command name has spaces and parentheses', () => {
  assert.equal(threadCpuTicks(statLine('node (main) x', 120, 30)), 150);
  assert.equal(threadCpuTicks(statLine('node', 7, 0)), 7);
  assert.ok(Number.isNaN(threadCpuTicks('garbage')));
});

test('threadCpuTicks reads this thread and process from the real /proc', (t) => {
  let text: string;
  try {
    text = readFileSync('/proc/thread-self/stat', 'utf8');
  } catch {
    t.skip('no /proc/thread-self here');
    return;
  }
  const ticks = threadCpuTicks(text);
  assert.ok(Number.isInteger(ticks) && ticks >= 0, `ticks: ${ticks}`);
});

test('ticksToMicros converts at the clock-tick rate', () => {
  assert.equal(ticksToMicros(150, 100), 1_500_000);
  assert.equal(ticksToMicros(1, 250), 4_000);
});

test('cpuPerCall divides each clock by the calls, thread and process apart', () => {
  const before = { threadMicros: 1_000_000, processMicros: 2_000_000 };
  const after = { threadMicros: 1_500_000, processMicros: 3_000_000 };
  const cost = cpuPerCall(before, after, 1_000_000, 2e9);
  assert.equal(cost.threadNsPerCall, 500);
  assert.equal(cost.processNsPerCall, 1_000);
  assert.equal(cost.calls, 1_000_000);
  assert.equal(cost.wallNs, 2e9);
});

test('cpuPerCall has no thread figure when a reading lacks one, and NaN for no calls', () => {
  const cost = cpuPerCall(
    { threadMicros: null, processMicros: 0 },
    { threadMicros: 5, processMicros: 10 },
    10,
    1,
  );
  assert.equal(cost.threadNsPerCall, null);
  assert.equal(cost.processNsPerCall, 1_000);
  const none = cpuPerCall({ threadMicros: 0, processMicros: 0 }, { threadMicros: 0, processMicros: 0 }, 0, 1);
  assert.ok(Number.isNaN(none.processNsPerCall));
});

test('ticksRateAgrees accepts the right tick rate and rejects one off by a factor', () => {
  // 3 s of CPU: 300 ticks at 100 Hz.
  assert.equal(ticksRateAgrees(300, 3_000_000, 100), true);
  assert.equal(ticksRateAgrees(302, 3_000_000, 100), true);
  assert.equal(ticksRateAgrees(300, 3_000_000, 1000), false);
  assert.equal(ticksRateAgrees(3000, 3_000_000, 100), false);
});

test("readCpu: this thread's CPU grows with work done on it, and the process's at least as much", (t) => {
  if (clockTicksPerSecond() === null) {
    t.skip('no per-thread CPU clock here');
    return;
  }
  const before = readCpu();
  // Spin until the thread clock has moved (tick resolution), bounded by a deadline. At least one round
  // of work: the clock may tick between the two reads with none done, and the test is about work.
  const deadline = Date.now() + 5_000;
  let after: ReturnType<typeof readCpu>;
  let x = 0;
  do {
    for (let i = 0; i < 100_000; i++) x += i;
    after = readCpu();
  } while ((after.threadMicros ?? 0) <= (before.threadMicros ?? 0) && Date.now() < deadline);
  assert.ok(x > 0);
  assert.ok((after.threadMicros ?? 0) > (before.threadMicros ?? 0), 'thread CPU did not grow');
  assert.ok(after.processMicros > before.processMicros, 'process CPU did not grow');
});

test('schedstat gives this thread and the process nanoseconds of CPU that grow with work', (t) => {
  assert.equal(schedstatNs('2309868 32822 2\n'), 2_309_868);
  const before = readSchedCpu();
  if (before === null) {
    t.skip('no /proc/thread-self/schedstat on this machine');
    return;
  }
  let x = 0;
  do {
    for (let i = 0; i < 1e6; i++) x += i;
  } while ((readSchedCpu()?.threadNs ?? 0) === before.threadNs);
  const after = readSchedCpu();
  assert.ok(after !== null && after.threadNs > before.threadNs && x > 0);
  assert.ok(after.processNs >= after.threadNs);
});
