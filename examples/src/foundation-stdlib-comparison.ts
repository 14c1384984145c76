/**
 * provide.foundation's benchmark page, its "vs Standard Library Logging" sample. Python's
 * logging.StreamHandler writing `%(asctime)s - %(name)s - %(message)s` to stderr becomes Node's built-in
 * console (`console.log`'s implementation, pointed at stderr so both write to the same place) with the same
 * format.
 *
 *   node dist/foundation-stdlib-comparison.js 2>/dev/null
 */
import { Console } from 'node:console';
import { getLogger, setupTelemetry } from '@sluice/foundation';
import { messageCount } from './example-options.js';

function compareWithStdlib(): void {
  // Standard library logger: console.log with asctime - name - message, to stderr.
  const stdlibLogger = new Console({ stdout: process.stderr, stderr: process.stderr });
  const stdlibInfo = (format: string, ...args: unknown[]): void =>
    stdlibLogger.log(`%s - stdlib_test - ${format}`, new Date().toISOString(), ...args);

  // Foundation logger
  setupTelemetry();
  const foundationLogger = getLogger('foundation_test');

  const count = messageCount(5000);

  // Benchmark stdlib
  let start = performance.now();
  for (let i = 0; i < count; i++) stdlibInfo('Test message %d', i);
  const stdlibDuration = (performance.now() - start) / 1000;

  // Benchmark foundation
  start = performance.now();
  for (let i = 0; i < count; i++) foundationLogger.info('Test message', { iteration: i });
  const foundationDuration = (performance.now() - start) / 1000;

  console.log(`Standard library (console.log): ${(count / stdlibDuration).toFixed(0)} messages/sec`);
  console.log(`Foundation: ${(count / foundationDuration).toFixed(0)} messages/sec`);
  console.log(`Foundation overhead: ${((foundationDuration / stdlibDuration - 1) * 100).toFixed(1)}%`);
}

compareWithStdlib();
