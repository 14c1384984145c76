/** pino's "child-child": a child of a child, both created once, then a constant message. */
import { runComparison } from '../../harness/run-comparison.js';

await runComparison({
  name: 'child-child',
  description:
    "log.child({ a: 'property' }).child({ sub: 'child' }).info('hello world'), the children created once",
  sluice: (log) => {
    const child = log.child({ a: 'property' }).child({ sub: 'child' });
    return () => child.info('hello world');
  },
  pino: (log) => {
    const child = log.child({ a: 'property' }).child({ sub: 'child' });
    return () => child.info('hello world');
  },
  winston: (log) => {
    const child = log.child({ a: 'property' }).child({ sub: 'child' });
    return () => child.info('hello world');
  },
  bunyan: (log) => {
    const child = log.child({ a: 'property' }, true).child({ sub: 'child' }, true);
    return () => child.info('hello world');
  },
  console: (log) => {
    const child = log.child({ a: 'property' }).child({ sub: 'child' });
    return () => child.info('hello world');
  },
  template: (out) => {
    const bound = `${out.base},${JSON.stringify({ a: 'property' }).slice(1, -1)},${JSON.stringify({ sub: 'child' }).slice(1, -1)}`;
    return () => out.write(`{"level":30,"time":${Date.now()},${bound},"msg":"hello world"}\n`);
  },
});
