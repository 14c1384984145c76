/**
 * seed-event (named after provide.foundation's benchmark page, whose record it logs): the reference
 * record through sluice's precompiled event (message, keys and types encoded once,
 * values passed positionally) against the others' object calls, their fastest way to write the same
 * record, and the hand-written template.
 */

import { REFERENCE_MESSAGE, REFERENCE_SCHEMA } from '../../fixtures/reference-record.js';
import { REFERENCE_OBJECT_CALLS } from '../../harness/reference-object-calls.js';
import { referenceTemplateCall } from '../../harness/reference-template.js';
import { runComparison } from '../../harness/run-comparison.js';

await runComparison({
  name: 'seed-event',
  description:
    "sluice: log.event('benchmark message', { iteration: 'integer', batch: 'string', user_id: 'integer', success: 'boolean' }).info(i, 'performance_test', 12345, true); pino, bunyan: log.info({ iteration: i, batch: 'performance_test', user_id: 12345, success: true }, 'benchmark message'); winston, console: log.info('benchmark message', { ...same })",
  sluice: (log) => {
    const event = log.event(REFERENCE_MESSAGE, REFERENCE_SCHEMA);
    let i = 0;
    return () => event.info(i++, 'performance_test', 12345, true);
  },
  ...REFERENCE_OBJECT_CALLS,
  template: referenceTemplateCall,
});
