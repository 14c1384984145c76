import { SluiceConfigError } from '@sluice/core';
import { DottedPrefixTable } from './dotted-prefix-table.js';
import { type FoundationLevelName, levelIndexOf, parseLevelName } from './foundation-levels.js';

/**
 * Per-logger-name thresholds (`{ 'app.db': 'DEBUG', app: 'ERROR' }`): the longest dotted prefix of a
 * logger's name decides, else the default level. Resolved once per logger name per setup and cached, so
 * a log call never looks anything up.
 */
export class ModuleLevels {
  private readonly table: DottedPrefixTable<number>;
  private readonly cache = new Map<string, number>();

  constructor(
    private readonly defaultIndex: number,
    levels: Readonly<Record<string, FoundationLevelName>>,
  ) {
    this.table = new DottedPrefixTable(
      Object.entries(levels).map(([module, level]) => [module, levelIndexOf(level)] as const),
    );
  }

  /** The threshold (a level index) for a logger name. */
  thresholdFor(name: string): number {
    let index = this.cache.get(name);
    if (index === undefined) {
      index = this.table.match(name) ?? this.defaultIndex;
      this.cache.set(name, index);
    }
    return index;
  }
}

/** Validates an explicit `moduleLevels` option and canonicalises its level names. */
export function resolveModuleLevels(value: unknown, option: string): Record<string, FoundationLevelName> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SluiceConfigError(
      `Invalid ${option}: use an object of logger-name prefix to level, e.g. { "app.db": "DEBUG" }.`,
    );
  }
  const levels: Record<string, FoundationLevelName> = {};
  for (const [module, level] of Object.entries(value)) {
    if (module.trim().length === 0) {
      throw new SluiceConfigError(`Invalid ${option}: a module name is empty.`);
    }
    levels[module.trim()] = parseLevelName(level, `${option} level for ${JSON.stringify(module)}`);
  }
  return levels;
}
