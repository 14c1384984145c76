/** A 2 KiB message: where copying bytes, not per-field overhead, dominates. */

import { LONG_STRING } from '../../fixtures/long-string.js';
import { runComparison } from '../../harness/run-comparison.js';

await runComparison({
  name: 'long-string',
  description: 'log.info(LONG_STRING), a generated 2 KiB ASCII string (the same every run)',
  sluice: (log) => () => log.info(LONG_STRING),
  pino: (log) => () => log.info(LONG_STRING),
  winston: (log) => () => log.info(LONG_STRING),
  bunyan: (log) => () => log.info(LONG_STRING),
  console: (log) => () => log.info(LONG_STRING),
  // A string from the caller must be escaped, even by hand: JSON.stringify does it.
  template: (out) => () =>
    out.write(`{"level":30,"time":${Date.now()},${out.base},"msg":${JSON.stringify(LONG_STRING)}}\n`),
});
