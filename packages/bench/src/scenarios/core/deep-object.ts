/** A fixed five-level nested object: the general value writer on arrays, nesting and mixed types. */

import { DEEP_OBJECT } from '../../fixtures/deep-object.js';
import { runComparison } from '../../harness/run-comparison.js';

await runComparison({
  name: 'deep-object',
  description:
    "sluice, winston, console: log.info('deep object', DEEP_OBJECT); pino, bunyan: log.info(DEEP_OBJECT, 'deep object')",
  sluice: (log) => () => log.info('deep object', DEEP_OBJECT),
  pino: (log) => () => log.info(DEEP_OBJECT, 'deep object'),
  winston: (log) => () => log.info('deep object', DEEP_OBJECT),
  bunyan: (log) => () => log.info(DEEP_OBJECT, 'deep object'),
  console: (log) => () => log.info('deep object', DEEP_OBJECT),
  // The keys are written by hand; the caller's values go through JSON.stringify.
  template: (out) => () => {
    const { request, user, order, timing } = DEEP_OBJECT;
    out.write(
      `{"level":30,"time":${Date.now()},${out.base},"request":${JSON.stringify(request)},"user":${JSON.stringify(user)},"order":${JSON.stringify(order)},"timing":${JSON.stringify(timing)},"msg":"deep object"}\n`,
    );
  },
});
