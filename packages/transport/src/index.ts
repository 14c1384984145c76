/**
 * @sluice/transport: a worker-thread sink. Producers write records into a per-thread ring in shared
 * memory; one sink worker drains every ring and writes. See DESIGN.md in this package.
 */

export type { DestinationError } from './destination/destination-error.js';
export type { OtlpProtocol, OtlpTargetOptions } from './destination/otlp/otlp-options.js';
export type { TargetStats, TransportStats } from './layout/transport-stats.js';
export type { FullPolicy } from './ring/full-policy.js';
export type {
  DestinationOption,
  FdDestinationOptions,
  FileDestinationOptions,
  RotatingFileOptions,
  TargetFormat,
  TargetOptions,
} from './target/target-options.js';
export { createTransport, type Transport } from './transport.js';
export { attachTransport, type TransportHandle } from './transport-handle.js';
export type { TransportOptions } from './transport-options.js';
