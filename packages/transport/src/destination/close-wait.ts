import { causeText, unreachableError } from './unreachable-error.js';

/**
 * close() with the server unreachable: the destination keeps trying to reach it for `closeTimeoutMs`
 * (syslog options), then gives up on what it still holds. One timer, started once per close. (At
 * exit there is no waiting: see `exitGiveUpError`.)
 */
export class CloseWait {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private started = false;
  /** The wait ran out: nothing more is tried. */
  givenUp = false;

  constructor(private readonly timeoutMs: number) {}

  /** Starts the wait (once); `giveUp` runs when it runs out before `end()`. */
  start(giveUp: () => void): void {
    if (this.started) return;
    this.started = true;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.givenUp = true;
      giveUp();
    }, this.timeoutMs);
  }

  end(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** The one report of what close() gave up: count, bound and cause (the reporter adds the target). */
  giveUpError(records: number, cause: Error | null): Error {
    return unreachableError(
      `close() gave up on ${records} records held for the server after waiting ${this.timeoutMs} ms for it: ${causeText(cause, 'not reachable')}`,
      cause,
      'ETIMEDOUT',
    );
  }
}

/**
 * The report of records a destination held for its server when the process exits without close(): the
 * exit cannot wait for a reconnect, so they are dropped, counted and reported at once.
 */
export function exitGiveUpError(records: number, cause: Error | null): Error {
  return unreachableError(
    `the process exits: dropped ${records} records held for the server: ${causeText(cause, 'not reachable')}`,
    cause,
    'ETIMEDOUT',
  );
}
