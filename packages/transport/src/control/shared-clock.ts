import { type ByteClock, putFloat64Bytes } from '@sluice/core/internal';
import { CLOCK_IDLE, type ControlBlock } from './control-block.js';

/**
 * The time a producer stamps on records: during a burst, the worker refreshes a Float64 in shared
 * memory every millisecond, and reading it is a load that allocates nothing, where `Date.now()` is a
 * call that returns a heap number. Otherwise the worker does not tick (a wake-up per tick
 * costs far more than `Date.now()` per record at lower rates): the clock rests (CLOCK_IDLE) and
 * producers read `Date.now()` themselves.
 *
 * Resolution 1 ms. Only the worker says the clock is live (it clears CLOCK_IDLE when it starts ticking,
 * and sets it when it rests; the owner sets it when the worker dies). One read in every 1024 is also
 * checked against `Date.now()`: a cell more than 50 ms behind (a worker that died while this thread was
 * too busy to hear of it) is declared idle. So staleness is one tick while the worker ticks, and at
 * most 1024 records or 50 ms in the worst case.
 */
export class SharedClock implements ByteClock {
  private readonly cell: Float64Array;
  private readonly ints: Int32Array;
  private reads = 0;
  /**
   * The last time this thread read from `Date.now()` itself: the cell, written a tick ago, may be
   * behind it when the worker starts ticking again, and a thread's records never go back in time.
   */
  private floor = Number.NEGATIVE_INFINITY;
  private readonly scratch = new Float64Array(1);
  private readonly scratchBytes = new Uint8Array(this.scratch.buffer);
  private readonly scratchWords = new Int32Array(this.scratch.buffer);

  constructor(control: ControlBlock) {
    this.cell = control.clockCell;
    this.ints = control.ints;
  }

  now(): number {
    if (this.ints[CLOCK_IDLE] === 0) {
      this.reads = (this.reads + 1) & CHECK_EVERY_MASK;
      if (this.reads !== 0) return this.atLeastFloor(this.cell[0]);
      return this.checked();
    }
    return this.exact();
  }

  private atLeastFloor(ms: number): number {
    return Math.max(ms, this.floor);
  }

  /**
   * now() as 8 bytes, for deferred events. The cell is read with one 8-byte load (never byte by byte,
   * which could tear against the worker's store) and the double never leaves this function, so nothing
   * is boxed. The slow paths (every 1024th read, a resting clock) are now()'s.
   */
  writeNow(d: Uint8Array, p: number): number {
    this.readIntoScratch();
    return putFloat64Bytes(d, p, this.scratchBytes);
  }

  /** writeNow as two Int32 stores (little-endian host): the scratch double's two halves. */
  writeNowWords(w: Int32Array, i: number): void {
    this.readIntoScratch();
    w[i] = this.scratchWords[0];
    w[i + 1] = this.scratchWords[1];
  }

  private readIntoScratch(): void {
    const scratch = this.scratch;
    if (this.ints[CLOCK_IDLE] === 0 && (this.reads = (this.reads + 1) & CHECK_EVERY_MASK) !== 0) {
      scratch[0] = this.atLeastFloor(this.cell[0]);
    } else {
      scratch[0] = this.ints[CLOCK_IDLE] === 0 ? this.checked() : this.exact();
    }
  }

  /** The amortised check: the cell is trusted unless it lags real time by more than MAX_LAG_MS. */
  private checked(): number {
    const now = Date.now();
    if (now - this.cell[0] <= MAX_LAG_MS) return this.atLeastFloor(this.cell[0]);
    Atomics.store(this.ints, CLOCK_IDLE, 1);
    this.floor = now;
    return now;
  }

  /** The clock rests: exact time from this thread. */
  private exact(): number {
    const now = Date.now();
    this.floor = now;
    return now;
  }
}

const CHECK_EVERY_MASK = 1023;
const MAX_LAG_MS = 50;
