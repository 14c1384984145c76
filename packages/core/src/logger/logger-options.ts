import type { Mixin } from '../context/record-context.js';
import type { FieldSerializer } from '../fields/field-serializer.js';
import type { FormatName, RecordKeys } from '../format/record-format.js';
import type { LevelThreshold } from '../levels/levels.js';
import { optionKeys } from '../option-keys.js';
import type { RedactOptions } from '../redact/redaction.js';
import type { RecordSink } from '../sink/record-sink.js';
import type { DestinationOptions } from '../sink/sonic-destination.js';
import type { WritableLike } from '../sink/stream-sink.js';
import type { Clock, TimestampMode } from '../time/timestamp.js';
import type { ValueLimits } from '../value/value-limits.js';

export interface LoggerOptions<CustomLevel extends string = never> {
  /** Written as `name` on every record. Defaults to none. */
  name?: string;
  /** The lowest level written: a level name (custom ones included), `'silent'`, or a number. Defaults to `'info'`. */
  level?: NoInfer<LevelThreshold<CustomLevel>>;
  /** Extra levels, name to number (`{ audit: 35 }`); each becomes a method. Defaults to none. */
  customLevels?: Readonly<Record<CustomLevel, number>>;
  /** Fields on every record. Defaults to `{ pid, hostname }`; `null` for none. */
  base?: Readonly<Record<string, unknown>> | null;
  /** `'json'` (pino's shape) or `'logfmt'`. Defaults to `'json'`. */
  format?: FormatName;
  /** Defaults to `'epoch'` for JSON and `'iso'` for logfmt. */
  timestamp?: TimestampMode;
  /** Names of the record's own keys. Defaults to `level`, `time`, `msg`, `err`. */
  keys?: Readonly<Partial<RecordKeys>>;
  /**
   * Where records go: a sink from `destination()`, any object with `write(string)` (a Node stream), or
   * options for `destination()`. Defaults to `destination({ dest: 1, sync: true })` (stdout).
   */
  destination?: RecordSink | WritableLike | Readonly<DestinationOptions>;
  /** Values to hide, compiled once here. Defaults to none. */
  redact?: Readonly<RedactOptions> | readonly string[];
  /**
   * Functions applied to top-level fields (and bindings) with these keys before they are written, as in
   * pino: `{ req: (req) => ({ method: req.method, url: req.url }) }`. A serializer that throws leaves a
   * marker in the record. Defaults to none.
   */
  serializers?: Readonly<Record<string, FieldSerializer>>;
  /** Bounds on nested values and string lengths. Defaults to DEFAULT_VALUE_LIMITS. */
  limits?: Readonly<Partial<ValueLimits>>;
  /** The time source. Defaults to the transport's clock, else `Date.now()` per record. */
  clock?: Clock;
  /**
   * A worker-thread sink (`createTransport()` from @sluice/transport): records go to its ring for this
   * thread and take their time from its shared clock. Replaces `destination`.
   */
  transport?: TransportLink;
  /**
   * Fields from the caller's context for every record of the level methods, as pino's `mixin`: called
   * with the call's fields and the level's number; what it returns is written after the bindings (a
   * mixin that throws leaves a `mixin` marker field). Not called for disabled levels or precompiled
   * events. Defaults to none.
   */
  mixin?: Mixin;
  /**
   * `true`: records of the level methods carry `trace_id`, `span_id` and `trace_flags` of the active
   * OpenTelemetry span when `@opentelemetry/api` is installed (nothing outside a span). Defaults to false.
   */
  traceContext?: boolean;
}

/** What a transport gives a logger on one thread: the sink for this thread and the clock it keeps. */
export interface TransportLink {
  readonly sink: RecordSink;
  readonly clock: Clock;
}

/** Per-child options. */
export interface ChildOptions<CustomLevel extends string = never> {
  /** The child's own level. Defaults to the parent's current level. */
  level?: LevelThreshold<CustomLevel>;
  /**
   * Serializers for this child and its descendants, over the parent's (same key: the child's wins), as
   * in pino. They apply to the child's bindings and records. Defaults to the parent's.
   */
  serializers?: Readonly<Record<string, FieldSerializer>>;
}

export const LOGGER_OPTION_KEYS = optionKeys<LoggerOptions<string>>({
  name: true,
  level: true,
  customLevels: true,
  base: true,
  format: true,
  timestamp: true,
  keys: true,
  destination: true,
  redact: true,
  serializers: true,
  limits: true,
  clock: true,
  transport: true,
  mixin: true,
  traceContext: true,
});

export const CHILD_OPTION_KEYS = optionKeys<ChildOptions<string>>({ level: true, serializers: true });
