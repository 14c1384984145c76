/**
 * `@sluice/foundation/internal`: what @sluice/transport builds on: the key_value line writer its sink
 * worker uses to re-render a parsed record as foundation key_value, byte for byte as this package
 * writes it. Not a public API: it may change in any release; applications import from
 * `@sluice/foundation`.
 */

export { KeyValueLine } from './key-value-line.js';
