import { AsyncLocalStorage } from 'node:async_hooks';
import type { SonicDestination } from '@sluice/core';
import type { OtelApiState } from '@sluice/core/internal';

/**
 * The process-wide resources every setup's records read, whichever setup is current: a leaf the setup
 * (TelemetryPipeline) and the registry of setups and loggers (telemetryRuntime) both import.
 *
 * - `context`: withContext's AsyncLocalStorage; `contextInUse` skips reading it until first used.
 * - `otel`: whether `@opentelemetry/api` was found (looked for once per process); `otelPending` while
 *   the asynchronous look-up runs.
 * - `stderr`: the stderr destination, created once and shared by every setup (never closed).
 *
 * All of it is touched only on the main JS thread of this module instance; worker threads get their own.
 */
export interface TelemetryResources {
  readonly context: AsyncLocalStorage<Readonly<Record<string, unknown>>>;
  contextInUse: boolean;
  otel: OtelApiState;
  otelPending: Promise<void> | null;
  stderr: SonicDestination | null;
}

export const telemetryResources: TelemetryResources = {
  context: new AsyncLocalStorage(),
  contextInUse: false,
  otel: { kind: 'unresolved' },
  otelPending: null,
  stderr: null,
};
