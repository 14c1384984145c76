/**
 * @sluice/core: a structured logger whose hot path writes bytes straight into pooled buffers.
 *
 * The public surface is what is exported here; everything else is internal.
 */

export { RECORD_ABANDONED, RecordBuffer } from './buffer/record-buffer.js';
export type { Mixin } from './context/record-context.js';
export { SluiceConfigError, SluiceError, type SluiceErrorCode } from './errors.js';
export type { LogEvent } from './event/compile-event.js';
export type { EventSchema, FieldType, JsonSchemaField, SchemaArgs } from './event/event-schema.js';
export { DEFAULT_RECORD_KEYS, type FormatName, type RecordKeys } from './format/record-format.js';
export {
  DEFAULT_LEVELS,
  type DefaultLevelName,
  type LevelName,
  type LevelThreshold,
} from './levels/levels.js';
export { createLogger, type LogFn, type Logger, type LoggerApi } from './logger/logger.js';
export type { ChildOptions, LoggerOptions, TransportLink } from './logger/logger-options.js';
export { DEFAULT_CENSOR, type RedactOptions } from './redact/redaction.js';
export { NullSink } from './sink/null-sink.js';
export type { RecordSink } from './sink/record-sink.js';
export { type DestinationOptions, destination, SonicDestination } from './sink/sonic-destination.js';
export type { WritableLike } from './sink/stream-sink.js';
export type { Clock, TimestampMode } from './time/timestamp.js';
export { DEFAULT_VALUE_LIMITS, type ValueLimits } from './value/value-limits.js';
