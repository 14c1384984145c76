import {
  DEFAULT_LEVELS,
  DEFAULT_RECORD_KEYS,
  type FormatName,
  type RecordKeys,
  SluiceConfigError,
} from '@sluice/core';
import { describeValue, invalidChoice, optionKeys, rejectUnknownKeys } from '@sluice/core/internal';
import {
  type OtlpOptions,
  type OtlpTargetOptions,
  validateOtlpOptions,
} from '../destination/otlp/otlp-options.js';
import type { RotatingFileConfig } from '../destination/rotating-file-destination.js';
import { type SyslogConfig, type SyslogOptions, validateSyslogOptions } from '../destination/syslog/index.js';

/** What a target writes: the ring's JSON (pino's shape), logfmt, foundation's key_value, or pretty. */
export type TargetFormat = 'json' | 'logfmt' | 'key_value' | 'pretty';
export const TARGET_FORMATS: readonly TargetFormat[] = ['json', 'logfmt', 'key_value', 'pretty'];

export interface FdDestinationOptions {
  type: 'fd';
  /** 1 stdout, 2 stderr, or any descriptor open for writing. */
  fd: number;
}

export interface FileDestinationOptions {
  type: 'file';
  path: string;
  /** Create missing parent directories. Defaults to false. */
  mkdir?: boolean;
  /** Append to an existing file (else truncate it once, when the transport starts). Defaults to true. */
  append?: boolean;
  /** Permission bits of a file the transport creates. Defaults to 0o666 (minus the umask). */
  mode?: number;
}

export interface RotatingFileOptions {
  type: 'rotating-file';
  path: string;
  /** Rotate before a record would take the file past this many bytes. */
  maxBytes?: number;
  /** Rotate when a record arrives in a new period: `'1h'`, `'1d'`, `'15m'`, or milliseconds. */
  interval?: string | number;
  /** How many rotated files to keep (older ones are deleted). */
  keep: number;
  /** Gzip rotated files (off the write path). Defaults to false. */
  gzip?: boolean;
  mkdir?: boolean;
  mode?: number;
}

/** RFC 5424 syslog over UDP, TCP (octet counting) or a unix stream socket: see destination/syslog/syslog-options.ts. */
export type SyslogDestinationOptions = SyslogConfig & { type: 'syslog' };

/** A number is a descriptor, a string a file path. */
export type DestinationOption =
  | number
  | string
  | FdDestinationOptions
  | FileDestinationOptions
  | RotatingFileOptions
  | SyslogDestinationOptions;

export interface TargetOptions {
  /** Where records go. Not together with `otlp`. */
  dest?: DestinationOption;
  /**
   * Instead of `dest`: export records as OTLP/HTTP logs to an OpenTelemetry collector. Always from the
   * ring's JSON (the transport's format must be "json"); `format` does not apply.
   */
  otlp?: OtlpTargetOptions;
  /** The lowest level written to this target (a name or a number). Defaults to every record. */
  level?: string | number;
  /** Defaults to the transport's `format`. */
  format?: TargetFormat;
  /** With a `dest` path: create its missing parent directories. Defaults to false. */
  mkdir?: boolean;
  /** With a `dest` path: append to an existing file instead of truncating it. Defaults to true. */
  append?: boolean;
}

const TARGET_OPTION_KEYS = optionKeys<TargetOptions>({
  dest: true,
  otlp: true,
  level: true,
  format: true,
  mkdir: true,
  append: true,
});
const FD_OPTION_KEYS = optionKeys<FdDestinationOptions>({ type: true, fd: true });
const FILE_OPTION_KEYS = optionKeys<FileDestinationOptions>({
  type: true,
  path: true,
  mkdir: true,
  append: true,
  mode: true,
});
const ROTATING_FILE_OPTION_KEYS = optionKeys<RotatingFileOptions>({
  type: true,
  path: true,
  maxBytes: true,
  interval: true,
  keep: true,
  gzip: true,
  mkdir: true,
  mode: true,
});

/** A destination resolved and checked: plain data, so it crosses to the sink worker as is. */
export type DestinationConfig =
  | { type: 'fd'; fd: number }
  | { type: 'file'; path: string; mkdir: boolean; append: boolean; mode: number }
  | RotatingFileConfig
  | { type: 'syslog'; options: SyslogOptions }
  | { type: 'otlp'; options: OtlpOptions };

export interface TargetConfig {
  dest: DestinationConfig;
  /** Records below this level number skip the target. */
  level: number;
  format: TargetFormat;
}

const DESTINATION_TYPES = ['fd', 'file', 'rotating-file', 'syslog'];
const DEFAULT_MODE = 0o666;

/**
 * Checks `targets` (or the one-target shorthand) against the ring's format. Every bad value throws
 * SluiceConfigError naming it and the valid choices.
 */
export function resolveTargets(
  targets: readonly TargetOptions[],
  ringFormat: FormatName,
  keys: Readonly<Partial<RecordKeys>> = {},
): TargetConfig[] {
  if (!Array.isArray(targets) || targets.length === 0) {
    throw new SluiceConfigError(
      `Invalid targets: ${describeValue(targets)}. Use a non-empty array of { dest, level, format }.`,
    );
  }
  return targets.map((target, i) => resolveTarget(target, i, ringFormat, keys));
}

function resolveTarget(
  target: TargetOptions,
  index: number,
  ringFormat: FormatName,
  keys: Readonly<Partial<RecordKeys>>,
): TargetConfig {
  const at = `targets[${index}]`;
  if (typeof target !== 'object' || target === null) {
    throw new SluiceConfigError(
      `Invalid ${at}: ${describeValue(target)}. Use an object { dest, level, format }.`,
    );
  }
  rejectUnknownKeys(target, TARGET_OPTION_KEYS, at);
  if (target.otlp !== undefined) return resolveOtlpTarget(target, at, ringFormat, keys);
  const format = target.format ?? ringFormat;
  if (!TARGET_FORMATS.includes(format)) throw invalidChoice(`${at}.format`, format, TARGET_FORMATS);
  if (ringFormat === 'logfmt' && format !== 'logfmt') {
    throw new SluiceConfigError(
      `Invalid ${at}.format: ${JSON.stringify(format)}. The transport's format is "logfmt", which the worker cannot re-render; use format "json" for the transport to write other formats, or "logfmt" for this target.`,
    );
  }
  return {
    dest: withPathOptions(resolveDestination(target.dest, `${at}.dest`), target, at),
    level: target.level === undefined ? 0 : resolveLevel(`${at}.level`, target.level),
    format,
  };
}

/** An `otlp` target: read from the ring's JSON lines, whatever `format` the others use. */
function resolveOtlpTarget(
  target: TargetOptions,
  at: string,
  ringFormat: FormatName,
  keys: Readonly<Partial<RecordKeys>>,
): TargetConfig {
  const misplaced = (['dest', 'format', 'mkdir', 'append'] as const).filter(
    (key) => target[key] !== undefined,
  );
  if (misplaced.length > 0) {
    throw new SluiceConfigError(
      `Invalid ${at}.${misplaced[0]}: an otlp target has no ${misplaced[0]}. Use { otlp: { url, ... }, level } alone, or another target for ${misplaced[0]}.`,
    );
  }
  if (ringFormat !== 'json') {
    throw new SluiceConfigError(
      `Invalid ${at}.otlp: the transport's format is ${JSON.stringify(ringFormat)}; an otlp target reads the records' JSON. Use the transport's format "json" (other targets can still write logfmt).`,
    );
  }
  const recordKeys = { ...DEFAULT_RECORD_KEYS, ...keys };
  return {
    dest: {
      type: 'otlp',
      options: validateOtlpOptions(target.otlp, `${at}.otlp`, {
        level: recordKeys.level,
        time: recordKeys.time,
        message: recordKeys.message,
      }),
    },
    level: target.level === undefined ? 0 : resolveLevel(`${at}.level`, target.level),
    format: 'json',
  };
}

/**
 * `mkdir` and `append` beside a `dest` path (a target's, or createTransport's one-target shorthand):
 * a destination object carries its own.
 */
export function withPathOptions(
  dest: DestinationConfig,
  options: { readonly dest?: unknown; readonly mkdir?: unknown; readonly append?: unknown },
  at: string,
): DestinationConfig {
  const prefix = at === '' ? '' : `${at}.`;
  if (dest.type === 'file' && typeof options.dest === 'string') {
    return {
      ...dest,
      mkdir: checkBoolean(`${prefix}mkdir`, options.mkdir, false),
      append: checkBoolean(`${prefix}append`, options.append, true),
    };
  }
  const misplaced = (['mkdir', 'append'] as const).filter((key) => options[key] !== undefined);
  if (misplaced.length > 0) {
    throw new SluiceConfigError(
      `Invalid ${prefix}${misplaced[0]}: it applies to a file path dest only. Put it in the destination object ({ type: 'file', path, ${misplaced[0]} }).`,
    );
  }
  return dest;
}

export function resolveDestination(dest: DestinationOption | undefined, at: string): DestinationConfig {
  const invalid = () =>
    new SluiceConfigError(
      `Invalid ${at}: ${describeValue(dest)}. Use a file descriptor (>= 0), a file path, or { type: ${DESTINATION_TYPES.map((t) => JSON.stringify(t)).join(' | ')}, ... }.`,
    );
  if (typeof dest === 'number') {
    if (!(Number.isInteger(dest) && dest >= 0)) throw invalid();
    return { type: 'fd', fd: dest };
  }
  if (typeof dest === 'string') {
    if (dest === '') throw invalid();
    return { type: 'file', ...fileBasics(at, { path: dest }), append: true };
  }
  if (typeof dest !== 'object' || dest === null || (dest as { type?: unknown }).type === undefined) {
    throw invalid();
  }
  switch (dest.type) {
    case 'fd':
      rejectUnknownKeys(dest, FD_OPTION_KEYS, at);
      return { type: 'fd', fd: checkFd(`${at}.fd`, dest.fd) };
    case 'file':
      rejectUnknownKeys(dest, FILE_OPTION_KEYS, at);
      return {
        type: 'file',
        ...fileBasics(at, dest),
        append: checkBoolean(`${at}.append`, dest.append, true),
      };
    case 'rotating-file':
      return resolveRotatingFile(dest, at);
    case 'syslog':
      return { type: 'syslog', options: validateSyslogOptions(dest) };
    default:
      throw invalidChoice(`${at}.type`, (dest as { type?: unknown }).type, DESTINATION_TYPES);
  }
}

function resolveRotatingFile(dest: RotatingFileOptions, at: string) {
  rejectUnknownKeys(dest, ROTATING_FILE_OPTION_KEYS, at);
  const maxBytes = dest.maxBytes === undefined ? null : dest.maxBytes;
  if (maxBytes !== null && !(Number.isInteger(maxBytes) && maxBytes > 0)) {
    throw new SluiceConfigError(
      `Invalid ${at}.maxBytes: ${describeValue(maxBytes)}. Use a positive integer.`,
    );
  }
  const intervalMs = dest.interval === undefined ? null : parseInterval(`${at}.interval`, dest.interval);
  if (maxBytes === null && intervalMs === null) {
    throw new SluiceConfigError(`Invalid ${at}: a rotating-file needs maxBytes, interval, or both.`);
  }
  if (!(Number.isInteger(dest.keep) && dest.keep >= 1)) {
    throw new SluiceConfigError(
      `Invalid ${at}.keep: ${describeValue(dest.keep)}. Use a positive integer: how many rotated files to keep.`,
    );
  }
  return {
    type: 'rotating-file' as const,
    ...fileBasics(at, dest),
    maxBytes,
    intervalMs,
    keep: dest.keep,
    gzip: checkBoolean(`${at}.gzip`, dest.gzip, false),
  };
}

/** `'90s'`, `'15m'`, `'1h'`, `'1d'`, or a number of milliseconds (at least one second). */
export function parseInterval(at: string, value: string | number): number {
  let ms = Number.NaN;
  if (typeof value === 'number') ms = value;
  else if (typeof value === 'string') {
    const match = /^(\d+)(s|m|h|d)$/.exec(value);
    if (match !== null) ms = Number(match[1]) * INTERVAL_UNITS[match[2]];
  }
  if (!(Number.isInteger(ms) && ms >= 1000)) {
    throw new SluiceConfigError(
      `Invalid ${at}: ${describeValue(value)}. Use a number of milliseconds (>= 1000) or a count with a unit: "30s", "15m", "1h", "1d".`,
    );
  }
  return ms;
}

const INTERVAL_UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

function fileBasics(at: string, dest: { path?: unknown; mkdir?: unknown; mode?: unknown }) {
  if (typeof dest.path !== 'string' || dest.path === '') {
    throw new SluiceConfigError(`Invalid ${at}.path: ${describeValue(dest.path)}. Use a file path.`);
  }
  const mode = dest.mode ?? DEFAULT_MODE;
  if (!(Number.isInteger(mode) && (mode as number) >= 0 && (mode as number) <= 0o7777)) {
    throw new SluiceConfigError(
      `Invalid ${at}.mode: ${describeValue(mode)}. Use permission bits such as 0o640.`,
    );
  }
  return { path: dest.path, mkdir: checkBoolean(`${at}.mkdir`, dest.mkdir, false), mode: mode as number };
}

function checkFd(at: string, fd: unknown): number {
  if (!(Number.isInteger(fd) && (fd as number) >= 0)) {
    throw new SluiceConfigError(`Invalid ${at}: ${describeValue(fd)}. Use a file descriptor (>= 0).`);
  }
  return fd as number;
}

function checkBoolean(at: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') {
    throw new SluiceConfigError(`Invalid ${at}: ${describeValue(value)}. Use true or false.`);
  }
  return value;
}

/** Level names are core's defaults (pino's numbers); any non-negative integer is taken as is. */
export function resolveLevel(at: string, level: string | number): number {
  if (typeof level === 'number' && Number.isInteger(level) && level >= 0) return level;
  const value = typeof level === 'string' ? (DEFAULT_LEVELS as Record<string, number>)[level] : undefined;
  if (value === undefined || !Object.hasOwn(DEFAULT_LEVELS, level)) {
    throw new SluiceConfigError(
      `Invalid ${at}: ${describeValue(level)}. Valid choices: a level number (an integer >= 0) or ${Object.keys(
        DEFAULT_LEVELS,
      )
        .map((l) => JSON.stringify(l))
        .join(', ')}.`,
    );
  }
  return value;
}
