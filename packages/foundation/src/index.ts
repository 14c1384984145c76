/**
 * @sluice/foundation: provide.foundation's logging API (setupTelemetry, getLogger, timedBlock,
 * withContext, the key_value and JSON shapes with their emoji) written with @sluice/core's encoders.
 *
 * The public surface is what is exported here; everything else is internal.
 */

export { ANSI_PALETTE, type AnsiPalette, shouldColor } from './ansi-palette.js';
export {
  DAS_ACTION_EMOJI,
  DAS_DEFAULT_EMOJI,
  DAS_DOMAIN_EMOJI,
  DAS_FIELDS,
  DAS_STATUS_EMOJI,
} from './das-emoji.js';
export { DEFAULT_EMOJI_SET_EMOJI, type EmojiSet, type EmojiSetField } from './emoji-set.js';
export { FOUNDATION_LEVEL_NAMES, FOUNDATION_LEVELS, type FoundationLevelName } from './foundation-levels.js';
export type { FoundationLogFn, FoundationLogger, LogFields } from './foundation-logger.js';
export { currentContext, withContext } from './log-context.js';
export { DEFAULT_LOGGER_NAME_EMOJI, DEFAULT_LOGGER_NAME_EMOJIS } from './logger-name-emoji.js';
export {
  DEFAULT_STATS_WINDOW,
  type LoggerStats,
  type LoggingStatsSnapshot,
  type StatsWindowOptions,
} from './logging-stats.js';
export type { RateLimitOptions, SamplingOptions } from './record-admission.js';
export { DEFAULT_MASK_PATTERNS, DEFAULT_SENSITIVE_KEYS } from './sensitive-data.js';
export {
  clearEmojiSets,
  getLogger,
  getStats,
  registerEmojiSet,
  setupTelemetry,
  shutdownTelemetry,
  telemetryReady,
} from './setup-telemetry.js';
export {
  CONSOLE_FORMATTERS,
  type ConsoleFormatter,
  DEFAULT_LOGGING_CONFIG,
  type LevelInput,
  type LoggingConfig,
  type ResolvedLoggingConfig,
  type ResolvedTelemetryConfig,
  type TelemetryConfig,
} from './telemetry-config.js';
export { type EnvSource, TELEMETRY_ENV_VARS } from './telemetry-env.js';
export { REPORT_LOGGER_NAME, SUPPRESSION_MESSAGE } from './telemetry-pipeline.js';
export { type TimedBlockContext, timedBlock } from './timed-block.js';
export type { TokenBucketOptions } from './token-bucket.js';
