import type { FoundationLogger, LogFields } from './foundation-logger.js';
import { stackOf } from './foundation-logger.js';
import { mergeFields } from './record-fields.js';

/** The mutable object a timed block's function receives: what it puts here joins the completion record. */
export type TimedBlockContext = Record<string, unknown>;

/**
 * provide.foundation's `timed_block`, for a sync or async function:
 *
 * - before: debug `"<name> started"` with `fields`;
 * - on success: info `"<name> completed"` with `fields`, then the entries `fn` put in `ctx`, then
 *   `duration_seconds` and `outcome: 'success'`;
 * - on failure: error `"<name> failed"` with the same, `outcome: 'error'`, `error.message`, `error.type`
 *   (the class name) and the stack under `exception`; then the error is rethrown.
 *
 * Later sources win on the same key (fields < ctx < the block's own keys). Returns `fn`'s result: for an
 * async `fn`, a Promise that settles after the completion or failure record is written.
 *
 * `duration_seconds` is measured with the monotonic clock (`process.hrtime.bigint()`, nanoseconds) and
 * written in seconds rounded to the microsecond (`0.000123`), so a block shorter than a millisecond
 * still shows how long it took.
 */
export function timedBlock<T>(
  logger: FoundationLogger,
  name: string,
  fn: (ctx: TimedBlockContext) => T,
  fields?: LogFields,
): T {
  const ctx: TimedBlockContext = {};
  logger.debug(`${name} started`, fields);
  const start = process.hrtime.bigint();
  let result: T;
  try {
    result = fn(ctx);
  } catch (error) {
    logFailure(logger, name, fields, ctx, start, error);
    throw error;
  }
  if (isPromiseLike(result)) {
    return result.then(
      (value) => {
        logSuccess(logger, name, fields, ctx, start);
        return value;
      },
      (error: unknown) => {
        logFailure(logger, name, fields, ctx, start, error);
        throw error;
      },
    ) as T;
  }
  logSuccess(logger, name, fields, ctx, start);
  return result;
}

function logSuccess(
  logger: FoundationLogger,
  name: string,
  fields: LogFields | undefined,
  ctx: TimedBlockContext,
  start: bigint,
): void {
  const record = blockFields(fields, ctx, start);
  record.outcome = 'success';
  logger.info(`${name} completed`, record);
}

function logFailure(
  logger: FoundationLogger,
  name: string,
  fields: LogFields | undefined,
  ctx: TimedBlockContext,
  start: bigint,
  error: unknown,
): void {
  const record = blockFields(fields, ctx, start);
  record.outcome = 'error';
  record['error.message'] = errorMessage(error);
  record['error.type'] = errorType(error);
  record.exception = error instanceof Error ? stackOf(error) : String(record['error.message']);
  logger.error(`${name} failed`, record);
}

function blockFields(
  fields: LogFields | undefined,
  ctx: TimedBlockContext,
  start: bigint,
): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  if (fields !== undefined && fields !== null) mergeFields(record, fields);
  mergeFields(record, ctx);
  record.duration_seconds = secondsSince(start);
  return record;
}

/** Seconds elapsed since `start` (hrtime nanoseconds), to the microsecond. */
function secondsSince(start: bigint): number {
  const micros = Number((process.hrtime.bigint() - start + 500n) / 1000n);
  return micros / 1_000_000;
}

function errorMessage(error: unknown): string {
  try {
    return error instanceof Error ? String(error.message) : String(error);
  } catch {
    return '[unprintable error]';
  }
}

/** The class name (`TypeError`, `ValidationError`); for a thrown non-Error, its typeof. */
function errorType(error: unknown): string {
  try {
    if (typeof error === 'object' && error !== null) {
      const name = (error as { constructor?: { name?: unknown } }).constructor?.name;
      if (typeof name === 'string' && name.length > 0) return name;
    }
  } catch {
    // A hostile constructor getter: fall through.
  }
  return error === null ? 'null' : typeof error;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as PromiseLike<unknown>).then === 'function'
  );
}
