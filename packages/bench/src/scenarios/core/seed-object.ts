/** The seed page's record through each logger's object API: a fresh object literal per call. */

import { SEED_MESSAGE } from '../../fixtures/seed-payload.js';
import { runComparison } from '../../harness/comparison.js';

await runComparison({
  name: 'seed-object',
  description:
    "sluice: log.info('benchmark message', { iteration: i, batch: 'performance_test', user_id: 12345, success: true }); pino: log.info({ ...same }, 'benchmark message')",
  sluice: (log) => {
    let i = 0;
    return () =>
      log.info(SEED_MESSAGE, { iteration: i++, batch: 'performance_test', user_id: 12345, success: true });
  },
  pino: (log) => {
    let i = 0;
    return () =>
      log.info({ iteration: i++, batch: 'performance_test', user_id: 12345, success: true }, SEED_MESSAGE);
  },
});
