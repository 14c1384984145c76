/** A call below the logger's level: what filtering costs when it is all a call does. */
import { runComparison } from '../../harness/comparison.js';
import { LEVEL } from '../../harness/competitors.js';

await runComparison({
  name: 'disabled-level',
  description: "log.debug('hello world') at level info",
  level: 'info',
  recordsPerCall: 0,
  sluice: (log) => () => log.debug('hello world'),
  pino: (log) => () => log.debug('hello world'),
  winston: (log) => () => log.debug('hello world'),
  bunyan: (log) => () => log.debug('hello world'),
  console: (log) => () => log.debug('hello world'),
  template: (out) => () => {
    if (LEVEL.debug >= out.minLevel) {
      out.write(`{"level":20,"time":${Date.now()},${out.base},"msg":"hello world"}\n`);
    }
  },
});
