import { SluiceConfigError } from '../errors.js';

/** Bounds on what one value may add to a record. Anything past a bound is cut and marked. */
export interface ValueLimits {
  /** Nesting depth of objects and arrays below a top-level field. Defaults to 10. */
  depth: number;
  /** UTF-16 units of one string (messages included). Defaults to 100,000. */
  stringLength: number;
  /** Elements written from one array. Defaults to 1,000. */
  arrayLength: number;
  /** Keys written from one object. Defaults to 1,000. */
  objectKeys: number;
}

export const DEFAULT_VALUE_LIMITS: Readonly<ValueLimits> = Object.freeze({
  depth: 10,
  stringLength: 100_000,
  arrayLength: 1000,
  objectKeys: 1000,
});

export function resolveValueLimits(
  options: Readonly<Partial<ValueLimits>> | undefined,
): Readonly<ValueLimits> {
  const limits = { ...DEFAULT_VALUE_LIMITS, ...options };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new SluiceConfigError(`Invalid limits.${name}: ${String(value)}. Use a positive integer.`);
    }
  }
  return Object.freeze(limits);
}
