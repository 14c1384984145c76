import type { TargetStats } from '../layout/transport-stats.js';

/**
 * Per-target counts for `stats().targets`, in one SharedArrayBuffer: four Float64 slots a target, in
 * the order of the transport's targets. The sink worker writes them (plain stores suffice: one writer,
 * and stats() reads numbers that only settle), and its owner once it has died (countHeldAsLost); they
 * survive a worker restart, as the rest of the control block does, so each worker adds to what its
 * predecessors counted.
 */
const SLOTS = 4;
const DELIVERED = 0;
const DROPPED = 1;
const HELD = 2;
/** Of HELD, the records whose releases are written: the worker alone has them (see publish). */
const HELD_RELEASED = 3;

/** What stats() reports for one target besides its name. */
export type TargetCounts = Omit<TargetStats, 'target'>;

export function allocateTargetCounters(targets: number): SharedArrayBuffer {
  return new SharedArrayBuffer(Math.max(targets, 1) * SLOTS * Float64Array.BYTES_PER_ELEMENT);
}

export function readTargetCounts(buffer: SharedArrayBuffer, target: number): TargetCounts {
  const slots = new Float64Array(buffer, target * SLOTS * Float64Array.BYTES_PER_ELEMENT, SLOTS);
  return { recordsDelivered: slots[DELIVERED], recordsDropped: slots[DROPPED], recordsHeld: slots[HELD] };
}

/**
 * The sink worker's side for one target. A destination reports what it dropped and holds; a record
 * counts as delivered once a release that carried it is written and the destination neither dropped
 * nor holds it: delivered = taken - dropped - held, added to what earlier workers counted.
 */
export class TargetCounters {
  private readonly slots: Float64Array;
  private readonly deliveredBefore: number;
  private readonly droppedBefore: number;
  /** Records routed to this target in releases that are written (this worker). */
  taken = 0;

  constructor(buffer: SharedArrayBuffer, target: number) {
    this.slots = new Float64Array(buffer, target * SLOTS * Float64Array.BYTES_PER_ELEMENT, SLOTS);
    this.deliveredBefore = this.slots[DELIVERED];
    this.droppedBefore = this.slots[DROPPED];
  }

  /**
   * Publishes the counts from the destination's own `dropped` (cumulative) and `held` (now); `routed`:
   * the records routed to it so far, released or not.
   */
  publish(dropped: number, held: number, routed: number): void {
    const slots = this.slots;
    // A destination may count a drop before the release carrying that record is written: never below 0.
    slots[DELIVERED] = this.deliveredBefore + Math.max(0, this.taken - dropped - held);
    slots[DROPPED] = this.droppedBefore + dropped;
    slots[HELD] = held;
    // A destination holds its newest records. Those of releases still under way are in the ring yet (a
    // successor reads them again); the rest live only in this worker.
    slots[HELD_RELEASED] = Math.max(0, held - (routed - this.taken));
  }
}

/**
 * A sink worker died: what its targets held of written releases died with it. Each target's such
 * records move from held to dropped; returns the most any target lost (a record lost by several
 * targets is one record not written).
 */
export function countHeldAsLost(buffer: SharedArrayBuffer, targets: number): number {
  let mostLost = 0;
  for (let target = 0; target < targets; target++) {
    const slots = new Float64Array(buffer, target * SLOTS * Float64Array.BYTES_PER_ELEMENT, SLOTS);
    const lost = slots[HELD_RELEASED];
    slots[DROPPED] += lost;
    slots[HELD] = 0;
    slots[HELD_RELEASED] = 0;
    mostLost = Math.max(mostLost, lost);
  }
  return mostLost;
}
