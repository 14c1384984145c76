/**
 * `@sluice/core/internal`: the encoders @sluice/transport's sink worker reuses to re-render a parsed
 * record in another format (logfmt, foundation key_value) with exactly core's rules. Not a public API:
 * it may change in any release; applications import from `@sluice/core`.
 */

export { RecordBuffer } from './buffer/record-buffer.js';
export { describeValue, invalidChoice } from './errors.js';
export { LogfmtFormat } from './format/logfmt-format.js';
export { DEFAULT_RECORD_KEYS, type RecordKeys } from './format/record-format.js';
export { KeyValueLine } from './foundation/key-value-line.js';
export { JsonValueWriter } from './json/json-value-writer.js';
export { DEFAULT_LEVELS } from './levels/levels.js';
export { DEFAULT_VALUE_LIMITS } from './value/value-limits.js';
