/** A record an OTLP target holds, with the size of its line (for the worker's in-flight cap). */
export interface HeldRecord<T> {
  readonly record: T;
  readonly bytes: number;
}

/**
 * Records an OTLP target holds until it sends them, oldest first: a first-in-first-out queue that takes
 * from the front in O(1) (a batch to send, or the oldest record to drop when the buffer is full).
 */
export class HeldRecords<T> {
  private items: (HeldRecord<T> | undefined)[] = [];
  private head = 0;
  /** Line bytes of every record held. */
  bytes = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  get first(): HeldRecord<T> | undefined {
    return this.items[this.head];
  }

  push(item: HeldRecord<T>): void {
    this.items.push(item);
    this.bytes += item.bytes;
  }

  /** Takes up to `count` of the oldest records out of the queue. */
  take(count: number): HeldRecord<T>[] {
    const end = this.head + Math.min(count, this.length);
    const taken = this.items.slice(this.head, end) as HeldRecord<T>[];
    for (let i = this.head; i < end; i++) {
      this.bytes -= (this.items[i] as HeldRecord<T>).bytes;
      this.items[i] = undefined;
    }
    this.head = end;
    if (this.head > COMPACT_AT && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return taken;
  }

  /** Puts records taken earlier back in front, in their order (a batch the collector did not accept). */
  putBack(items: readonly HeldRecord<T>[]): void {
    this.items = [...items, ...this.items.slice(this.head)];
    this.head = 0;
    for (const item of items) this.bytes += item.bytes;
  }
}

const COMPACT_AT = 1024;
