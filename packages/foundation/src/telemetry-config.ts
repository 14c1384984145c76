import { type RecordSink, SluiceConfigError, type WritableLike } from '@sluice/core';
import { describeValue, invalidChoice, optionKeys, rejectUnknownKeys } from '@sluice/core/internal';
import { type EmojiSet, validateEmojiSet } from './emoji-set.js';
import { type FoundationLevelName, parseLevelName } from './foundation-levels.js';
import { resolveStatsWindow, type StatsWindowOptions } from './logging-stats.js';
import { resolveModuleLevels } from './module-levels.js';
import {
  type RateLimitOptions,
  type SamplingOptions,
  validateRateLimit,
  validateSampling,
} from './record-admission.js';
import { DEFAULT_MASK_PATTERNS, DEFAULT_SENSITIVE_KEYS } from './sensitive-data.js';
import { type EnvSource, readTelemetryEnv } from './telemetry-env.js';

/** A level name as configuration accepts it: any case, `WARN` and `FATAL` as aliases. */
export type LevelInput =
  | FoundationLevelName
  | Lowercase<FoundationLevelName>
  | 'WARN'
  | 'warn'
  | 'FATAL'
  | 'fatal'
  | (string & {});

export type ConsoleFormatter = 'key_value' | 'json';

export const CONSOLE_FORMATTERS: readonly ConsoleFormatter[] = ['key_value', 'json'];

/** provide.foundation's LoggingConfig (camelCase), plus sluice's additions. */
export interface LoggingConfig {
  /** The threshold of loggers no module level matches. Env SLUICE_LOG_LEVEL. Defaults to `'DEBUG'`. */
  defaultLevel: LevelInput;
  /** Env SLUICE_LOG_CONSOLE_FORMATTER. Defaults to `'key_value'`. */
  consoleFormatter: ConsoleFormatter;
  /** The `[domain][action][status]` prefix. Env SLUICE_LOG_DAS_EMOJI_ENABLED. Defaults to true. */
  dasEmojiPrefixEnabled: boolean;
  /** The emoji chosen from the logger name. Defaults to true. */
  loggerNameEmojiPrefixEnabled: boolean;
  /** Drop the timestamp. Env SLUICE_LOG_OMIT_TIMESTAMP. Defaults to false. */
  omitTimestamp: boolean;
  /**
   * Logger-name prefix to level, matched on dot boundaries, longest first (`{ 'app.db': 'DEBUG',
   * app: 'ERROR' }`). Env SLUICE_LOG_MODULE_LEVELS as `app.db:DEBUG,app:ERROR`. Defaults to `{}`.
   */
  moduleLevels: Readonly<Record<string, LevelInput>>;
  /** Append records to this file (parent directories created) instead of stderr. Env SLUICE_LOG_FILE.
   * Defaults to null (stderr). */
  logFile: string | null;
  /** Entries added to (or replacing those of) DEFAULT_LOGGER_NAME_EMOJIS; the `default` key sets the
   * emoji of names nothing matches. Defaults to `{}`. */
  loggerNameEmojis: Readonly<Record<string, string>>;
  /** Emoji sets active in this setup, besides those given to registerEmojiSet. Defaults to `[]`. */
  emojiSets: readonly EmojiSet[];
  /** Keys redacted besides DEFAULT_SENSITIVE_KEYS (case-insensitive, any depth). Defaults to `[]`. */
  redactKeys: readonly string[];
  /** Mask `password=...`-style text inside string values: true for DEFAULT_MASK_PATTERNS, or your own
   * global regexes (group 1 the key, 2 the separator, 3 the masked value). Defaults to false. */
  redactPatterns: boolean | readonly RegExp[];
  /** Token-bucket limits. Defaults to null (none). */
  rateLimit: Readonly<RateLimitOptions> | null;
  /** Sampling of repeated messages. Defaults to null (none). */
  sampling: Readonly<SamplingOptions> | null;
  /** The shape of getStats()'s rate window. Defaults to DEFAULT_STATS_WINDOW. */
  statsWindow: Readonly<Partial<StatsWindowOptions>>;
  /** Add `trace_id`/`span_id` of the active OpenTelemetry span when `@opentelemetry/api` is installed.
   * Defaults to true. */
  traceContext: boolean;
}

/** setupTelemetry's argument. Every field is optional; explicit values win over the environment. */
export interface TelemetryConfig {
  /** Added to every record as `service_name`. Env SLUICE_SERVICE_NAME. Defaults to none. */
  serviceName?: string | null;
  /** No output at all. Env SLUICE_TELEMETRY_DISABLED. Defaults to false. */
  globallyDisabled?: boolean;
  logging?: Readonly<Partial<LoggingConfig>>;
  /**
   * Where records go instead of stderr / logFile: a sink (`destination()`), or anything with
   * `write(string)`. Defaults to none.
   */
  destination?: RecordSink | WritableLike;
  /** Epoch milliseconds (fractional digits become microseconds). Defaults to `Date.now`. */
  clock?: () => number;
  /** Where SLUICE_* (and NO_COLOR / FORCE_COLOR) are read. Defaults to `process.env`. */
  env?: EnvSource;
}

const TELEMETRY_CONFIG_KEYS = optionKeys<TelemetryConfig>({
  serviceName: true,
  globallyDisabled: true,
  logging: true,
  destination: true,
  clock: true,
  env: true,
});

/** A configuration with every field decided and validated. */
export interface ResolvedTelemetryConfig {
  readonly serviceName: string | null;
  readonly globallyDisabled: boolean;
  readonly logging: ResolvedLoggingConfig;
}

export interface ResolvedLoggingConfig {
  readonly defaultLevel: FoundationLevelName;
  readonly consoleFormatter: ConsoleFormatter;
  readonly dasEmojiPrefixEnabled: boolean;
  readonly loggerNameEmojiPrefixEnabled: boolean;
  readonly omitTimestamp: boolean;
  readonly moduleLevels: Readonly<Record<string, FoundationLevelName>>;
  readonly logFile: string | null;
  readonly loggerNameEmojis: Readonly<Record<string, string>>;
  readonly emojiSets: readonly EmojiSet[];
  /** DEFAULT_SENSITIVE_KEYS plus redactKeys. */
  readonly redactKeys: readonly string[];
  /** Empty when masking is off. */
  readonly redactPatterns: readonly RegExp[];
  readonly rateLimit: Readonly<RateLimitOptions> | null;
  readonly sampling: Readonly<SamplingOptions> | null;
  readonly statsWindow: Readonly<StatsWindowOptions>;
  readonly traceContext: boolean;
}

/**
 * provide.foundation's defaults, in the version sluice follows (module levels: `{}` rather than the
 * current library's `{ asyncio: 'INFO' }`).
 */
export const DEFAULT_LOGGING_CONFIG: Readonly<LoggingConfig> = Object.freeze({
  defaultLevel: 'DEBUG',
  consoleFormatter: 'key_value',
  dasEmojiPrefixEnabled: true,
  loggerNameEmojiPrefixEnabled: true,
  omitTimestamp: false,
  moduleLevels: Object.freeze({}),
  logFile: null,
  loggerNameEmojis: Object.freeze({}),
  emojiSets: Object.freeze([]),
  redactKeys: Object.freeze([]),
  redactPatterns: false,
  rateLimit: null,
  sampling: null,
  statsWindow: Object.freeze({}),
  traceContext: true,
});

/** Every LoggingConfig field has a default, so the defaults name every valid key. */
const LOGGING_CONFIG_KEYS = Object.keys(DEFAULT_LOGGING_CONFIG);

/**
 * Decides every field: the explicit value when given (not undefined), else the environment variable,
 * else the default. Everything is validated here; a bad value throws SluiceConfigError naming it and the
 * valid choices, so nothing can fail later on a log call.
 */
export function resolveTelemetryConfig(
  config: Readonly<TelemetryConfig>,
  env: EnvSource,
): ResolvedTelemetryConfig {
  if (typeof config !== 'object' || config === null) {
    throw new SluiceConfigError(`Invalid telemetry config: ${describeValue(config)}. Use an object.`);
  }
  rejectUnknownKeys(config, TELEMETRY_CONFIG_KEYS, 'telemetry config');
  const fromEnv = readTelemetryEnv(env);
  const logging = config.logging ?? {};
  rejectUnknownKeys(logging, LOGGING_CONFIG_KEYS, 'logging config');
  const d = DEFAULT_LOGGING_CONFIG;

  const formatter = logging.consoleFormatter ?? fromEnv.consoleFormatter ?? d.consoleFormatter;
  if (!CONSOLE_FORMATTERS.includes(formatter as ConsoleFormatter)) {
    const option =
      logging.consoleFormatter === undefined ? 'SLUICE_LOG_CONSOLE_FORMATTER' : 'consoleFormatter';
    throw invalidChoice(option, formatter, CONSOLE_FORMATTERS);
  }

  const logFile = logging.logFile !== undefined ? logging.logFile : (fromEnv.logFile ?? d.logFile);
  if (logFile !== null && (typeof logFile !== 'string' || logFile.length === 0)) {
    throw new SluiceConfigError(`Invalid logFile: ${describeValue(logFile)}. Use a file path or null.`);
  }
  const serviceName = config.serviceName !== undefined ? config.serviceName : (fromEnv.serviceName ?? null);
  if (serviceName !== null && typeof serviceName !== 'string') {
    throw new SluiceConfigError(`Invalid serviceName: ${describeValue(serviceName)}. Use a string.`);
  }

  const patterns = logging.redactPatterns ?? d.redactPatterns;
  return {
    serviceName,
    globallyDisabled: pickBoolean(
      config.globallyDisabled,
      'globallyDisabled',
      fromEnv.globallyDisabled,
      false,
    ),
    logging: {
      defaultLevel:
        logging.defaultLevel !== undefined
          ? parseLevelName(logging.defaultLevel, 'defaultLevel')
          : (fromEnv.defaultLevel ?? parseLevelName(d.defaultLevel, 'defaultLevel')),
      consoleFormatter: formatter as ConsoleFormatter,
      dasEmojiPrefixEnabled: pickBoolean(
        logging.dasEmojiPrefixEnabled,
        'dasEmojiPrefixEnabled',
        fromEnv.dasEmojiPrefixEnabled,
        d.dasEmojiPrefixEnabled,
      ),
      loggerNameEmojiPrefixEnabled: pickBoolean(
        logging.loggerNameEmojiPrefixEnabled,
        'loggerNameEmojiPrefixEnabled',
        undefined,
        d.loggerNameEmojiPrefixEnabled,
      ),
      omitTimestamp: pickBoolean(
        logging.omitTimestamp,
        'omitTimestamp',
        fromEnv.omitTimestamp,
        d.omitTimestamp,
      ),
      moduleLevels:
        logging.moduleLevels !== undefined
          ? resolveModuleLevels(logging.moduleLevels, 'moduleLevels')
          : (fromEnv.moduleLevels ?? {}),
      logFile,
      loggerNameEmojis: checkRecord(logging.loggerNameEmojis ?? d.loggerNameEmojis, 'loggerNameEmojis'),
      emojiSets: checkArray(logging.emojiSets ?? d.emojiSets, 'emojiSets').map(validateEmojiSet),
      redactKeys: [
        ...DEFAULT_SENSITIVE_KEYS,
        ...checkArray(logging.redactKeys ?? d.redactKeys, 'redactKeys').map((key) =>
          String(key).toLowerCase(),
        ),
      ],
      redactPatterns: resolvePatterns(patterns),
      rateLimit: logging.rateLimit == null ? null : validateRateLimit(logging.rateLimit),
      sampling: logging.sampling == null ? null : validateSampling(logging.sampling),
      statsWindow: resolveStatsWindow(logging.statsWindow),
      traceContext: pickBoolean(logging.traceContext, 'traceContext', undefined, d.traceContext),
    },
  };
}

function pickBoolean(
  explicit: unknown,
  option: string,
  fromEnv: boolean | undefined,
  fallback: boolean,
): boolean {
  if (explicit === undefined) return fromEnv ?? fallback;
  if (typeof explicit !== 'boolean') throw invalidChoice(option, explicit, ['true', 'false']);
  return explicit;
}

function resolvePatterns(patterns: unknown): readonly RegExp[] {
  if (patterns === false) return [];
  if (patterns === true) return DEFAULT_MASK_PATTERNS;
  if (Array.isArray(patterns) && patterns.every((p) => p instanceof RegExp && p.global)) return patterns;
  throw new SluiceConfigError(
    `Invalid redactPatterns: ${describeValue(patterns)}. Use true, false or an array of global (/g) RegExps.`,
  );
}

function checkRecord(value: unknown, option: string): Readonly<Record<string, string>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SluiceConfigError(`Invalid ${option}: ${describeValue(value)}. Use an object.`);
  }
  return value as Record<string, string>;
}

function checkArray<T>(value: readonly T[], option: string): readonly T[] {
  if (!Array.isArray(value)) {
    throw new SluiceConfigError(`Invalid ${option}: ${describeValue(value)}. Use an array.`);
  }
  return value;
}
