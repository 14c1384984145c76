/**
 * The text that stands in for what could not or should not be written. Each is a plain JSON string,
 * so a record stays valid and a reader can search for the marker.
 */
export const CIRCULAR_MARKER = '[Circular]';
export const DEPTH_OBJECT_MARKER = '[Object]';
export const DEPTH_ARRAY_MARKER = '[Array]';

export function unserializableMarker(reason: unknown): string {
  return `[Unserializable: ${describeFailure(reason)}]`;
}

export function truncatedStringSuffix(removed: number): string {
  return `...[truncated ${removed} chars]`;
}

export function truncatedArrayMarker(removed: number): string {
  return `[... ${removed} more items]`;
}

export function truncatedKeysMarker(removed: number): string {
  return `[${removed} more keys]`;
}

/** The key under which an object's cut keys are counted. */
export const TRUNCATED_KEYS_KEY = '...';

/** A short reason, safe to compute even from a hostile thrown value. */
function describeFailure(reason: unknown): string {
  try {
    if (reason instanceof Error) return `${reason.name}: ${reason.message}`.slice(0, 200);
    return String(reason).slice(0, 200);
  } catch {
    return 'unknown error';
  }
}
