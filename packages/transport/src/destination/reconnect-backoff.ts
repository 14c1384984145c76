/**
 * Delays between connection attempts: 50 ms doubling to 2 s (the same curve as the file writer's
 * retries), so a server that is down costs a few attempts a second at most, never a busy loop, and one
 * that comes back is reached within 2 s.
 */
export class ReconnectBackoff {
  private delayMs = MIN_DELAY_MS;

  next(): number {
    const delay = this.delayMs;
    this.delayMs = Math.min(delay * 2, MAX_DELAY_MS);
    return delay;
  }

  reset(): void {
    this.delayMs = MIN_DELAY_MS;
  }
}

const MIN_DELAY_MS = 50;
const MAX_DELAY_MS = 2000;
