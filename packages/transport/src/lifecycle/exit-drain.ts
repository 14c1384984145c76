import { ALIVE, type ControlBlock, DEST_FAILING } from '../control/control-block.js';
import { FLUSHED, type RingMemory, WRITE } from '../layout/ring-layout.js';

/** Writes a ring out from this thread up to a position, taking it over; false if it could not. */
export type ExitTakeover = (ring: RingMemory, upTo: number, workerSilent: boolean) => boolean;

/** The rings of other threads and what each had committed when the process's exit drain began. */
export interface RingSnapshot {
  ring: RingMemory;
  upTo: number;
}

/** What every ring in `rings` has committed now: the exit drain writes up to there. */
export function snapshotRings(rings: readonly RingMemory[]): RingSnapshot[] {
  return rings.map((ring) => ({ ring, upTo: Atomics.load(ring.header, WRITE) }));
}

/**
 * The process ends: every other thread's ring is written up to its snapshot, whether its thread still
 * logs or is gone. The sink worker writes them while it runs; a ring it leaves (the worker gone, or
 * silent for `stallTimeoutMs`) is taken over and written from this thread. Bounded by `giveUpAt`;
 * true when every ring reached its snapshot (or the destination fails, which the give-up counts).
 */
export function drainRingsAtExit(
  control: ControlBlock,
  snapshots: readonly RingSnapshot[],
  takeOver: ExitTakeover,
  stallTimeoutMs: number,
  giveUpAt: number,
): boolean {
  const ints = control.ints;
  let lastBeat = control.heartbeat();
  let quietSince = Date.now();
  for (const { ring, upTo } of snapshots) {
    const header = ring.header;
    for (;;) {
      const flushed = Atomics.load(header, FLUSHED);
      if (((flushed - upTo) | 0) >= 0) break;
      if (Date.now() > giveUpAt) return false;
      if (Atomics.load(ints, DEST_FAILING) !== 0) return true;
      const gone = Atomics.load(ints, ALIVE) === 0;
      const silent = !gone && Date.now() - quietSince > stallTimeoutMs;
      if (gone || silent) {
        takeOver(ring, upTo, silent);
        if (((Atomics.load(header, FLUSHED) - upTo) | 0) >= 0) break;
      }
      control.forceWake();
      Atomics.wait(header, FLUSHED, flushed, WAIT_SLICE_MS);
      const beat = control.heartbeat();
      if (beat !== lastBeat || Atomics.load(header, FLUSHED) !== flushed) {
        lastBeat = beat;
        quietSince = Date.now();
      }
    }
  }
  return true;
}

const WAIT_SLICE_MS = 50;
