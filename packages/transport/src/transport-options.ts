import type { FormatName, RecordKeys, TimestampMode } from '@sluice/core';
import { optionKeys } from '@sluice/core/internal';
import type { DestinationError } from './destination/destination-error.js';
import type { FullPolicy } from './ring/full-policy.js';
import type { DestinationOption, TargetOptions } from './target/target-options.js';

export interface TransportOptions {
  /**
   * The one-target shorthand: a file descriptor (1 stdout, 2 stderr), a file path, or a destination
   * object (`{ type: 'file', ... }`, `{ type: 'rotating-file', ... }`), every level, in `format`.
   * Defaults to 1. Not together with `targets`.
   */
  dest?: DestinationOption;
  /** With a `dest` path: create its missing parent directories. Defaults to false. */
  mkdir?: boolean;
  /** With a `dest` path: append to an existing file instead of truncating it. Defaults to true. */
  append?: boolean;
  /**
   * Several destinations, each with its own minimum level and format:
   * `[{ dest: 1, format: 'pretty' }, { dest: '/var/log/app.log', level: 'warn' }]`.
   */
  targets?: readonly TargetOptions[];
  /**
   * Signals that make every file target re-open its path (after logrotate moved the file), e.g.
   * `['SIGHUP']`. Listeners are installed on this thread only when asked. Defaults to none.
   */
  reopenOn?: readonly ('SIGHUP' | 'SIGUSR2')[];
  /**
   * Below burst rates, a thread that logs writes its own records out, one write per 10 ms of them,
   * while the sink worker sleeps: a worker woken for a few records at a time costs far more CPU than
   * the write. Only for one target that takes every level in the transport's format and never makes a
   * write wait (a file, /dev/null); bursts, pipes, terminals, sockets and every other set-up are the
   * worker's. False: the worker writes everything. Defaults to true.
   */
  callerWrites?: boolean;
  /** Bytes of ring per producer thread, a power of two of at least 64 KiB. Defaults to 4 MiB. */
  ringBytes?: number;
  /** What a producer does when its ring is full. Defaults to `'block'`. */
  policy?: FullPolicy;
  /** With `policy: 'shed'`: the lowest level that waits rather than drops. Defaults to `'warn'`. */
  shedBelow?: string | number;
  /**
   * How long a producer waiting on the worker tolerates no heartbeat from it before writing its ring
   * out itself. Defaults to 2000 ms.
   */
  stallTimeoutMs?: number;
  /**
   * The longest a log call waits for room in a full ring (under `block`, for records `shed` keeps, for
   * fatal records), and `flushSync()` for the sink: then the record is dropped, counted under its level
   * and reported like any drop. Defaults to 5000 ms.
   */
  blockTimeoutMs?: number;
  /** How long draining at process exit may take before giving up. Defaults to 10000 ms. */
  exitTimeoutMs?: number;
  /**
   * Called on this thread when a target's writes fail: once per target and episode, and once more if
   * it is gone for good (`error.final`: a closed pipe, a bad descriptor; its records are then dropped
   * and counted). Without it, each is reported once as a process warning.
   */
  onError?: (error: DestinationError) => void;
  /** Shape of the transport's own records (drop reports); match your loggers. Defaults to JSON. */
  format?: FormatName;
  timestamp?: TimestampMode;
  keys?: Readonly<Partial<RecordKeys>>;
  /** Base fields of the transport's own records. Defaults to `{ pid, hostname }`. */
  base?: Readonly<Record<string, unknown>> | null;
  name?: string;
}

export const DEFAULT_TRANSPORT_OPTIONS = Object.freeze({
  ringBytes: 4 * 1024 * 1024,
  policy: 'block' as FullPolicy,
  shedBelow: 'warn',
  stallTimeoutMs: 2000,
  blockTimeoutMs: 5000,
  exitTimeoutMs: 10_000,
  callerWrites: true,
});

export const TRANSPORT_OPTION_KEYS = optionKeys<TransportOptions>({
  dest: true,
  mkdir: true,
  append: true,
  targets: true,
  reopenOn: true,
  ringBytes: true,
  policy: true,
  shedBelow: true,
  stallTimeoutMs: true,
  blockTimeoutMs: true,
  exitTimeoutMs: true,
  callerWrites: true,
  onError: true,
  format: true,
  timestamp: true,
  keys: true,
  base: true,
  name: true,
});
