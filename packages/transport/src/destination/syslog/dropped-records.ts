import type { DestinationEvents } from '../record-destination.js';
import { causeText, unreachableError } from '../unreachable-error.js';

/**
 * Records a syslog destination could not hold while its server was unreachable (its buffer was full).
 * Reported three ways: once per outage through `onUnreachable`, in the `total` count, and in band:
 * after the connection is back, the destination sends `notice(count)` as a warning message right after
 * the records it held, where the gap is.
 */
export class DroppedRecords {
  total = 0;
  /** Dropped since the last in-band notice. */
  private unreported = 0;
  /** Once a record is dropped, every later one is too until the connection is back: no hole in what is held. */
  dropping = false;

  constructor(
    private readonly events: DestinationEvents,
    private readonly bufferBytes: number,
    /** Why the server is unreachable (the last connection or send error), if known. */
    private readonly cause: () => Error | null,
  ) {}

  drop(count = 1): void {
    this.total += count;
    this.unreported += count;
    if (this.dropping) return;
    this.dropping = true;
    const cause = this.cause();
    this.events.onUnreachable(
      unreachableError(
        `the ${this.bufferBytes}-byte buffer for an unreachable server is full (${causeText(cause, 'no connection yet')}); ` +
          'dropping new records until the server is back',
        cause,
        'ENOBUFS',
      ),
    );
  }

  /** Records discarded where the caller reports them (close() giving up, a record after close). */
  discard(count: number): void {
    this.total += count;
  }

  /** The connection is back: returns how many records to announce in band (0: none) and starts over. */
  takeUnreported(): number {
    const count = this.unreported;
    this.unreported = 0;
    this.dropping = false;
    return count;
  }
}

/** The MSG of the in-band drop notice. */
export function dropNotice(count: number): Uint8Array {
  return Buffer.from(`sluice dropped ${count} records while the syslog server was unreachable\n`, 'utf8');
}

/** The level the notice is sent at: pino's warn (syslog warning). */
export const DROP_NOTICE_LEVEL = 40;
