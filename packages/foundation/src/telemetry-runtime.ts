import { AsyncLocalStorage } from 'node:async_hooks';
import type { SonicDestination } from '@sluice/core';
import type { OtelApiState } from '@sluice/core/internal';
import type { EmojiSet } from './emoji-sets.js';
import type { TelemetryConfig } from './telemetry-config.js';
import type { TelemetryPipeline } from './telemetry-pipeline.js';

/** What a configured logger needs from the runtime when the setup changes. */
export interface ConfigurableLogger {
  configure(pipeline: TelemetryPipeline): void;
}

/**
 * The one piece of module-level state behind setupTelemetry / getLogger (provide.foundation's API is
 * global by design: any module calls `getLogger(name)` and gets a logger of the current setup).
 *
 * - `pipeline`: the current setup, compiled; replaced whole by setupTelemetry, never mutated.
 * - `loggers`: every logger getLogger handed out, by name, so a new setup reconfigures them in place.
 * - `boundLoggers`: children from `bind()`, held weakly for the same purpose.
 * - `emojiSets`: sets given to registerEmojiSet, active in every later setup.
 * - `context`: withContext's AsyncLocalStorage; `contextInUse` skips reading it until first used.
 * - `otel`: whether `@opentelemetry/api` was found (looked for once per process); `otelPending` while
 *   the asynchronous look-up runs.
 * - `stderr`: the stderr destination, created once and shared by every setup (never closed).
 * - `lastConfig`: what setupTelemetry was last given, to rebuild the setup when an emoji set is registered.
 *
 * All of it is touched only on the main JS thread of this module instance; worker threads get their own.
 */
export interface TelemetryRuntime {
  pipeline: TelemetryPipeline | null;
  readonly loggers: Map<string, ConfigurableLogger>;
  readonly boundLoggers: Set<WeakRef<ConfigurableLogger>>;
  emojiSets: readonly EmojiSet[];
  readonly context: AsyncLocalStorage<Readonly<Record<string, unknown>>>;
  contextInUse: boolean;
  otel: OtelApiState;
  otelPending: Promise<void> | null;
  stderr: SonicDestination | null;
  lastConfig: Readonly<TelemetryConfig>;
}

export const telemetryRuntime: TelemetryRuntime = {
  pipeline: null,
  loggers: new Map(),
  boundLoggers: new Set(),
  emojiSets: [],
  context: new AsyncLocalStorage(),
  contextInUse: false,
  otel: { kind: 'unresolved' },
  otelPending: null,
  stderr: null,
  lastConfig: {},
};
