import type { Clock, WritableLike } from '../../dist/esm/index.js';

/**
 * A `{ write(string) }` destination that keeps every string it receives, so a test can count the
 * records a call produced and parse each one.
 */
export class RecordCollector implements WritableLike {
  readonly lines: string[] = [];

  write(line: string): void {
    this.lines.push(line);
  }

  /** Every line parsed as JSON: a malformed line fails the test here. */
  records(): Record<string, unknown>[] {
    return this.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  /** The only record written since the last `clear()`; fails unless there is exactly one. */
  only(): Record<string, unknown> {
    if (this.lines.length !== 1) {
      throw new Error(`expected exactly one record, got ${this.lines.length}: ${this.lines.join('')}`);
    }
    return JSON.parse(this.lines[0]) as Record<string, unknown>;
  }

  clear(): void {
    this.lines.length = 0;
  }
}

/** 2025-11-26T13:41:07.123Z: a fixed clock makes whole lines comparable byte for byte. */
export const FIXED_TIME = 1_764_164_467_123;
export const FIXED_TIME_ISO = '2025-11-26T13:41:07.123Z';
export const fixedClock: Clock = { now: () => FIXED_TIME };
