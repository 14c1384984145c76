import { createLogger, type FormatName, NullSink, SluiceConfigError } from '@sluice/core';
import { rejectUnknownKeys } from '@sluice/core/internal';
import type { RecordShape } from './layout/record-shape.js';
import { isPowerOfTwo, MIN_RING_BYTES } from './layout/ring-layout.js';
import { validatePolicy } from './ring/full-policy.js';
import type { ProducerOptions } from './ring/ring-producer.js';
import {
  resolveDestination,
  resolveLevel,
  resolveTargets,
  type TargetConfig,
  withPathOptions,
} from './target/target-options.js';
import {
  DEFAULT_TRANSPORT_OPTIONS,
  TRANSPORT_OPTION_KEYS,
  type TransportOptions,
} from './transport-options.js';

/** createTransport's options checked, with every default resolved. */
export interface ResolvedTransportOptions {
  onError: TransportOptions['onError'];
  ringBytes: number;
  producer: ProducerOptions & { exitTimeoutMs: number };
  /** The shape of the transport's own records (drop reports). */
  shape: RecordShape;
  targets: TargetConfig[];
  reopenOn: NodeJS.Signals[];
  /** Logging threads may write their own records out (see TransportOptions.callerWrites). */
  callerWrites: boolean;
}

/** Checks createTransport's options on the caller's thread: every bad value throws SluiceConfigError. */
export function resolveTransportOptions(options: Readonly<TransportOptions>): ResolvedTransportOptions {
  rejectUnknownKeys(options, TRANSPORT_OPTION_KEYS, 'createTransport options');
  if (options.onError !== undefined && typeof options.onError !== 'function') {
    throw new SluiceConfigError(
      `Invalid onError: ${JSON.stringify(options.onError)}. Use a function (error) => void.`,
    );
  }
  const ringBytes = validateRingBytes(options.ringBytes ?? DEFAULT_TRANSPORT_OPTIONS.ringBytes);
  const policy = validatePolicy(options.policy ?? DEFAULT_TRANSPORT_OPTIONS.policy);
  const producer = {
    policy,
    shedBelow: resolveShedLevel(options.shedBelow ?? DEFAULT_TRANSPORT_OPTIONS.shedBelow),
    stallTimeoutMs: positive(
      'stallTimeoutMs',
      options.stallTimeoutMs ?? DEFAULT_TRANSPORT_OPTIONS.stallTimeoutMs,
    ),
    blockTimeoutMs: positive(
      'blockTimeoutMs',
      options.blockTimeoutMs ?? DEFAULT_TRANSPORT_OPTIONS.blockTimeoutMs,
    ),
    exitTimeoutMs: positive(
      'exitTimeoutMs',
      options.exitTimeoutMs ?? DEFAULT_TRANSPORT_OPTIONS.exitTimeoutMs,
    ),
  };
  const shape: RecordShape = {
    format: options.format ?? 'json',
    timestamp: options.timestamp ?? (options.format === 'logfmt' ? 'iso' : 'epoch'),
    keys: { ...options.keys },
    base: options.base === undefined ? undefined : options.base === null ? null : { ...options.base },
    name: options.name,
  };
  // The worker builds a logger of this shape for its own records: check it here, with core's
  // messages, rather than in a worker that would die on start and be restarted forever.
  createLogger({ ...shape, destination: new NullSink() });
  const targets = resolveTransportTargets(options, shape.format);
  const reopenOn = resolveReopenSignals(options.reopenOn);
  const callerWrites = options.callerWrites ?? DEFAULT_TRANSPORT_OPTIONS.callerWrites;
  if (typeof callerWrites !== 'boolean') {
    throw new SluiceConfigError(`Invalid callerWrites: ${JSON.stringify(callerWrites)}. Use true or false.`);
  }
  return { onError: options.onError, ringBytes, producer, shape, targets, reopenOn, callerWrites };
}

function validateRingBytes(bytes: number): number {
  // At most 1 GiB: ring positions are compared as signed 32-bit differences.
  if (!isPowerOfTwo(bytes) || bytes < MIN_RING_BYTES || bytes > MAX_RING_BYTES) {
    throw new SluiceConfigError(
      `Invalid ringBytes: ${typeof bytes === 'number' ? bytes : JSON.stringify(bytes)}. Use a power of two from ${MIN_RING_BYTES} (64 KiB) to ${MAX_RING_BYTES} (1 GiB).`,
    );
  }
  return bytes;
}

function positive(name: string, value: number): number {
  if (typeof value !== 'number' || !(value > 0)) {
    const shown = typeof value === 'number' ? value : JSON.stringify(value);
    throw new SluiceConfigError(`Invalid ${name}: ${shown}. Use a positive number of milliseconds.`);
  }
  return value;
}

function resolveShedLevel(level: string | number): number {
  return resolveLevel('shedBelow', level);
}

/** `targets`, or the one-target shorthand `dest` (+ `mkdir`, `append`): every level, the ring's format. */
function resolveTransportTargets(options: Readonly<TransportOptions>, format: FormatName): TargetConfig[] {
  if (options.targets !== undefined) {
    const shorthand = (['dest', 'mkdir', 'append'] as const).filter((key) => options[key] !== undefined);
    if (shorthand.length > 0) {
      throw new SluiceConfigError(
        `Invalid options: ${shorthand.join(', ')} together with targets. Use targets alone (each target has its own dest), or dest alone for one target.`,
      );
    }
    return resolveTargets(options.targets, format, options.keys);
  }
  const dest = withPathOptions(resolveDestination(options.dest ?? 1, 'dest'), options, '');
  return [{ dest, level: 0, format }];
}

const REOPEN_SIGNALS: readonly NodeJS.Signals[] = ['SIGHUP', 'SIGUSR2'];

function resolveReopenSignals(signals: TransportOptions['reopenOn']): NodeJS.Signals[] {
  if (signals === undefined) return [];
  if (!Array.isArray(signals)) {
    throw new SluiceConfigError(
      `Invalid reopenOn: ${JSON.stringify(signals)}. Use an array of signal names: "SIGHUP", "SIGUSR2".`,
    );
  }
  for (const signal of signals) {
    if (!REOPEN_SIGNALS.includes(signal)) {
      throw new SluiceConfigError(
        `Invalid reopenOn signal: ${JSON.stringify(signal)}. Valid choices: "SIGHUP", "SIGUSR2".`,
      );
    }
  }
  return [...new Set(signals)];
}

const MAX_RING_BYTES = 1024 * 1024 * 1024;
