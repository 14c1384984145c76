/** The seed page's record through each logger's object API: a fresh object literal per call (pino's "object"). */

import { SEED_MESSAGE } from '../../fixtures/seed-payload.js';
import { runComparison } from '../../harness/comparison.js';
import { seedTemplateCall } from '../../harness/seed-template.js';

await runComparison({
  name: 'seed-object',
  description:
    "sluice, winston, console: log.info('benchmark message', { iteration: i, batch: 'performance_test', user_id: 12345, success: true }); pino, bunyan: log.info({ ...same }, 'benchmark message')",
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
  winston: (log) => {
    let i = 0;
    return () =>
      log.info(SEED_MESSAGE, { iteration: i++, batch: 'performance_test', user_id: 12345, success: true });
  },
  bunyan: (log) => {
    let i = 0;
    return () =>
      log.info({ iteration: i++, batch: 'performance_test', user_id: 12345, success: true }, SEED_MESSAGE);
  },
  console: (log) => {
    let i = 0;
    return () =>
      log.info(SEED_MESSAGE, { iteration: i++, batch: 'performance_test', user_id: 12345, success: true });
  },
  template: seedTemplateCall,
});
