/** Values whose entries are left out, key too, as JSON.stringify leaves them out of objects. */
export function isOmitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}
