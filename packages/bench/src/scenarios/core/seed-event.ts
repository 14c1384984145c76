/**
 * The seed page's record through sluice's precompiled event (message, keys and types encoded once,
 * values passed positionally) against the others' object calls, their fastest way to write the same
 * record, and the hand-written template.
 */

import { SEED_MESSAGE, SEED_SCHEMA } from '../../fixtures/seed-payload.js';
import { runComparison } from '../../harness/comparison.js';
import { seedTemplateCall } from '../../harness/seed-template.js';

await runComparison({
  name: 'seed-event',
  description:
    "sluice: log.event('benchmark message', { iteration: 'integer', batch: 'string', user_id: 'integer', success: 'boolean' }).info(i, 'performance_test', 12345, true); pino, bunyan: log.info({ iteration: i, batch: 'performance_test', user_id: 12345, success: true }, 'benchmark message'); winston, console: log.info('benchmark message', { ...same })",
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
