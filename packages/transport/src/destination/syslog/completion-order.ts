/**
 * Tracks writes handed to a socket and runs `flush` callbacks in the order they were asked for, each once
 * every write issued before it has completed (succeeded, or failed and been held again or dropped).
 * Sockets complete writes in the order they were issued, so two counters are enough.
 */
export class CompletionOrder {
  private issued = 0;
  private completed = 0;
  private readonly waiters: { after: number; done: () => void }[] = [];

  /** A write was handed to the socket. */
  issue(): void {
    this.issued++;
  }

  /** The oldest outstanding write completed. */
  complete(): void {
    this.completed++;
    const waiters = this.waiters;
    while (waiters.length > 0 && waiters[0].after <= this.completed) waiters.shift()?.done();
  }

  get outstanding(): number {
    return this.issued - this.completed;
  }

  /** Runs `done` once every write issued so far has completed (now, if none is outstanding). */
  whenComplete(done: () => void): void {
    if (this.waiters.length === 0 && this.completed === this.issued) {
      done();
      return;
    }
    this.waiters.push({ after: this.issued, done });
  }
}
