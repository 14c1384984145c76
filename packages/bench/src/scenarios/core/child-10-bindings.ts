/** A child logger carrying ten bindings: what pre-encoding the bindings at child creation buys per call. */

import { CHILD_BINDINGS } from '../../fixtures/child-bindings.js';
import { runComparison } from '../../harness/comparison.js';

await runComparison({
  name: 'child-10-bindings',
  description: "log.child({ ...10 bindings }).info('hello world'), the child created once",
  sluice: (log) => {
    const child = log.child(CHILD_BINDINGS);
    return () => child.info('hello world');
  },
  pino: (log) => {
    const child = log.child(CHILD_BINDINGS);
    return () => child.info('hello world');
  },
});
