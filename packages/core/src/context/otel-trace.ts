import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * The slice of `@opentelemetry/api` sluice uses: the active span's ids. Declared here so that neither
 * the build nor the published types need the package; it is an optional peer dependency.
 */
export interface OtelApiLike {
  readonly trace: {
    getActiveSpan(): { spanContext(): { traceId: string; spanId: string; traceFlags?: number } } | undefined;
  };
}

/** Where the API stands: not looked for yet, looked for and absent, or loaded. */
export type OtelApiState = { readonly kind: 'unresolved' } | { readonly kind: 'absent' } | OtelApiLoaded;

export interface OtelApiLoaded {
  readonly kind: 'loaded';
  readonly api: OtelApiLike;
}

const OTEL_API = '@opentelemetry/api';

/**
 * Finds `@opentelemetry/api` once, without `import.meta` (which the CommonJS build cannot contain):
 *
 * 1. synchronously, resolved from the application's working directory
 *    (`createRequire(process.cwd() + '/')`), where an application that creates spans has it installed;
 * 2. failing that, by a dynamic `import()` resolved from sluice's own location (a peer dependency
 *    installed beside it); `onLoaded` receives it when `pending` settles, so records logged before then
 *    carry no ids (`telemetryReady()` waits for it).
 *
 * Both builds share one API instance in effect: the API keeps its state on a global symbol, so the copy
 * loaded here sees the context manager and spans the application registered with its own copy.
 */
export function resolveOtelApi(onLoaded: (state: OtelApiState) => void): {
  state: OtelApiState;
  pending: Promise<void> | null;
} {
  try {
    const api = createRequire(join(process.cwd(), '/'))(OTEL_API) as OtelApiLike;
    if (isOtelApi(api)) return { state: { kind: 'loaded', api }, pending: null };
  } catch {
    // Not installed for the application: try sluice's own resolution below.
  }
  const specifier: string = OTEL_API;
  const pending = import(specifier).then(
    (module: unknown) => {
      const api = ((module as { default?: unknown }).default ?? module) as OtelApiLike;
      onLoaded(isOtelApi(api) ? { kind: 'loaded', api } : { kind: 'absent' });
    },
    () => onLoaded({ kind: 'absent' }),
  );
  return { state: { kind: 'absent' }, pending };
}

function isOtelApi(api: unknown): api is OtelApiLike {
  return typeof (api as OtelApiLike)?.trace?.getActiveSpan === 'function';
}

const INVALID_TRACE_ID = '00000000000000000000000000000000';

/** The ids of the active span, or null when there is no valid one. Never throws. */
export function activeSpanIds(
  api: OtelApiLike,
): { traceId: string; spanId: string; traceFlags?: number } | null {
  try {
    const span = api.trace.getActiveSpan();
    if (span === undefined) return null;
    const context = span.spanContext();
    if (typeof context.traceId !== 'string' || context.traceId === INVALID_TRACE_ID) return null;
    return context;
  } catch {
    return null;
  }
}
