import { unserializableMarker } from '../value/markers.js';

/** A function applied to a top-level field's value before it is written (pino's `serializers`). */
export type FieldSerializer = (value: any) => unknown;

/** What a serializer returns, or a marker if it throws (a user function must not make a log call throw). */
export function applySerializer(serializer: FieldSerializer, value: unknown): unknown {
  try {
    return serializer(value);
  } catch (error) {
    return unserializableMarker(error);
  }
}
