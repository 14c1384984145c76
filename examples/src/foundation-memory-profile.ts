/**
 * provide.foundation's benchmark page, its "Memory Profiling" sample. Python's tracemalloc becomes V8's
 * sampling heap profiler (through node:inspector): the top 10 allocation sites by bytes allocated while
 * logging, then the peak heap growth, sampled as the loop runs.
 *
 *   node --expose-gc dist/foundation-memory-profile.js 2>/dev/null
 */
import { Session } from 'node:inspector/promises';
import { getLogger, setupTelemetry } from '@sluice/foundation';
import { messageCount } from './example-options.js';

interface SamplingHeapProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: SamplingHeapProfileNode[];
}

/** Bytes allocated per source line, summed over the sampled profile tree. */
function bytesBySite(root: SamplingHeapProfileNode): Map<string, number> {
  const sites = new Map<string, number>();
  const visit = (node: SamplingHeapProfileNode): void => {
    if (node.selfSize > 0) {
      const { functionName, url, lineNumber } = node.callFrame;
      const where = url === '' ? '(native)' : `${url.replace(/^file:\/\//, '')}:${lineNumber + 1}`;
      const site = `${where} ${functionName || '(anonymous)'}`;
      sites.set(site, (sites.get(site) ?? 0) + node.selfSize);
    }
    for (const child of node.children) visit(child);
  };
  visit(root);
  return sites;
}

async function profileMemoryUsage(count: number = messageCount(1000)): Promise<void> {
  setupTelemetry();
  const logger = getLogger('memory_profile');

  // Start memory tracking
  const session = new Session();
  session.connect();
  (globalThis as { gc?: () => void }).gc?.();
  await session.post('HeapProfiler.startSampling', { samplingInterval: 1024 });

  // Baseline measurement
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;

  // Log messages
  for (let i = 0; i < count; i++) {
    logger.info('Memory profiling test', { iteration: i, data: { key: 'value', number: 42 } });
    if ((i & 63) === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  peak = Math.max(peak, process.memoryUsage().heapUsed);

  // Take the profile after logging
  const { profile } = (await session.post('HeapProfiler.stopSampling')) as {
    profile: { head: SamplingHeapProfileNode };
  };
  session.disconnect();

  const top = [...bytesBySite(profile.head)].sort((a, b) => b[1] - a[1]).slice(0, 10);
  console.log('Top 10 memory allocations:');
  for (const [site, bytes] of top) console.log(`${site}: size=${(bytes / 1024).toFixed(1)} KiB`);

  // Peak memory usage (growth of the JS heap over the baseline while logging)
  console.log(`\nPeak memory usage: ${((peak - baseline) / 1024 / 1024).toFixed(2)} MB`);
}

await profileMemoryUsage();
