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
