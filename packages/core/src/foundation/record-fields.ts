import { isOmitted } from '../json/json-value-writer.js';
import { unserializableMarker } from '../value/markers.js';
import type { EmojiPrefix } from './emoji-prefix.js';

/** Keys the foundation record writes itself; a field with one of these names is written as `_name`. */
export const RESERVED_FIELD_KEYS: ReadonlySet<string> = new Set([
  'event',
  'level',
  'timestamp',
  'logger_name',
  'service_name',
]);

export function renameReservedKey(key: string): string {
  return RESERVED_FIELD_KEYS.has(key) ? `_${key}` : key;
}

/**
 * One pass over a record's fields before anything is written: fields an emoji prefix consumes (DAS
 * `domain`/`action`/`status`, emoji-set fields) go to its slots and leave the record; the other keys are
 * collected, in order or sorted, into a scratch array reused by every record. Values are read once more
 * when written.
 *
 * One instance per setup; the pipeline never runs two records through it at once.
 */
export class FieldPass {
  /** Collected keys: `keys[0..count)`. Grows to the largest record seen, then stays. */
  readonly keys: string[] = [];
  count = 0;
  /** Keys past the limit, written as a `...` count. */
  truncatedKeys = 0;
  /** Set when the field object could not even be enumerated (a hostile Proxy). */
  failure: string | null = null;

  constructor(private readonly keyLimit: number) {}

  collect(fields: object, prefix: EmojiPrefix | null, sort: boolean): void {
    this.count = 0;
    this.truncatedKeys = 0;
    this.failure = null;
    let names: string[];
    try {
      names = Object.keys(fields);
    } catch (error) {
      this.failure = unserializableMarker(error);
      return;
    }
    const keys = this.keys;
    const slotOf = prefix === null || prefix.slotCount === 0 ? null : prefix.slotOf;
    let count = 0;
    for (let i = 0; i < names.length; i++) {
      const key = names[i];
      if (slotOf !== null) {
        const slot = slotOf.get(key);
        if (slot !== undefined) {
          prefix!.capture(slot, readField(fields, key));
          continue;
        }
      }
      if (count === this.keyLimit) {
        this.truncatedKeys++;
        continue;
      }
      keys[count++] = key;
    }
    this.count = count;
    if (sort && count > 1) sortKeys(keys, count);
  }
}

/** Reads one field; a throwing getter gives the marker instead. */
export function readField(fields: object, key: string): unknown {
  try {
    return (fields as Record<string, unknown>)[key];
  } catch (error) {
    return unserializableMarker(error);
  }
}

/**
 * Merges field sources into a new object, later sources winning (context < bound < call fields), each
 * value read once and guarded. Only used when a record has more than one source.
 */
export function mergeFields(target: Record<string, unknown>, source: object): void {
  let names: string[];
  try {
    names = Object.keys(source);
  } catch (error) {
    target.fields = unserializableMarker(error);
    return;
  }
  for (let i = 0; i < names.length; i++) {
    const key = names[i];
    const value = readField(source, key);
    if (isOmitted(value)) continue;
    if (key === '__proto__') {
      Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
    } else {
      target[key] = value;
    }
  }
}

/**
 * Insertion sort: records have few keys, and this allocates nothing. Past SMALL_SORT keys its quadratic
 * cost shows, and Array#sort on a copy takes over.
 */
function sortKeys(keys: string[], count: number): void {
  if (count > SMALL_SORT) {
    const sorted = keys.slice(0, count).sort();
    for (let i = 0; i < count; i++) keys[i] = sorted[i];
    return;
  }
  for (let i = 1; i < count; i++) {
    const key = keys[i];
    let j = i - 1;
    while (j >= 0 && keys[j] > key) {
      keys[j + 1] = keys[j];
      j--;
    }
    keys[j + 1] = key;
  }
}

const SMALL_SORT = 32;
