/**
 * provide.foundation's benchmark page, its "Real-time Performance Metrics" sample, done right: the counting
 * lives in sluice's pipeline (a few integer increments per record and a fixed ring of sampled times), read
 * with getStats(). No lock, so nothing to deadlock on (the page's get_stats() took its non-reentrant lock
 * twice), and the rate divides N-1 intervals, not N, by the span of N timestamps.
 *
 *   node dist/foundation-performance-monitor.js 2>/dev/null
 */
import { getLogger, getStats, type LoggingStatsSnapshot, setupTelemetry } from '@sluice/foundation';
import { messageCount } from './example-options.js';

/** Monitor logging performance in production: a view over the pipeline's own statistics. */
class LoggingPerformanceMonitor {
  constructor(readonly windowSize = 1000) {
    // One timestamp per record, like the page's deque(maxlen=window_size).
    setupTelemetry({ logging: { statsWindow: { size: windowSize, sampleEvery: 1 } } });
  }

  /** Current messages per second. */
  getCurrentRate(): number {
    return getStats().currentRate;
  }

  /** Comprehensive performance statistics. */
  getStats(): Pick<LoggingStatsSnapshot, 'samplesInWindow' | 'currentRate' | 'uptimeSeconds' | 'windowSize'> {
    const { samplesInWindow, currentRate, uptimeSeconds, windowSize } = getStats();
    return { samplesInWindow, currentRate, uptimeSeconds, windowSize };
  }
}

// Usage example
const monitor = new LoggingPerformanceMonitor();
const logger = getLogger('monitored');

// Integrated with logging: every record is counted by the pipeline itself.
function performanceAwareLog(i: number): void {
  logger.info('Monitored message', { iteration: i });

  // Every window_size messages, report performance
  if ((i + 1) % monitor.windowSize === 0) {
    const stats = monitor.getStats();
    console.log(`Logging rate: ${stats.currentRate.toFixed(0)} msg/sec`);
  }
}

const count = Math.max(messageCount(10_000), monitor.windowSize);
for (let i = 0; i < count; i++) performanceAwareLog(i);

const final = getStats();
console.log(
  `Records: ${final.total}, bytes: ${final.bytes}, window: ${final.samplesInWindow}/${final.windowSize}, ` +
    `rate: ${final.currentRate.toFixed(0)} msg/sec, uptime: ${final.uptimeSeconds.toFixed(3)} s`,
);
