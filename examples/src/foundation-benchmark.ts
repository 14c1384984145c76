/**
 * provide.foundation's benchmark page, its "Performance Testing" sample: JSON, no emoji, INFO, 10,000 calls
 * with four fields, after 100 warm-up calls. Records go to stderr (the default destination), as on the page.
 *
 *   node dist/foundation-benchmark.js 2>/dev/null
 */
import { getLogger, setupTelemetry } from '@sluice/foundation';
import { messageCount } from './example-options.js';

async function benchmarkLogging(count: number = messageCount(10_000)): Promise<void> {
  // Set up high-performance logging.
  setupTelemetry({
    logging: {
      defaultLevel: 'INFO',
      consoleFormatter: 'json',
      dasEmojiPrefixEnabled: false,
      omitTimestamp: false,
    },
  });

  const logger = getLogger('benchmark');

  // Warmup
  for (let i = 0; i < 100; i++) logger.info('warmup message', { test: true });

  // Actual benchmark
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    logger.info('benchmark message', {
      iteration: i,
      batch: 'performance_test',
      user_id: 12345,
      success: true,
    });
  }
  const duration = (performance.now() - start) / 1000;
  const messagesPerSecond = count / duration;

  console.log(`Messages: ${count}`);
  console.log(`Duration: ${duration.toFixed(3)} seconds`);
  console.log(`Rate: ${messagesPerSecond.toFixed(0)} messages/second`);
  console.log(`Latency: ${((duration / count) * 1000).toFixed(3)} ms/message`);
}

await benchmarkLogging();
