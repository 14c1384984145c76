/** pino's "child-creation": a new child per call, then one record through it. */
import { runComparison } from '../../harness/run-comparison.js';

await runComparison({
  name: 'child-creation',
  description: "log.child({ a: 'property' }).info('hello world'), a new child every call",
  sluice: (log) => () => log.child({ a: 'property' }).info('hello world'),
  pino: (log) => () => log.child({ a: 'property' }).info('hello world'),
  winston: (log) => () => log.child({ a: 'property' }).info('hello world'),
  bunyan: (log) => () => log.child({ a: 'property' }, true).info('hello world'),
  console: (log) => () => log.child({ a: 'property' }).info('hello world'),
  // The floor of a child: serialising its bindings, every call, since each call makes a new one.
  template: (out) => () => {
    const bound = `${out.base},${JSON.stringify({ a: 'property' }).slice(1, -1)}`;
    out.write(`{"level":30,"time":${Date.now()},${bound},"msg":"hello world"}\n`);
  },
});
