import { DEFAULT_LEVELS } from '@sluice/core';

const NAME_BY_VALUE = new Map<number, string>(
  Object.entries(DEFAULT_LEVELS).map(([name, value]) => [value, name]),
);

/** pino's level names for its numbers; any other number is written as itself. */
export function levelName(level: number): string {
  return NAME_BY_VALUE.get(level) ?? String(level);
}
