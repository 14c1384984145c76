import { DEFAULT_VALUE_LIMITS } from '@sluice/core';
import { readField } from './record-fields.js';

/**
 * Field names whose values setupTelemetry always replaces with `[REDACTED]`, at any depth, top level
 * included (provide.foundation missed `password=` at the top level), matched case-insensitively.
 * Compiled once per setup into core's Redaction; a call pays one Set lookup per key.
 */
export const DEFAULT_SENSITIVE_KEYS: readonly string[] = Object.freeze([
  'authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'x-auth-token',
  'x-csrf-token',
  'proxy-authorization',
  'token',
  'access_token',
  'refresh_token',
  'password',
  'secret',
  'apikey',
  'api_key',
  'credentials',
]);

/**
 * Opt-in masking inside string values (`redactPatterns: true`): `password=hunter2`, `token: abc`,
 * `Bearer abc`. provide.foundation ran such regexes over every string of every record (most of its
 * per-line time) and masked innocent text; here they run only when asked for, and only `key=value` /
 * `key: value` shapes match ("token refreshed ok" is left alone).
 */
export const DEFAULT_MASK_PATTERNS: readonly RegExp[] = Object.freeze([
  /\b(password|passwd|pwd|secret|token|access_token|refresh_token|api[_-]?key|apikey|credentials)(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s,;&"']+)/gi,
  /\b(bearer|basic)(\s+)([A-Za-z0-9._~+/-]+=*)/gi,
]);

export const MASK_TEXT = '[REDACTED]';

/** Masks every pattern match's value part (the third group, or the whole match without groups). */
export function maskString(s: string, patterns: readonly RegExp[]): string {
  let result = s;
  for (const pattern of patterns) {
    pattern.lastIndex = 0;
    result = result.replace(pattern, (_match: string, key?: string, separator?: string) =>
      typeof key === 'string' && typeof separator === 'string' ? key + separator + MASK_TEXT : MASK_TEXT,
    );
  }
  return result;
}

/**
 * A copy of `fields` with every string (nested ones too, to the depth limit) masked. Only used when
 * pattern masking is on: it allocates a copy per record.
 */
export function maskFields(
  fields: object,
  patterns: readonly RegExp[],
  depth: number,
): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  let names: string[];
  try {
    names = Object.keys(fields);
  } catch {
    return fields as Record<string, unknown>;
  }
  for (const key of names) {
    const value = maskValue(readField(fields, key), patterns, depth - 1);
    Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

function maskValue(value: unknown, patterns: readonly RegExp[], depth: number): unknown {
  if (typeof value === 'string') return maskString(value, patterns);
  if (depth <= 0 || typeof value !== 'object' || value === null) return value;
  // instanceof, Array.isArray and getPrototypeOf run a Proxy's traps, which may throw (or the Proxy
  // may be revoked): such a value is left as is, and the line writer marks it.
  try {
    if (value instanceof Error) return value;
    if (Array.isArray(value)) return maskArray(value, patterns, depth);
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) return value;
  } catch {
    return value;
  }
  return maskFields(value, patterns, depth);
}

/**
 * A masked copy of an array, as long as the original, holding only the elements the line writer will
 * write (the rest it counts, not reads). Mapping the whole array would walk `new Array(1e9)` a billion
 * times and allocate gigabytes.
 */
function maskArray(array: readonly unknown[], patterns: readonly RegExp[], depth: number): unknown[] {
  const length = array.length;
  const copy = new Array<unknown>(length);
  const written = Math.min(length, DEFAULT_VALUE_LIMITS.arrayLength);
  for (let i = 0; i < written; i++) copy[i] = maskValue(array[i], patterns, depth - 1);
  return copy;
}
