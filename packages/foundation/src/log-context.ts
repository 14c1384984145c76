import { mergeFields } from './record-fields.js';
import { telemetryResources } from './telemetry-resources.js';

/**
 * Runs `fn` with `fields` on every record logged inside it, across awaits, timers and callbacks started
 * there (AsyncLocalStorage), and not outside it: concurrent requests each see their own. Nested calls
 * add to the outer fields (inner values win). Returns what `fn` returns (a Promise for an async fn).
 *
 * Call fields win over context fields on the same key.
 */
export function withContext<T>(fields: Readonly<Record<string, unknown>>, fn: () => T): T {
  if (typeof fields !== 'object' || fields === null) {
    throw new TypeError('withContext(fields, fn) takes an object of fields');
  }
  const resources = telemetryResources;
  resources.contextInUse = true;
  const outer = resources.context.getStore();
  const merged: Record<string, unknown> = {};
  if (outer !== undefined) mergeFields(merged, outer);
  mergeFields(merged, fields);
  return resources.context.run(Object.freeze(merged), fn);
}

/** The fields withContext put in effect here, or undefined. */
export function currentContext(): Readonly<Record<string, unknown>> | undefined {
  const resources = telemetryResources;
  return resources.contextInUse ? resources.context.getStore() : undefined;
}
