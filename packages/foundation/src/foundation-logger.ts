import { isErrorSafe, safeString, unserializableMarker } from '@sluice/core/internal';
import {
  LEVEL_COUNT,
  LEVEL_CRITICAL,
  LEVEL_DEBUG,
  LEVEL_ERROR,
  LEVEL_INFO,
  LEVEL_TRACE,
  LEVEL_WARNING,
  levelIndexOf,
  parseLevelName,
} from './foundation-levels.js';
import type { LoggerEncoding } from './foundation-line-format.js';
import type { LoggerStats, StatsCounters } from './logging-stats.js';
import type { LoggerAdmission } from './record-admission.js';
import { mergeFields } from './record-fields.js';
import type { LevelInput } from './telemetry-config.js';
import type { RecordSource, TelemetryPipeline } from './telemetry-pipeline.js';
import { telemetryRuntime } from './telemetry-runtime.js';

/** A record's fields: `logger.info('User login', { user_id: 7 })`. */
export type LogFields = Readonly<Record<string, unknown>>;

/** One log method: a message and, optionally, fields. */
export type FoundationLogFn = (message: string, fields?: LogFields) => void;

/** What getLogger returns: provide.foundation's logger methods, camelCase. */
export interface FoundationLogger {
  readonly name: string;
  trace: FoundationLogFn;
  debug: FoundationLogFn;
  info: FoundationLogFn;
  warning: FoundationLogFn;
  /** Alias of warning. */
  warn: FoundationLogFn;
  error: FoundationLogFn;
  critical: FoundationLogFn;
  /** Alias of critical. */
  fatal: FoundationLogFn;
  /**
   * Logs at error with a stack under `exception`: the stack of `error` when one is passed, else the
   * stack of this call (JavaScript has no "exception being handled" to take it from).
   */
  exception(message: string, error?: unknown, fields?: LogFields): void;
  /** A logger with the same name (and level, counters, limits) whose records carry `fields`. */
  bind(fields: LogFields): FoundationLogger;
  /** Whether a record at `level` would be written under the current setup. */
  isEnabledFor(level: LevelInput): boolean;
  /** This logger name's counts since the current setup (bound children included). */
  stats(): LoggerStats & { readonly name: string };
}

function noop(): void {}

/**
 * The logger behind getLogger. Its level methods are own properties swapped whenever the setup changes:
 * the real method for a level its name lets through, a shared no-op for the others. A filtered call is
 * one empty call, exactly what a disabled level costs in core; the threshold is never checked per call.
 */
export class SluiceFoundationLogger implements FoundationLogger, RecordSource {
  trace: FoundationLogFn = noop;
  debug: FoundationLogFn = noop;
  info: FoundationLogFn = noop;
  warning: FoundationLogFn = noop;
  warn: FoundationLogFn = noop;
  error: FoundationLogFn = noop;
  critical: FoundationLogFn = noop;
  fatal: FoundationLogFn = noop;
  exception: (message: string, error?: unknown, fields?: LogFields) => void = noop;

  encoding!: LoggerEncoding;
  admission: LoggerAdmission | null = null;
  private pipeline!: TelemetryPipeline;
  /** The first level index written; LEVEL_COUNT writes none. */
  private threshold = LEVEL_COUNT;

  constructor(
    readonly name: string,
    readonly bound: object | null,
    readonly counters: StatsCounters,
    private readonly root: boolean,
    pipeline: TelemetryPipeline,
  ) {
    this.configure(pipeline);
  }

  /** Applies a setup: threshold (module levels, cached per name), encoding, limits, methods. */
  configure(pipeline: TelemetryPipeline): void {
    this.pipeline = pipeline;
    this.threshold = pipeline.disabled ? LEVEL_COUNT : pipeline.moduleLevels.thresholdFor(this.name);
    this.encoding = pipeline.format.encodeLogger(this.name);
    this.admission = pipeline.admission === null ? null : pipeline.admission.forLogger(this.name);
    // Counts are per setup; bound children share the root's counters, reset once by the root.
    if (this.root) this.counters.reset();
    const t = this.threshold;
    this.trace = t <= LEVEL_TRACE ? this.method(LEVEL_TRACE) : noop;
    this.debug = t <= LEVEL_DEBUG ? this.method(LEVEL_DEBUG) : noop;
    this.info = t <= LEVEL_INFO ? this.method(LEVEL_INFO) : noop;
    this.warning = t <= LEVEL_WARNING ? this.method(LEVEL_WARNING) : noop;
    this.warn = this.warning;
    this.error = t <= LEVEL_ERROR ? this.method(LEVEL_ERROR) : noop;
    this.critical = t <= LEVEL_CRITICAL ? this.method(LEVEL_CRITICAL) : noop;
    this.fatal = this.critical;
    this.exception = t <= LEVEL_ERROR ? this.exceptionMethod() : noop;
  }

  bind(fields: LogFields): FoundationLogger {
    if (typeof fields !== 'object' || fields === null) {
      throw new TypeError('bind(fields) takes an object of fields');
    }
    const bound: Record<string, unknown> = {};
    if (this.bound !== null) mergeFields(bound, this.bound);
    mergeFields(bound, fields);
    const child = new SluiceFoundationLogger(this.name, bound, this.counters, false, this.pipeline);
    telemetryRuntime.boundLoggers.add(new WeakRef(child));
    return child;
  }

  isEnabledFor(level: LevelInput): boolean {
    return levelIndexOf(parseLevelName(level, 'level')) >= this.threshold;
  }

  stats(): LoggerStats & { readonly name: string } {
    return { name: this.name, ...this.counters.snapshot() };
  }

  private method(levelIndex: number): FoundationLogFn {
    const logger = this;
    return function log(message: string, fields?: LogFields): void {
      logger.emit(levelIndex, message, fields);
    };
  }

  private exceptionMethod(): (message: string, error?: unknown, fields?: LogFields) => void {
    const logger = this;
    return function exception(message: string, error?: unknown, fields?: LogFields): void {
      let extra: unknown = fields;
      let stack: string;
      if (isErrorSafe(error)) {
        stack = stackOf(error);
      } else {
        // exception(msg, fields): no error given, so the stack of this call.
        if (fields === undefined && typeof error === 'object' && error !== null) extra = error;
        const here = { stack: '' };
        Error.captureStackTrace(here, exception);
        stack = `Stack of the exception() call${here.stack.slice(here.stack.indexOf('\n'))}`;
      }
      const merged: Record<string, unknown> = {};
      if (typeof extra === 'object' && extra !== null) mergeFields(merged, extra);
      merged.exception = stack;
      logger.emit(LEVEL_ERROR, message, merged);
    };
  }

  private emit(levelIndex: number, message: unknown, fields: unknown): void {
    const pipeline = this.pipeline;
    const text = typeof message === 'string' ? message : safeString(message);
    if (pipeline.admission !== null && !pipeline.admit(this, text)) return;
    pipeline.write(this, levelIndex, text, fieldsObject(fields));
  }
}

/** The stack of an error as a string, never throwing. */
export function stackOf(error: unknown): string {
  try {
    const stack = (error as Error).stack;
    if (typeof stack === 'string' && stack.length > 0) return stack;
    return `${(error as Error).name}: ${(error as Error).message}`;
  } catch (failure) {
    return unserializableMarker(failure);
  }
}

/** `info(msg, err)` puts the error under `error`; a primitive goes under `value`. */
function fieldsObject(fields: unknown): object | null {
  if (fields === undefined || fields === null) return null;
  if (typeof fields === 'object') return isErrorSafe(fields) ? { error: fields } : fields;
  return { value: fields };
}
