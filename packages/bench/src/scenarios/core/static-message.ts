/** The smallest record: a constant message and the logger's base fields. */
import { runComparison } from '../../harness/comparison.js';

await runComparison({
  name: 'static-message',
  description: "log.info('hello world')",
  sluice: (log) => () => log.info('hello world'),
  pino: (log) => () => log.info('hello world'),
});
