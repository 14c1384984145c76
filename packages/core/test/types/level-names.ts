/**
 * Compile-time checks, compiled with the tests (tsconfig.test.json includes test/): each
 * `@ts-expect-error` line must be an error, so a type that loosens again fails the compile, and with it
 * `pnpm test`. Nothing here runs.
 */
import {
  type ChildOptions,
  createLogger,
  type LevelName,
  type Logger,
  type LoggerOptions,
} from '../../dist/esm/index.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;

export type DefaultNames = Expect<Equal<LevelName, 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal'>>;
export type WithCustom = Expect<Equal<LevelName<'audit'>, LevelName | 'audit'>>;

export function levelOptions(): void {
  createLogger({ level: 'debug' });
  createLogger({ level: 'silent' });
  createLogger({ level: 25 });
  // @ts-expect-error: not a level name
  createLogger({ level: 'verbose' });
  // A custom level is a level name of its logger, and only of its logger.
  createLogger({ customLevels: { audit: 35 }, level: 'audit' });
  // @ts-expect-error: a level option does not declare a custom level
  createLogger({ customLevels: { audit: 35 }, level: 'notice' });
  const options: LoggerOptions = { level: 'warn' };
  // @ts-expect-error: not a level name
  options.level = 'warning';
}

export function loggerLevel(log: Logger, audited: Logger<'audit'>): void {
  log.level = 'error';
  log.level = 'silent';
  log.level = 45;
  // @ts-expect-error: not a level name
  log.level = 'verbose';
  audited.level = 'audit';
  // @ts-expect-error: audit is not a level of this logger
  log.level = 'audit';
  const current: LevelName | 'silent' | `${number}` = log.level;
  void current;
}

export function isLevelEnabled(log: Logger, audited: Logger<'audit'>): void {
  log.isLevelEnabled('trace');
  log.isLevelEnabled(35);
  audited.isLevelEnabled('audit');
  // @ts-expect-error: not a level name
  log.isLevelEnabled('verbose');
  // @ts-expect-error: audit is not a level of this logger
  log.isLevelEnabled('audit');
}

export function childOptions(log: Logger, audited: Logger<'audit'>): void {
  log.child({}, { level: 'debug' });
  audited.child({}, { level: 'audit' });
  // @ts-expect-error: not a level name
  log.child({}, { level: 'verbose' });
  // @ts-expect-error: audit is not a level of this logger
  log.child({}, { level: 'audit' });
  const options: ChildOptions<'audit'> = { level: 'audit' };
  audited.child({}, options);
}
