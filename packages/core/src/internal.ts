/**
 * `@sluice/core/internal`: what @sluice/transport and @sluice/foundation build on: the encoders that
 * write a record with exactly core's rules (JSON strings and numbers, values, UTF-8, markers for what
 * was cut or could not be read, redaction), the deferred-event machinery (a sink that takes events in
 * binary, the replayer that formats them on another thread), the record sinks, and sonic-boom as an ES
 * module (scripts/bundle-sonic-boom.mjs). Not a public API: it may change in any release; applications
 * import from `@sluice/core`.
 */

export { copyBytes } from './buffer/copy-bytes.js';
export { RecordBuffer } from './buffer/record-buffer.js';
export {
  HEX_DIGITS,
  isSurrogate,
  isSurrogatePair,
  writeUnicodeEscape,
  writeUtf8Bmp,
  writeUtf8Pair,
} from './buffer/utf8-encode.js';
export {
  activeSpanIds,
  type OtelApiLike,
  type OtelApiState,
  resolveOtelApi,
} from './context/otel-trace.js';
export { cannotOpenLogFile, describeValue, invalidChoice } from './errors.js';
export { MAX_SHARED_STRINGS, putFloat64Bytes } from './event/binary-args.js';
export {
  type ByteClock,
  type DeferredEventSink,
  isByteClock,
  isDeferredEventSink,
  type SharedStrings,
} from './event/deferred-event-sink.js';
export { decodeEventDescriptor, type EventDescriptor } from './event/event-descriptor.js';
export { EventReplayer } from './event/event-replayer.js';
export type { FieldEntrySink } from './fields/field-entry-sink.js';
export { FieldKeyTrie } from './fields/field-key-trie.js';
export type { FieldClaims, FieldWalker } from './fields/field-walker.js';
export { isOmitted } from './fields/is-omitted.js';
export { LogfmtFormat } from './format/logfmt-format.js';
export { DEFAULT_RECORD_KEYS, type RecordKeys } from './format/record-format.js';
export { JsonFieldSink } from './json/json-field-sink.js';
export { JsonValueWriter } from './json/json-value-writer.js';
export { writeJsonNumber } from './json/write-json-number.js';
export { encodeJsonString, writeJsonString } from './json/write-json-string.js';
export { DEFAULT_LEVELS } from './levels/levels.js';
export { sanitizeLogfmtKey } from './logfmt/write-logfmt-string.js';
export { optionKeys, rejectUnknownKeys } from './option-keys.js';
export { Redaction, type RedactNode } from './redact/redaction.js';
export { isRecordSink } from './sink/record-sink.js';
export { StreamSink } from './sink/stream-sink.js';
export { writeFdSync } from './sink/write-fd-sync.js';
export { writeCivilDate, writeDateTime, writeTimeOfDay } from './time/civil-date.js';
export { isErrorSafe } from './value/is-error-safe.js';
export {
  TRUNCATED_KEYS_KEY,
  truncatedKeysMarker,
  truncatedStringSuffix,
  unserializableMarker,
} from './value/markers.js';
export { safeString } from './value/safe-string.js';
export { DEFAULT_VALUE_LIMITS } from './value/value-limits.js';
export { SonicBoom } from './vendor/sonic-boom.generated.js';
