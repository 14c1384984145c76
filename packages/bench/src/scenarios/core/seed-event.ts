/**
 * The seed page's record through sluice's precompiled event (message, keys and types encoded once,
 * values passed positionally) against pino's object call, its fastest way to write the same record.
 */

import { SEED_MESSAGE, SEED_SCHEMA } from '../../fixtures/seed-payload.js';
import { runComparison } from '../../harness/comparison.js';

await runComparison({
  name: 'seed-event',
  description:
    "sluice: log.event('benchmark message', { iteration: 'integer', batch: 'string', user_id: 'integer', success: 'boolean' }).info(i, 'performance_test', 12345, true); pino: log.info({ iteration: i, batch: 'performance_test', user_id: 12345, success: true }, 'benchmark message')",
  sluice: (log) => {
    const event = log.event(SEED_MESSAGE, SEED_SCHEMA);
    let i = 0;
    return () => event.info(i++, 'performance_test', 12345, true);
  },
  pino: (log) => {
    let i = 0;
    return () =>
      log.info({ iteration: i++, batch: 'performance_test', user_id: 12345, success: true }, SEED_MESSAGE);
  },
});
