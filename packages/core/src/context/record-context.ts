import { SluiceConfigError } from '../errors.js';
import { activeSpanIds, type OtelApiState, resolveOtelApi } from './otel-trace.js';

/**
 * Fields for a record from the caller's context (a request id from AsyncLocalStorage, a tenant), as
 * pino's `mixin`: called with the call's fields (an empty object when it has none) and the level's
 * number, for every record the object API writes; what it returns is written after the bindings and
 * before the call's fields (so a call's own field of the same name comes last, as it wins in pino).
 */
export type Mixin = (fields: object, levelValue: number) => object | null | undefined;

const NO_FIELDS: object = Object.freeze({});

/**
 * The one function a logger calls per record for its context fields: the `mixin`, the active
 * OpenTelemetry span's ids (`traceContext: true`), both, or none (null: the record path then only
 * checks for null).
 */
export function resolveRecordContext(mixin: unknown, traceContext: unknown): Mixin | null {
  if (mixin !== undefined && typeof mixin !== 'function') {
    throw new SluiceConfigError(
      `Invalid mixin: ${typeof mixin}. Use a function returning an object of fields.`,
    );
  }
  if (traceContext !== undefined && typeof traceContext !== 'boolean') {
    throw new SluiceConfigError(`Invalid traceContext: ${String(traceContext)}. Use true or false.`);
  }
  const user = (mixin as Mixin | undefined) ?? null;
  if (traceContext !== true) return user;
  const trace = spanIdsSource();
  if (user === null) return trace;
  return (fields, levelValue) => {
    const ids = trace(fields, levelValue);
    const own = user(fields, levelValue);
    return ids === null ? own : own === null || own === undefined ? ids : { ...ids, ...own };
  };
}

/**
 * `trace_id`, `span_id` and `trace_flags` (two hex digits, as W3C traceparent writes them) of the active
 * span, the field names OpenTelemetry's log data model and pino's instrumentation use; nothing outside a
 * span or without `@opentelemetry/api` installed.
 */
function spanIdsSource(): Mixin {
  let state: OtelApiState = { kind: 'unresolved' };
  const resolved = resolveOtelApi((loaded) => {
    state = loaded;
  });
  if (resolved.pending === null) state = resolved.state;
  return () => {
    if (state.kind !== 'loaded') return null;
    const ids = activeSpanIds(state.api);
    if (ids === null) return null;
    return {
      trace_id: ids.traceId,
      span_id: ids.spanId,
      trace_flags: ((ids.traceFlags ?? 0) & 0xff).toString(16).padStart(2, '0'),
    };
  };
}

/** What a mixin is called with when the call has no fields. */
export function contextFieldsOf(fields: object | null): object {
  return fields ?? NO_FIELDS;
}
