import { isOmitted, unserializableMarker } from '@sluice/core/internal';

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
