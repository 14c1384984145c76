/**
 * What `onError` receives when a target's writes fail: `code` is the system error (`'EPIPE'`,
 * `'ENOSPC'`, ...), `target` names the target (`'stdout'`, `'file "/var/log/app.log"'`), and `final`
 * says it is gone for good (a closed pipe, a bad descriptor): its records are dropped and counted in
 * `stats().destinationDropped` from then on. A failure that is not final is retried with backoff.
 */
export interface DestinationError extends Error {
  readonly code: string;
  readonly target: string;
  readonly final: boolean;
}

export function destinationError(
  code: string,
  message: string,
  target: string,
  final: boolean,
): DestinationError {
  return Object.assign(new Error(message), { code, target, final });
}
