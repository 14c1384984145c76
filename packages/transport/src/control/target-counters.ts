import type { TargetStats } from '../layout/transport-stats.js';

/**
 * Per-target counts for `stats().targets`, in one SharedArrayBuffer: three Float64 slots a target, in
 * the order of the transport's targets. Only the sink worker writes them (plain stores suffice: one
 * writer, and stats() reads numbers that only settle); they survive a worker restart, as the rest of
 * the control block does, so each worker adds to what its predecessors counted.
 */
const SLOTS = 3;
const DELIVERED = 0;
const DROPPED = 1;
const HELD = 2;

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

  /** Publishes the counts from the destination's own `dropped` (cumulative) and `held` (now). */
  publish(dropped: number, held: number): void {
    const slots = this.slots;
    // A destination may count a drop before the release carrying that record is written: never below 0.
    slots[DELIVERED] = this.deliveredBefore + Math.max(0, this.taken - dropped - held);
    slots[DROPPED] = this.droppedBefore + dropped;
    slots[HELD] = held;
  }
}
