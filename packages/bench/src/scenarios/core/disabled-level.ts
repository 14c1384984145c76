/**
 * A call below the logger's level: what filtering costs when it is all a call does. Each logger's
 * level is set to debug and back to info before the call is measured, as an application that changes
 * its level at run time does: a level fixed since creation lets the compiler remove the whole call (a
 * method that is always the same no-op is inlined to nothing), and the row would time an empty loop.
 */

import { LEVEL } from '../../harness/competitors.js';
import { runComparison } from '../../harness/run-comparison.js';

/** Sets `level` to debug and back, through whatever setter the logger has. */
function toggle(setLevel: (level: 'debug' | 'info') => void): void {
  setLevel('debug');
  setLevel('info');
}

await runComparison({
  name: 'disabled-level',
  description: "log.debug('hello world') at level info, the level changed at run time before",
  level: 'info',
  recordsPerCall: 0,
  sluice: (log) => {
    toggle((level) => {
      log.level = level;
    });
    return () => log.debug('hello world');
  },
  pino: (log) => {
    toggle((level) => {
      log.level = level;
    });
    return () => log.debug('hello world');
  },
  winston: (log) => {
    toggle((level) => {
      log.level = level;
    });
    return () => log.debug('hello world');
  },
  bunyan: (log) => {
    toggle((level) => log.level(level));
    return () => log.debug('hello world');
  },
  console: (log) => () => log.debug('hello world'),
  template: (out) => () => {
    if (LEVEL.debug >= out.minLevel) {
      out.write(`{"level":20,"time":${Date.now()},${out.base},"msg":"hello world"}\n`);
    }
  },
});
