import type { ValueLimits } from './value-limits.js';

/**
 * Whether the bounded walker would write `value` whole: no string, array, object or nesting past
 * `limits`. It stops at the first thing past a bound, so it never reads more than the limits allow
 * (a sparse array of a billion slots is one length check). A value that fails is written by the
 * bounded walker, which cuts and marks it; a throwing getter or trap throws out of here for the
 * caller to send the value to that walker too.
 */
export function fitsLimits(value: unknown, limits: Readonly<ValueLimits>): boolean {
  return fitsAt(value, limits, 0);
}

function fitsAt(value: unknown, limits: Readonly<ValueLimits>, depth: number): boolean {
  if (typeof value === 'string') return value.length <= limits.stringLength;
  if (typeof value !== 'object' || value === null) return true;
  if (depth >= limits.depth) return false;
  if (Array.isArray(value)) {
    const length = value.length;
    if (length > limits.arrayLength) return false;
    for (let i = 0; i < length; i++) if (!fitsAt(value[i], limits, depth + 1)) return false;
    return true;
  }
  let keys = 0;
  for (const key in value) {
    if (!hasOwn.call(value, key)) continue;
    if (++keys > limits.objectKeys) return false;
    if (!fitsAt((value as Record<string, unknown>)[key], limits, depth + 1)) return false;
  }
  return true;
}

const hasOwn = Object.prototype.hasOwnProperty;
