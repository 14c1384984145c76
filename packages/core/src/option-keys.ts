import { describeValue, SluiceConfigError } from './errors.js';

/**
 * The valid keys of an options type, from an object literal listing each once: the compiler rejects a
 * key the type lacks and a key of the type left out, so the list cannot drift from the type.
 */
export function optionKeys<T extends object>(
  shape: { readonly [K in keyof Required<T>]: true },
): readonly string[] {
  return Object.freeze(Object.keys(shape));
}

/**
 * Throws SluiceConfigError for the first own key of `options` (with a value) not in `validKeys`, naming it
 * and the nearest valid key: a misspelt option (`levle`, `redact: { path }`) must not be silently ignored.
 */
export function rejectUnknownKeys(options: unknown, validKeys: readonly string[], where: string): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new SluiceConfigError(`Invalid ${where}: ${describeValue(options)}. Use an object.`);
  }
  // for...in with hasOwn reads the same keys as Object.entries without an array per call: fastify
  // passes options to the child() it makes for every request.
  for (const key in options) {
    if (!Object.hasOwn(options, key)) continue;
    // A key set to undefined asks for nothing: fastify hands a logger's child() its own options with
    // `logger: undefined, genReqId: undefined`.
    const value = (options as Record<string, unknown>)[key];
    if (value !== undefined && !validKeys.includes(key)) throw unknownOption(key, validKeys, where);
  }
}

function unknownOption(key: string, validKeys: readonly string[], where: string): SluiceConfigError {
  const nearest = nearestKey(key, validKeys);
  const hint =
    nearest === null
      ? `valid options: ${validKeys.map((k) => `'${k}'`).join(', ')}`
      : `did you mean '${nearest}'?`;
  return new SluiceConfigError(`unknown option '${key}' in ${where}; ${hint}`);
}

/** The valid key closest to `key` by edit distance, if close enough to be a likely typo. */
function nearestKey(key: string, validKeys: readonly string[]): string | null {
  const lowered = key.toLowerCase();
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of validKeys) {
    const distance = editDistance(lowered, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // A third of the key's length (at least 2 edits): `levle` finds `level`, `foo` finds nothing.
  return bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : null;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) rows[i][j] = i === 0 ? j : 0;
  }
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
    }
  }
  return rows[a.length][b.length];
}
