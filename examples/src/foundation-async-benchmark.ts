/**
 * provide.foundation's benchmark page, its "Async Logging Benchmarks" sample: 10 concurrent tasks of 1,000
 * records each, yielding every 100 records, timed by timedBlock (whose completion record carries num_tasks,
 * messages_per_task, total_messages, duration_seconds and outcome).
 *
 *   node dist/foundation-async-benchmark.js 2>/dev/null
 */
import { setImmediate as yieldControl } from 'node:timers/promises';
import { getLogger, getStats, setupTelemetry, timedBlock } from '@sluice/foundation';
import { messageCount } from './example-options.js';

async function benchmarkAsyncLogging(): Promise<void> {
  setupTelemetry();
  const logger = getLogger('async_benchmark');

  /** Async task that logs messages. */
  async function asyncLoggingTask(taskId: number, count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      // The page passed `timestamp=time.time()`; the record's own timestamp key is kept, so the field is
      // written as `_timestamp`.
      logger.info('Async log message', { task_id: taskId, iteration: i, timestamp: Date.now() / 1000 });
      // Yield control to allow other tasks
      if (i % 100 === 0) await yieldControl();
    }
  }

  // Benchmark concurrent async logging
  const numTasks = 10;
  const messagesPerTask = messageCount(1000);

  await timedBlock(logger, 'async_logging_benchmark', async (ctx) => {
    const tasks = Array.from({ length: numTasks }, (_, i) => asyncLoggingTask(i, messagesPerTask));
    await Promise.all(tasks);

    ctx.num_tasks = numTasks;
    ctx.messages_per_task = messagesPerTask;
    ctx.total_messages = numTasks * messagesPerTask;
  });

  const stats = getStats();
  console.log(`Tasks: ${numTasks} x ${messagesPerTask} messages`);
  console.log(`Records written: ${stats.total} (${stats.bytes} bytes)`);
}

await benchmarkAsyncLogging();
