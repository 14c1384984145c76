import {
  DEFAULT_VALUE_LIMITS,
  destination,
  RECORD_ABANDONED,
  type RecordSink,
  SonicDestination,
  type WritableLike,
} from '@sluice/core';
import {
  activeSpanIds,
  isRecordSink,
  JsonValueWriter,
  Redaction,
  StreamSink,
  unserializableMarker,
} from '@sluice/core/internal';
import { shouldColor } from './ansi-palette.js';
import { EmojiPrefix } from './emoji-prefix.js';
import { type EmojiSet, orderEmojiFields } from './emoji-set.js';
import { FoundationJsonLine } from './foundation-json-line.js';
import { LEVEL_COUNT, LEVEL_CRITICAL, LEVEL_WARNING, levelIndexOf } from './foundation-levels.js';
import type { FoundationLineFormat, LineFormatParts, LoggerEncoding } from './foundation-line-format.js';
import { KeyValueLine } from './key-value-line.js';
import { LoggerNameEmoji } from './logger-name-emoji.js';
import { LoggingStats, type StatsCounters } from './logging-stats.js';
import { ModuleLevels } from './module-levels.js';
import { type LoggerAdmission, RecordAdmission, type SuppressionReport } from './record-admission.js';
import { mergeFields } from './record-fields.js';
import { maskFields, maskString } from './sensitive-data.js';
import type { ResolvedTelemetryConfig, TelemetryConfig } from './telemetry-config.js';
import type { EnvSource } from './telemetry-env.js';
import { telemetryResources } from './telemetry-resources.js';

/** What the pipeline needs of the logger a record comes from. */
export interface RecordSource {
  readonly encoding: LoggerEncoding;
  /** Fields from `bind()`, or null. */
  readonly bound: object | null;
  /** The logger name's own counters (shared with its bound children). */
  readonly counters: StatsCounters;
  readonly admission: LoggerAdmission | null;
}

/**
 * One setup, compiled: thresholds, format, sink, redaction, emoji tables, limiter and statistics,
 * resolved once by setupTelemetry and then only read. A log call that passed its level gate (disabled
 * levels are no-op methods and never get here) runs `admit` (only with limits configured) and `write`.
 *
 * Records are written on the caller's thread into the sink's RecordBuffer and committed one at a time.
 * `write` is not re-entrant: a record logged while another is being formatted (a getter that logs) is
 * dropped and counted rather than interleaved.
 */
export class TelemetryPipeline {
  readonly config: ResolvedTelemetryConfig;
  readonly disabled: boolean;
  readonly moduleLevels: ModuleLevels;
  readonly format: FoundationLineFormat;
  readonly sink: RecordSink;
  readonly stats: LoggingStats;
  readonly admission: RecordAdmission | null;
  readonly clock: () => number;
  readonly colors: boolean;
  private readonly ownsSink: boolean;
  private readonly omitTimestamp: boolean;
  private readonly maskPatterns: readonly RegExp[];
  private readonly traceContext: boolean;
  private readonly reportSource: RecordSource;
  private reportTimer: NodeJS.Timeout | null = null;
  private writing = false;

  constructor(
    config: ResolvedTelemetryConfig,
    options: Readonly<TelemetryConfig>,
    env: EnvSource,
    registeredSets: readonly EmojiSet[],
  ) {
    this.config = config;
    const logging = config.logging;
    this.disabled = config.globallyDisabled;
    this.clock = options.clock ?? Date.now;
    this.moduleLevels = new ModuleLevels(levelIndexOf(logging.defaultLevel), logging.moduleLevels);
    const { sink, owned, isTty } = openSink(options.destination, logging.logFile, this.disabled);
    this.sink = sink;
    this.ownsSink = owned;
    this.colors = logging.consoleFormatter === 'key_value' && shouldColor(env, isTty);
    const redaction = new Redaction({ keys: logging.redactKeys });
    const emojiFields = orderEmojiFields([...logging.emojiSets, ...registeredSets]);
    const prefixActive = logging.dasEmojiPrefixEnabled || emojiFields.length > 0;
    const parts: LineFormatParts = {
      values: new JsonValueWriter(DEFAULT_VALUE_LIMITS, redaction),
      redaction,
      prefix: prefixActive ? new EmojiPrefix(logging.dasEmojiPrefixEnabled, emojiFields) : null,
      loggerNameEmoji: logging.loggerNameEmojiPrefixEnabled
        ? new LoggerNameEmoji(logging.loggerNameEmojis)
        : null,
      serviceName: config.serviceName,
      omitTimestamp: logging.omitTimestamp,
      colors: this.colors,
    };
    this.format =
      logging.consoleFormatter === 'json' ? new FoundationJsonLine(parts) : new KeyValueLine(parts);
    this.omitTimestamp = logging.omitTimestamp;
    this.maskPatterns = logging.redactPatterns;
    this.traceContext = logging.traceContext;
    this.stats = new LoggingStats(logging.statsWindow, this.clock);
    this.admission =
      logging.rateLimit === null && logging.sampling === null
        ? null
        : new RecordAdmission(logging.rateLimit, logging.sampling, this.clock);
    this.reportSource = {
      encoding: this.format.encodeLogger(REPORT_LOGGER_NAME),
      bound: null,
      counters: this.stats.totals,
      admission: null,
    };
    if (this.admission !== null) {
      // An idle process still hears about what was suppressed; unref'd, so it never keeps one alive.
      this.reportTimer = setInterval(() => this.reportSuppressed(true), this.admission.reportIntervalMs);
      this.reportTimer.unref();
    }
  }

  /** Whether a record passes the rate limits and sampling; counts it when it does not. */
  admit(source: RecordSource, message: string): boolean {
    const admission = this.admission!;
    if (source.admission === null || admission.admit(source.admission, message)) return true;
    source.counters.suppressed++;
    if (source.counters !== this.stats.totals) this.stats.totals.suppressed++;
    this.reportSuppressed(false);
    return false;
  }

  /** Writes one record. `fields` is the call's own fields object (never mutated), or null. */
  write(source: RecordSource, levelIndex: number, message: string, fields: object | null): void {
    if (this.writing) {
      this.countDropped(source);
      return;
    }
    this.writing = true;
    try {
      this.writeRecord(source, levelIndex, message, fields);
    } finally {
      this.writing = false;
    }
  }

  private writeRecord(
    source: RecordSource,
    levelIndex: number,
    message: string,
    fields: object | null,
  ): void {
    fields = this.gatherFields(source, fields);
    if (this.maskPatterns.length > 0) {
      message = maskString(message, this.maskPatterns);
      if (fields !== null) fields = maskFields(fields, this.maskPatterns, DEFAULT_VALUE_LIMITS.depth);
    }
    const sink = this.sink;
    const out = sink.out;
    const sinkLevel = SINK_LEVELS[levelIndex];
    out.start = out.pos;
    if (!sink.begin(sinkLevel)) {
      this.countDropped(source);
      return;
    }
    const time = this.omitTimestamp ? Number.NaN : this.clock();
    try {
      this.format.write(out, levelIndex, message, fields, source.encoding, time);
    } catch (failure) {
      if (failure === RECORD_ABANDONED) {
        this.countDropped(source);
        return;
      }
      // The writers do not throw on data; should anything, the record is still a valid line.
      out.pos = out.start;
      this.format.write(out, levelIndex, unserializableMarker(failure), null, source.encoding, time);
    }
    const bytes = out.pos - out.start;
    sink.commit(sinkLevel);
    this.stats.recordWritten(levelIndex, bytes, time);
    const counters = source.counters;
    if (counters !== this.stats.totals) {
      counters.levels[levelIndex]++;
      counters.bytes += bytes;
    }
    if (levelIndex === LEVEL_CRITICAL) this.flushQuietly();
  }

  /**
   * Context (withContext) < bound (bind) < call fields, later winning; then the active span's ids unless
   * a field sets `trace_id`. A record with only call fields uses the caller's object as it is.
   */
  private gatherFields(source: RecordSource, fields: object | null): object | null {
    const resources = telemetryResources;
    const context = resources.contextInUse ? resources.context.getStore() : undefined;
    const bound = source.bound;
    if (context !== undefined || bound !== null) {
      const merged: Record<string, unknown> = {};
      if (context !== undefined) mergeFields(merged, context);
      if (bound !== null) mergeFields(merged, bound);
      if (fields !== null) mergeFields(merged, fields);
      fields = merged;
    }
    if (this.traceContext && resources.otel.kind === 'loaded') {
      const ids = activeSpanIds(resources.otel.api);
      if (ids !== null && (fields === null || !Object.hasOwn(fields, 'trace_id'))) {
        const withIds: Record<string, unknown> = {};
        if (fields !== null) mergeFields(withIds, fields);
        withIds.trace_id = ids.traceId;
        withIds.span_id = ids.spanId;
        fields = withIds;
      }
    }
    return fields;
  }

  private countDropped(source: RecordSource): void {
    source.counters.dropped++;
    if (source.counters !== this.stats.totals) this.stats.totals.dropped++;
  }

  /** Writes the warning record that counts suppressed records, when one is due (or `force`d). */
  reportSuppressed(force: boolean): void {
    const admission = this.admission;
    if (admission === null || this.writing) return;
    const report = admission.takeReport(force);
    if (report !== null) this.writeReport(report);
  }

  private writeReport(report: SuppressionReport): void {
    this.write(this.reportSource, LEVEL_WARNING, SUPPRESSION_MESSAGE, {
      suppressed: report.rateLimited + report.sampled,
      rate_limited: report.rateLimited,
      sampled: report.sampled,
    });
  }

  private flushQuietly(): void {
    try {
      this.sink.flushSync();
    } catch {
      // The record is committed; a failing flush is the sink's to count and report.
    }
  }

  /** Stops the report timer, reports what is pending, flushes, and closes a log file this setup opened. */
  async close(): Promise<void> {
    if (this.reportTimer !== null) clearInterval(this.reportTimer);
    this.reportTimer = null;
    this.reportSuppressed(true);
    this.flushQuietly();
    if (this.ownsSink) await this.sink.close();
  }
}

export const REPORT_LOGGER_NAME = 'sluice.ratelimit';
export const SUPPRESSION_MESSAGE = 'Log records suppressed by rate limiting or sampling';

/**
 * The level numbers sinks see: pino's (trace 10 ... fatal 60), so a transport's level policies (shed
 * low levels when full, per-target filters) treat foundation records like every other sluice record.
 */
const SINK_LEVELS: readonly number[] = [10, 20, 30, 40, 50, 60].slice(0, LEVEL_COUNT);

function openSink(
  option: RecordSink | WritableLike | undefined,
  logFile: string | null,
  disabled: boolean,
): { sink: RecordSink; owned: boolean; isTty: boolean } {
  if (option !== undefined) {
    if (isRecordSink(option)) return { sink: option, owned: false, isTty: false };
    return {
      sink: new StreamSink(option),
      owned: false,
      isTty: (option as { isTTY?: unknown }).isTTY === true,
    };
  }
  if (logFile !== null && !disabled) {
    return { sink: destination({ dest: logFile, mkdir: true }), owned: true, isTty: false };
  }
  telemetryResources.stderr ??= new SonicDestination({ dest: 2 });
  return { sink: telemetryResources.stderr, owned: false, isTty: process.stderr.isTTY === true };
}
