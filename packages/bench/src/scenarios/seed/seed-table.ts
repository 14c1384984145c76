/**
 * seed-table: the performance table of provide.foundation's benchmark page (the seed suite reproduces
 * it), measured with the page's own loop on sluice's foundation API: 100 warm-up calls of
 * `logger.info('warmup message', { test: true })`, then the reference record
 * `logger.info('benchmark message', { iteration: i, batch: 'performance_test', user_id: 12345,
 * success: true })` 200,000 times (the page: 10,000; more calls give steadier numbers; 10,000 with
 * `--quick`), for the four configurations (after untimed runs of the same loop, see
 * JIT_WARMUP_MESSAGES), to /dev/null through sluice's async destination. The timed span ends when the
 * destination has written every record. Reports what it measures against the published numbers; it
 * asserts nothing.
 */
import { REFERENCE_MESSAGE } from '../../fixtures/reference-record.js';
import { FOUNDATION_LOOP_DESTINATION, runFoundationLoop } from '../../harness/foundation-loop.js';
import {
  messagesPerSecond,
  PUBLISHED_CONFIGURATIONS,
  type PublishedConfiguration,
  TABLE_TARGETS,
} from '../../harness/published-numbers.js';
import { reportResult, type SeedTableRow } from '../../harness/result.js';
import { ratio } from '../../harness/stats.js';

const WARMUP_MESSAGES = 100;
const messages = process.argv.includes('--quick') ? 10_000 : 200_000;

/**
 * Untimed runs of the same loop (own setup, as many calls), so that the timed loops measure the steady
 * state a long-running service logs in rather than the JIT: first one pass over all four
 * configurations, then each configuration again right before its timed loop. A shorter warm-up leaves
 * the timed loop deoptimizing (another line format class in the pipeline's format call, `iteration`
 * past the warm-up's numbers, a new setup's closures), so the first configuration timed would measure
 * the compiler.
 */
const JIT_WARMUP_MESSAGES = messages;

function measureConfig(config: PublishedConfiguration, count: number) {
  return runFoundationLoop({
    logging: {
      defaultLevel: 'INFO',
      consoleFormatter: config.consoleFormatter,
      dasEmojiPrefixEnabled: config.emoji,
      loggerNameEmojiPrefixEnabled: config.emoji,
      omitTimestamp: false,
    },
    loggerName: 'benchmark',
    messages: count,
    warmup: (log) => {
      for (let i = 0; i < WARMUP_MESSAGES; i++) log.info('warmup message', { test: true });
    },
    call: (log, i) =>
      log.info(REFERENCE_MESSAGE, { iteration: i, batch: 'performance_test', user_id: 12345, success: true }),
  });
}

for (const config of PUBLISHED_CONFIGURATIONS) await measureConfig(config, JIT_WARMUP_MESSAGES);

const rows: SeedTableRow[] = [];
for (const config of PUBLISHED_CONFIGURATIONS) {
  await measureConfig(config, JIT_WARMUP_MESSAGES);
  const measurement = await measureConfig(config, messages);
  const msgsPerSec = messagesPerSecond(messages, measurement.elapsedNs);
  rows.push({
    name: config.name,
    label: config.label,
    seedMsgsPerSec: config.publishedMsgsPerSec,
    measurement,
    msgsPerSec,
    heapBytesPerMsg: measurement.allocatedBytes / messages,
    processCpuNsPerMsg: (measurement.processCpuMicros * 1_000) / messages,
    threadCpuNsPerMsg:
      measurement.threadCpuMicros === null ? null : (measurement.threadCpuMicros * 1_000) / messages,
    speedupOverSeed: ratio(msgsPerSec, config.publishedMsgsPerSec),
  });
}

const byName = (name: string) => rows.find((row) => row.name === name);
const plain = byName('json_no_emoji');
const emojiKeyValue = byName('keyvalue_with_emoji');

await reportResult({
  kind: 'seed-table',
  name: 'seed-table',
  description: `an untimed run of the same loop (${JIT_WARMUP_MESSAGES.toLocaleString('en-US')} calls) per configuration, then per configuration another, ${WARMUP_MESSAGES} warm-up calls, then ${messages.toLocaleString('en-US')} × logger.info('${REFERENCE_MESSAGE}', { iteration: i, batch: 'performance_test', user_id: 12345, success: true })`,
  destination: FOUNDATION_LOOP_DESTINATION,
  warmupMessages: WARMUP_MESSAGES,
  messages,
  rows,
  // Time per message is 1 / rate, so the cost ratio is the inverse ratio of the rates.
  emojiKeyValueCost: ratio(plain?.msgsPerSec ?? Number.NaN, emojiKeyValue?.msgsPerSec ?? Number.NaN),
  targets: { ...TABLE_TARGETS },
});
