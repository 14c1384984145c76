/**
 * winston's level names as sluice level numbers (trace 10, debug 20, info 30, warn 40, error 50,
 * fatal 60), for the record's ring header: the `shed` policy and the per-level drop counts read it.
 * winston numbers its levels the other way round (0 is the most severe) and per level set, so the
 * mapping goes by name. Covers the npm (winston's default), syslog and cli sets.
 */
export const WINSTON_LEVELS: ReadonlyMap<string, number> = new Map([
  // npm: error 0, warn 1, info 2, http 3, verbose 4, debug 5, silly 6
  ['error', 50],
  ['warn', 40],
  ['info', 30],
  ['http', 30],
  ['verbose', 20],
  ['debug', 20],
  ['silly', 10],
  // syslog: emerg 0, alert 1, crit 2, error 3, warning 4, notice 5, info 6, debug 7
  ['emerg', 60],
  ['alert', 60],
  ['crit', 60],
  ['warning', 40],
  ['notice', 30],
  // cli: error, warn, help, data, info, debug, prompt, verbose, input, silly
  ['help', 30],
  ['data', 30],
  ['prompt', 20],
  ['input', 20],
]);

/** The sluice number for a winston level name: `custom` first, then WINSTON_LEVELS, else info (30). */
export function sluiceLevelOf(name: unknown, custom: ReadonlyMap<string, number> | null): number {
  if (typeof name !== 'string') return UNKNOWN_LEVEL;
  return custom?.get(name) ?? WINSTON_LEVELS.get(name) ?? UNKNOWN_LEVEL;
}

const UNKNOWN_LEVEL = 30;
