import { describeValue, SluiceConfigError } from '../errors.js';
import { rejectUnknownKeys } from '../option-keys.js';

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

const VALUE_LIMIT_NAMES = Object.keys(DEFAULT_VALUE_LIMITS) as (keyof ValueLimits)[];

export function resolveValueLimits(
  options: Readonly<Partial<ValueLimits>> | undefined,
): Readonly<ValueLimits> {
  if (options !== undefined) rejectUnknownKeys(options, VALUE_LIMIT_NAMES, 'limits');
  const limits: ValueLimits = { ...DEFAULT_VALUE_LIMITS };
  for (const name of VALUE_LIMIT_NAMES) {
    const value = options?.[name];
    // An option present but undefined (`{ depth: config.depth }`) means "the default", as documented.
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 1) {
      throw new SluiceConfigError(`Invalid limits.${name}: ${describeValue(value)}. Use a positive integer.`);
    }
    limits[name] = value;
  }
  return Object.freeze(limits);
}
