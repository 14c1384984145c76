/**
 * seed-regression: the regression test of provide.foundation's benchmark page (the seed suite reproduces
 * it). For json_no_emoji, json_with_emoji and keyvalue_no_emoji (the page's configurations: only the
 * DAS emoji prefix toggled), 200,000 calls (the page: 10,000, as `--quick` does) of `getLogger('perf_test').info('Performance test message', { iteration: i,
 * user_id: `user_${i % 1000}`, operation: 'benchmark', success: true })` to /dev/null, written to
 * `benchmarks/results/performance_results.json` (`--quick`: `benchmarks/results/tmp/`) in the page's
 * shape plus the machine. memory_mb and cpu_percent are measured, not the page's 0.0 placeholders:
 * memory_mb is the RSS growth over the loop (MiB), cpu_percent the process CPU time over wall time.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineInfo } from '../../cli/machine-info.js';
import { runFoundationLoop } from '../../harness/foundation-loop.js';
import { cpuPercent, messagesPerSecond } from '../../harness/published-numbers.js';
import { reportResult, type SeedRegressionEntry } from '../../harness/result.js';
import { resultsDir, resultsDirArg } from '../../harness/results-dir.js';

/** This file is `packages/bench/dist/scenarios/seed/seed-regression.js`. */
const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', '..');
const quick = process.argv.includes('--quick');
const messages = quick ? 10_000 : 200_000;

const CONFIGS = [
  { name: 'json_no_emoji', consoleFormatter: 'json', dasEmojiPrefixEnabled: false },
  { name: 'json_with_emoji', consoleFormatter: 'json', dasEmojiPrefixEnabled: true },
  { name: 'keyvalue_no_emoji', consoleFormatter: 'key_value', dasEmojiPrefixEnabled: false },
] as const;

const round = (value: number, digits: number) => Number(value.toFixed(digits));

const results: SeedRegressionEntry[] = [];
for (const config of CONFIGS) {
  const measured = await runFoundationLoop({
    logging: {
      consoleFormatter: config.consoleFormatter,
      dasEmojiPrefixEnabled: config.dasEmojiPrefixEnabled,
    },
    loggerName: 'perf_test',
    messages,
    warmup: () => {},
    call: (log, i) =>
      log.info('Performance test message', {
        iteration: i,
        user_id: `user_${i % 1000}`,
        operation: 'benchmark',
        success: true,
      }),
  });
  results.push({
    messages_per_second: round(messagesPerSecond(messages, measured.elapsedNs), 1),
    memory_mb: round(measured.rssGrowthBytes / 2 ** 20, 2),
    cpu_percent: round(cpuPercent(measured.processCpuMicros, measured.elapsedNs), 1),
    config_name: config.name,
    timestamp: new Date().toISOString(),
  });
}

const dir = resultsDirArg(process.argv) ?? resultsDir(REPO_ROOT, quick ? 'quick' : 'local');
mkdirSync(dir, { recursive: true });
const file = join(dir, 'performance_results.json');
writeFileSync(file, `${JSON.stringify({ machine: machineInfo(), messages, results }, null, 2)}\n`);

await reportResult({
  kind: 'seed-regression',
  name: 'seed-regression',
  description: `${messages.toLocaleString('en-US')} × getLogger('perf_test').info('Performance test message', { iteration, user_id, operation, success }) per configuration`,
  messages,
  file: relative(REPO_ROOT, file),
  results,
});
