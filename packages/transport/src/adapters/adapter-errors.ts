import { SluiceError } from '@sluice/core';

/** What a write after `end()` reports (as an `error` event or a process warning, never a throw). */
export function closedError(adapter: string): SluiceError {
  return new SluiceError('ERR_SLUICE_CLOSED', `${adapter}: write after end; the line was not logged.`);
}

/** A rejection reason as an Error, for callbacks and `error` events. */
export function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}
