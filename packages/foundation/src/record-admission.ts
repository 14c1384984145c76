import { SluiceConfigError } from '@sluice/core';
import { optionKeys, rejectUnknownKeys } from '@sluice/core/internal';
import { TokenBucket, type TokenBucketOptions, validateTokenBucket } from './token-bucket.js';

/** Token-bucket limits on records written, checked after the level filter and before any formatting. */
export interface RateLimitOptions {
  /** One bucket shared by all loggers. Defaults to none. */
  global?: TokenBucketOptions;
  /** One bucket per logger name (bound children share their logger's). Defaults to none. */
  perLogger?: TokenBucketOptions;
  /** Seconds between the warning records that report what was suppressed. Defaults to 10. */
  reportIntervalSeconds?: number;
}

/** zap-style sampling per logger and message: the first N each second, then every Mth. */
export interface SamplingOptions {
  /** Records of one message (per logger) written each second before sampling starts. */
  firstPerSecond: number;
  /** After those, one record in this many is written; 0 writes none. */
  thereafter: number;
}

export const DEFAULT_REPORT_INTERVAL_SECONDS = 10;

const RATE_LIMIT_KEYS = optionKeys<RateLimitOptions>({
  global: true,
  perLogger: true,
  reportIntervalSeconds: true,
});
const SAMPLING_KEYS = optionKeys<SamplingOptions>({ firstPerSecond: true, thereafter: true });

/** What was held back since the last report. */
export interface SuppressionReport {
  readonly rateLimited: number;
  readonly sampled: number;
}

/** A logger's admission state, looked up once per logger name per setup (keyed by the full name). */
export class LoggerAdmission {
  constructor(
    readonly bucket: TokenBucket | null,
    readonly messages: Map<string, MessageWindow> | null,
  ) {}
}

interface MessageWindow {
  second: number;
  count: number;
}

/**
 * Decides whether a record is written, counting what it holds back. provide.foundation keyed its
 * per-logger limits on a name it had already removed from the record, so they never applied; here the
 * logger holds its own bucket, found by its full name when the logger is configured.
 */
export class RecordAdmission {
  private readonly global: TokenBucket | null;
  private readonly perLogger: Readonly<TokenBucketOptions> | null;
  private readonly sampling: Readonly<SamplingOptions> | null;
  private readonly byName = new Map<string, LoggerAdmission>();
  readonly reportIntervalMs: number;
  private rateLimited = 0;
  private sampled = 0;
  private nextReportAt: number;

  constructor(
    rate: Readonly<RateLimitOptions> | null,
    sampling: Readonly<SamplingOptions> | null,
    private readonly clock: () => number,
  ) {
    const now = clock();
    this.global = rate?.global === undefined ? null : TokenBucket.from(rate.global, now);
    this.perLogger = rate?.perLogger ?? null;
    this.sampling = sampling;
    this.reportIntervalMs = (rate?.reportIntervalSeconds ?? DEFAULT_REPORT_INTERVAL_SECONDS) * 1000;
    this.nextReportAt = now + this.reportIntervalMs;
  }

  forLogger(name: string): LoggerAdmission {
    let admission = this.byName.get(name);
    if (admission === undefined) {
      const bucket = this.perLogger === null ? null : TokenBucket.from(this.perLogger, this.clock());
      admission = new LoggerAdmission(bucket, this.sampling === null ? null : new Map());
      this.byName.set(name, admission);
    }
    return admission;
  }

  /** True to write the record; false when it is held back (and counted). */
  admit(admission: LoggerAdmission, message: string): boolean {
    const now = this.clock();
    if (admission.messages !== null && !this.sample(admission.messages, message, now)) {
      this.sampled++;
      return false;
    }
    if (admission.bucket !== null && !admission.bucket.take(now)) {
      this.rateLimited++;
      return false;
    }
    if (this.global !== null && !this.global.take(now)) {
      this.rateLimited++;
      return false;
    }
    return true;
  }

  /** What was held back, when something was and the report interval has passed (or `force`). */
  takeReport(force: boolean): SuppressionReport | null {
    if (this.rateLimited === 0 && this.sampled === 0) return null;
    const now = this.clock();
    if (!force && now < this.nextReportAt) return null;
    const report = { rateLimited: this.rateLimited, sampled: this.sampled };
    this.rateLimited = 0;
    this.sampled = 0;
    this.nextReportAt = now + this.reportIntervalMs;
    return report;
  }

  private sample(messages: Map<string, MessageWindow>, message: string, now: number): boolean {
    const sampling = this.sampling!;
    const second = Math.floor(now / 1000);
    let window = messages.get(message);
    if (window === undefined) {
      // Bounded: a logger with endlessly varied messages starts over rather than growing.
      if (messages.size >= MAX_SAMPLED_MESSAGES) messages.clear();
      window = { second, count: 0 };
      messages.set(message, window);
    } else if (window.second !== second) {
      window.second = second;
      window.count = 0;
    }
    const n = window.count++;
    if (n < sampling.firstPerSecond) return true;
    return sampling.thereafter > 0 && (n - sampling.firstPerSecond + 1) % sampling.thereafter === 0;
  }
}

export function validateRateLimit(options: unknown): RateLimitOptions {
  const rate = options as RateLimitOptions;
  if (typeof rate !== 'object' || rate === null) {
    throw new SluiceConfigError('Invalid rateLimit: use { global?, perLogger?, reportIntervalSeconds? }.');
  }
  rejectUnknownKeys(rate, RATE_LIMIT_KEYS, 'rateLimit');
  const resolved: RateLimitOptions = {};
  if (rate.global !== undefined) resolved.global = validateTokenBucket(rate.global, 'rateLimit.global');
  if (rate.perLogger !== undefined) {
    resolved.perLogger = validateTokenBucket(rate.perLogger, 'rateLimit.perLogger');
  }
  if (rate.reportIntervalSeconds !== undefined) {
    if (!(Number.isFinite(rate.reportIntervalSeconds) && rate.reportIntervalSeconds > 0)) {
      throw new SluiceConfigError(
        `Invalid rateLimit.reportIntervalSeconds: ${String(rate.reportIntervalSeconds)}. Use a positive number.`,
      );
    }
    resolved.reportIntervalSeconds = rate.reportIntervalSeconds;
  }
  return resolved;
}

export function validateSampling(options: unknown): SamplingOptions {
  const sampling = options as SamplingOptions;
  if (typeof sampling === 'object' && sampling !== null)
    rejectUnknownKeys(sampling, SAMPLING_KEYS, 'sampling');
  if (
    typeof sampling !== 'object' ||
    sampling === null ||
    !(Number.isInteger(sampling.firstPerSecond) && sampling.firstPerSecond >= 0) ||
    !(Number.isInteger(sampling.thereafter) && sampling.thereafter >= 0)
  ) {
    throw new SluiceConfigError(
      'Invalid sampling: use { firstPerSecond: integer >= 0, thereafter: integer >= 0 }, e.g. { firstPerSecond: 100, thereafter: 100 }.',
    );
  }
  return { firstPerSecond: sampling.firstPerSecond, thereafter: sampling.thereafter };
}

/** Distinct messages tracked per logger before its table is cleared. */
const MAX_SAMPLED_MESSAGES = 1000;
