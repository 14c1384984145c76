import { unserializableMarker } from './markers.js';

/**
 * `String(value)`, or the marker when conversion throws (a throwing toString, a Proxy trap, a revoked
 * Proxy). It never retries through another conversion: that would read the same traps that just threw.
 */
export function safeString(value: unknown): string {
  try {
    return String(value);
  } catch (failure) {
    return unserializableMarker(failure);
  }
}
