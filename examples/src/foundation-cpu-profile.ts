/**
 * provide.foundation's benchmark page, its "CPU Profiling" sample. Python's cProfile becomes V8's CPU
 * profiler (through node:inspector): the top 20 functions by cumulative time while logging 5,000 records
 * with the default setup (key_value, emoji on; `status` is a DAS field, so it renders as a marker).
 *
 *   node dist/foundation-cpu-profile.js 2>/dev/null
 */
import { Session } from 'node:inspector/promises';
import { getLogger, setupTelemetry } from '@sluice/foundation';
import { messageCount } from './example-options.js';

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

/** Self and cumulative milliseconds per function (a recursive function's time is counted once). */
function functionTimes(profile: CpuProfile): Array<{ name: string; self: number; total: number }> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const sampleCount = profile.samples?.length ?? 0;
  const msPerSample = sampleCount === 0 ? 0 : (profile.endTime - profile.startTime) / 1000 / sampleCount;
  const keyOf = (node: CpuProfileNode): string => {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, '');
    return `${functionName || '(anonymous)'} ${file === '' ? '(native)' : `${file}:${lineNumber + 1}`}`;
  };
  const totals = new Map<string, { self: number; total: number }>();
  const walk = (id: number, onStack: Set<string>): number => {
    const node = byId.get(id)!;
    const key = keyOf(node);
    const self = (node.hitCount ?? 0) * msPerSample;
    let total = self;
    const inner = new Set(onStack).add(key);
    for (const child of node.children ?? []) total += walk(child, inner);
    const entry = totals.get(key) ?? { self: 0, total: 0 };
    entry.self += self;
    if (!onStack.has(key)) entry.total += total;
    totals.set(key, entry);
    return total;
  };
  walk(profile.nodes[0].id, new Set());
  return [...totals].map(([name, t]) => ({ name, ...t }));
}

async function profileCpuUsage(count: number = messageCount(5000)): Promise<void> {
  setupTelemetry();
  const logger = getLogger('cpu_profile');

  const loggingWorkload = (): void => {
    for (let i = 0; i < count; i++) {
      logger.info('CPU profiling test', {
        iteration: i,
        user_id: `user_${i % 100}`,
        operation: 'test_operation',
        status: 'success',
      });
    }
  };

  // Profile the workload
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');

  loggingWorkload();

  const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
  session.disconnect();

  // Analyze results: top 20 by cumulative time, as pstats.sort_stats('cumulative') does.
  const rows = functionTimes(profile)
    .sort((a, b) => b.total - a.total)
    .slice(0, 20);
  console.log('CPU Profiling Results:');
  console.log(`${'cumtime ms'.padStart(11)} ${'tottime ms'.padStart(11)}  function`);
  for (const row of rows) {
    console.log(`${row.total.toFixed(2).padStart(11)} ${row.self.toFixed(2).padStart(11)}  ${row.name}`);
  }
}

await profileCpuUsage();
