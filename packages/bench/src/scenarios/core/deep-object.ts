/** A fixed five-level nested object: the general value writer on arrays, nesting and mixed types. */

import { DEEP_OBJECT } from '../../fixtures/deep-object.js';
import { runComparison } from '../../harness/comparison.js';

await runComparison({
  name: 'deep-object',
  description: "sluice: log.info('deep object', DEEP_OBJECT); pino: log.info(DEEP_OBJECT, 'deep object')",
  sluice: (log) => () => log.info('deep object', DEEP_OBJECT),
  pino: (log) => () => log.info(DEEP_OBJECT, 'deep object'),
});
