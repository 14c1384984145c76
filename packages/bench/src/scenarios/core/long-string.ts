/** A 2 KiB message: where copying bytes, not per-field overhead, dominates. */

import { LONG_STRING } from '../../fixtures/long-string.js';
import { runComparison } from '../../harness/comparison.js';

await runComparison({
  name: 'long-string',
  description: 'log.info(LONG_STRING), a seeded 2 KiB ASCII string',
  sluice: (log) => () => log.info(LONG_STRING),
  pino: (log) => () => log.info(LONG_STRING),
});
