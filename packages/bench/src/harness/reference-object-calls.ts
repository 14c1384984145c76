import type winston from 'winston';
import { REFERENCE_MESSAGE } from '../fixtures/reference-record.js';
import type { BunyanLogger, JsonConsole } from './competitors.js';
import type { PinoLogger } from './sinks.js';

/**
 * The reference record through the other loggers' object APIs, a fresh object literal per call: the
 * calls seed-event and seed-object both measure them by. One function per logger, so each call site's
 * type feedback sees one logger only, as it would in a scenario file.
 */
export const REFERENCE_OBJECT_CALLS = {
  pino: (log: PinoLogger) => {
    let i = 0;
    return () =>
      log.info(
        { iteration: i++, batch: 'performance_test', user_id: 12345, success: true },
        REFERENCE_MESSAGE,
      );
  },
  winston: (log: winston.Logger) => {
    let i = 0;
    return () =>
      log.info(REFERENCE_MESSAGE, {
        iteration: i++,
        batch: 'performance_test',
        user_id: 12345,
        success: true,
      });
  },
  bunyan: (log: BunyanLogger) => {
    let i = 0;
    return () =>
      log.info(
        { iteration: i++, batch: 'performance_test', user_id: 12345, success: true },
        REFERENCE_MESSAGE,
      );
  },
  console: (log: JsonConsole) => {
    let i = 0;
    return () =>
      log.info(REFERENCE_MESSAGE, {
        iteration: i++,
        batch: 'performance_test',
        user_id: 12345,
        success: true,
      });
  },
} as const;
