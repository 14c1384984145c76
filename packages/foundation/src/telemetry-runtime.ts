import type { EmojiSet } from './emoji-set.js';
import type { TelemetryConfig } from './telemetry-config.js';
import type { TelemetryPipeline } from './telemetry-pipeline.js';

/** What a configured logger needs from the runtime when the setup changes. */
export interface ConfigurableLogger {
  configure(pipeline: TelemetryPipeline): void;
}

/**
 * The module-level registry behind setupTelemetry / getLogger (provide.foundation's API is global by
 * design: any module calls `getLogger(name)` and gets a logger of the current setup). What records
 * read besides the setup (withContext's store, the OpenTelemetry API, stderr) is telemetryResources.
 *
 * - `pipeline`: the current setup, compiled; replaced whole by setupTelemetry, never mutated.
 * - `loggers`: every logger getLogger handed out, by name, so a new setup reconfigures them in place.
 * - `boundLoggers`: children from `bind()`, held weakly for the same purpose.
 * - `emojiSets`: sets given to registerEmojiSet, active in every later setup.
 * - `lastConfig`: what setupTelemetry was last given, to rebuild the setup when an emoji set is registered.
 *
 * All of it is touched only on the main JS thread of this module instance; worker threads get their own.
 */
export interface TelemetryRuntime {
  pipeline: TelemetryPipeline | null;
  readonly loggers: Map<string, ConfigurableLogger>;
  readonly boundLoggers: Set<WeakRef<ConfigurableLogger>>;
  emojiSets: readonly EmojiSet[];
  lastConfig: Readonly<TelemetryConfig>;
}

export const telemetryRuntime: TelemetryRuntime = {
  pipeline: null,
  loggers: new Map(),
  boundLoggers: new Set(),
  emojiSets: [],
  lastConfig: {},
};
