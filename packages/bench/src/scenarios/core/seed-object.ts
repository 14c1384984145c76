/**
 * seed-object (named after provide.foundation's benchmark page, whose record it logs): the reference
 * record through each logger's object API, a fresh object literal per call (pino's "object").
 */

import { REFERENCE_MESSAGE } from '../../fixtures/reference-record.js';
import { REFERENCE_OBJECT_CALLS } from '../../harness/reference-object-calls.js';
import { referenceTemplateCall } from '../../harness/reference-template.js';
import { runComparison } from '../../harness/run-comparison.js';

await runComparison({
  name: 'seed-object',
  description:
    "sluice, winston, console: log.info('benchmark message', { iteration: i, batch: 'performance_test', user_id: 12345, success: true }); pino, bunyan: log.info({ ...same }, 'benchmark message')",
  sluice: (log) => {
    let i = 0;
    return () =>
      log.info(REFERENCE_MESSAGE, {
        iteration: i++,
        batch: 'performance_test',
        user_id: 12345,
        success: true,
      });
  },
  ...REFERENCE_OBJECT_CALLS,
  template: referenceTemplateCall,
});
