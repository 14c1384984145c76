import { isOmitted } from '../fields/is-omitted.js';
import { unserializableMarker } from '../value/markers.js';

// A call with no message argument (`log.info({ msg: 'x' })`): pino's JSON readers take the entry under
// the message key as the message, so every format does, and no field under that key is left to pass
// for one.

/** What became of the fields' entry under the message key; the logger picks the fields writer by it. */
export type MessageFieldUse =
  | typeof FIELDS_AS_GIVEN
  | typeof MESSAGE_FIELD_TAKEN
  | typeof MESSAGE_FIELD_RENAMED;

/** No entry under the message key to mind, or a message argument follows the fields: as they are. */
export const FIELDS_AS_GIVEN = 0;
/** The entry is the record's message: left out of the fields. */
export const MESSAGE_FIELD_TAKEN = 1;
/** The entry is no message (not a string, or a serializer or redaction applies): written renamed. */
export const MESSAGE_FIELD_RENAMED = 2;

/**
 * The message a call without one takes from its fields: their own, enumerable string under `key`, read
 * once (a getter that throws makes the message a marker); the writers then leave that entry out. Else
 * what the writers do with the entry. Nothing is taken when `takeable` is false (a serializer or
 * redaction applies to the key: the entry goes through them as a field).
 */
export function messageFieldOf(
  fields: object,
  key: string,
  takeable: boolean,
): string | typeof FIELDS_AS_GIVEN | typeof MESSAGE_FIELD_RENAMED {
  let value: unknown;
  try {
    value = (fields as Record<string, unknown>)[key];
  } catch (failure) {
    if (!isOwnEnumerable(fields, key)) return FIELDS_AS_GIVEN;
    return takeable ? unserializableMarker(failure) : MESSAGE_FIELD_RENAMED;
  }
  // The usual call: no such key, one property read.
  if (value === undefined || !isOwnEnumerable(fields, key)) return FIELDS_AS_GIVEN;
  if (typeof value === 'string' && takeable) return value;
  return isOmitted(value) ? FIELDS_AS_GIVEN : MESSAGE_FIELD_RENAMED;
}

/** What the field writers enumerate (for...in and an own-property test); a Proxy trap's throw means no. */
function isOwnEnumerable(fields: object, key: string): boolean {
  try {
    return isEnumerableOwn.call(fields, key);
  } catch {
    return false;
  }
}

const isEnumerableOwn = Object.prototype.propertyIsEnumerable;
