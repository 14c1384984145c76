/** A child logger carrying ten bindings: what pre-encoding the bindings at child creation buys per call. */

import { CHILD_BINDINGS } from '../../fixtures/child-bindings.js';
import { runComparison } from '../../harness/run-comparison.js';

await runComparison({
  name: 'child-10-bindings',
  description: "log.child({ ...10 bindings }).info('hello world'), the child created once (pino's \"child\")",
  sluice: (log) => {
    const child = log.child(CHILD_BINDINGS);
    return () => child.info('hello world');
  },
  pino: (log) => {
    const child = log.child(CHILD_BINDINGS);
    return () => child.info('hello world');
  },
  winston: (log) => {
    const child = log.child(CHILD_BINDINGS);
    return () => child.info('hello world');
  },
  bunyan: (log) => {
    // simple: true is bunyan's fast path for children that only add fields.
    const child = log.child(CHILD_BINDINGS, true);
    return () => child.info('hello world');
  },
  console: (log) => {
    const child = log.child(CHILD_BINDINGS);
    return () => child.info('hello world');
  },
  template: (out) => {
    // Serialised once at "child creation", as pino and sluice do.
    const bound = `${out.base},${JSON.stringify(CHILD_BINDINGS).slice(1, -1)}`;
    return () => out.write(`{"level":30,"time":${Date.now()},${bound},"msg":"hello world"}\n`);
  },
});
