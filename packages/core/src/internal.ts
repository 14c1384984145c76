/**
 * `@sluice/core/internal`: what @sluice/transport builds on: the encoders its sink worker reuses to
 * re-render a parsed record in another format (logfmt, foundation key_value) with exactly core's rules,
 * the deferred-event machinery (a sink that takes events in binary, the replayer that formats them on
 * another thread), and sonic-boom as an ES module (scripts/bundle-sonic-boom.mjs). Not a public API: it
 * may change in any release; applications import from `@sluice/core`.
 */

export { RecordBuffer } from './buffer/record-buffer.js';
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
export { LogfmtFormat } from './format/logfmt-format.js';
export { DEFAULT_RECORD_KEYS, type RecordKeys } from './format/record-format.js';
export { KeyValueLine } from './foundation/key-value-line.js';
export { JsonValueWriter } from './json/json-value-writer.js';
export { DEFAULT_LEVELS } from './levels/levels.js';
export { optionKeys, rejectUnknownKeys } from './option-keys.js';
export { DEFAULT_VALUE_LIMITS } from './value/value-limits.js';
export { SonicBoom } from './vendor/sonic-boom.generated.js';
