import { SluiceConfigError } from '@sluice/core';
import { resolveOtelApi } from '@sluice/core/internal';
import { type EmojiSet, validateEmojiSet } from './emoji-set.js';
import { type FoundationLogger, SluiceFoundationLogger } from './foundation-logger.js';
import { type LoggingStatsSnapshot, StatsCounters } from './logging-stats.js';
import {
  type ResolvedTelemetryConfig,
  resolveTelemetryConfig,
  type TelemetryConfig,
} from './telemetry-config.js';
import { TelemetryPipeline } from './telemetry-pipeline.js';
import { telemetryResources } from './telemetry-resources.js';
import { telemetryRuntime } from './telemetry-runtime.js';

/**
 * Configures logging for the whole process (provide.foundation's `setup_telemetry`): explicit config
 * wins over SLUICE_* environment variables, which win over the defaults. Throws SluiceConfigError, before
 * changing anything, when a value is invalid.
 *
 * Calling it again reconfigures every logger already handed out (levels, format, destination); counts
 * start over. The previous setup's log file, if it opened one, is flushed and closed. Returns the
 * configuration it resolved.
 */
export function setupTelemetry(config: Readonly<TelemetryConfig> = {}): ResolvedTelemetryConfig {
  const runtime = telemetryRuntime;
  const env = config.env ?? process.env;
  const resolved = resolveTelemetryConfig(config, env);
  const resources = telemetryResources;
  if (resolved.logging.traceContext && resources.otel.kind === 'unresolved') {
    const lookup = resolveOtelApi((state) => {
      resources.otel = state;
      resources.otelPending = null;
    });
    resources.otel = lookup.state;
    resources.otelPending = lookup.pending;
  }
  const pipeline = new TelemetryPipeline(resolved, config, env, runtime.emojiSets);
  const previous = runtime.pipeline;
  runtime.pipeline = pipeline;
  runtime.lastConfig = config;
  for (const logger of runtime.loggers.values()) logger.configure(pipeline);
  for (const ref of runtime.boundLoggers) {
    const logger = ref.deref();
    if (logger === undefined) runtime.boundLoggers.delete(ref);
    else logger.configure(pipeline);
  }
  if (previous !== null) void previous.close().catch(() => {});
  return resolved;
}

/**
 * The logger for `name` under the current setup (set up with defaults on first use). The same name
 * always gives the same logger.
 */
export function getLogger(name = 'default'): FoundationLogger {
  if (typeof name !== 'string') {
    throw new SluiceConfigError(`Invalid logger name: ${String(name)}. Use a string.`);
  }
  const runtime = telemetryRuntime;
  const existing = runtime.loggers.get(name);
  if (existing !== undefined) return existing as SluiceFoundationLogger;
  const logger = new SluiceFoundationLogger(name, null, new StatsCounters(), true, currentPipeline());
  runtime.loggers.set(name, logger);
  return logger;
}

/**
 * Resolves once what setupTelemetry started in the background has settled: today, finding
 * `@opentelemetry/api` through a dynamic import when the application's folder does not have it. Until
 * then records carry no trace ids. Never rejects.
 */
export function telemetryReady(): Promise<void> {
  return telemetryResources.otelPending ?? Promise.resolve();
}

/** Counts, bytes, dropped/suppressed records and the current rate of the whole pipeline. */
export function getStats(): LoggingStatsSnapshot {
  return currentPipeline().stats.snapshot();
}

/**
 * Registers an emoji set for this and every later setup (replacing a set of the same name) and applies
 * it at once by rebuilding the current setup from the config it was last given.
 */
export function registerEmojiSet(set: EmojiSet): void {
  const valid = validateEmojiSet(set);
  const runtime = telemetryRuntime;
  runtime.emojiSets = [...runtime.emojiSets.filter((s) => s.name !== valid.name), valid];
  if (runtime.pipeline !== null) setupTelemetry(runtime.lastConfig);
}

/** Removes every registered emoji set (applied at once, like registerEmojiSet). */
export function clearEmojiSets(): void {
  const runtime = telemetryRuntime;
  runtime.emojiSets = [];
  if (runtime.pipeline !== null) setupTelemetry(runtime.lastConfig);
}

/**
 * Flushes what is pending, writes a last suppression report, and closes a log file the setup opened.
 * Logging afterwards still works (to the same destination; a closed file's records are counted as
 * dropped by its destination); call setupTelemetry to start anew.
 */
export async function shutdownTelemetry(): Promise<void> {
  const pipeline = telemetryRuntime.pipeline;
  if (pipeline !== null) await pipeline.close();
}

function currentPipeline(): TelemetryPipeline {
  const runtime = telemetryRuntime;
  if (runtime.pipeline === null) setupTelemetry(runtime.lastConfig);
  return runtime.pipeline!;
}
