import { invalidChoice, SluiceConfigError } from '../errors.js';

/** pino's numbers, so dashboards and pino-pretty read sluice's records unchanged. */
export const DEFAULT_LEVELS = Object.freeze({
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
} as const);

export type DefaultLevelName = keyof typeof DEFAULT_LEVELS;

/** The level names of a logger: the defaults and its custom levels. */
export type LevelName<CustomLevel extends string = never> = DefaultLevelName | CustomLevel;

/** A threshold: a level name of the logger, `silent`, or a number. */
export type LevelThreshold<CustomLevel extends string = never> = LevelName<CustomLevel> | 'silent' | number;

/** `silent` is a threshold above every level: nothing is written. */
export const SILENT = Number.POSITIVE_INFINITY;

const LEVEL_NAME_PATTERN = /^[a-zA-Z_$][\w$]*$/;

/**
 * The levels one logger tree knows: the defaults plus custom ones. Resolved once at creation; lookups
 * in both directions are plain property reads.
 */
export class LevelTable {
  readonly names: readonly string[];
  private readonly valueByName: ReadonlyMap<string, number>;
  private readonly nameByValue: ReadonlyMap<number, string>;

  constructor(customLevels: Readonly<Record<string, number>> = {}) {
    const byName = new Map<string, number>(Object.entries(DEFAULT_LEVELS));
    for (const [name, value] of Object.entries(customLevels)) {
      if (!LEVEL_NAME_PATTERN.test(name) || name === 'silent' || RESERVED_METHODS.has(name)) {
        throw new SluiceConfigError(
          `Invalid custom level name ${JSON.stringify(name)}: use an identifier that is not "silent" or a logger method.`,
        );
      }
      if (!Number.isInteger(value) || value < 1 || value > 1000) {
        throw new SluiceConfigError(
          `Invalid value for custom level ${JSON.stringify(name)}: ${String(value)}. Use an integer from 1 to 1000.`,
        );
      }
      byName.set(name, value);
    }
    const byValue = new Map<number, string>();
    for (const [name, value] of byName) {
      const existing = byValue.get(value);
      if (existing !== undefined && !(name in DEFAULT_LEVELS) && existing !== name) {
        throw new SluiceConfigError(
          `Custom level ${JSON.stringify(name)} reuses value ${value} of level ${JSON.stringify(existing)}.`,
        );
      }
      byValue.set(value, name);
    }
    this.valueByName = byName;
    this.nameByValue = byValue;
    this.names = [...byName.keys()].sort((a, b) => byName.get(a)! - byName.get(b)!);
  }

  /** The numeric threshold for a level name, `silent`, or a number; throws a config error otherwise. */
  resolve(level: string | number): number {
    if (typeof level === 'number') {
      // Level numbers are pino's: non-negative integers (a negative or fractional one is a mistake).
      if ((Number.isInteger(level) && level >= 0) || level === SILENT) return level;
    } else if (typeof level === 'string') {
      if (level === 'silent') return SILENT;
      const value = this.valueByName.get(level);
      if (value !== undefined) return value;
    }
    throw invalidChoice('level', level, [...this.names, 'silent']);
  }

  valueOf(name: string): number | undefined {
    return this.valueByName.get(name);
  }

  /** The label for a threshold: a level name, `silent`, or the number itself for an unnamed threshold. */
  labelOf(value: number): string {
    if (value === SILENT) return 'silent';
    return this.nameByValue.get(value) ?? String(value);
  }
}

/** Method names a custom level must not shadow. */
const RESERVED_METHODS = new Set([
  'child',
  'bindings',
  'event',
  'flush',
  'flushSync',
  'isLevelEnabled',
  'level',
  'levelValue',
  'constructor',
  '__proto__',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
]);
