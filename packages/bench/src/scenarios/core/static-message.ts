/** The smallest record: a constant message and the logger's base fields (pino's "basic"). */
import { runComparison } from '../../harness/run-comparison.js';

await runComparison({
  name: 'static-message',
  description: "log.info('hello world')",
  sluice: (log) => () => log.info('hello world'),
  pino: (log) => () => log.info('hello world'),
  winston: (log) => () => log.info('hello world'),
  bunyan: (log) => () => log.info('hello world'),
  console: (log) => () => log.info('hello world'),
  template: (out) => () => out.write(`{"level":30,"time":${Date.now()},${out.base},"msg":"hello world"}\n`),
});
