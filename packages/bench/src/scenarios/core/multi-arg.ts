/** pino's "multi-arg": a printf-style message with a string, an object and a number. */
import { format } from 'node:util';
import { runComparison } from '../../harness/run-comparison.js';

const OBJ = { obj: true } as const;

await runComparison({
  name: 'multi-arg',
  description: "log.info('hello %s %j %d', 'world', { obj: true }, 4) (console: util.format of the same)",
  sluice: (log) => () => log.info('hello %s %j %d', 'world', OBJ, 4),
  pino: (log) => () => log.info('hello %s %j %d', 'world', OBJ, 4),
  winston: (log) => () => log.info('hello %s %j %d', 'world', OBJ, 4),
  bunyan: (log) => () => log.info('hello %s %j %d', 'world', OBJ, 4),
  console: (log) => () => log.info(format('hello %s %j %d', 'world', OBJ, 4)),
  template: (out) => {
    const say = (s: string, o: object, d: number) =>
      out.write(
        `{"level":30,"time":${Date.now()},${out.base},"msg":${JSON.stringify(`hello ${s} ${JSON.stringify(o)} ${d}`)}}\n`,
      );
    return () => say('world', OBJ, 4);
  },
});
