/** A call below the logger's level: what filtering costs when it is all a call does. */
import { runComparison } from '../../harness/comparison.js';

await runComparison({
  name: 'disabled-level',
  description: "log.debug('hello world') at level info",
  level: 'info',
  recordsPerCall: 0,
  sluice: (log) => () => log.debug('hello world'),
  pino: (log) => () => log.debug('hello world'),
});
