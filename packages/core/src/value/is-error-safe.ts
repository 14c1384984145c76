/**
 * `instanceof` throws on a revoked Proxy and on a Proxy whose getPrototypeOf trap throws: sorting what
 * a caller passed must not, so a throw means "no". The value then goes to the field writer, which
 * marks it.
 */
export function isErrorSafe(value: unknown): value is Error {
  try {
    return value instanceof Error;
  } catch {
    return false;
  }
}
