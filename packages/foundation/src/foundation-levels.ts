import { invalidChoice } from '@sluice/core/internal';

/**
 * provide.foundation's levels, in the numbers of Python's logging module (plus TRACE=5), as an index
 * into the tables below. Records render the lowercase name.
 */
export type FoundationLevelName = 'TRACE' | 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR' | 'CRITICAL';

export const FOUNDATION_LEVELS: Readonly<Record<FoundationLevelName, number>> = Object.freeze({
  TRACE: 5,
  DEBUG: 10,
  INFO: 20,
  WARNING: 30,
  ERROR: 40,
  CRITICAL: 50,
});

export const FOUNDATION_LEVEL_NAMES: readonly FoundationLevelName[] = Object.freeze([
  'TRACE',
  'DEBUG',
  'INFO',
  'WARNING',
  'ERROR',
  'CRITICAL',
]);

/** Index of a level in FOUNDATION_LEVEL_NAMES: what per-level tables (colours, counters) are keyed by. */
export const LEVEL_TRACE = 0;
export const LEVEL_DEBUG = 1;
export const LEVEL_INFO = 2;
export const LEVEL_WARNING = 3;
export const LEVEL_ERROR = 4;
export const LEVEL_CRITICAL = 5;
export const LEVEL_COUNT = 6;

/** Level numbers by index. */
export const LEVEL_VALUES: readonly number[] = FOUNDATION_LEVEL_NAMES.map((name) => FOUNDATION_LEVELS[name]);

/** Lowercase names by index, as records write them. */
export const LEVEL_LABELS: readonly string[] = FOUNDATION_LEVEL_NAMES.map((name) => name.toLowerCase());

/** Spellings accepted besides the six names: Python's and pino's aliases. */
const LEVEL_ALIASES: Readonly<Record<string, FoundationLevelName>> = {
  WARN: 'WARNING',
  FATAL: 'CRITICAL',
};

/**
 * A level name from configuration, case-insensitive (`info`, `INFO`, `warn`), to its canonical name.
 * Throws SluiceConfigError naming the valid ones otherwise.
 */
export function parseLevelName(value: unknown, option: string): FoundationLevelName {
  if (typeof value === 'string') {
    const upper = value.trim().toUpperCase();
    if (upper in FOUNDATION_LEVELS) return upper as FoundationLevelName;
    const alias = LEVEL_ALIASES[upper];
    if (alias !== undefined) return alias;
  }
  throw invalidChoice(option, value, FOUNDATION_LEVEL_NAMES);
}

/** The index of a canonical level name. */
export function levelIndexOf(name: FoundationLevelName): number {
  return FOUNDATION_LEVEL_NAMES.indexOf(name);
}
