import { ALIVE, type ControlBlock, DEST_FAILING } from '../control/control-block.js';
import { LEVEL_BUCKETS } from '../layout/level-buckets.js';
import { DROPPED, FLUSHED, REPORTED, type RingMemory, WRITE } from '../layout/ring-layout.js';

/**
 * Writes a ring out from this thread up to a position, then the report of its drops, taking it over;
 * false if it could not.
 */
export type ExitTakeover = (ring: RingMemory, upTo: number, workerSilent: boolean) => boolean;

/** The rings of other threads, what each had committed and dropped when the process's exit drain began. */
export interface RingSnapshot {
  ring: RingMemory;
  upTo: number;
  /** DROPPED per level bucket: a report must carry at least these before the process ends. */
  dropped: number[];
}

/** What every ring in `rings` has committed and dropped now: the exit drain writes up to there. */
export function snapshotRings(rings: readonly RingMemory[]): RingSnapshot[] {
  return rings.map((ring) => ({
    ring,
    upTo: Atomics.load(ring.header, WRITE),
    dropped: LEVEL_BUCKETS.map((_, bucket) => Atomics.load(ring.header, DROPPED + bucket)),
  }));
}

/** The ring's records up to the snapshot are written and its drops up to it reported. */
function drained(snapshot: RingSnapshot): boolean {
  const header = snapshot.ring.header;
  if (((Atomics.load(header, FLUSHED) - snapshot.upTo) | 0) < 0) return false;
  return snapshot.dropped.every(
    (count, bucket) => ((Atomics.load(header, REPORTED + bucket) - count) | 0) >= 0,
  );
}

/**
 * The process ends: every other thread's ring is written up to its snapshot, and what it had dropped
 * by then reported, whether its thread still logs or is gone. The sink worker writes them while it
 * runs; a ring it leaves (the worker gone, or silent for `stallTimeoutMs`) is taken over and written
 * from this thread. Bounded by `giveUpAt`; true when every ring reached its snapshot (or the
 * destination fails, which the give-up counts).
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
  for (const snapshot of snapshots) {
    const { ring, upTo } = snapshot;
    const header = ring.header;
    for (;;) {
      const flushed = Atomics.load(header, FLUSHED);
      if (drained(snapshot)) break;
      if (Date.now() > giveUpAt) return false;
      if (Atomics.load(ints, DEST_FAILING) !== 0) return true;
      const gone = Atomics.load(ints, ALIVE) === 0;
      const silent = !gone && Date.now() - quietSince > stallTimeoutMs;
      if (gone || silent) {
        takeOver(ring, upTo, silent);
        if (drained(snapshot)) break;
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
